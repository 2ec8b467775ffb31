// Snippets (lib/search/snippet): a window of the original text around the matches, each matched word
// wrapped in the markers exactly as written (clitics, harakat), "…" at cut ends, valid UTF-8 always.
#include "search/snippet.hpp"
#include "terms/query_terms.hpp"

#include "analysis/utf8.hpp"
#include "index_support.hpp"
#include "test_support.hpp"
#include "vocabulary_support.hpp"

#include <fahras/analyzer.hpp>

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

using fahras::Analyzer;
using fahras::detail::make_snippet;
using fahras::detail::MatchTerms;
using fahras::detail::SnippetStyle;

namespace {

const std::string kEllipsis = "\u2026";

// The match terms the searcher collects for these query words: the written forms their expansion
// finds in an index holding @p text (every tier), as the searcher does on its own index; without a
// text, an index holding the query's own words.
MatchTerms terms_for(const Analyzer& analyzer, const std::string& query, const std::string& text = "") {
    const Xapian::Database db = fahras::test::vocabulary_database(analyzer, {text.empty() ? query : text});
    const std::vector<Xapian::Database> shards{db};
    const fahras::RankingOptions ranking;
    fahras::detail::QueryExpander expander(analyzer, ranking, db, shards);
    MatchTerms m;
    analyzer.for_each_token(query, [&](const fahras::TokenView& t) {
        for (const auto& tier : expander.expand(t).tiers) m.words.insert(tier.begin(), tier.end());
    });
    return m;
}

std::string snippet(const std::string& text, const std::string& query, std::size_t length = 200,
                    const std::string& open = "<b>", const std::string& close = "</b>") {
    const Analyzer analyzer;
    return make_snippet(analyzer, text, terms_for(analyzer, query, text), SnippetStyle{length, open, close});
}

std::string filler(int n, const char* word = "نص") {
    std::string s;
    for (int i = 0; i < n; ++i) s += std::string(i ? " " : "") + word;
    return s;
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
    return n;
}

bool starts_with(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }
bool ends_with(const std::string& s, const std::string& p) {
    return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

}  // namespace

TEST_CASE("the matched word is highlighted as written, with its proclitics") {
    CHECK(snippet("اتصل ولافروف بنظيره", "لافروف") == "اتصل <b>ولافروف</b> بنظيره");
    CHECK(snippet("رسالة للافروف من الملك", "لافروف") == "رسالة <b>للافروف</b> من الملك");
    CHECK(snippet("رحب بلافروف في العاصمة", "لافروف") == "رحب <b>بلافروف</b> في العاصمة");
}

TEST_CASE("harakat and other spellings stay as written inside the markers") {
    CHECK(snippet("استقبل جُون كِيري الوفد", "كيري") == "استقبل جُون <b>كِيري</b> الوفد");
    CHECK(snippet("وصل كيرى إلى جنيف", "كيري") == "وصل <b>كيرى</b> إلى جنيف");
    CHECK(snippet("دعا جون کيري الأطراف", "كيري") == "دعا جون <b>کيري</b> الأطراف");
    CHECK(snippet("قال كيـــري", "كيري") == "قال <b>كيـــري</b>");  // tatweel
}

TEST_CASE("every match in the window is highlighted, non-matches are not") {
    const std::string s = snippet("بحث لافروف مع كيري في اتصال مع لافروف ثم تفكيري", "كيري لافروف");
    CHECK(s == "بحث <b>لافروف</b> مع <b>كيري</b> في اتصال مع <b>لافروف</b> ثم تفكيري");
}

TEST_CASE("custom markers") {
    CHECK(snippet("اتصل ولافروف بنظيره", "لافروف", 200, "[[", "]]") == "اتصل [[ولافروف]] بنظيره");
    CHECK(snippet("اتصل ولافروف بنظيره", "لافروف", 200, "<mark class=\"q\">", "</mark>") ==
          "اتصل <mark class=\"q\">ولافروف</mark> بنظيره");
    CHECK(snippet("اتصل ولافروف بنظيره", "لافروف", 200, "", "") == "اتصل ولافروف بنظيره");
}

TEST_CASE("a long text: the window holds the match, cut ends carry ellipses") {
    const std::string text = filler(200) + " وصل لافروف إلى جنيف " + filler(200);
    const std::string s = snippet(text, "لافروف", 60);
    CHECK(s.find("<b>لافروف</b>") != std::string::npos);
    CHECK(starts_with(s, kEllipsis));
    CHECK(ends_with(s, kEllipsis));
    // About `length` characters of text: not the whole document.
    const std::size_t chars = fahras::detail::count_code_points(s);
    CHECK(chars < 60 + 20);
    CHECK(chars > 30);
}

TEST_CASE("the window chooses the region with the most distinct matched words") {
    const std::string text = "كيري " + filler(100) + " التقى لافروف كيري في جنيف " + filler(100);
    const std::string s = snippet(text, "كيري لافروف", 60);
    CHECK(s.find("<b>لافروف</b>") != std::string::npos);
    CHECK(s.find("<b>كيري</b>") != std::string::npos);
    CHECK(starts_with(s, kEllipsis));
}

TEST_CASE("a match at the start: no leading ellipsis; at the end: no trailing one") {
    const std::string at_start = snippet("لافروف " + filler(200), "لافروف", 60);
    CHECK(starts_with(at_start, "<b>لافروف</b>"));
    CHECK(ends_with(at_start, kEllipsis));

    const std::string at_end = snippet(filler(200) + " لافروف", "لافروف", 60);
    CHECK(starts_with(at_end, kEllipsis));
    CHECK(ends_with(at_end, "<b>لافروف</b>"));
}

TEST_CASE("no match: the start of the text") {
    const std::string text = "بداية النص " + filler(200);
    const std::string s = snippet(text, "لافروف", 60);
    CHECK(starts_with(s, "بداية النص"));
    CHECK(s.find("<b>") == std::string::npos);
    CHECK(ends_with(s, kEllipsis));
    CHECK(snippet("نص قصير", "لافروف") == "نص قصير");
    CHECK(snippet("", "لافروف").empty());
    CHECK(snippet("   ", "لافروف").empty());
}

TEST_CASE("line breaks and tabs become spaces") {
    CHECK(snippet("سطر أول\nقال لافروف\tثم\r\nانتهى", "لافروف") == "سطر أول قال <b>لافروف</b> ثم  انتهى");
}

TEST_CASE("a short text that fits the window is returned whole, punctuation included") {
    // Text before the first word and after the last one (quotes, a full stop) is part of the text.
    CHECK(snippet("قال لافروف.", "لافروف") == "قال <b>لافروف</b>.");
    CHECK(snippet("«لافروف»", "لافروف") == "«<b>لافروف</b>»");
}

TEST_CASE("a zero or tiny window still shows the matched word, without reading out of bounds") {
    // SearchRequest::snippet_length is caller input; 0 must not index before the first word.
    const Analyzer analyzer;
    const MatchTerms terms = terms_for(analyzer, "لافروف", "قال لافروف اليوم");
    for (std::size_t length : {0, 1, 2}) {
        CAPTURE(length);
        const bool ok = fahras::test::runs_without_crash([&] {
            const std::string s = make_snippet(analyzer, "قال لافروف اليوم", terms, SnippetStyle{length, "<b>", "</b>"});
            if (!fahras::is_valid_utf8(s)) ::_exit(4);
            if (s.find("<b>لافروف</b>") == std::string::npos) ::_exit(5);
        });
        CHECK(ok);
    }
}

TEST_CASE("property: snippets are valid UTF-8 with balanced markers and in-bounds text") {
    const std::uint64_t seed = fahras::test::property_seed("snippet validity");
    std::mt19937_64 rng(seed);
    const std::vector<std::string> pieces = {"لافروف", "ولافروف", "كِيري", "كيري", "جون", "في", "،", ".", " ",
                                             "  ", "\n", "ـ", "\u064E", "abc", "Kerry", "٣", "😀", "\u200B", "e\u0301"};
    const Analyzer analyzer;
    const MatchTerms terms = terms_for(analyzer, "لافروف كيري", "لافروف ولافروف كِيري كيري");
    for (int i = 0; i < 1000; ++i) {
        std::string text;
        const int n = static_cast<int>(rng() % 80);
        for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()] + (rng() % 2 ? " " : "");
        const std::size_t length = 1 + rng() % 120;
        const std::string s = make_snippet(analyzer, text, terms, SnippetStyle{length, "<b>", "</b>"});
        CAPTURE(text);
        CAPTURE(length);
        REQUIRE(fahras::is_valid_utf8(s));
        CHECK(count(s, "<b>") == count(s, "</b>"));
        // Without markers and ellipses the snippet is a piece of the text (line breaks as spaces).
        std::string plain = s;
        for (const std::string& m : {std::string("<b>"), std::string("</b>"), kEllipsis})
            for (std::size_t at; (at = plain.find(m)) != std::string::npos;) plain.erase(at, m.size());
        std::string flat = text;
        for (char& c : flat)
            if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        CHECK(flat.find(plain) != std::string::npos);
    }
}

TEST_CASE("HTML snippets (the default) escape the text, never the markers; PLAIN keeps it as stored") {
    const Analyzer analyzer;
    const std::string text = "كيري <script>alert(1)</script> & \"لافروف\" 'x' a<b";
    SnippetStyle html;
    CHECK(html.escape_html);  // the default, as the default markers are HTML
    CHECK(make_snippet(analyzer, text, terms_for(analyzer, "كيري"), html) ==
          "<b>كيري</b> &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;لافروف&quot; &#39;x&#39; a&lt;b");
    // A matched word next to markup: the word is wrapped, the markup around it escaped.
    CHECK(make_snippet(analyzer, "<i>كيري</i>", terms_for(analyzer, "كيري"), html) == "&lt;i&gt;<b>كيري</b>&lt;/i&gt;");
    SnippetStyle plain;
    plain.escape_html = false;
    plain.open = "**";
    plain.close = "**";
    CHECK(make_snippet(analyzer, text, terms_for(analyzer, "كيري"), plain) ==
          "**كيري** <script>alert(1)</script> & \"لافروف\" 'x' a<b");
}
