// Host stand-in for the Arduino_BMI270_BMM150 library (Nano 33 BLE Sense Rev2).
#ifndef HOST_ARDUINO_BMI270_BMM150_H
#define HOST_ARDUINO_BMI270_BMM150_H
#include "fake_imu.h"
#define HOST_IMU_LIBRARY "Arduino_BMI270_BMM150"
#endif
