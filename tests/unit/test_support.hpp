// Helpers shared by the unit tests: fixtures, reproducible random seeds, term sequences, code points.
#pragma once

#include <fahras/analyzer.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::test {

/// Path of a file under tests/fixtures.
inline std::string fixture_path(const std::string& name) { return std::string(FAHRAS_FIXTURES) + "/" + name; }

/// Whole content of a fixture file; fails the test if it cannot be read.
inline std::string read_fixture(const std::string& name) {
    std::ifstream in(fixture_path(name), std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read fixture " << fixture_path(name));
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Lines of a text (without their '\n'), empty lines included.
inline std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

/// The seed of a property test: FAHRAS_SEED if set, else a fresh one. Always printed, so that a
/// failure can be replayed with FAHRAS_SEED=<seed>.
inline std::uint64_t property_seed(const char* test_name) {
    std::uint64_t seed;
    if (const char* env = std::getenv("FAHRAS_SEED"); env && *env) {
        seed = std::strtoull(env, nullptr, 10);
    } else {
        seed = std::random_device{}();
        seed = (seed << 32) ^ std::random_device{}();
    }
    std::printf("[%s] FAHRAS_SEED=%llu\n", test_name, static_cast<unsigned long long>(seed));
    std::fflush(stdout);
    return seed;
}

/// UTF-8 of one code point (test-side encoder, independent of lib/).
inline std::string utf8(char32_t cp) {
    std::string s;
    if (cp < 0x80) {
        s += static_cast<char>(cp);
    } else if (cp < 0x800) {
        s += static_cast<char>(0xC0 | (cp >> 6));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        s += static_cast<char>(0xE0 | (cp >> 12));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        s += static_cast<char>(0xF0 | (cp >> 18));
        s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return s;
}

/// Removes the harakat U+064B–U+065F and the superscript alef U+0670 (both two-byte sequences).
inline std::string strip_harakat(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (i + 1 < s.size()) {
            const auto b0 = static_cast<unsigned char>(s[i]);
            const auto b1 = static_cast<unsigned char>(s[i + 1]);
            const unsigned cp = ((b0 & 0x1Fu) << 6) | (b1 & 0x3Fu);
            if ((b0 & 0xE0) == 0xC0 && (b1 & 0xC0) == 0x80 && ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670)) {
                i += 2;
                continue;
            }
        }
        out += s[i++];
    }
    return out;
}

/// The terms of one token, as the index sees them: every tier, in order.
inline std::string term_signature(const Token& t) {
    std::string s = t.normalized + "|";
    for (const auto& f : t.forms) s += f + ",";
    s += "|" + t.bare + "|" + t.stem;
    return s;
}

/// The term sequence of a text: one signature per token.
inline std::vector<std::string> term_sequence(const Analyzer& analyzer, std::string_view text) {
    std::vector<std::string> seq;
    for (const Token& t : analyzer.analyze(text)) seq.push_back(term_signature(t));
    return seq;
}

/// True if @p form is one of the tokens' normalized words or forms.
inline bool has_normalized_or_form(const Token& t, std::string_view form) {
    if (t.normalized == form) return true;
    for (const auto& f : t.forms)
        if (f == form) return true;
    return false;
}

}  // namespace fahras::test
