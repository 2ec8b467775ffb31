// Tests of lib/ingest: to_utf8 (encodings), JsonlReader (JSON Lines), JsonArrayReader (SaudiNewsNet's
// JSON arrays) and read_text_article.
#include <fahras/analyzer.hpp>
#include <fahras/error.hpp>
#include <fahras/ingest.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

// لافروف in windows-1256: ل E1, ا C7, ف DD, ر D1, و E6, ف DD.
const std::string kLavrovCp1256 = "\xE1\xC7\xDD\xD1\xE6\xDD";
const std::string kLavrov = "لافروف";
const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Every article a reader (JsonlReader, JsonArrayReader) gives until its end.
template <class Reader>
std::vector<fahras::Article> drain(Reader& reader) {
    std::vector<fahras::Article> articles;
    fahras::Article article;
    while (reader.next(article)) articles.push_back(article);
    return articles;
}

std::vector<fahras::Article> read_all(const std::string& text, const std::string& encoding = "utf-8") {
    std::istringstream in(text);
    fahras::JsonlReader reader(in, encoding);
    return drain(reader);
}

// A file in the temporary directory, removed at the end of the test.
struct TempFile {
    explicit TempFile(const std::string& bytes, const std::string& name = "fahras_test_ingest.txt")
        : path((std::filesystem::temp_directory_path() / name).string()) {
        std::ofstream(path, std::ios::binary) << bytes;
    }
    ~TempFile() { std::remove(path.c_str()); }
    std::string path;
};

}  // namespace

TEST_CASE("to_utf8: utf-8 passes through unchanged, whatever the spelling of the name") {
    const std::string bytes = "كيري \xFF";  // even invalid bytes: repair is the reader's job
    CHECK(fahras::to_utf8(bytes, "utf-8") == bytes);
    CHECK(fahras::to_utf8(bytes, "UTF8") == bytes);
    CHECK(fahras::to_utf8(bytes, "utf_8") == bytes);
}

TEST_CASE("to_utf8: windows-1256 and iso-8859-6 Arabic") {
    CHECK(fahras::to_utf8(kLavrovCp1256, "windows-1256") == kLavrov);
    CHECK(fahras::to_utf8(kLavrovCp1256, "cp1256") == kLavrov);
    CHECK(fahras::to_utf8("", "windows-1256").empty());
    // iso-8859-6: ك E3, ي EA, ر D1 → كير
    CHECK(fahras::to_utf8("\xE3\xEA\xD1", "iso-8859-6") == "كير");
}

TEST_CASE("to_utf8: an unknown encoding is an InvalidArgumentError that names it") {
    CHECK_THROWS_AS(fahras::to_utf8("abc", "no-such-encoding"), fahras::InvalidArgumentError);
    CHECK_THROWS_WITH(fahras::to_utf8("abc", "no-such-encoding"), doctest::Contains("no-such-encoding"));
    CHECK_THROWS_AS(fahras::to_utf8("abc", ""), fahras::InvalidArgumentError);
}

TEST_CASE("to_utf8: bytes undefined in the encoding are an EncodingError") {
    // 0xFF has no character in iso-8859-6.
    CHECK_THROWS_AS(fahras::to_utf8("\xFF", "iso-8859-6"), fahras::EncodingError);
}

TEST_CASE("JsonlReader: BEIR and SaudiNewsNet field names") {
    const auto articles = read_all(
        R"({"_id": "snn-1", "title": "عنوان", "text": "نص الخبر", "source": "aawsat", "url": "http://x/1", "date": "2015-07-21 02:51:32", "author": "لندن: رنيم"})"
        "\n"
        R"({"id": "a2", "body": "جسم", "date_extracted": "2015-08-01", "content": "محتوى"})"
        "\n");
    REQUIRE(articles.size() == 2);
    CHECK(articles[0].id == "snn-1");
    CHECK(articles[0].title == "عنوان");
    CHECK(articles[0].body == "نص الخبر");
    CHECK(articles[0].source == "aawsat");
    CHECK(articles[0].url == "http://x/1");
    CHECK(articles[0].date == "2015-07-21 02:51:32");
    CHECK(articles[0].author == "لندن: رنيم");
    CHECK(articles[0].metadata.empty());
    CHECK(articles[1].id == "a2");
    CHECK(articles[1].body == "جسم");  // body wins over content, which is kept as metadata
    CHECK(articles[1].metadata.at("content") == "محتوى");
    CHECK(articles[1].date == "2015-08-01");
}

