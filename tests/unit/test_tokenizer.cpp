// Tokenizer: where words begin and end, in bytes of the original text; punctuation, script changes,
// marks and controls inside words; then property tests on spans (in bounds, non-empty, on code point
// boundaries, in order) over fixtures and random text.
#include "analysis/tokenizer.hpp"
#include "analysis/utf8.hpp"

#include "test_support.hpp"

#include <fahras/analyzer.hpp>

#include <doctest/doctest.h>

#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

using fahras::test::utf8;

namespace {

// The words of @p text exactly as they appear in it (original bytes of each span).
std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    fahras::detail::tokenize(text, [&](std::size_t b, std::size_t e) { out.emplace_back(text.substr(b, e - b)); });
    return out;
}

std::vector<std::pair<std::size_t, std::size_t>> spans(std::string_view text) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    fahras::detail::tokenize(text, [&](std::size_t b, std::size_t e) { out.emplace_back(b, e); });
    return out;
}

std::vector<std::string> normalized_words(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& t : fahras::Analyzer().analyze(text)) out.push_back(t.folded);
    return out;
}

using Words = std::vector<std::string>;

}  // namespace

TEST_CASE("spaces, tabs and newlines separate words") {
    CHECK(words("  \u0643\u062A\u0628\t\u0642\u0644\u0645\n\u0628\u064A\u062A  ") ==
          Words{"\u0643\u062A\u0628", "\u0642\u0644\u0645", "\u0628\u064A\u062A"});
    CHECK(words("").empty());
    CHECK(words(" \t\n ").empty());
}

TEST_CASE("Arabic comma ، separates words") {
    CHECK(words("\u0642\u0627\u0644\u060C\u062B\u0645") == Words{"\u0642\u0627\u0644", "\u062B\u0645"});
}

TEST_CASE("Arabic semicolon ؛ separates words") {
    CHECK(words("\u0642\u0627\u0644\u061B \u062B\u0645") == Words{"\u0642\u0627\u0644", "\u062B\u0645"});
}

TEST_CASE("Arabic question mark ؟ separates words") {
    CHECK(words("\u0644\u0645\u0627\u0630\u0627\u061F\u0646\u0639\u0645") ==
          Words{"\u0644\u0645\u0627\u0630\u0627", "\u0646\u0639\u0645"});
}

TEST_CASE("guillemets « » separate words") {
    CHECK(words("\u00AB\u0646\u0639\u0645\u00BB\u0648\u00AB\u0644\u0627\u00BB") ==
          Words{"\u0646\u0639\u0645", "\u0648", "\u0644\u0627"});
}

TEST_CASE("Arabic full stop ۔, percent ٪ and decimal separators separate words") {
    CHECK(words("\u0623\u0645\u0633\u06D4\u0627\u0644\u064A\u0648\u0645") ==
          Words{"\u0623\u0645\u0633", "\u0627\u0644\u064A\u0648\u0645"});
    CHECK(words("\u0665\u066A") == Words{"\u0665"});
}

TEST_CASE("the seed title splits into its words with exact spans") {
    const std::string title =
        "\u0645\u0648\u0633\u0643\u0648 \u062A\u0637\u0627\u0644\u0628 \u0648\u0627\u0634\u0646\u0637\u0646 "
        "\u0642\u0635\u0641 \u0627\u0644\u0645\u0642\u0627\u0648\u0645\u0629 \u0627\u0644\u0633\u0648\u0631\u064A\u0629 "
        "\u0628\u0639\u062F \u062A\u0642\u062F\u0645\u0647\u0627 \u0628\u062D\u0644\u0628 - It's Over 9000!";
    // موسكو تطالب واشنطن قصف المقاومة السورية بعد تقدمها بحلب - It's Over 9000!
    CHECK(title == fahras::test::split_lines(fahras::test::read_fixture("seed_article.txt")).at(0));
    const Words expected = {"\u0645\u0648\u0633\u0643\u0648",
                            "\u062A\u0637\u0627\u0644\u0628",
                            "\u0648\u0627\u0634\u0646\u0637\u0646",
                            "\u0642\u0635\u0641",
                            "\u0627\u0644\u0645\u0642\u0627\u0648\u0645\u0629",
                            "\u0627\u0644\u0633\u0648\u0631\u064A\u0629",
                            "\u0628\u0639\u062F",
                            "\u062A\u0642\u062F\u0645\u0647\u0627",
                            "\u0628\u062D\u0644\u0628",
                            "It",
                            "s",
                            "Over",
                            "9000"};
    CHECK(words(title) == expected);
    const auto s = spans(title);
    REQUIRE(s.size() == 13);
    CHECK(s[0] == std::make_pair(std::size_t{0}, std::size_t{10}));  // five two-byte letters
    CHECK(s[9].first == title.find("It"));
    CHECK(s[12] == std::make_pair(title.find("9000"), title.find("9000") + 4));
    CHECK(normalized_words(title).at(9) == "it");
    CHECK(normalized_words(title).at(11) == "over");
}

