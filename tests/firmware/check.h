// Minimal test helpers for the host-side firmware tests (no framework, no dependencies).
// Each CHECK prints "FAIL file:line: what" on failure; main() ends with check_summary(), which
// prints "firmware: N checks passed, M failed" and returns the process exit status.
#ifndef FIRMWARE_TEST_CHECK_H
#define FIRMWARE_TEST_CHECK_H

#include <cstdio>
#include <string>

namespace check {
inline int& passed() { static int n = 0; return n; }
inline int& failed() { static int n = 0; return n; }
inline void record(bool ok, const char* file, int line, const std::string& what) {
  if (ok) {
    passed()++;
  } else {
    failed()++;
    std::printf("FAIL %s:%d: %s\n", file, line, what.c_str());
  }
}
inline std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else out += c;
  }
  return out + "\"";
}
inline int summary(const char* name) {
  std::printf("%s: %d checks passed, %d failed\n", name, passed(), failed());
  return failed() == 0 ? 0 : 1;
}
}  // namespace check

#define CHECK(cond) check::record((cond), __FILE__, __LINE__, #cond)
#define CHECK_EQ_STR(actual, expected)                                                    \
  check::record(std::string(actual) == std::string(expected), __FILE__, __LINE__,         \
                std::string(#actual " == ") + check::quote(expected) + ", got " +         \
                    check::quote(actual))
#define CHECK_EQ_U(actual, expected)                                                      \
  check::record(static_cast<unsigned long long>(actual) ==                                \
                    static_cast<unsigned long long>(expected),                            \
                __FILE__, __LINE__,                                                       \
                std::string(#actual " == " #expected ", got ") +                          \
                    std::to_string(static_cast<unsigned long long>(actual)))

#endif  // FIRMWARE_TEST_CHECK_H
