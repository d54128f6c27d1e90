// Host tests for public/firmware/motion_forwarder/forwarder_core.h (plain C++, no Arduino):
// g -> m/s², line formatting, ERR lines. The clock is in scheduler_test.cpp.
// Build: g++ -std=c++17 -Wall -Wextra -Werror tests/firmware/core_test.cpp -o core_test
// Run: ./core_test            -> checks; last line "core: N checks passed, M failed"; exit 0 if none failed
//      ./core_test --emit     -> prints sample data-forwarder lines and ERR lines, one per line
//      ./core_test --random N -> N lines "<float as %.17g> <format with 2 decimals>" (seeded), to
//                                compare with JavaScript's toFixed(2) on the same exact value
#include <clocale>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "../../public/firmware/motion_forwarder/forwarder_core.h"
#include "check.h"

namespace {

std::string line3(float a, float b, float c, unsigned decimals = 2) {
  char buf[motion_fw::kLineCapacity];
  const float v[3] = {a, b, c};
  const size_t n = motion_fw::format_line(buf, sizeof(buf), v, 3, decimals);
  if (n == 0) return std::string("<fail>") + buf;  // buf must be "" on failure
  if (std::strlen(buf) != n) return "<length mismatch>";
  return std::string(buf, n);
}

std::string one(float v, unsigned decimals = 2) {
  char buf[motion_fw::kLineCapacity];
  const size_t n = motion_fw::format_line(buf, sizeof(buf), &v, 1, decimals);
  if (n == 0) return std::string("<fail>") + buf;
  return std::string(buf, n - 1);  // without '\n'
}

std::string err(const char* msg, size_t cap = 160) {
  std::vector<char> buf(cap + 1, 'X');
  const size_t n = motion_fw::format_err(buf.data(), cap, msg);
  if (n == 0) return "<fail>";
  if (buf[n] != '\0') return "<no NUL>";
  return std::string(buf.data(), n);
}

// Deterministic 32-bit LCG (Numerical Recipes constants) for property tests.
struct Lcg {
  uint32_t s;
  uint32_t next() { return s = s * 1664525u + 1013904223u; }
};

void test_scaling() {
  CHECK(motion_fw::kStandardGravity == 9.80665f);
  CHECK(motion_fw::g_to_ms2(1.0f) == 9.80665f);
  CHECK(motion_fw::g_to_ms2(-2.0f) == -19.6133f);
  CHECK(motion_fw::g_to_ms2(0.0f) == 0.0f);
  CHECK_EQ_STR(line3(motion_fw::g_to_ms2(1), motion_fw::g_to_ms2(-1), motion_fw::g_to_ms2(0.5f)),
               "9.81,-9.81,4.90\n");
  CHECK_EQ_STR(line3(motion_fw::g_to_ms2(4), motion_fw::g_to_ms2(-4), motion_fw::g_to_ms2(16)),
               "39.23,-39.23,156.91\n");
  CHECK_EQ_STR(line3(motion_fw::g_to_ms2(0.01f), motion_fw::g_to_ms2(-0.5f), motion_fw::g_to_ms2(2)),
               "0.10,-4.90,19.61\n");
}

void test_format_exact_bytes() {
  CHECK_EQ_STR(line3(0, 0, 0), "0.00,0.00,0.00\n");
  CHECK_EQ_STR(line3(-0.12f, -6.2f, 7.9f), "-0.12,-6.20,7.90\n");
  CHECK_EQ_STR(line3(-0.0f, 12.0f, -100.0f), "0.00,12.00,-100.00\n");
  // Negative numbers between -1 and 0 keep their sign and the leading zero.
  CHECK_EQ_STR(one(-0.5f), "-0.50");
  CHECK_EQ_STR(one(-0.01f), "-0.01");
  // Rounding: half away from zero on the exact binary value of the float.
  CHECK_EQ_STR(one(0.004f), "0.00");
  CHECK_EQ_STR(one(-0.004f), "0.00");  // never "-0.00"
  CHECK_EQ_STR(one(-0.005f), "0.00");  // -0.004999999888…
  CHECK_EQ_STR(one(0.006f), "0.01");
  CHECK_EQ_STR(one(-0.006f), "-0.01");
  CHECK_EQ_STR(one(0.125f), "0.13");   // exact tie
  CHECK_EQ_STR(one(-0.125f), "-0.13");
  CHECK_EQ_STR(one(0.375f), "0.38");
  CHECK_EQ_STR(one(2.675f), "2.67");   // 2.6749999523…
  CHECK_EQ_STR(one(1.005f), "1.00");   // 1.0049999952…
  CHECK_EQ_STR(one(0.015f), "0.01");   // 0.0149999996…
  CHECK_EQ_STR(one(9.995f), "9.99");   // 9.9949998855…
  CHECK_EQ_STR(one(9.996f), "10.00");  // carry into a new digit
  CHECK_EQ_STR(one(-0.995f), "-1.00"); // -0.9950000047…
  CHECK_EQ_STR(one(1e-30f), "0.00");
  CHECK_EQ_STR(one(-1e-30f), "0.00");
  CHECK_EQ_STR(one(999999.9f), "999999.88");  // 999999.875, the float nearest 999999.9
  // Other decimal counts.
  CHECK_EQ_STR(one(1.2345f, 3), "1.235");  // 1.2345000505…
  CHECK_EQ_STR(one(2.5f, 0), "3");
  CHECK_EQ_STR(one(-2.5f, 0), "-3");
  CHECK_EQ_STR(one(0.4f, 0), "0");
  CHECK_EQ_STR(one(-0.4f, 0), "0");
  CHECK_EQ_STR(one(0.05f, 1), "0.1");  // 0.0500000007…
  CHECK_EQ_STR(one(1.0f, 4), "<fail>");  // more than kMaxDecimals is refused
  // Tab/space-free, comma-separated, exactly one '\n' at the end.
  const std::string l = line3(1.5f, -2.25f, 3.125f);
  CHECK_EQ_STR(l, "1.50,-2.25,3.13\n");
  CHECK(l.find('\r') == std::string::npos && l.find(' ') == std::string::npos);
}

void test_format_refusals_and_capacity() {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  CHECK_EQ_STR(line3(nan, 0, 0), "<fail>");
  CHECK_EQ_STR(line3(0, inf, 0), "<fail>");
  CHECK_EQ_STR(line3(0, 0, -inf), "<fail>");
  CHECK_EQ_STR(one(1e6f), "<fail>");
  CHECK_EQ_STR(one(-1e6f), "<fail>");
  // The longest accepted line fits the sketch's buffer.
  CHECK_EQ_STR(line3(-999999.9f, -999999.9f, -999999.9f), "-999999.88,-999999.88,-999999.88\n");
  CHECK_EQ_STR(line3(-999999.9f, -999999.9f, -999999.9f, 3), "-999999.875,-999999.875,-999999.875\n");
  // Capacity: "0.00,0.00,0.00\n" is 15 bytes and needs 16 with the NUL.
  const float zeros[3] = {0, 0, 0};
  for (size_t cap = 1; cap <= 16; cap++) {
    std::vector<char> buf(cap, 'X');
    const size_t n = motion_fw::format_line(buf.data(), cap, zeros, 3, 2);
    if (cap < 16) {
      CHECK(n == 0 && buf[0] == '\0');
    } else {
      CHECK(n == 15 && std::string(buf.data()) == "0.00,0.00,0.00\n");
    }
  }
  char b[4] = {'X', 'X', 'X', 'X'};
  CHECK(motion_fw::format_line(b, 0, zeros, 3, 2) == 0 && b[0] == 'X');  // cap 0: untouched
  CHECK(motion_fw::format_line(b, sizeof(b), zeros, 0, 2) == 0 && b[0] == '\0');
}

// Against the C library in the "C" locale (round-half-even on the exact value, which only
// differs from ours on exact ties, skipped here), for 200 000 pseudo-random floats in ±200.
void test_format_matches_printf() {
  std::setlocale(LC_NUMERIC, "C");
  Lcg rng{12345u};
  int mismatches = 0;
  int compared = 0;
  for (int i = 0; i < 200000; i++) {
    const float v = static_cast<float>((static_cast<double>(rng.next()) / 4294967296.0 - 0.5) * 400.0);
    const double scaled = static_cast<double>(v) * 100.0;  // exact for a float
    if (scaled - std::floor(scaled) == 0.5) continue;
    char ref[32];
    std::snprintf(ref, sizeof(ref), "%.2f", static_cast<double>(v));
    std::string expected(ref);
    if (expected == "-0.00") expected = "0.00";
    compared++;
    if (one(v) != expected && mismatches++ < 5) {
      std::printf("mismatch: %.9g -> %s, printf %s\n", static_cast<double>(v), one(v).c_str(), ref);
    }
  }
  CHECK(compared > 199000);
  CHECK_EQ_U(mismatches, 0);
}

// A locale whose decimal separator is ',' must not change the output.
void test_locale_independent() {
  const char* names[] = {"es_ES.UTF-8", "es_ES.utf8", "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "C.UTF-8"};
  const char* active = nullptr;
  for (const char* n : names) {
    if (std::setlocale(LC_ALL, n) != nullptr) {
      char probe[16];
      std::snprintf(probe, sizeof(probe), "%.2f", 1.5);
      if (std::strcmp(probe, "1,50") == 0) { active = n; break; }
    }
  }
  std::printf("locale: %s\n", active ? active : "no comma-decimal locale installed (checked in C locale only)");
  CHECK_EQ_STR(line3(-0.12f, -6.2f, 7.9f), "-0.12,-6.20,7.90\n");
  CHECK_EQ_STR(one(1.5f), "1.50");
  std::setlocale(LC_ALL, "C");
}

void test_err() {
  CHECK_EQ_STR(err("sensor"), "ERR: sensor\n");
  CHECK_EQ_STR(err(""), "ERR: \n");
  CHECK_EQ_STR(err(nullptr), "ERR: \n");
  CHECK_EQ_STR(err("a\r\nb\tc"), "ERR: a  b c\n");  // always one line
  CHECK_EQ_STR(err("no se pudo iniciar el acelerómetro"), "ERR: no se pudo iniciar el acelerómetro\n");
  // Cut to fit: cap 16 leaves 15 bytes: "ERR: " + 9 + "\n".
  CHECK_EQ_STR(err("0123456789abcdef", 16), "ERR: 012345678\n");
  // A multi-byte UTF-8 character is never split: "aó" needs 1 + 2 bytes.
  CHECK_EQ_STR(err("aóz", 9), "ERR: a\n");     // room for 2 bytes only: 'ó' left out
  CHECK_EQ_STR(err("aóz", 10), "ERR: aó\n");
  CHECK_EQ_STR(err("x", 6), "<fail>");
  CHECK_EQ_STR(err("x", 7), "ERR: \n");
  CHECK_EQ_STR(err("x", 8), "ERR: x\n");
}

void emit() {
  const float rows[][3] = {{0, 0, 0}, {-0.12f, -6.2f, 7.9f}, {motion_fw::g_to_ms2(1), motion_fw::g_to_ms2(-1), motion_fw::g_to_ms2(0.5f)},
                           {-0.004f, 0.125f, -156.9064f}, {999999.9f, -999999.9f, 1e-30f}};
  for (const auto& r : rows) {
    char buf[motion_fw::kLineCapacity];
    const size_t n = motion_fw::format_line(buf, sizeof(buf), r, 3, 2);
    std::fwrite(buf, 1, n, stdout);
  }
  std::fputs(err("no se pudo iniciar el acelerómetro BMI270").c_str(), stdout);
}

// Seeded floats in ±200, half of them on a 1/1024 grid so that exact ties (x.xx5) occur.
void random_values(int n) {
  Lcg rng{2024u};
  for (int i = 0; i < n; i++) {
    const uint32_t r = rng.next();
    float v = static_cast<float>((static_cast<double>(rng.next()) / 4294967296.0 - 0.5) * 400.0);
    if (r & 1u) v = std::round(v * 1024.0f) / 1024.0f;
    std::printf("%.17g %s\n", static_cast<double>(v), one(v).c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--emit") == 0) {
    emit();
    return 0;
  }
  if (argc > 2 && std::strcmp(argv[1], "--random") == 0) {
    random_values(std::atoi(argv[2]));
    return 0;
  }
  test_scaling();
  test_format_exact_bytes();
  test_format_refusals_and_capacity();
  test_format_matches_printf();
  test_locale_independent();
  test_err();
  return check::summary("core");
}
