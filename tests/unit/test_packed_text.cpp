// Stored records packed with Arabic letters one byte each (lib/index/packed_text.hpp).
#include "index/packed_text.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>

using fahras::detail::pack_arabic;
using fahras::detail::unpack_arabic;

namespace {

std::string packed(std::string_view bytes) {
    std::string out;
    pack_arabic(bytes, out);
    return out;
}

std::string unpacked(std::string_view bytes) {
    std::string out;
    REQUIRE(unpack_arabic(bytes, out));
    return out;
}


}  // namespace

TEST_CASE("pack_arabic: the letters of U+0600–U+067F one byte each, everything else as it was") {
    CHECK(packed("abc 123") == "abc 123");
    // كيري: ك U+0643 = D9 83, ي U+064A = D9 8A, ر U+0631 = D8 B1
    CHECK(packed("كيري") == "\xC3\xCA\xB1\xCA");
    CHECK(packed("كِيري") == "\xC3\xD0\xCA\xB1\xCA");  // kasra U+0650 = D9 90 → D0
    CHECK(packed("كِيري").size() == 5);
    // Persian letters (ک U+06A9 = DA A9), Latin accents, emoji and the escape byte itself: escaped.
    CHECK(packed("ک") == "\x01\xDA\x01\xA9");
    CHECK(packed("é") == "\x01\xC3\x01\xA9");
    CHECK(packed("\x01") == std::string("\x01\x01"));
    // D8/D9 not followed by a continuation byte, or last: escaped like any other byte.
    CHECK(packed("\xD8" "a") == "\x01\xD8" "a");
    CHECK(packed("\xD9") == "\x01\xD9");
    CHECK(packed(std::string("\0\xD8\x80", 3)) == std::string("\0\x80", 2));
}

TEST_CASE("unpack_arabic: the inverse, and a record cut inside an escape says so") {
    for (const char* s : {"", "كيري", "ک", "سيرغي لافروف في موسكو ٢٠١٥", "\x01", "\xD8", "\xD9\x7F", "é ñ 😀"})
        CHECK(unpacked(packed(s)) == s);
    std::string out;
    CHECK_FALSE(unpack_arabic("ab\x01", out));
    CHECK(out == "ab");
}

TEST_CASE("property: pack then unpack gives back any bytes") {
    const std::uint64_t seed = fahras::test::property_seed("packed text round trip");
    std::mt19937_64 rng(seed);
    CAPTURE(seed);
    for (int round = 0; round < 2000; ++round) {
        std::string s(rng() % 64, '\0');
        // Bytes drawn mostly near the interesting ones: 01, 7F-81, BF-C0, D8, D9, FF.
        const unsigned char pool[] = {0x00, 0x01, 0x02, 'a', 0x7F, 0x80, 0x81, 0xBF, 0xC0, 0xD8, 0xD9, 0xDA, 0xFF};
        for (char& c : s) c = static_cast<char>(rng() % 4 == 0 ? rng() % 256 : pool[rng() % sizeof pool]);
        CHECK(unpacked(packed(s)) == s);
    }
}

TEST_CASE("packed Arabic news text: little more than half the bytes") {
    const std::string text =
        "التقى وزير الخارجية الأمريكي جون كيري نظيره الروسي سيرغي لافروف في جنيف اليوم، وبحث الوزيران "
        "الأزمة السورية والملف النووي الإيراني. وقال كيري في مؤتمر صحفي إن المحادثات كانت بنّاءة، فيما "
        "أكد لافروف أن موسكو تدعم الحل السياسي. وكان الرئيس باراك أوباما قد دعا إلى اجتماع عاجل في واشنطن.";
    const std::string p = packed(text);
    MESSAGE("utf-8 " << text.size() << " bytes, packed " << p.size());
    CHECK(p.size() < text.size() * 6 / 10);
    CHECK(unpacked(p) == text);
}
