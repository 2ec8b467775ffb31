// Analyzer: the composed pipeline. Stopwords, invalid UTF-8 (THROW and REPLACE), golden files from real
// text, and property tests: harakat never change terms, a word analyzed alone gives the terms it has in
// context (query time agrees with index time), analysis is the same from several threads.
#include "test_support.hpp"

#include <fahras/analyzer.hpp>
#include <fahras/error.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using fahras::Analyzer;
using fahras::AnalyzerOptions;
using fahras::InvalidUtf8;

// ------------------------------------------------------------------------------------------ basics

TEST_CASE("analyze gives every tier, position and span of each word") {
    // والمعلمون في المدرسة
    const std::string text = "\u0648\u0627\u0644\u0645\u0639\u0644\u0645\u0648\u0646 \u0641\u064A "
                             "\u0627\u0644\u0645\u062F\u0631\u0633\u0629";
    const auto tokens = Analyzer().analyze(text);
    REQUIRE(tokens.size() == 3);
    CHECK(tokens[0].normalized == "\u0648\u0627\u0644\u0645\u0639\u0644\u0645\u0648\u0646");
    CHECK(tokens[0].forms == std::vector<std::string>{"\u0627\u0644\u0645\u0639\u0644\u0645\u0648\u0646",
                                                      "\u0645\u0639\u0644\u0645\u0648\u0646"});
    CHECK(tokens[0].bare == "\u0645\u0639\u0644\u0645\u0648\u0646");
    CHECK(tokens[0].stem == "\u0645\u0639\u0644\u0645");
    CHECK(tokens[0].begin == 0);
    CHECK(tokens[0].end == 18);
    CHECK_FALSE(tokens[0].stopword);
    CHECK(tokens[1].stopword);
    CHECK(tokens[1].position == 1);
    CHECK(tokens[2].normalized == "\u0627\u0644\u0645\u062F\u0631\u0633\u0629");  // as written
    CHECK(tokens[2].folded == "\u0627\u0644\u0645\u062F\u0631\u0633\u0647");      // ة folded to ه
    CHECK(tokens[2].stem == "\u0645\u062F\u0631\u0633");
    CHECK(tokens[2].end == text.size());
}

TEST_CASE("for_each_token and analyze agree") {
    const Analyzer analyzer;
    const std::string text = fahras::test::read_fixture("seed_article.txt");
    const auto tokens = analyzer.analyze(text);
    std::size_t i = 0;
    analyzer.for_each_token(text, [&](const fahras::TokenView& v) {
        REQUIRE(i < tokens.size());
        CHECK(v.normalized == tokens[i].normalized);
        CHECK(v.form_count == tokens[i].forms.size());
        for (std::size_t f = 0; f < v.form_count; ++f) CHECK(v.forms[f] == tokens[i].forms[f]);
        CHECK(v.bare == tokens[i].bare);
        CHECK(v.stem == tokens[i].stem);
        CHECK(v.position == tokens[i].position);
        CHECK(v.begin == tokens[i].begin);
        CHECK(v.end == tokens[i].end);
        CHECK(v.stopword == tokens[i].stopword);
        ++i;
    });
    CHECK(i == tokens.size());
}

// ---------------------------------------------------------------------------------------- stopwords

TEST_CASE("stopwords: particles, prepositions, pronouns and interrogatives, in any spelling") {
    const Analyzer analyzer;
    for (const std::string word : {"\u0641\u064A", "\u0645\u0646", "\u0639\u0644\u0649", "\u0625\u0644\u0649",
                             "\u0623\u0646", "\u0625\u0646", "\u0647\u0630\u0627", "\u0627\u0644\u0630\u064A",
                             "\u0627\u0644\u062A\u064A", "\u0643\u064A\u0641", "\u0644\u0645\u0627\u0630\u0627",
                             "\u0647\u0644", "\u0623\u064E\u0646\u0651\u064E", "\u0641\u0625\u0646", "The"}) {
        CAPTURE(word);
        const auto tokens = analyzer.analyze(word);
        REQUIRE(tokens.size() == 1);
        CHECK(tokens[0].stopword);
        CHECK(analyzer.is_stopword(tokens[0].normalized));
    }
    // The list is normalized at load: أن and ان are one stopword, in whichever spelling it is asked.
    CHECK(analyzer.is_stopword("\u0627\u0646"));
    CHECK(analyzer.is_stopword("\u0623\u0646"));
}