TEST_CASE("JsonlReader: a number as id, other values as JSON text in metadata") {
    const auto articles = read_all(R"({"_id": 42, "text": "x", "tags": ["a", "ب"], "views": 7, "ok": true, "gone": null, "lang": "ar"})");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].id == "42");
    CHECK(articles[0].metadata.at("tags") == R"(["a","ب"])");
    CHECK(articles[0].metadata.at("views") == "7");
    CHECK(articles[0].metadata.at("ok") == "true");
    CHECK(articles[0].metadata.at("lang") == "ar");
    CHECK(articles[0].metadata.count("gone") == 0);  // null is no value
}

TEST_CASE("JsonlReader: blank lines, CRLF line ends and a byte order mark are skipped") {
    const auto articles = read_all("\xEF\xBB\xBF{\"_id\": \"1\", \"text\": \"a\"}\r\n\r\n   \n{\"_id\": \"2\", \"text\": \"b\"}\r\n");
    REQUIRE(articles.size() == 2);
    CHECK(articles[0].id == "1");
    CHECK(articles[1].id == "2");
    CHECK(articles[1].body == "b");
}

TEST_CASE("JsonlReader: a malformed line throws with its line number and the reader goes on") {
    std::istringstream in(
        "{\"_id\": \"1\", \"text\": \"a\"}\n"
        "{\"_id\": \"2\", \"text\": \n"           // line 2: truncated JSON
        "[1, 2]\n"                               // line 3: not an object
        "{\"title\": \"no id\"}\n"               // line 4: no id
        "{\"_id\": \"\"}\n"                      // line 5: empty id
        "{\"_id\": {\"x\": 1}}\n"                // line 6: id is an object
        "{\"_id\": \"7\", \"text\": \"g\"}\n");
    fahras::JsonlReader reader(in);
    fahras::Article article;
    REQUIRE(reader.next(article));
    CHECK(article.id == "1");
    for (int line = 2; line <= 6; ++line) {
        CAPTURE(line);
        CHECK_THROWS_AS(reader.next(article), fahras::InvalidArgumentError);
        CHECK(reader.line_number() == static_cast<std::uint64_t>(line));
    }
    // The messages name the line.
    std::istringstream again("\n\n{oops\n");
    fahras::JsonlReader second(again);
    CHECK_THROWS_WITH(second.next(article), doctest::Contains("line 3"));

    REQUIRE(reader.next(article));
    CHECK(article.id == "7");
    CHECK(reader.line_number() == 7);
    CHECK_FALSE(reader.next(article));
}

TEST_CASE("JsonlReader: invalid UTF-8 inside a string becomes U+FFFD, never a lost article") {
    const auto articles = read_all("{\"_id\": \"bad\", \"title\": \"\xD9\", \"text\": \"كيري \xFF\xFE وزير\"}\n");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].title == kReplacement);
    CHECK(articles[0].body.find(kReplacement) != std::string::npos);
    CHECK(articles[0].body.find("كيري") == 0);
    CHECK(fahras::is_valid_utf8(articles[0].body));
    CHECK(fahras::is_valid_utf8(articles[0].title));
}

TEST_CASE("JsonlReader: windows-1256 input is converted line by line") {
    const std::string line = "{\"_id\": \"w1\", \"title\": \"" + kLavrovCp1256 + "\", \"text\": \"" + kLavrovCp1256 + "\"}\n";
    const auto articles = read_all(line, "windows-1256");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].title == kLavrov);
    CHECK(articles[0].body == kLavrov);
}

