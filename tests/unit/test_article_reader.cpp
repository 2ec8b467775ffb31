// Tests of lib/ingest's front door: article_from_record (the one record -> Article mapping every reader
// and binding uses) and ArticleReader (format detection, bad records with file and line).
#include <fahras/error.hpp>
#include <fahras/index.hpp>
#include <fahras/ingest.hpp>

#include <doctest/doctest.h>

#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Kind = fahras::RecordField::Kind;

fahras::RecordField field(std::string name, Kind kind, std::string text = {}) {
    return fahras::RecordField{std::move(name), kind, std::move(text)};
}

// A file in the temporary directory, removed at the end of the test.
struct TempFile {
    TempFile(const std::string& name, const std::string& bytes)
        : path((std::filesystem::temp_directory_path() / ("fahras_test_reader_" + name)).string()) {
        std::ofstream(path, std::ios::binary) << bytes;
    }
    ~TempFile() { std::remove(path.c_str()); }
    std::string path;
};

// Every article of @p reader, and the "FILE|LINE|MESSAGE" of every bad record.
struct Drained {
    std::vector<fahras::Article> articles;
    std::vector<std::string> errors;
};

Drained drain(fahras::ArticleReader& reader) {
    Drained out;
    fahras::Article article;
    for (;;) {
        try {
            if (!reader.next(article)) break;
        } catch (const fahras::RecordError& e) {
            out.errors.push_back(e.file() + "|" + std::to_string(e.line()) + "|" + e.what());
            continue;
        }
        out.articles.push_back(article);
    }
    return out;
}

}  // namespace

TEST_CASE("article_from_record: id, then _id; a null id counts as absent") {
    const fahras::Article a = fahras::article_from_record(
        {field("id", Kind::NULL_VALUE), field("_id", Kind::INTEGER, "17"), field("text", Kind::STRING, "نص")});
    CHECK(a.id == "17");
    CHECK(a.body == "نص");
    CHECK(a.metadata.empty());
    const fahras::Article b = fahras::article_from_record({field("id", Kind::STRING, "3"), field("_id", Kind::STRING, "x")});
    CHECK(b.id == "3");
    CHECK(b.metadata.empty());  // the losing _id is not metadata
}

TEST_CASE("article_from_record: the first name of a field wins, the others are metadata") {
    const fahras::Article a = fahras::article_from_record(
        {field("id", Kind::STRING, "1"), field("content", Kind::STRING, "ج"), field("body", Kind::STRING, "ب"),
         field("date_extracted", Kind::STRING, "2015-07-01"), field("views", Kind::INTEGER, "7"),
         field("tags", Kind::OTHER, R"(["a"])")});
    CHECK(a.body == "ب");
    CHECK(a.date == "2015-07-01");
    CHECK(a.metadata.at("content") == "ج");
    CHECK(a.metadata.at("views") == "7");
    CHECK(a.metadata.at("tags") == R"(["a"])");
}

TEST_CASE("article_from_record: a metadata object is merged, over same-named fields") {
    const fahras::Article a = fahras::article_from_record(
        {field("id", Kind::STRING, "1"), field("k", Kind::STRING, "top"),
         field("metadata", Kind::OBJECT, R"({"k": "inner", "n": 2, "gone": null})")});
    CHECK(a.metadata.size() == 2);
    CHECK(a.metadata.at("k") == "inner");
    CHECK(a.metadata.at("n") == "2");
}

TEST_CASE("article_from_record: wrong types are FieldTypeError naming the field") {
    CHECK_THROWS_AS(fahras::article_from_record({field("id", Kind::STRING, "1"), field("title", Kind::INTEGER, "5")}),
                    fahras::FieldTypeError);
    CHECK_THROWS_WITH(fahras::article_from_record({field("id", Kind::OTHER, "1.5")}, "line 4: "),
                      doctest::Contains("line 4: the \"id\" field must be a string or an integer"));
    CHECK_THROWS_WITH(fahras::article_from_record({field("id", Kind::STRING, "1"), field("body", Kind::OBJECT, "{}")}),
                      doctest::Contains("\"body\""));
}

TEST_CASE("article_from_record: no id, an empty id and a too long id are RecordError") {
    CHECK_THROWS_AS(fahras::article_from_record({field("title", Kind::STRING, "t")}), fahras::RecordError);
    CHECK(fahras::article_from_record({field("title", Kind::STRING, "t")}, "", "file-1").id == "file-1");
    CHECK_THROWS_WITH(fahras::article_from_record({field("id", Kind::STRING, "")}), doctest::Contains("empty"));
    const std::string longest(fahras::kMaxIdBytes, 'x');
    CHECK(fahras::article_from_record({field("id", Kind::STRING, longest)}).id == longest);
    CHECK_THROWS_WITH(fahras::article_from_record({field("id", Kind::STRING, longest + "x")}),
                      doctest::Contains("201 bytes"));
}

TEST_CASE("kMaxIdBytes is the limit Index::add enforces") {
    fahras::Index index = fahras::Index::in_memory();
    fahras::Article article;
    article.id = std::string(fahras::kMaxIdBytes, 'x');
    CHECK_NOTHROW(index.add(article));
    article.id += 'x';
    CHECK_THROWS_AS(index.add(article), fahras::InvalidArgumentError);
}

