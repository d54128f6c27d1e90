// Host stand-in for <Arduino.h>: just what motion_forwarder.ino uses, so the sketch compiles and
// runs on a PC under tests/firmware/sketch_test.cpp. Time is simulated: the test sets
// host::now_us (64-bit) and micros() returns it modulo 2^32, as the 32-bit counter on the board does.
// Serial has begin() and write() only: a sketch that prints any other way fails to compile here.
#ifndef HOST_ARDUINO_H
#define HOST_ARDUINO_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace host {
extern uint64_t now_us;            // simulated time since power-on, µs
extern uint64_t write_cost_us;     // how long each Serial.write blocks (a slow or stuck host)
struct Write {
  uint64_t at_us;                  // simulated time when the write started
  std::string bytes;
};
}  // namespace host

inline unsigned long micros() { return static_cast<unsigned long>(static_cast<uint32_t>(host::now_us)); }
inline unsigned long millis() { return static_cast<unsigned long>(static_cast<uint32_t>(host::now_us / 1000)); }

class HostSerial {
 public:
  void begin(unsigned long baud) {
    baud_ = baud;
    begun_ = true;
  }
  size_t write(const uint8_t* data, size_t n) {
    writes_.push_back({host::now_us, std::string(reinterpret_cast<const char*>(data), n)});
    host::now_us += host::write_cost_us;
    return n;
  }
  explicit operator bool() const { return true; }

  unsigned long baud_ = 0;
  bool begun_ = false;
  std::vector<host::Write> writes_;
};

extern HostSerial Serial;

#endif  // HOST_ARDUINO_H
