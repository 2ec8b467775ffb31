// The term scheme (lib/index/terms): date keys, the stored record, and the terms build_document puts
// in a Xapian document, written as tables like Xapian's tests/api_termgen.cc: options, article,
// expected terms as term:wdf[positions].
#include "index/terms.hpp"

#include "test_support.hpp"

#include <fahras/analyzer.hpp>
#include <fahras/index.hpp>

#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using fahras::Analyzer;
using fahras::AnalyzerOptions;
using fahras::Article;
using fahras::IndexOptions;
using fahras::detail::build_document;
using fahras::detail::date_key;
using fahras::detail::deserialize_article;
using fahras::detail::serialize_article;

namespace {

std::string sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    std::string joined;
    for (const auto& s : v) joined += (joined.empty() ? "" : " ") + s;
    return joined;
}

// Every term of @p doc as term:wdf, followed by [p1,p2] when it has positions; sorted, space-separated.
std::string term_table(const Xapian::Document& doc) {
    std::vector<std::string> out;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        std::string s = *t + ":" + std::to_string(t.get_wdf());
        std::string positions;
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
            positions += (positions.empty() ? "" : ",") + std::to_string(*p);
        if (!positions.empty()) s += "[" + positions + "]";
        out.push_back(s);
    }
    return sorted(out);
}

bool same_article(const Article& a, const Article& b) {
    return a.id == b.id && a.title == b.title && a.body == b.body && a.author == b.author && a.source == b.source &&
           a.url == b.url && a.date == b.date && a.metadata == b.metadata;
}

}  // namespace

// ------------------------------------------------------------------------------------------ date_key

TEST_CASE("date_key: ISO dates become 14 digits, shorter ones padded with 0 or, as upper bounds, with 9") {
    struct Row {
        const char* iso;
        bool upper;
        const char* key;
    };
    const Row rows[] = {
        {"2015-07-21 02:51:32", false, "20150721025132"},
        {"2015-07-21T02:51:32", false, "20150721025132"},
        {"2015-07-21T02:51:32Z", false, "20150721025132"},
        {"2015-07-21 02:51:32.123+03:00", false, "20150721025132"},  // digits past the seconds are ignored
        {"2015-07-21", false, "20150721000000"},
        {"2015-07-21", true, "20150721999999"},
        {"2015-07", false, "20150700000000"},
        {"2015-07", true, "20150799999999"},
        {"2015", true, "20159999999999"},
        {"2015-07-21 02:51:32", true, "20150721025132"},  // a full date needs no padding
        {"", false, ""},
        {"", true, ""},
        {"unknown", false, ""},
        {"unknown", true, ""},
    };
    for (const Row& row : rows) {
        CAPTURE(row.iso);
        CAPTURE(row.upper);
        CHECK(date_key(row.iso, row.upper) == row.key);
    }
}

TEST_CASE("date_key: unpadded months and days are padded, so 2015-7-1 sorts before 2015-07-21") {
    CHECK(date_key("2015-7-1") == "20150701000000");
    CHECK(date_key("2015-7-1 2:5:3") == "20150701020503");
    CHECK(date_key("2015-7-1") < date_key("2015-07-21"));
    CHECK(date_key("20150721") == "20150721000000");
}

TEST_CASE("date_key: a day lies between its own lower and upper bound, a month holds all its days") {
    const std::string day = date_key("2015-07-21 23:59:59");
    CHECK(date_key("2015-07-21") <= day);
    CHECK(day <= date_key("2015-07-21", true));
    CHECK(date_key("2015-07") <= date_key("2015-07-31 23:59:59"));
    CHECK(date_key("2015-07-31 23:59:59") <= date_key("2015-07", true));
    CHECK(date_key("2015-08-01") > date_key("2015-07", true));
}

// -------------------------------------------------------------------------------- the stored record

TEST_CASE("serialize/deserialize: every field and the metadata round-trip") {
    Article a;
    a.id = "news-01";
    a.title = "لافروف وكيري يبحثان الأزمة السورية";
    a.body = std::string(20000, 'x') + " كِيري";  // a length that needs a three-byte varint
    a.author = "موسكو: رويترز";
    a.source = "aawsat";
    a.url = "https://example.org/news-01";
    a.date = "2015-07-21T02:51:32";
    a.metadata = {{"tags", "[\"داعش\",\"العراق\"]"}, {"lang", "ar"}, {"", "empty key"}, {"empty value", ""}};
    const Article b = deserialize_article(serialize_article(a, true));
    CHECK(same_article(a, b));
}