TEST_CASE("a change of script splits a word: 2015م, ٢٠١٥م, abcكتب") {
    CHECK(words("2015\u0645") == Words{"2015", "\u0645"});
    CHECK(words("\u0662\u0660\u0661\u0665\u0645") == Words{"\u0662\u0660\u0661\u0665", "\u0645"});
    CHECK(normalized_words("\u0662\u0660\u0661\u0665\u0645") == normalized_words("2015\u0645"));
    CHECK(words("abc\u0643\u062A\u0628") == Words{"abc", "\u0643\u062A\u0628"});
    CHECK(words("\u0643\u062A\u0628abc") == Words{"\u0643\u062A\u0628", "abc"});
    // Latin letters and digits form one group: mp3, covid19
    CHECK(words("mp3 covid19") == Words{"mp3", "covid19"});
}

TEST_CASE("a preposition joined by tatweel to a number: بـ2015") {
    CHECK(words("\u0628\u0640" "2015") == Words{"\u0628\u0640", "2015"});
    CHECK(normalized_words("\u0628\u0640" "2015") == Words{"\u0628", "2015"});
    // ...and to a word: بـ "الجماعات" in the seed keeps بـ as its own word.
    CHECK(words("\u0628\u0640 \"\u0627\u0644\u062C\u0645\u0627\u0639\u0627\u062A\"") ==
          Words{"\u0628\u0640", "\u0627\u0644\u062C\u0645\u0627\u0639\u0627\u062A"});
}

TEST_CASE("tatweel inside a word does not split it, and never starts one") {
    CHECK(words("\u0643\u0640\u0640\u062A\u0627\u0628") == Words{"\u0643\u0640\u0640\u062A\u0627\u0628"});
    CHECK(words("\u0640\u0640 \u0640") == Words{});
}

TEST_CASE("harakat inside words do not split them; a trailing haraka is inside the span") {
    const std::string kataba = "\u0643\u064E\u062A\u064E\u0628\u064E";  // كَتَبَ
    CHECK(words(kataba) == Words{kataba});
    CHECK(words(kataba + " \u0645\u064F\u062D\u064E\u0645\u0651\u064E\u062F\u064C") ==
          Words{kataba, "\u0645\u064F\u062D\u064E\u0645\u0651\u064E\u062F\u064C"});
    // A mark with no letter before it belongs to no word.
    CHECK(words(" \u064E\u0643\u062A\u0628") == Words{"\u0643\u062A\u0628"});
    CHECK(words("\u064E\u064F").empty());
}

TEST_CASE("zero-width and bidi controls inside a word do not split it and stay out of its edges") {
    for (char32_t cp : {U'\u200C', U'\u200D', U'\u200F', U'\u202B', U'\u2067', U'\u061C', U'\uFEFF', U'\u00AD'}) {
        CAPTURE(static_cast<unsigned>(cp));
        const std::string c = utf8(cp);
        const std::string text = c + "\u0643\u062A" + c + "\u0628" + c + " x";
        CHECK(words(text) == Words{"\u0643\u062A" + c + "\u0628", "x"});
        CHECK(normalized_words(text) == Words{"\u0643\u062A\u0628", "x"});
    }
}

TEST_CASE("presentation forms and ligatures are Arabic letters: one word") {
    CHECK(words("\u0625\u0633\uFEFB\u0645") == Words{"\u0625\u0633\uFEFB\u0645"});
    CHECK(normalized_words("\u0625\u0633\uFEFB\u0645") == Words{"\u0627\u0633\u0644\u0627\u0645"});
}

TEST_CASE("a ligature that expands to several words keeps the original span for each: ﷺ") {
    const std::string text = "\u0645\u062D\u0645\u062F \uFDFA";
    const auto tokens = fahras::Analyzer().analyze(text);
    REQUIRE(tokens.size() == 5);  // محمد صلى الله عليه وسلم
    for (std::size_t i = 1; i < tokens.size(); ++i) {
        CHECK(tokens[i].begin == text.find("\uFDFA"));
        CHECK(tokens[i].end == text.size());
        CHECK(tokens[i].position == i);
    }
    CHECK(tokens[2].normalized == "\u0627\u0644\u0644\u0647");
}

TEST_CASE("invalid UTF-8 separates words and is reported") {
    bool valid = true;
    std::vector<std::string> out;
    const std::string text = "\u0643\u062A\u0628\xFF\u0642\u0644\u0645";
    valid = fahras::detail::tokenize(text, [&](std::size_t b, std::size_t e) { out.emplace_back(text.substr(b, e - b)); });
    CHECK_FALSE(valid);
    CHECK(out == Words{"\u0643\u062A\u0628", "\u0642\u0644\u0645"});
    CHECK(fahras::detail::tokenize("\u0643\u062A\u0628", [](std::size_t, std::size_t) {}));
}

// ------------------------------------------------------------------------------- property tests

