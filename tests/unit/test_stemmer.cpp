// Light stemmer: one test case per Light10 suffix (on normalized text: ة is ه, ية is يه), the order in
// which they come off, and the three-letter guard.
#include "analysis/clitics.hpp"
#include "analysis/stemmer.hpp"

#include "test_support.hpp"

#include <fahras/analyzer.hpp>

#include <doctest/doctest.h>

#include <string>

using fahras::detail::light_stem;

namespace {
// The stem tier of one word through the default analyzer (normalization and proclitics included).
std::string analyzed_stem(std::string_view word) {
    const auto tokens = fahras::Analyzer().analyze(word);
    REQUIRE(tokens.size() == 1);
    return tokens[0].stem;
}
}  // namespace

TEST_CASE("suffix ها: كتابها → كتاب") {
    CHECK(light_stem("\u0643\u062A\u0627\u0628\u0647\u0627") == "\u0643\u062A\u0627\u0628");
}

TEST_CASE("suffix ان: معلمان → معلم") {
    CHECK(light_stem("\u0645\u0639\u0644\u0645\u0627\u0646") == "\u0645\u0639\u0644\u0645");
}

TEST_CASE("suffix ات: سيارات → سيار") {
    CHECK(light_stem("\u0633\u064A\u0627\u0631\u0627\u062A") == "\u0633\u064A\u0627\u0631");
}

TEST_CASE("suffix ون: معلمون → معلم") {
    CHECK(light_stem("\u0645\u0639\u0644\u0645\u0648\u0646") == "\u0645\u0639\u0644\u0645");
}

TEST_CASE("suffix ين: معلمين → معلم") {
    CHECK(light_stem("\u0645\u0639\u0644\u0645\u064A\u0646") == "\u0645\u0639\u0644\u0645");
}

TEST_CASE("feminine يه (ية normalized) loses only ه, meeting the masculine: عربيه → عربي") {
    CHECK(light_stem("\u0639\u0631\u0628\u064A\u0647") == "\u0639\u0631\u0628\u064A");
    CHECK(analyzed_stem("\u0639\u0631\u0628\u064A\u0629") == analyzed_stem("\u0639\u0631\u0628\u064A"));  // عربية, عربي
}

TEST_CASE("suffix ه (ة normalized): مدرسه → مدرس") {
    CHECK(light_stem("\u0645\u062F\u0631\u0633\u0647") == "\u0645\u062F\u0631\u0633");
    CHECK(analyzed_stem("\u0645\u062F\u0631\u0633\u0629") == "\u0645\u062F\u0631\u0633");  // مدرسة
}

TEST_CASE("final ي is kept (nisba of names): البغدادي ≠ بغداد, الظواهري ≠ ظواهر, الحريري ≠ حرير") {
    CHECK(light_stem("\u0639\u0631\u0628\u064A") == "\u0639\u0631\u0628\u064A");  // عربي
    CHECK(analyzed_stem("\u0627\u0644\u0628\u063A\u062F\u0627\u062F\u064A") != analyzed_stem("\u0628\u063A\u062F\u0627\u062F"));
    CHECK(analyzed_stem("\u0627\u0644\u0638\u0648\u0627\u0647\u0631\u064A") != analyzed_stem("\u0638\u0648\u0627\u0647\u0631"));
    CHECK(analyzed_stem("\u0627\u0644\u062D\u0631\u064A\u0631\u064A") != analyzed_stem("\u062D\u0631\u064A\u0631"));
}

TEST_CASE("suffixes come off in Light10's order, each at most once: مدرساتها → مدرس") {
    CHECK(light_stem("\u0645\u062F\u0631\u0633\u0627\u062A\u0647\u0627") == "\u0645\u062F\u0631\u0633");
    // سياسيه (سياسية) → سياسي: ه comes off, the nisba ي stays
    CHECK(light_stem("\u0633\u064A\u0627\u0633\u064A\u0647") == "\u0633\u064A\u0627\u0633\u064A");
    // Each suffix once: كتابهاها → كتابها (ها is not tried again)
    CHECK(light_stem("\u0643\u062A\u0627\u0628\u0647\u0627\u0647\u0627") == "\u0643\u062A\u0627\u0628\u0647\u0627");
}

TEST_CASE("guard: words of three letters or fewer stay whole (سنه, بيت, ابي)") {
    CHECK(light_stem("\u0633\u0646\u0647") == "\u0633\u0646\u0647");
    CHECK(light_stem("\u0628\u064A\u062A") == "\u0628\u064A\u062A");
    CHECK(light_stem("\u0627\u0628\u064A") == "\u0627\u0628\u064A");
    CHECK(light_stem("\u0641\u064A") == "\u0641\u064A");
    CHECK(light_stem("").empty());
}

TEST_CASE("guard: a suffix comes off only if three letters remain (امها, سنين stay; بيته → بيت)") {
    CHECK(light_stem("\u0627\u0645\u0647\u0627") == "\u0627\u0645\u0647\u0627");      // امها: ام is too short
    CHECK(light_stem("\u0633\u0646\u064A\u0646") == "\u0633\u0646\u064A\u0646");      // سنين
    CHECK(light_stem("\u0628\u064A\u062A\u0647") == "\u0628\u064A\u062A");            // بيته
    CHECK(light_stem("\u0628\u064A\u062A\u0647\u0627") == "\u0628\u064A\u062A");      // بيتها
    CHECK(fahras::detail::kMinLettersAfterSuffix == 3);
}

TEST_CASE("non-Arabic words are not stemmed") {
    CHECK(light_stem("books") == "books");
    CHECK(light_stem("2015") == "2015");
    CHECK(light_stem("\u0645\u0639\u0644\u0645" "2") == "\u0645\u0639\u0644\u0645" "2");
}

TEST_CASE("the stem is taken from the bare tier: والمعلمون → معلم") {
    CHECK(analyzed_stem("\u0648\u0627\u0644\u0645\u0639\u0644\u0645\u0648\u0646") == "\u0645\u0639\u0644\u0645");
}

TEST_CASE("stem off: stem equals bare") {
    fahras::AnalyzerOptions options;
    options.stem = false;
    const auto tokens = fahras::Analyzer(options).analyze("\u0627\u0644\u0645\u0639\u0644\u0645\u0648\u0646");
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0].stem == tokens[0].bare);
    CHECK(tokens[0].stem == "\u0645\u0639\u0644\u0645\u0648\u0646");
}

TEST_CASE("property: on the fixtures, every stem is a prefix of its bare form with at least three letters") {
    const fahras::Analyzer analyzer;
    for (const std::string name : {"seed_article.txt", "vowelled_sentences.txt", "golden/names.txt"}) {
        CAPTURE(name);
        for (const auto& t : analyzer.analyze(fahras::test::read_fixture(name))) {
            CAPTURE(t.bare);
            CHECK(t.bare.compare(0, t.stem.size(), t.stem) == 0);
            if (t.stem != t.bare) CHECK(fahras::detail::arabic_letter_count(t.stem) >= 3);
        }
    }
}