TEST_CASE("serialize/deserialize: embedded NUL bytes survive in every field, key and value") {
    const std::string nul(1, '\0');
    Article a;
    a.id = "a" + nul + "b";
    a.title = nul + "title" + nul;
    a.body = "body" + nul + nul + "end";
    a.author = nul;
    a.source = "s" + nul;
    a.url = nul + "u";
    a.date = "2015" + nul;
    a.metadata = {{"k" + nul + "ey", "v" + nul + "alue"}, {nul, nul + nul}};
    const Article b = deserialize_article(serialize_article(a, true));
    CHECK(b.id.size() == 3);
    CHECK(b.body.size() == a.body.size());
    CHECK(same_article(a, b));
}

TEST_CASE("serialize/deserialize: an empty article round-trips") {
    Article a;
    a.id = "x";
    CHECK(same_article(a, deserialize_article(serialize_article(a, true))));
}

TEST_CASE("serialize without store_text drops title and body and keeps everything else") {
    Article a;
    a.id = "n1";
    a.title = "عنوان";
    a.body = "نص طويل";
    a.author = "واس";
    a.source = "riyadh";
    a.url = "u";
    a.date = "2015-08-02";
    a.metadata = {{"k", "v"}};
    const Article b = deserialize_article(serialize_article(a, false));
    CHECK(b.title.empty());
    CHECK(b.body.empty());
    Article expected = a;
    expected.title.clear();
    expected.body.clear();
    CHECK(same_article(expected, b));
    CHECK(serialize_article(a, false).size() < serialize_article(a, true).size());
}

TEST_CASE("deserialize: empty, unknown-version, truncated and random records give an article, never a crash") {
    CHECK(deserialize_article("").id.empty());
    CHECK(deserialize_article("9garbage").id.empty());  // unknown record version

    Article a;
    a.id = "news-07";
    a.title = "رسالة من الملك للافروف";
    a.body = "سلم وزير الخارجية رسالة خطية";
    a.metadata = {{"k", "v"}};
    const std::string data = serialize_article(a, true);
    for (std::size_t n = 0; n < data.size(); ++n) {
        CAPTURE(n);
        const Article cut = deserialize_article(std::string_view(data).substr(0, n));
        // Every field decoded before the cut is whole; nothing after it is invented.
        CHECK((cut.id.empty() || cut.id == a.id));
        CHECK((cut.title.empty() || cut.title == a.title));
        CHECK(cut.metadata.size() <= 1);
    }

    const std::uint64_t seed = fahras::test::property_seed("deserialize random bytes");
    std::mt19937_64 rng(seed);
    for (int i = 0; i < 2000; ++i) {
        std::string junk(rng() % 64, '\0');
        for (char& c : junk) c = static_cast<char>(rng());
        if (i % 2) junk.insert(junk.begin(), '1');  // past the version check, into the varints
        const Article b = deserialize_article(junk);
        CHECK(b.id.size() <= junk.size());
    }
}

// --------------------------------------------------------------------------------- build_document

