// Runs public/firmware/motion_forwarder/motion_forwarder.ino on the host, against the stand-ins in
// tests/firmware/host/ (simulated micros(), a captured Serial, a scripted IMU).
// Build (once per board revision):
//   g++ -std=c++17 -Wall -Wextra -Werror -Itests/firmware/host -DBOARD_REV=1 tests/firmware/sketch_test.cpp -o sketch_rev1
// Run: ./sketch_rev1            -> every scenario, each in its own process (fresh sketch state);
//                                  last line "sketch rev N: K checks passed, M failed"; exit 0 if none failed
//      ./sketch_rev1 --dump NAME [FROM_US TO_US]
//                               -> the bytes the sketch wrote in scenario NAME (only the writes that
//                                  started in [FROM_US, TO_US) of simulated time, if given), nothing else
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "../../public/firmware/motion_forwarder/motion_forwarder.ino"
#include "check.h"

namespace host {
uint64_t now_us = 0;
uint64_t write_cost_us = 0;
}  // namespace host
HostSerial Serial;
FakeImu IMU;

namespace {

constexpr uint64_t kSecond = 1000000;

#if BOARD_REV == 1
const char kExpectedLibrary[] = "Arduino_LSM9DS1";
const char kExpectedInitErr[] =
    "ERR: no se pudo iniciar el acelerómetro LSM9DS1 (BOARD_REV 1). Si tu placa es la Rev2, pon "
    "BOARD_REV 2 en el sketch y vuelve a subirlo.\n";
const char kExpectedReadErr[] = "ERR: no se pudo leer el acelerómetro LSM9DS1; se salta esta lectura.\n";
#else
const char kExpectedLibrary[] = "Arduino_BMI270_BMM150";
const char kExpectedInitErr[] =
    "ERR: no se pudo iniciar el acelerómetro BMI270 (BOARD_REV 2). Si tu placa es la Rev1, pon "
    "BOARD_REV 1 en el sketch y vuelve a subirlo.\n";
const char kExpectedReadErr[] = "ERR: no se pudo leer el acelerómetro BMI270; se salta esta lectura.\n";
#endif
const char kExpectedRangeErr[] = "ERR: lectura del acelerómetro no numérica o fuera de rango; se salta.\n";

// Power on at `start_us`, then call loop() every `step_us` of simulated time (plus whatever the
// sketch itself spends in IMU reads and Serial writes) until `seconds` have passed. `each` runs
// before every loop() with the current time since power-on, to script the IMU.
template <typename F>
void run(uint64_t start_us, double seconds, uint64_t step_us, F each) {
  host::now_us = start_us;
  setup();
  const uint64_t end = start_us + static_cast<uint64_t>(seconds * kSecond);
  while (host::now_us < end) {
    host::now_us += step_us;
    each(host::now_us - start_us);
    const size_t before = Serial.writes_.size();
    loop();
    // At most one line per loop(): never a burst.
    if (Serial.writes_.size() > before + 1) CHECK(!"more than one write in a single loop()");
  }
}
void run(uint64_t start_us, double seconds, uint64_t step_us) {
  run(start_us, seconds, step_us, [](uint64_t) {});
}

bool is_data(const std::string& s) { return s.compare(0, 3, "ERR") != 0; }

size_t count_equal(const std::string& bytes) {
  size_t n = 0;
  for (const auto& w : Serial.writes_) n += w.bytes == bytes ? 1 : 0;
  return n;
}

// Intervals between consecutive data lines, µs.
std::vector<uint64_t> data_intervals() {
  std::vector<uint64_t> out;
  const host::Write* prev = nullptr;
  for (const auto& w : Serial.writes_) {
    if (!is_data(w.bytes)) continue;
    if (prev != nullptr) out.push_back(w.at_us - prev->at_us);
    prev = &w;
  }
  return out;
}

// --- scenarios -------------------------------------------------------------------------------

void scenario_normal(uint64_t start_us) {
  IMU.gx = 0.01f;
  IMU.gy = -0.5f;
  IMU.gz = 1.0f;
  run(start_us, 10.0, 100);
  CHECK(Serial.begun_);
  CHECK_EQ_U(Serial.baud_, 115200);
  CHECK_EQ_U(IMU.begin_calls, 1);
  const size_t lines = count_equal("0.10,-4.90,9.81\n");
  CHECK_EQ_U(lines, Serial.writes_.size());  // nothing but data lines
  CHECK(lines >= 999 && lines <= 1001);       // 100 Hz for 10 s
  const auto iv = data_intervals();
  bool steady = !iv.empty();
  uint64_t total = 0;
  for (uint64_t d : iv) {
    steady = steady && d >= 9900 && d <= 10100;  // the 10 ms grid, ± one 100 µs loop step
    total += d;
  }
  CHECK(steady);
  if (!iv.empty()) CHECK(std::fabs(static_cast<double>(total) / iv.size() - 10000.0) < 1.0);
}

void scenario_init_fails() {
  IMU.begin_failures_left = -1;
  run(0, 10.5, 100);
  CHECK_EQ_U(count_equal(kExpectedInitErr), 11);  // at 0, 1, …, 10 s: once per second
  CHECK_EQ_U(Serial.writes_.size(), 11);          // and nothing else
  CHECK_EQ_U(IMU.begin_calls, 11);                // it keeps trying
  CHECK_EQ_U(IMU.read_calls, 0);
  bool one_per_second = true;
  for (size_t i = 1; i < Serial.writes_.size(); i++) {
    const uint64_t d = Serial.writes_[i].at_us - Serial.writes_[i - 1].at_us;
    one_per_second = one_per_second && d >= kSecond && d <= kSecond + 100;
  }
  CHECK(one_per_second);
}

void scenario_init_recovers() {
  IMU.begin_failures_left = 2;
  run(0, 5.0, 100);
  CHECK_EQ_U(count_equal(kExpectedInitErr), 2);
  CHECK_EQ_U(IMU.begin_calls, 3);
  CHECK(Serial.writes_.size() >= 3 && Serial.writes_[2].at_us >= 2 * kSecond);
  const size_t data = Serial.writes_.size() - 2;
  CHECK(data >= 299 && data <= 301);  // from 2 s to 5 s at 100 Hz
}

void scenario_read_fails() {
  IMU.gx = 0;
  IMU.gy = 0;
  IMU.gz = 1;
  run(0, 10.0, 100, [](uint64_t t) { IMU.read_ok = !(t >= 3 * kSecond && t < 5500000); });
  CHECK_EQ_U(count_equal(kExpectedReadErr), 3);  // at about 3, 4 and 5 s
  const size_t data = count_equal("0.00,0.00,9.81\n");
  CHECK_EQ_U(data + 3, Serial.writes_.size());   // no NaN or half lines in between
  CHECK(data >= 749 && data <= 751);             // 10 s minus the 2.5 s without readings
}

void scenario_bad_values() {
  run(0, 2.0, 100, [](uint64_t t) {
    IMU.gx = (t >= kSecond / 2 && t < kSecond) ? std::numeric_limits<float>::quiet_NaN() : 0.0f;
    IMU.gz = (t >= 1500000) ? std::numeric_limits<float>::infinity() : 1.0f;
  });
  CHECK_EQ_U(count_equal(kExpectedRangeErr), 2);  // NaN at 0.5 s, Inf at 1.5 s (1 s apart)
  const size_t data = count_equal("0.00,0.00,9.81\n");
  CHECK_EQ_U(data + 2, Serial.writes_.size());
  CHECK(data >= 99 && data <= 101);  // 0–0.5 s and 1–1.5 s
}

// The host reads slowly: each write blocks for 25 ms. The sketch keeps to one line per loop,
// skips the ticks it missed and never sends two lines closer than the period.
void scenario_slow_host() {
  host::write_cost_us = 25000;
  run(0, 10.0, 100);
  const auto iv = data_intervals();
  bool no_burst = !iv.empty();
  for (uint64_t d : iv) no_burst = no_burst && d >= 9900;
  CHECK(no_burst);
  CHECK(Serial.writes_.size() >= 350 && Serial.writes_.size() <= 400);
  CHECK(scheduler.skipped() > 500);
}

// One read stalls for 95 ms at 3 s (an I2C hiccup); afterwards loop() runs fast again. The
// missed ticks are skipped, not sent in a quick burst to catch up: the stalled line (tick 3.00 s)
// leaves at 3.095 s, the tick of 3.09 s right after it, then 3.10 and 3.11 s on the grid again:
// no 20 ms span holds more than 4 lines (a catch-up burst puts 12 there).
void scenario_one_stall() {
  static bool stalled = false;
  run(0, 10.0, 100, [](uint64_t t) {
    IMU.read_cost_us = 600;
    if (t >= 3 * kSecond && !stalled) {
      stalled = true;
      IMU.read_cost_us = 95000;
    }
  });
  size_t densest = 0;
  const auto& w = Serial.writes_;
  for (size_t i = 0, j = 0; j < w.size(); j++) {
    while (w[j].at_us - w[i].at_us >= 20000) i++;
    densest = std::max(densest, j - i + 1);
  }
  CHECK_EQ_U(densest, 4);
  CHECK_EQ_U(scheduler.skipped(), 8);  // ticks 3.01 … 3.08 s
  const size_t data = count_equal("0.00,0.00,9.81\n");
  CHECK_EQ_U(data, Serial.writes_.size());
  CHECK(data >= 991 && data <= 993);
}

void dump(uint64_t from_us, uint64_t to_us) {
  for (const auto& w : Serial.writes_) {
    if (w.at_us >= from_us && w.at_us < to_us) std::fwrite(w.bytes.data(), 1, w.bytes.size(), stdout);
  }
}

struct Scenario {
  const char* name;
  void (*fn)();
};
const Scenario kScenarios[] = {
    {"normal", [] { scenario_normal(0); }},
    // Power on 2 s before micros() wraps (after 2^32 µs ≈ 71.6 min): nothing changes.
    {"wrap", [] { scenario_normal(0x100000000ull - 2 * kSecond); }},
    {"init-fails", scenario_init_fails},
    {"init-recovers", scenario_init_recovers},
    {"read-fails", scenario_read_fails},
    {"bad-values", scenario_bad_values},
    {"slow-host", scenario_slow_host},
    {"one-stall", scenario_one_stall},
};

}  // namespace

