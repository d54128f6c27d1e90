// Host tests for the clock of public/firmware/motion_forwarder/forwarder_core.h: the 100 Hz
// FixedRateScheduler on a 32-bit micros() (wrap after 2^32 µs ≈ 71.6 min, late loops never
// burst) and the one-per-second Throttle, on simulated micros() sequences.
// Build: g++ -std=c++17 -Wall -Wextra -Werror tests/firmware/scheduler_test.cpp -o scheduler_test
// Run: ./scheduler_test -> last line "scheduler: N checks passed, M failed"; exit 0 if none failed
#include <cstdint>
#include <cstdio>
#include <vector>

#include "../../public/firmware/motion_forwarder/forwarder_core.h"
#include "check.h"

using motion_fw::FixedRateScheduler;
using motion_fw::Throttle;

namespace {

// Deterministic 32-bit LCG (Numerical Recipes constants) for the property test.
struct Lcg {
  uint32_t s;
  uint32_t next() { return s = s * 1664525u + 1013904223u; }
};

void test_scheduler_regular() {
  FixedRateScheduler s(10000);
  CHECK(!s.poll(0));  // not started
  s.start(0);
  std::vector<uint32_t> sent;
  for (uint32_t t = 0; t < 10000000; t += 1000) {
    if (s.poll(t)) sent.push_back(t);
  }
  CHECK_EQ_U(sent.size(), 1000);
  bool grid = true;
  for (size_t i = 0; i < sent.size(); i++) grid = grid && sent[i] == i * 10000u;
  CHECK(grid);
  CHECK_EQ_U(s.skipped(), 0);
  // Exactly at the tick vs one microsecond before.
  FixedRateScheduler e(10000);
  e.start(500);
  CHECK(e.poll(500));
  CHECK(!e.poll(10499));
  CHECK(e.poll(10500));
}

void test_scheduler_uneven_loop() {
  // A loop every 3 ms: each tick is sent once, at the first poll after it.
  FixedRateScheduler s(10000);
  s.start(0);
  int count = 0;
  for (uint32_t t = 0; t < 1000000; t += 3000) count += s.poll(t) ? 1 : 0;
  CHECK_EQ_U(count, 100);
  CHECK_EQ_U(s.skipped(), 0);
}

void test_scheduler_late_no_burst() {
  FixedRateScheduler s(10000);
  s.start(0);
  CHECK(s.poll(0));
  // The loop stalls for 35 ms: one sample (tick 30 ms, sent 5 ms late); ticks 10 and 20 ms skipped.
  CHECK(s.poll(35000));
  CHECK_EQ_U(s.skipped(), 2);
  CHECK_EQ_U(s.next_due_us(), 40000);
  int burst = 0;
  for (uint32_t t = 35000; t < 40000; t++) burst += s.poll(t) ? 1 : 0;
  CHECK_EQ_U(burst, 0);
  CHECK(s.poll(40000));
  // Late by less than a period: still sent once, and the grid is kept.
  CHECK(s.poll(59999));  // tick 50 ms, 9.999 ms late
  CHECK_EQ_U(s.next_due_us(), 60000);
  CHECK(s.poll(60000));
  CHECK_EQ_U(s.skipped(), 2);
  // A 40-minute stall (more than 2^31 µs): one sample, then back on the grid.
  const uint32_t t0 = 60000u + 2400000000u + 1234u;
  CHECK(s.poll(t0));
  CHECK(!s.poll(t0));
  CHECK_EQ_U(s.next_due_us(), 60000u + 2400000000u + 10000u);
  CHECK_EQ_U(s.skipped(), 2u + 239999u);  // next was 70 ms; (t0 - 70 ms) / 10 ms = 239 999.1
}

void test_scheduler_wraps() {
  // Start 25 ms before micros() wraps to 0.
  const uint32_t start = 0xFFFFFFFFu - 25000u;
  FixedRateScheduler s(10000);
  s.start(start);
  std::vector<uint32_t> sent;
  for (uint32_t k = 0; k < 1000; k++) {
    const uint32_t t = start + k * 1000u;  // wraps naturally
    if (s.poll(t)) sent.push_back(t);
  }
  CHECK_EQ_U(sent.size(), 100);
  bool ten_ms = true;
  for (size_t i = 1; i < sent.size(); i++) ten_ms = ten_ms && static_cast<uint32_t>(sent[i] - sent[i - 1]) == 10000u;
  CHECK(ten_ms);
  CHECK_EQ_U(s.skipped(), 0);
  // 72 minutes of a 1 ms loop from t = 0: past the 2^32 µs (71.58 min) wrap, 100 Hz throughout.
  FixedRateScheduler l(10000);
  l.start(0);
  uint64_t count = 0;
  uint32_t last = 0;
  bool steady = true;
  for (uint64_t T = 0; T < 72ull * 60ull * 1000000ull; T += 1000) {
    const uint32_t t = static_cast<uint32_t>(T);
    if (l.poll(t)) {
      if (count > 0) steady = steady && static_cast<uint32_t>(t - last) == 10000u;
      last = t;
      count++;
    }
  }
  CHECK_EQ_U(count, 432000);
  CHECK(steady);
  CHECK_EQ_U(l.skipped(), 0);
}

// Property test against a 64-bit model: a jittery loop (0–30 ms between polls, sometimes a
// 0.1–2 s stall), crossing the 32-bit wrap. Every true sends the latest grid tick <= now, ticks
// strictly increase, the gaps add up to skipped(), and after a true the next tick is in (now, now + period].
void test_scheduler_model() {
  const uint32_t period = 10000;
  const uint64_t T0 = 0xFFFFFFFFull - 3000000ull;  // 3 s before the wrap
  FixedRateScheduler s(period);
  s.start(static_cast<uint32_t>(T0));
  Lcg rng{7u};
  uint64_t T = T0;
  int64_t prev_k = -1;
  uint64_t gaps = 0;
  uint64_t sent = 0;
  bool ok = true;
  for (int i = 0; i < 200000; i++) {
    const uint32_t r = rng.next();
    T += (r % 100 == 0) ? 100000 + (r >> 8) % 1900000 : (r >> 8) % 30001;
    const uint32_t now = static_cast<uint32_t>(T);
    if (!s.poll(now)) continue;
    const int64_t k = static_cast<int64_t>((T - T0) / period);
    ok = ok && k > prev_k;
    gaps += static_cast<uint64_t>(k - prev_k - 1);
    prev_k = k;
    sent++;
    const uint32_t ahead = s.next_due_us() - now;
    ok = ok && ahead > 0 && ahead <= period;
    ok = ok && s.next_due_us() == static_cast<uint32_t>(T0 + static_cast<uint64_t>(k + 1) * period);
    ok = ok && !s.poll(now);  // never twice at the same instant
  }
  CHECK(ok);
  CHECK(T - T0 > 0x100000000ull || T > 0xFFFFFFFFull);  // crossed the wrap
  CHECK_EQ_U(gaps, s.skipped());
  CHECK(sent > 100000);
}

void test_throttle() {
  Throttle th(1000000);
  CHECK(th.ready(5));
  CHECK(!th.ready(6));
  CHECK(!th.ready(1000004));
  CHECK(th.ready(1000005));
  th.reset();
  CHECK(th.ready(1000006));
  // Across the wrap.
  Throttle w(1000000);
  CHECK(w.ready(0xFFFFFFFFu - 100u));
  CHECK(!w.ready(999000u));          // 999 101 µs later
  CHECK(w.ready(999899u));           // exactly 1 s later
}

}  // namespace

int main() {
  test_scheduler_regular();
  test_scheduler_uneven_loop();
  test_scheduler_late_no_burst();
  test_scheduler_wraps();
  test_scheduler_model();
  test_throttle();
  return check::summary("scheduler");
}
