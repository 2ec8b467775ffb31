// What a document stores besides its terms (lib/index/terms): date keys, source keys and the stored
// record. The terms themselves are tested in test_term_scheme.
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
using fahras::Article;
using fahras::detail::date_key;
using fahras::detail::deserialize_article;
using fahras::detail::serialize_article;

namespace {

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

TEST_CASE("records: written packed (version 2), and the plain records of earlier indexes (version 1) still read") {
    Article a;
    a.id = "n2";
    a.title = "كيري في موسكو";
    a.body = "التقى كيري لافروف";
    const std::string data = serialize_article(a, true);
    CHECK(data.front() == '2');
    CHECK(data.size() < 1 + 1 + a.id.size() + a.title.size() + a.body.size());  // the letters one byte each
    // A version 1 record as fahras wrote it before: each field as a varint length and its bytes.
    std::string v1 = "1";
    for (const std::string& field : {std::string("old-1"), std::string("عنوان"), std::string("نص"), std::string("واس"),
                                     std::string("riyadh"), std::string("u"), std::string("2015-08-02"),
                                     std::string("1"), std::string("k"), std::string("قيمة")}) {
        v1.push_back(static_cast<char>(field.size()));
        v1 += field;
    }
    const Article old = deserialize_article(v1);
    CHECK(old.id == "old-1");
    CHECK(old.title == "عنوان");
    CHECK(old.body == "نص");
    CHECK(old.date == "2015-08-02");
    CHECK(old.metadata.at("k") == "قيمة");
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

TEST_CASE("source_key: normalized and trimmed, the same at index and query time") {
    const Analyzer analyzer;
    CHECK(fahras::detail::source_key(analyzer, "Al Riyadh") == "al riyadh");
    CHECK(fahras::detail::source_key(analyzer, "  OKAZ  ") == "okaz");
    CHECK(fahras::detail::source_key(analyzer, "   ").empty());
    CHECK(fahras::detail::source_key(analyzer, "").empty());
    CHECK(fahras::detail::source_key(analyzer, "الشرق الأوسط") == "الشرق الاوسط");
}