TEST_CASE("stopwords: ى and ي stay apart, so the name علي is no stopword while على is") {
    const Analyzer analyzer;
    CHECK(analyzer.is_stopword("\u0639\u0644\u0649"));        // على
    CHECK_FALSE(analyzer.is_stopword("\u0639\u0644\u064A"));  // علي
    CHECK_FALSE(analyzer.analyze("\u0639\u064E\u0644\u0650\u064A\u0651\u064C")[0].stopword);  // عَلِيٌّ
    CHECK(analyzer.analyze("\u0639\u0644\u0649")[0].stopword);
}

TEST_CASE("content words are not stopwords") {
    const Analyzer analyzer;
    for (const std::string word : {"\u0644\u0627\u0641\u0631\u0648\u0641", "\u0643\u064A\u0631\u064A",
                             "\u0633\u0648\u0631\u064A\u0627", "\u0627\u0644\u0645\u0642\u0627\u0648\u0645\u0629",
                             "Lavrov"}) {
        CAPTURE(word);
        const auto tokens = analyzer.analyze(word);
        REQUIRE(tokens.size() == 1);
        CHECK_FALSE(tokens[0].stopword);
    }
}

TEST_CASE("stopwords: the flag looks at `normalized` only, so a content word whose bare form is a stopword stays") {
    // والي (governor) has bare الي, which is إلى normalized: flagging it by its bare form would drop
    // the word from queries. The list carries the و/ف variants of its function words instead (ومن, وفي).
    const Analyzer analyzer;
    const auto governor = analyzer.analyze("\u0648\u0627\u0644\u064A");  // والي
    REQUIRE(governor.size() == 1);
    REQUIRE(analyzer.is_stopword(governor[0].bare));
    CHECK_FALSE(governor[0].stopword);
    const auto wa_min = analyzer.analyze("\u0648\u0645\u0646");  // ومن
    REQUIRE(wa_min.size() == 1);
    CHECK(wa_min[0].stopword);
}

// ------------------------------------------------------------------------------ invalid UTF-8

TEST_CASE("property: a token's stopword flag is is_stopword of its written form, in any spelling") {
    // The pipeline takes the stopword key from the folded form when the word holds no letter the two
    // foldings treat apart (ى, ی); is_stopword always computes it. Random short words over the letters
    // of stopwords and their variants, under several options, must agree word by word.
    const std::vector<std::string> letters = {
        "\u0639", "\u0644", "\u0649", "\u064A", "\u06CC", "\u0641", "\u0645", "\u0646", "\u0627", "\u0623",
        "\u0625", "\u0622", "\u0671", "\u0647", "\u0629", "\u0630", "\u062A", "\u0648", "\u0643", "\u06A9",
        "\u0628", "\u0642", "\u062F", "\u0624", "\u0626", "\u0661", "a", "e", "\u0651", "\u0640"};
    std::vector<AnalyzerOptions> variants(4);
    variants[1].normalizer.strip_diacritics = false;  // every non-ASCII word through ICU: no shortcut
    variants[2].normalizer.fold_alef_maksura = false;  // the two foldings are then one
    variants[3].normalizer.fold_persian = false;
    std::mt19937 rng(7);
    for (const AnalyzerOptions& options : variants) {
        const Analyzer analyzer(options);
        std::size_t words = 0, stopwords = 0;
        for (int i = 0; i < 20000; ++i) {
            std::string word;
            const int n = 1 + static_cast<int>(rng() % 4);
            for (int k = 0; k < n; ++k) word += letters[rng() % letters.size()];
            analyzer.for_each_token(word, [&](const fahras::TokenView& t) {
                ++words;
                stopwords += t.stopword;
                CHECK_MESSAGE(t.stopword == analyzer.is_stopword(t.normalized), std::string(t.normalized));
            });
        }
        CHECK(words > 15000);
        CHECK(stopwords > 50);  // the words meet the list often enough for the check to mean something
    }
}