TEST_CASE("JsonlReader: an unknown encoding is reported on the first line") {
    std::istringstream in("{\"_id\": \"1\"}\n");
    fahras::JsonlReader reader(in, "klingon-8");
    fahras::Article article;
    CHECK_THROWS_AS(reader.next(article), fahras::InvalidArgumentError);
}

TEST_CASE("JsonlReader: empty input gives no article") {
    std::istringstream in("");
    fahras::JsonlReader reader(in);
    fahras::Article article;
    CHECK_FALSE(reader.next(article));
    CHECK(reader.line_number() == 0);
}

namespace {

std::vector<fahras::Article> read_array(const std::string& text, const std::string& prefix = "2015-07-23") {
    std::istringstream in(text);
    fahras::JsonArrayReader reader(in, prefix);
    return drain(reader);
}

}  // namespace

TEST_CASE("JsonArrayReader: a SaudiNewsNet record, ids numbered in array order") {
    // Records in SaudiNewsNet's layout (text written for the test), as its 2015-07-23 file would hold them.
    const auto articles = read_array(R"([
    {
        "source": "aawsat",
        "url": "http://aawsat.com/home/article/412746",
        "date_extracted": "2015-07-23 19:28:17",
        "title": "المالكي يرد على منتقديه",
        "author": "",
        "content": "في مقابلة طويلة مع قناة محلية"
    },
    {"source": "okaz", "title": "ثانٍ", "content": "نص, مع فاصلة ] وقوس", "_id": "own-id"},
    {"title": "ثالث \"مقتبس\" {", "content": "ج"}
])");
    REQUIRE(articles.size() == 3);
    CHECK(articles[0].id == "2015-07-23-1");
    CHECK(articles[0].source == "aawsat");
    CHECK(articles[0].url == "http://aawsat.com/home/article/412746");
    CHECK(articles[0].date == "2015-07-23 19:28:17");
    CHECK(articles[0].title == "المالكي يرد على منتقديه");
    CHECK(articles[0].body == "في مقابلة طويلة مع قناة محلية");
    CHECK(articles[1].id == "own-id");  // a record's own id wins
    CHECK(articles[1].body == "نص, مع فاصلة ] وقوس");  // , and ] inside strings do not end the record
    CHECK(articles[2].id == "2015-07-23-3");
    CHECK(articles[2].title == "ثالث \"مقتبس\" {");
}

TEST_CASE("JsonArrayReader: a malformed record names its line and record, and the next one is read") {
    std::istringstream in("[\n{\"title\": \"a\"},\n{\"title\": tru},\n[1],\n{\"title\": \"d\"}\n]\n");
    fahras::JsonArrayReader reader(in, "f");
    fahras::Article article;
    REQUIRE(reader.next(article));
    CHECK(article.id == "f-1");
    CHECK_THROWS_WITH_AS(reader.next(article), doctest::Contains("line 3: record 2: not valid JSON"),
                         fahras::InvalidArgumentError);
    CHECK_THROWS_WITH_AS(reader.next(article), doctest::Contains("line 4: record 3: expected a JSON object"),
                         fahras::InvalidArgumentError);
    REQUIRE(reader.next(article));
    CHECK(article.id == "f-4");  // numbering counts the bad records too, so ids do not shift
    CHECK(reader.line_number() == 5);
    CHECK_FALSE(reader.next(article));
}

