// Host stand-in for the Arduino_LSM9DS1 library (Nano 33 BLE Sense Rev1).
#ifndef HOST_ARDUINO_LSM9DS1_H
#define HOST_ARDUINO_LSM9DS1_H
#include "fake_imu.h"
#define HOST_IMU_LIBRARY "Arduino_LSM9DS1"
#endif