TEST_CASE("InvalidUtf8::THROW raises fahras::EncodingError from every entry point") {
    AnalyzerOptions options;
    options.invalid_utf8 = InvalidUtf8::THROW;
    const Analyzer analyzer(options);
    const std::string bad = "\u0643\u062A\u0628 \xFF\xFE \u0642\u0644\u0645";
    CHECK_THROWS_AS(analyzer.analyze(bad), fahras::EncodingError);
    CHECK_THROWS_AS(analyzer.normalize(bad), fahras::EncodingError);
    CHECK_THROWS_AS(analyzer.for_each_token(bad, [](const fahras::TokenView&) {}), fahras::EncodingError);
    // It is a misuse error, catchable as the library's base class, and names the offset.
    CHECK_THROWS_AS(analyzer.analyze(bad), fahras::InvalidArgumentError);
    CHECK_THROWS_AS(analyzer.analyze(bad), fahras::Error);
    try {
        analyzer.analyze(bad);
    } catch (const fahras::EncodingError& e) {
        CHECK(std::string(e.what()).find("offset 7") != std::string::npos);
    }
    for (const std::string b : {"\xC3", "\xE2\x82", "\xED\xA0\x80", "\xC0\xAF", "\xF4\x90\x80\x80", "\x80"}) {
        CAPTURE(b);
        CHECK_THROWS_AS(analyzer.analyze("ok " + b), fahras::EncodingError);
    }
    // Valid text does not throw.
    CHECK(analyzer.analyze("\u0643\u062A\u0628").size() == 1);
}

TEST_CASE("InvalidUtf8::REPLACE (default) treats bad bytes as separators and keeps the words") {
    const Analyzer analyzer;
    const std::string bad = "\u0643\u062A\u0628\xFF\u0642\u0644\u0645";
    const auto tokens = analyzer.analyze(bad);
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[0].normalized == "\u0643\u062A\u0628");
    CHECK(tokens[1].normalized == "\u0642\u0644\u0645");
    CHECK(fahras::is_valid_utf8(analyzer.normalize(bad)));
    CHECK(analyzer.normalize(bad) == "\u0643\u062A\u0628\uFFFD\u0642\u0644\u0645");
}

TEST_CASE("property: InvalidUtf8::REPLACE never crashes and gives valid UTF-8 on random bytes") {
    const std::uint64_t seed = fahras::test::property_seed("analyzer random bytes");
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 64);
    const Analyzer analyzer;
    const std::string arabic = fahras::test::read_fixture("vowelled_sentences.txt").substr(0, 4000);
    std::uniform_int_distribution<std::size_t> at(0, arabic.size() - 1);
    int bad = 0;
    for (int i = 0; i < 20000 && bad < 5; ++i) {
        std::string text;
        if (i % 2) {
            for (int n = length(rng); n > 0; --n) text += static_cast<char>(byte(rng));
        } else {  // real text with random bytes flipped: truncated sequences in the middle of words
            text = arabic.substr(at(rng), 80);
            for (int n = length(rng) / 16; n >= 0 && !text.empty(); --n)
                text[at(rng) % text.size()] = static_cast<char>(byte(rng));
        }
        bool ok = fahras::is_valid_utf8(analyzer.normalize(text));
        for (const auto& t : analyzer.analyze(text)) {
            ok = ok && !t.normalized.empty() && fahras::is_valid_utf8(t.normalized) &&
                 fahras::is_valid_utf8(t.bare) && fahras::is_valid_utf8(t.stem) && t.end <= text.size();
            for (const auto& f : t.forms) ok = ok && fahras::is_valid_utf8(f) && !f.empty();
        }
        if (!ok) {
            ++bad;
            FAIL_CHECK("seed " << seed << " case " << i << ": invalid output");
        }
    }
}

// ------------------------------------------------------------------------------------- options, id

TEST_CASE("id names the analysis and changes with the options; copies and moves keep it") {
    const Analyzer analyzer;
    CHECK(analyzer.id().rfind("fahras-arabic/", 0) == 0);
    AnalyzerOptions options;
    options.normalizer.fold_persian = false;
    const Analyzer other(options);
    CHECK(other.id() != analyzer.id());
    CHECK_FALSE(other.options().normalizer.fold_persian);
    Analyzer copy = analyzer;
    CHECK(copy.id() == analyzer.id());
    Analyzer moved = std::move(copy);
    CHECK(moved.id() == analyzer.id());
    moved = other;
    CHECK(moved.id() == other.id());
}

TEST_CASE("one analyzer shared by threads gives the same tokens in each") {
    const Analyzer analyzer;
    const std::string text = fahras::test::read_fixture("vowelled_sentences.txt");
    const auto expected = fahras::test::term_sequence(analyzer, text);
    std::vector<std::vector<std::string>> results(4);
    std::vector<std::thread> threads;
    for (auto& r : results)
        threads.emplace_back([&analyzer, &text, &r] {
            for (int i = 0; i < 5; ++i) r = fahras::test::term_sequence(analyzer, text);
        });
    for (auto& t : threads) t.join();
    for (const auto& r : results) CHECK(r == expected);
}

// ------------------------------------------------------------------------------------ golden files