TEST_CASE("build_document: the terms of each field, table-style") {
    struct Row {
        const char* name;
        AnalyzerOptions analyzer;
        IndexOptions options;
        Article article;
        std::vector<std::string> terms;  // term:wdf[positions], any order
    };
    IndexOptions defaults;
    IndexOptions no_positions;
    no_positions.positions = false;
    IndexOptions heavy_title;
    heavy_title.title_weight = 3;
    IndexOptions zero_title;
    zero_title.title_weight = 0;  // read as 1: a title word counts at least once
    AnalyzerOptions no_stem;
    no_stem.stem = false;
    const std::string long_word(201, 'a');

    const Row rows[] = {
        {"every field: bare form carries the positions, title terms S, author A, source K, id Q",
         {},
         defaults,
         {"n1", "كيري", "ولافروف كيري", "موسكو: رويترز", "Al Riyadh", "https://x", "2015-07-21", {}},
         {"كيري:3[0,10001]", "Zكيري:3", "Sكيري:1",                    // title (weight 2) and body
          "افروف:1[10000]", "ولافروف:1", "لافروف:1", "Zافروف:1",     // ولافروف: positions on the bare form only
          "Aموسكو:1", "Aرويترز:1", "Kal riyadh:0", "Qn1:0"}},
        {"without positions the same terms have none",
         {},
         no_positions,
         {"n1", "", "ولافروف كيري", "", "", "", "", {}},
         {"افروف:1", "ولافروف:1", "لافروف:1", "Zافروف:1", "كيري:1", "Zكيري:1", "Qn1:0"}},
        {"a title word counts title_weight times; title and body positions are 10000 apart",
         {},
         heavy_title,
         {"n2", "جون", "جون", "", "", "", "", {}},
         {"جون:4[0,10000]", "Zجون:4", "Sجون:1", "Qn2:0"}},
        {"title_weight 0 still counts a title word once",
         {},
         zero_title,
         {"n2", "جون", "", "", "", "", "", {}},
         {"جون:1[0]", "Zجون:1", "Sجون:1", "Qn2:0"}},
        {"title with لل: every proclitic-free form under S, the unprefixed tiers weighted",
         {},
         defaults,
         {"n3", "للافروف", "", "", "", "", "", {}},
         {"افروف:2[0]", "للافروف:2", "الافروف:2", "لافروف:2", "Zافروف:2", "Sللافروف:1", "Sالافروف:1",
          "Sلافروف:1", "Sافروف:1", "Qn3:0"}},
        {"light stem under Z",
         {},
         defaults,
         {"n4", "", "المعلمون", "", "", "", "", {}},
         {"معلمون:1[10000]", "المعلمون:1", "Zمعلم:1", "Qn4:0"}},
        {"stem=false: Z holds the bare form",
         no_stem,
         defaults,
         {"n4", "", "المعلمون", "", "", "", "", {}},
         {"معلمون:1[10000]", "المعلمون:1", "Zمعلمون:1", "Qn4:0"}},
        {"a repeated word and a stopword (stopwords are indexed, so +في can match)",
         {},
         defaults,
         {"n5", "", "كيري في كيري", "", "", "", "", {}},
         {"كيري:2[10000,10002]", "Zكيري:2", "في:1[10001]", "Zفي:1", "Qn5:0"}},
        {"harakat, alef maksura and Persian kaf fold into one term",
         {},
         defaults,
         {"n6", "", "كِيري كيرى کيري", "", "", "", "", {}},
         {"كيري:3[10000,10001,10002]", "Zكيري:3", "Qn6:0"}},
        {"a word over 200 bytes is skipped but keeps its position",
         {},
         defaults,
         {"n7", "", long_word + " كيري", "", "", "", "", {}},
         {"كيري:1[10001]", "Zكيري:1", "Qn7:0"}},
        {"author words with proclitics give every form under A (wdf 1, no positions), with no other terms",
         {},
         defaults,
         {"n8", "", "", "ولافروف", "", "", "", {}},
         {"Aولافروف:1", "Aلافروف:1", "Aافروف:1", "Qn8:0"}},
        {"an article with only an id has only its id term",
         {},
         defaults,
         {"n9", "", "", "", "", "", "", {{"k", "v"}}},
         {"Qn9:0"}},
    };
    for (const Row& row : rows) {
        const std::string name = row.name;
        CAPTURE(name);
        const Analyzer analyzer(row.analyzer);
        const Xapian::Document doc = build_document(analyzer, row.options, row.article);
        CHECK(term_table(doc) == sorted(row.terms));
    }
}

TEST_CASE("build_document: date, source and id values, and the stored record") {
    const Analyzer analyzer;
    Article a;
    a.id = "n1";
    a.title = "عنوان";
    a.body = "نص";
    a.source = "  Al Riyadh ";
    a.date = "2015-07-21T02:51:32";
    a.metadata = {{"k", "v"}};
    IndexOptions options;
    const Xapian::Document doc = build_document(analyzer, options, a);
    CHECK(doc.get_value(fahras::detail::kSlotDate) == "20150721025132");
    CHECK(doc.get_value(fahras::detail::kSlotSource) == "al riyadh");
    CHECK(doc.get_value(fahras::detail::kSlotId) == "n1");
    CHECK(same_article(deserialize_article(doc.get_data()), a));

    options.store_text = false;
    const Article stored = deserialize_article(build_document(analyzer, options, a).get_data());
    CHECK(stored.title.empty());
    CHECK(stored.body.empty());
    CHECK(stored.metadata == a.metadata);

    Article undated;
    undated.id = "n2";
    const Xapian::Document bare = build_document(analyzer, IndexOptions{}, undated);
    CHECK(bare.get_value(fahras::detail::kSlotDate).empty());
    CHECK(bare.get_value(fahras::detail::kSlotSource).empty());
    CHECK(bare.get_value(fahras::detail::kSlotId) == "n2");
    CHECK(bare.values_count() == 1);  // only the id
}

TEST_CASE("source_key: normalized and trimmed, the same at index and query time") {
    const Analyzer analyzer;
    CHECK(fahras::detail::source_key(analyzer, "Al Riyadh") == "al riyadh");
    CHECK(fahras::detail::source_key(analyzer, "  OKAZ  ") == "okaz");
    CHECK(fahras::detail::source_key(analyzer, "   ").empty());
    CHECK(fahras::detail::source_key(analyzer, "").empty());
    CHECK(fahras::detail::source_key(analyzer, "الشرق الأوسط") == "الشرق الاوسط");
}