TEST_CASE("ArticleReader: JSON Lines, bad records carry file and line and cost only themselves") {
    const TempFile file("mixed.jsonl", "{\"_id\": \"a\"}\n{bad\n\n{\"_id\": \"" + std::string(300, 'x') +
                                           "\"}\n{\"_id\": \"b\", \"title\": 5}\n{\"_id\": \"c\"}\n");
    fahras::ArticleReader reader(file.path);
    const Drained out = drain(reader);
    REQUIRE(out.articles.size() == 2);
    CHECK(out.articles[0].id == "a");
    CHECK(out.articles[1].id == "c");
    REQUIRE(out.errors.size() == 3);
    CHECK(out.errors[0].rfind(file.path + "|2|line 2: not valid JSON", 0) == 0);
    CHECK(out.errors[1].rfind(file.path + "|4|line 4: the id is 300 bytes long", 0) == 0);
    CHECK(out.errors[2].rfind(file.path + "|5|line 5: the \"title\" field must be a string", 0) == 0);
    CHECK(reader.bytes_read() == reader.size());
}

TEST_CASE("ArticleReader: .json is a JSON array or JSON Lines by its first byte; array ids from the name") {
    const TempFile array("2015-07-23.json", "\xEF\xBB\xBF  [{\"title\": \"أول\"}, {\"_id\": \"own\"}]");
    fahras::ArticleReader reader(array.path);
    const Drained out = drain(reader);
    REQUIRE(out.articles.size() == 2);
    CHECK(out.articles[0].id == "fahras_test_reader_2015-07-23-1");
    CHECK(out.articles[1].id == "own");
    const TempFile lines("lines.json", "{\"_id\": \"1\"}\n{\"_id\": \"2\"}\n");
    fahras::ArticleReader line_reader(lines.path);
    CHECK(drain(line_reader).articles.size() == 2);
}

TEST_CASE("ArticleReader: any other name is one plain-text article named after the file") {
    const TempFile text("seed.txt", "\n  العنوان  \r\nالسطر الأول\r\n");
    fahras::ArticleReader reader(text.path);
    const Drained out = drain(reader);
    REQUIRE(out.articles.size() == 1);
    CHECK(out.articles[0].id == "fahras_test_reader_seed");
    CHECK(out.articles[0].title == "العنوان");
    CHECK(out.articles[0].body == "السطر الأول");
}

TEST_CASE("ArticleReader: a zip archive's JSON entries are read, the others noticed and skipped") {
    const std::string path = (std::filesystem::temp_directory_path() / "fahras_test_reader.zip").string();
    std::remove(path.c_str());
    {
        int code = 0;
        zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
        REQUIRE(archive != nullptr);
        static const std::string array = R"([{"title": "a"}, {"title": "b"}])";
        static const std::string lines = "{\"_id\": \"j\"}\n{oops\n";
        static const std::string readme = "not articles";
        for (const auto& [name, bytes] : {std::pair{"okaz/day.json", &array}, {"more.jsonl", &lines}, {"README.txt", &readme}}) {
            zip_source_t* source = zip_source_buffer(archive, bytes->data(), bytes->size(), 0);
            REQUIRE(zip_file_add(archive, name, source, ZIP_FL_OVERWRITE) >= 0);
        }
        REQUIRE(zip_close(archive) == 0);
    }
    std::vector<std::string> notices;
    fahras::ReadOptions options;
    options.on_notice = [&](const std::string& message) { notices.push_back(message); };
    fahras::ArticleReader reader(path, options);
    const Drained out = drain(reader);
    std::remove(path.c_str());
    REQUIRE(out.articles.size() == 3);
    CHECK(out.articles[0].id == "day-1");
    CHECK(out.articles[1].id == "day-2");
    CHECK(out.articles[2].id == "j");
    REQUIRE(out.errors.size() == 1);
    CHECK(out.errors[0].rfind(path + "(more.jsonl)|2|line 2:", 0) == 0);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].find("README.txt): skipped") != std::string::npos);
    CHECK(reader.bytes_read() > 0);
}

TEST_CASE("ArticleReader: files that cannot be read are InputFileError") {
    CHECK_THROWS_AS(fahras::ArticleReader("/nonexistent/fahras.jsonl"), fahras::InputFileError);
    CHECK_THROWS_AS(fahras::ArticleReader("/nonexistent/fahras.txt"), fahras::InputFileError);
    CHECK_THROWS_WITH_AS(fahras::ArticleReader(std::filesystem::temp_directory_path().string()),
                         doctest::Contains("is a directory"), fahras::InputFileError);
    const TempFile fake("broken.zip", "PK\x03\x04 not a zip archive");
    CHECK_THROWS_WITH_AS(fahras::ArticleReader(fake.path), doctest::Contains("zip archive"), fahras::InputFileError);
    fahras::ReadOptions options;
    options.encoding = "no-such-encoding";
    CHECK_THROWS_AS(fahras::ArticleReader(fake.path, options), fahras::InvalidArgumentError);
}

TEST_CASE("ArticleReader: a stream is JSON Lines, or a JSON array when it starts with '['") {
    std::istringstream lines("{\"_id\": \"1\"}\n");
    fahras::ArticleReader line_reader(lines, "<stdin>");
    CHECK(drain(line_reader).articles.size() == 1);
    std::istringstream array("[{\"_id\": \"1\"}, {}]");
    fahras::ArticleReader array_reader(array, "in.json");
    const Drained out = drain(array_reader);
    CHECK(out.articles.size() == 2);
    CHECK(out.articles[1].id == "in-2");
}