namespace {

// One line per token: position, byte span, original text, written (indexed) form, folded form,
// proclitic-free candidate forms, bare, stem, stopword.
std::string golden_dump(const Analyzer& analyzer, const std::string& text) {
    std::ostringstream out;
    for (const auto& t : analyzer.analyze(text)) {
        std::string forms;
        for (const auto& f : t.forms) forms += (forms.empty() ? "" : ",") + f;
        out << t.position << '\t' << t.begin << '-' << t.end << '\t' << text.substr(t.begin, t.end - t.begin)
            << '\t' << t.normalized << '\t' << t.folded << '\t' << (forms.empty() ? "-" : forms) << '\t' << t.bare
            << '\t' << t.stem
            << '\t' << (t.stopword ? "stop" : "-") << '\n';
    }
    return out.str();
}

void check_golden(const std::string& input, const std::string& golden) {
    const std::string actual = golden_dump(Analyzer(), fahras::test::read_fixture(input));
    const char* update = std::getenv("FAHRAS_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        std::ofstream(fahras::test::fixture_path(golden), std::ios::binary) << actual;
        MESSAGE("rewrote " << fahras::test::fixture_path(golden));
        return;
    }
    const std::string expected = fahras::test::read_fixture(golden);
    if (actual == expected) return;
    const auto a = fahras::test::split_lines(actual);
    const auto e = fahras::test::split_lines(expected);
    int shown = 0;
    for (std::size_t i = 0; i < std::max(a.size(), e.size()) && shown < 10; ++i) {
        const std::string al = i < a.size() ? a[i] : "<none>";
        const std::string el = i < e.size() ? e[i] : "<none>";
        if (al != el) {
            ++shown;
            FAIL_CHECK(golden << " line " << (i + 1) << "\n  expected: " << el << "\n  actual:   " << al);
        }
    }
    FAIL(golden << " differs (" << a.size() << " lines, expected " << e.size()
                << "); review, then rerun with FAHRAS_UPDATE_GOLDEN=1 to accept");
}

}  // namespace

TEST_CASE("golden: the seed article") { check_golden("seed_article.txt", "golden/seed_article.tsv"); }

TEST_CASE("golden: vowelled sentences (fully diacritized news written for fahras)") {
    check_golden("vowelled_sentences.txt", "golden/vowelled_sentences.tsv");
}

TEST_CASE("golden: name forms with proclitics and orthographic variants") {
    check_golden("golden/names.txt", "golden/names.tsv");
}

// ------------------------------------------------------------------------------- property tests

TEST_CASE("property: harakat never change the terms (each vowelled line vs. the line without them)") {
    const Analyzer analyzer;
    const auto lines = fahras::test::split_lines(fahras::test::read_fixture("vowelled_sentences.txt"));
    REQUIRE(lines.size() >= 40);
    std::size_t identical = 0;
    std::size_t tokens = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto with = fahras::test::term_sequence(analyzer, lines[i]);
        const auto without = fahras::test::term_sequence(analyzer, fahras::test::strip_harakat(lines[i]));
        tokens += with.size();
        if (with == without) {
            ++identical;
            continue;
        }
        for (std::size_t t = 0; t < std::max(with.size(), without.size()); ++t) {
            const std::string w = t < with.size() ? with[t] : "<none>";
            const std::string wo = t < without.size() ? without[t] : "<none>";
            if (w != wo) {
                FAIL_CHECK("line " << (i + 1) << " token " << t << ": with harakat " << w
                                       << " / without " << wo);
                break;
            }
        }
    }
    MESSAGE(identical << " of " << lines.size() << " lines identical, " << tokens << " tokens");
    CHECK(identical == lines.size());
}

TEST_CASE("property: a word analyzed alone (query time) gives the terms it has in context (index time)") {
    const Analyzer analyzer;
    for (const std::string name : {"seed_article.txt", "vowelled_sentences.txt", "golden/names.txt"}) {
        CAPTURE(name);
        const std::string text = fahras::test::read_fixture(name);
        for (const auto& t : analyzer.analyze(text)) {
            const std::string word = text.substr(t.begin, t.end - t.begin);
            const auto alone = analyzer.analyze(word);
            CAPTURE(word);
            REQUIRE(alone.size() >= 1);
            if (alone.size() > 1) continue;  // a ligature expanding to several words (ﷺ)
            CHECK(fahras::test::term_signature(alone[0]) == fahras::test::term_signature(t));
            CHECK(alone[0].stopword == t.stopword);
        }
    }
}
