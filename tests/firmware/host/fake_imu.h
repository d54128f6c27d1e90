// Host stand-in for the IMU object of Arduino_LSM9DS1 / Arduino_BMI270_BMM150: the same calls
// with the same signatures (begin() -> int, readAcceleration(float&, float&, float&) -> int,
// values in g), driven by the test.
#ifndef HOST_FAKE_IMU_H
#define HOST_FAKE_IMU_H

#include <cstdint>

#include "Arduino.h"

class FakeImu {
 public:
  int begin() {
    begin_calls++;
    if (begin_failures_left != 0) {
      if (begin_failures_left > 0) begin_failures_left--;
      return 0;
    }
    return 1;
  }
  void end() {}
  int readAcceleration(float& x, float& y, float& z) {
    read_calls++;
    host::now_us += read_cost_us;
    x = gx;
    y = gy;
    z = gz;
    return read_ok ? 1 : 0;
  }
  int accelerationAvailable() { return 1; }
  float accelerationSampleRate() { return 100.0f; }

  // Test controls.
  int begin_failures_left = 0;   // -1: never starts
  bool read_ok = true;
  float gx = 0, gy = 0, gz = 1;  // g
  uint64_t read_cost_us = 600;   // an I2C read of 6 bytes takes roughly this long
  int begin_calls = 0;
  int read_calls = 0;
};

extern FakeImu IMU;

#endif  // HOST_FAKE_IMU_H