namespace {

// Code point starts as the decoder sees them (an invalid byte is one code point of its own).
std::set<std::size_t> boundaries(std::string_view text) {
    std::set<std::size_t> b;
    std::size_t pos = 0;
    bool valid = true;
    while (pos < text.size()) {
        b.insert(pos);
        fahras::detail::decode_utf8(text, pos, valid);
    }
    b.insert(text.size());
    return b;
}

// Checks every token's span; returns the number of bad ones (each is reported).
int check_spans(const fahras::Analyzer& analyzer, std::string_view text, const std::string& label) {
    const std::set<std::size_t> cp_starts = boundaries(text);
    int bad = 0;
    std::size_t last_begin = 0;
    std::uint32_t expected_position = 0;
    for (const auto& t : analyzer.analyze(text)) {
        const bool ok = t.begin < t.end && t.end <= text.size() && cp_starts.count(t.begin) &&
                        cp_starts.count(t.end) && t.begin >= last_begin &&
                        t.position == expected_position && !t.normalized.empty();
        if (!ok) {
            ++bad;
            FAIL_CHECK(label << ": bad token at position " << t.position << " span [" << t.begin << ", " << t.end
                             << ") of " << text.size() << " bytes");
        }
        last_begin = t.begin;
        ++expected_position;
    }
    // Spans never go backwards and never overlap (a ligature expanding to several words shares one).
    std::pair<std::size_t, std::size_t> previous{0, 0};
    for (const auto& span : spans(text)) {
        if (span.first < previous.second || span.first >= span.second) {
            ++bad;
            FAIL_CHECK(label << ": span [" << span.first << ", " << span.second << ") after [" << previous.first
                             << ", " << previous.second << ")");
        }
        previous = span;
    }
    return bad;
}

}  // namespace

TEST_CASE("property: token spans are non-empty, in bounds, on code point boundaries, in order (fixtures)") {
    const fahras::Analyzer analyzer;
    for (const std::string name : {"seed_article.txt", "vowelled_sentences.txt", "golden/names.txt"}) {
        CAPTURE(name);
        const std::string text = fahras::test::read_fixture(name);
        CHECK(check_spans(analyzer, text, name) == 0);
        for (const auto& t : analyzer.analyze(text)) {
            // The span holds the word: its normalization is the token's folded form, and folding the
            // written form gives the same.
            CHECK(analyzer.normalize(text.substr(t.begin, t.end - t.begin)) == t.folded);
            CHECK(analyzer.fold(t.normalized) == t.folded);
        }
    }
}

TEST_CASE("property: token spans are non-empty, in bounds, on code point boundaries, in order (random)") {
    const std::uint64_t seed = fahras::test::property_seed("tokenizer spans");
    std::mt19937_64 rng(seed);
    const std::vector<char32_t> pool = {
        U'\u0627', U'\u0628', U'\u0644', U'\u0643', U'\u064E', U'\u0651', U'\u0670', U'\u0640', U'\u0662', U'\u06F5',
        U'\uFEFB', U'\uFDFA', U'\uFDF2', U'\uFE8F', U'\u200C', U'\u200F', U'\u061C', U'\u00AD', U'\u060C', U'\u061F',
        U'\u00AB', U'\u00BB', U'a',      U'Z',      U'5',      U' ',      U'.',      U'\u00E9', U'\u0301', U'\u2460',
        U'\uFB01', U'\u4E2D', U'\U0001F600', U'\uFFFD', U'\u06DD', U'\u06E5'};
    const std::string invalid[] = {"\xFF", "\x80", "\xC3", "\xE2\x82", "\xED\xA0\x80", "\xF0\x9F"};
    std::uniform_int_distribution<std::size_t> pick(0, pool.size() - 1);
    std::uniform_int_distribution<int> length(0, 30);
    std::uniform_int_distribution<int> percent(0, 99);
    const fahras::Analyzer analyzer;
    int bad = 0;
    for (int i = 0; i < 20000 && bad < 5; ++i) {
        std::string text;
        for (int n = length(rng); n > 0; --n)
            text += percent(rng) < 5 ? invalid[pick(rng) % std::size(invalid)] : utf8(pool[pick(rng)]);
        bad += check_spans(analyzer, text, "seed " + std::to_string(seed) + " case " + std::to_string(i));
    }
    CHECK(bad == 0);
}

TEST_CASE("every Unicode white space separates words, not only ASCII space") {
    // U+00A0 no-break, U+2002 en, U+2009 thin, U+200A hair, U+202F narrow no-break, U+205F math,
    // U+3000 ideographic, U+1680 ogham, U+2028 line and U+2029 paragraph separators, U+0085 next line.
    for (char32_t cp : {U'\u00A0', U'\u2002', U'\u2009', U'\u200A', U'\u202F', U'\u205F', U'\u3000', U'\u1680',
                        U'\u2028', U'\u2029', U'\u0085'}) {
        CAPTURE(static_cast<unsigned>(cp));
        CHECK(words("كيري" + utf8(cp) + "لافروف") == std::vector<std::string>{"كيري", "لافروف"});
        CHECK(words("Kerry" + utf8(cp) + "2015") == std::vector<std::string>{"Kerry", "2015"});
    }
}
