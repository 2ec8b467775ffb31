// Skipping a test case that cannot run here (no tmpfs without CAP_SYS_ADMIN, no xapian-tcpsrv, no
// ../shared/data). fahras::test::skip() says why; when every test case that ran was skipped, the test
// executable exits with kSkipReturnCode, which tests/CMakeLists.txt declares as ctest's
// SKIP_RETURN_CODE, so that ctest reports the test as skipped, not passed (tests/unit/main.cpp).
#pragma once

#include <doctest/doctest.h>

#include <cstdio>
#include <string>

namespace fahras::test {

/// Exit status of a test executable whose every test case was skipped (ctest SKIP_RETURN_CODE).
inline constexpr int kSkipReturnCode = 77;

/// Number of test cases that called skip() in this process.
inline int& skipped_cases() {
    static int count = 0;
    return count;
}

/// Marks the current test case as skipped (call it once, then return from the case).
inline void skip(const std::string& reason) {
    ++skipped_cases();
    std::printf("SKIPPED: %s\n", reason.c_str());
    std::fflush(stdout);
    MESSAGE("skipped: " << reason);
}

}  // namespace fahras::test