int main(int argc, char** argv) {
  if (argc > 2 && std::strcmp(argv[1], "--dump") == 0) {
    for (const auto& s : kScenarios) {
      if (std::strcmp(s.name, argv[2]) != 0) continue;
      const uint64_t from = argc > 4 ? std::strtoull(argv[3], nullptr, 10) : 0;
      const uint64_t to = argc > 4 ? std::strtoull(argv[4], nullptr, 10) : UINT64_MAX;
      s.fn();
      dump(from, to);
      return 0;
    }
    std::fprintf(stderr, "unknown scenario %s\n", argv[2]);
    return 2;
  }
  CHECK_EQ_STR(HOST_IMU_LIBRARY, kExpectedLibrary);
  // Each scenario in a child process, so every one starts from a freshly booted sketch.
  for (const auto& s : kScenarios) {
    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
      check::passed() = 0;
      check::failed() = 0;
      s.fn();
      std::printf("%s: %d passed, %d failed\n", s.name, check::passed(), check::failed());
      std::fflush(stdout);
      _exit(check::failed() == 0 ? 0 : 1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    check::record(WIFEXITED(status) && WEXITSTATUS(status) == 0, __FILE__, __LINE__,
                  std::string("scenario ") + s.name);
  }
  const std::string name = "sketch rev " + std::to_string(BOARD_REV);
  return check::summary(name.c_str());
}
