// Fuzz target: the analyzer on arbitrary bytes. Besides "no crash, no sanitizer report", it checks
// what the API promises: normalize() gives valid UTF-8 and is idempotent (default options), token
// spans are in bounds and in order, and strict mode throws EncodingError exactly on invalid UTF-8.
#include <fahras/analyzer.hpp>
#include <fahras/error.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void check(bool ok) {
    if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const fahras::Analyzer lenient;
    static const fahras::Analyzer strict([] {
        fahras::AnalyzerOptions o;
        o.invalid_utf8 = fahras::InvalidUtf8::THROW;
        return o;
    }());
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    const std::string normalized = lenient.normalize(text);
    check(fahras::is_valid_utf8(normalized));
    check(lenient.normalize(normalized) == normalized);

    std::size_t last_begin = 0;  // (the words a ligature such as U+FDFA expands to share its span)
    std::uint32_t next_position = 0;
    lenient.for_each_token(text, [&](const fahras::TokenView& t) {
        check(t.begin < t.end && t.end <= text.size() && t.begin >= last_begin);
        check(t.position == next_position++);
        check(!t.normalized.empty() && fahras::is_valid_utf8(t.normalized) && fahras::is_valid_utf8(t.stem));
        last_begin = t.begin;
    });

    const bool valid = fahras::is_valid_utf8(text);
    try {
        strict.for_each_token(text, [](const fahras::TokenView&) {});
        check(valid);
    } catch (const fahras::EncodingError&) {
        check(!valid);
    }
    return 0;
}