TEST_CASE("JsonArrayReader: input cut short, not an array, empty") {
    fahras::Article article;
    std::istringstream cut("[{\"title\": \"a\"}, {\"title\": \"b");
    fahras::JsonArrayReader cut_reader(cut, "x");
    REQUIRE(cut_reader.next(article));
    CHECK_THROWS_WITH_AS(cut_reader.next(article), doctest::Contains("cut short"), fahras::InvalidArgumentError);
    CHECK_FALSE(cut_reader.next(article));  // the reader has ended, it does not loop

    std::istringstream unclosed("[{\"title\": \"a\"}\n");
    fahras::JsonArrayReader unclosed_reader(unclosed, "x");
    REQUIRE(unclosed_reader.next(article));
    CHECK_THROWS_WITH_AS(unclosed_reader.next(article), doctest::Contains("not closed"), fahras::InvalidArgumentError);

    std::istringstream jsonl("{\"_id\": \"1\"}\n");
    fahras::JsonArrayReader jsonl_reader(jsonl, "x");
    CHECK_THROWS_WITH_AS(jsonl_reader.next(article), doctest::Contains("line 1: expected a JSON array"),
                         fahras::InvalidArgumentError);
    CHECK_FALSE(jsonl_reader.next(article));

    CHECK(read_array("").empty());
    CHECK(read_array(" [ ] ").empty());
    CHECK(read_array("[{\"title\": \"a\"},]").size() == 1);  // a trailing comma is tolerated
}

TEST_CASE("JsonArrayReader: windows-1256 input is converted; invalid UTF-8 becomes U+FFFD") {
    std::istringstream in("[{\"title\": \"" + kLavrovCp1256 + "\"}]");
    fahras::JsonArrayReader reader(in, "p", "windows-1256");
    fahras::Article article;
    REQUIRE(reader.next(article));
    CHECK(article.title == kLavrov);

    const auto repaired = read_array("[{\"title\": \"a\xFF" "b\"}]");
    REQUIRE(repaired.size() == 1);
    CHECK(repaired[0].title == "a" + kReplacement + "b");
}

TEST_CASE("read_text_article: first non-empty line is the title, the rest the body") {
    const TempFile file("\n\n  موسكو تطالب واشنطن  \r\n\r\nأبلغ لافروف نظيره كيري.\r\nسطر ثان.\r\n\n");
    const fahras::Article article = fahras::read_text_article(file.path, "seed");
    CHECK(article.id == "seed");
    CHECK(article.title == "موسكو تطالب واشنطن");
    CHECK(article.body == "أبلغ لافروف نظيره كيري.\nسطر ثان.");
}

TEST_CASE("read_text_article: the seed article fixture") {
    const fahras::Article article = fahras::read_text_article(std::string(FAHRAS_FIXTURES) + "/seed_article.txt", "seed");
    CHECK(article.title.find("موسكو تطالب واشنطن") == 0);
    CHECK(article.body.find("لافروف") != std::string::npos);
    CHECK(article.body.find("كيري") != std::string::npos);
    CHECK(fahras::is_valid_utf8(article.body));
}

TEST_CASE("read_text_article: windows-1256 and invalid UTF-8") {
    const TempFile cp1256(kLavrovCp1256 + "\n" + kLavrovCp1256 + " " + kLavrovCp1256, "fahras_test_cp1256.txt");
    const fahras::Article converted = fahras::read_text_article(cp1256.path, "w", "windows-1256");
    CHECK(converted.title == kLavrov);
    CHECK(converted.body == kLavrov + " " + kLavrov);

    const TempFile broken("عنوان\nنص \xC3\x28 تالف", "fahras_test_broken.txt");
    const fahras::Article repaired = fahras::read_text_article(broken.path, "b");
    CHECK(fahras::is_valid_utf8(repaired.body));
    CHECK(repaired.body.find(kReplacement) != std::string::npos);
}

TEST_CASE("read_text_article: a missing file is an IndexError naming the path") {
    CHECK_THROWS_AS(fahras::read_text_article("/nonexistent/fahras/article.txt", "x"), fahras::IndexError);
    CHECK_THROWS_WITH(fahras::read_text_article("/nonexistent/fahras/article.txt", "x"),
                      doctest::Contains("/nonexistent/fahras/article.txt"));
}
