// fahras::Index (lib/index/index.cpp): add, replace, remove, get, stats, batches, and the failure
// paths of a database on disk: missing, locked, corrupt, built by another analyzer, a crash before
// commit. Every on-disk test works in its own temporary directory, removed at the end.
#include "index_support.hpp"
#include "terms/scheme.hpp"

#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <xapian.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

using fahras::Article;
using fahras::Index;
using fahras::IndexOptions;
using fahras::OpenMode;
using fahras::Searcher;
using fahras::test::hit_ids;
using fahras::test::news_articles;
using fahras::test::TempDir;

namespace {

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD

Article article(const std::string& id, const std::string& title, const std::string& body) {
    Article a;
    a.id = id;
    a.title = title;
    a.body = body;
    return a;
}

Article full_article() {
    Article a;
    a.id = "news-01";
    a.title = "لافروف وكيري يبحثان الأزمة السورية";
    a.body = "بحث سيرغي لافروف مع جون كيري تطورات الأزمة.";
    a.author = "موسكو: رويترز";
    a.source = "aawsat";
    a.url = "https://example.org/news-01";
    a.date = "2015-07-21T02:51:32";
    a.metadata = {{"tags", "[\"سوريا\"]"}, {"lang", "ar"}};
    return a;
}

void check_same(const Article& a, const Article& b) {
    CHECK(a.id == b.id);
    CHECK(a.title == b.title);
    CHECK(a.body == b.body);
    CHECK(a.author == b.author);
    CHECK(a.source == b.source);
    CHECK(a.url == b.url);
    CHECK(a.date == b.date);
    CHECK(a.metadata == b.metadata);
}

std::vector<std::string> search_ids(const Index& index, const std::string& query) {
    return hit_ids(Searcher(index).search(query, 1000));
}

}  // namespace

// ------------------------------------------------------------------------------------ in memory

TEST_CASE("in memory: add, then get returns every field and the metadata") {
    Index index = Index::in_memory();
    CHECK(index.writable());
    CHECK(index.size() == 0);
    index.add(full_article());
    CHECK(index.size() == 1);
    const auto got = index.get("news-01");
    REQUIRE(got.has_value());
    check_same(*got, full_article());
    CHECK_FALSE(index.get("news-02").has_value());
    CHECK_FALSE(index.get("").has_value());
    CHECK_FALSE(index.get("news-0").has_value());  // ids are whole terms, not prefixes
}

TEST_CASE("add with an existing id replaces: one document per id, the new content wins") {
    Index index = Index::in_memory();
    index.add(article("a", "لافروف", "وصل لافروف إلى جنيف"));
    index.add(article("b", "", "نص آخر"));
    index.add(article("a", "كيري", "وصل كيري إلى باريس"));
    CHECK(index.size() == 2);
    const auto got = index.get("a");
    REQUIRE(got.has_value());
    CHECK(got->title == "كيري");
    CHECK(got->body == "وصل كيري إلى باريس");
    CHECK(search_ids(index, "لافروف").empty());   // the old words are gone
    CHECK(search_ids(index, "جنيف").empty());
    CHECK(search_ids(index, "باريس") == std::vector<std::string>{"a"});
}

TEST_CASE("remove: true for an existing id, false after, and the article is gone everywhere") {
    Index index = Index::in_memory();
    index.add(article("a", "", "وصل لافروف"));
    index.add(article("b", "", "وصل كيري"));
    CHECK(index.remove("a"));
    CHECK_FALSE(index.remove("a"));
    CHECK_FALSE(index.remove("never-added"));
    CHECK(index.size() == 1);
    CHECK_FALSE(index.get("a").has_value());
    CHECK(index.get("b").has_value());
    CHECK(search_ids(index, "لافروف").empty());
    CHECK(search_ids(index, "كيري") == std::vector<std::string>{"b"});
    CHECK_THROWS_AS(index.remove(""), fahras::InvalidArgumentError);
}

TEST_CASE("store_text=false: title and body are not stored, every other field is, and the text is searchable") {
    IndexOptions options;
    options.store_text = false;
    Index index = Index::in_memory(options);
    index.add(full_article());
    const auto got = index.get("news-01");
    REQUIRE(got.has_value());
    CHECK(got->title.empty());
    CHECK(got->body.empty());
    Article expected = full_article();
    expected.title.clear();
    expected.body.clear();
    check_same(*got, expected);
    CHECK(search_ids(index, "لافروف") == std::vector<std::string>{"news-01"});
    const auto results = Searcher(index).search("لافروف");
    REQUIRE(results.hits.size() == 1);
    CHECK(results.hits[0].snippet.empty());
    CHECK(results.hits[0].author == "موسكو: رويترز");
}

TEST_CASE("size and stats") {
    Index index = Index::in_memory();
    auto stats = index.stats();
    CHECK(stats.documents == 0);
    CHECK(stats.analyzer_id == index.analyzer().id());
    CHECK(stats.path.empty());
    for (const Article& a : news_articles()) index.add(a);
    CHECK(index.size() == 18);
    stats = index.stats();
    CHECK(stats.documents == 18);
    CHECK(stats.average_length > 10);  // the news bodies have 20-40 words
    CHECK(stats.average_length < 200);
    CHECK(stats.distinct_terms == 0);  // not counted in memory
    CHECK(stats.analyzer_id.rfind("fahras-arabic/", 0) == 0);
}

TEST_CASE("ids: empty and over 200 bytes are rejected, 200 bytes and any bytes are fine") {
    Index index = Index::in_memory();
    CHECK_THROWS_AS(index.add(article("", "t", "b")), fahras::InvalidArgumentError);
    CHECK_THROWS_AS(index.add(article(std::string(300, 'x'), "t", "b")), fahras::InvalidArgumentError);
    CHECK_THROWS_AS(index.add(article(std::string(201, 'x'), "t", "b")), fahras::InvalidArgumentError);
    CHECK(index.size() == 0);

    index.add(article(std::string(200, 'x'), "t", "b"));
    index.add(article("id with spaces/and:colons", "t", "b"));
    index.add(article("معرف-عربي", "t", "b"));
    CHECK(index.size() == 3);
    CHECK(index.get(std::string(200, 'x')).has_value());
    CHECK(index.get("id with spaces/and:colons").has_value());
    CHECK(index.get("معرف-عربي").has_value());

    // A batch with one bad id adds nothing.
    std::vector<Article> batch = {article("ok-1", "", "b"), article("", "", "b"), article("ok-2", "", "b")};
    CHECK_THROWS_AS(index.add_batch(batch), fahras::InvalidArgumentError);
    CHECK(index.size() == 3);
}

TEST_CASE("invalid UTF-8 in title and body is stored as U+FFFD and the article is searchable") {
    Index index = Index::in_memory();
    Article a = article("bad", "لافروف \xFF\xFE عنوان", "وصل \xD9 كيري \xE2\x82 إلى جنيف\xC0");
    a.author = "رويترز\xFF";
    a.metadata = {{"k\xFF", "v\xFE"}};
    index.add(a);
    const auto got = index.get("bad");
    REQUIRE(got.has_value());
    CHECK(fahras::is_valid_utf8(got->title));
    CHECK(fahras::is_valid_utf8(got->body));
    CHECK(fahras::is_valid_utf8(got->author));
    CHECK(got->title == "لافروف " + kReplacement + kReplacement + " عنوان");
    CHECK(got->body.find(kReplacement) != std::string::npos);
    CHECK(got->body.find("كيري") != std::string::npos);
    for (const auto& [k, v] : got->metadata) {
        CHECK(fahras::is_valid_utf8(k));
        CHECK(fahras::is_valid_utf8(v));
    }
    CHECK(search_ids(index, "لافروف") == std::vector<std::string>{"bad"});
    CHECK(search_ids(index, "كيري") == std::vector<std::string>{"bad"});
    CHECK(search_ids(index, "جنيف") == std::vector<std::string>{"bad"});
    const auto results = Searcher(index).search("كيري");
    REQUIRE(results.hits.size() == 1);
    CHECK(fahras::is_valid_utf8(results.hits[0].snippet));
    CHECK(fahras::is_valid_utf8(results.hits[0].title));
}

TEST_CASE("an id with invalid UTF-8 can be fetched and removed with the bytes it was added with") {
    Index index = Index::in_memory();
    const std::string id = "doc\xFF";
    index.add(article(id, "", "وصل كيري"));
    CHECK(index.size() == 1);
    CHECK(index.get(id).has_value());
    // Adding it again replaces it rather than adding a second article.
    index.add(article(id, "", "وصل لافروف"));
    CHECK(index.size() == 1);
    CHECK(index.remove(id));
    CHECK(index.size() == 0);
}

TEST_CASE("add_batch of more than 100 articles gives the same index as adding them one by one") {
    std::vector<Article> articles;
    const auto news = news_articles();
    for (int copy = 0; copy < 8; ++copy)
        for (Article a : news) {
            a.id += "-" + std::to_string(copy);
            if (copy % 2) a.body += " نسخة";
            articles.push_back(a);
        }
    REQUIRE(articles.size() == 144);

    for (unsigned threads : {0u, 1u, 2u, 5u}) {
        CAPTURE(threads);
        IndexOptions options;
        options.threads = threads;
        Index one_by_one = Index::in_memory(options);
        for (const Article& a : articles) one_by_one.add(a);
        Index batched = Index::in_memory(options);
        batched.add_batch(articles);

        CHECK(batched.size() == one_by_one.size());
        CHECK(batched.size() == 144);
        CHECK(batched.stats().average_length == doctest::Approx(one_by_one.stats().average_length));
        for (const char* q : {"كيري", "لافروف", "\"جون كيري\"", "البغدادي", "نسخة", "source:okaz"}) {
            CAPTURE(q);
            const auto a = Searcher(one_by_one).search(q, 200);
            const auto b = Searcher(batched).search(q, 200);
            REQUIRE(a.hits.size() == b.hits.size());
            CHECK(!a.hits.empty());
            for (std::size_t i = 0; i < a.hits.size(); ++i) {
                CHECK(a.hits[i].id == b.hits[i].id);
                CHECK(a.hits[i].score == doctest::Approx(b.hits[i].score));
            }
        }
        const auto got = batched.get("news-07-3");
        REQUIRE(got.has_value());
        CHECK(got->body == articles[3 * 18 + 6].body);
    }
}

TEST_CASE("add_batch: a later article with the same id replaces an earlier one, as with add()") {
    IndexOptions options;
    options.threads = 2;
    Index index = Index::in_memory(options);
    std::vector<Article> batch;
    for (int i = 0; i < 120; ++i) batch.push_back(article("id-" + std::to_string(i % 60), "", "نسخة " + std::to_string(i)));
    index.add_batch(batch);
    CHECK(index.size() == 60);
    for (int i = 0; i < 60; ++i) {
        const auto got = index.get("id-" + std::to_string(i));
        REQUIRE(got.has_value());
        CHECK(got->body == "نسخة " + std::to_string(i + 60));
    }
    index.add_batch({});
    CHECK(index.size() == 60);
}

// -------------------------------------------------------------------------------------- on disk

TEST_CASE("on disk: commit, then a read-only index sees the articles; stats count terms") {
    TempDir dir("index_disk");
    const std::string path = dir.sub("db");
    {
        Index index = Index::open(path, OpenMode::CREATE_OR_OPEN);
        CHECK(index.writable());
        for (const Article& a : news_articles()) index.add(a);
        index.add(full_article());  // replaces news-01
        index.commit();
        CHECK(index.size() == 18);
    }
    Index reader = Index::open(path, OpenMode::READ_ONLY);
    CHECK_FALSE(reader.writable());
    CHECK(reader.size() == 18);
    const auto got = reader.get("news-01");
    REQUIRE(got.has_value());
    check_same(*got, full_article());
    const auto stats = reader.stats();
    CHECK(stats.documents == 18);
    CHECK(stats.path == path);
    CHECK(stats.distinct_terms > 100);
    CHECK(search_ids(reader, "كيرى").size() >= 4);
}

TEST_CASE("a read-only index sees a later commit only after reopen()") {
    TempDir dir("index_reopen");
    const std::string path = dir.sub("db");
    Index writer = Index::open(path, OpenMode::CREATE_OR_OPEN);
    writer.add(article("a", "", "كيري"));
    writer.commit();
    Index reader = Index::open(path, OpenMode::READ_ONLY);
    CHECK(reader.size() == 1);
    writer.add(article("b", "", "لافروف"));
    writer.commit();
    CHECK(reader.size() == 1);
    reader.reopen();
    CHECK(reader.size() == 2);
    CHECK(reader.get("b").has_value());
}

TEST_CASE("an Index closed without commit() commits what it holds") {
    TempDir dir("index_dtor");
    const std::string path = dir.sub("db");
    {
        Index index = Index::open(path);
        index.add(article("a", "", "كيري"));
        Index moved = std::move(index);  // the moved-from handle must not commit or crash
        moved.add(article("b", "", "لافروف"));
    }
    CHECK(Index::open(path, OpenMode::READ_ONLY).size() == 2);
}

TEST_CASE("CREATE_OR_OVERWRITE replaces an existing index, CREATE_OR_OPEN keeps it") {
    TempDir dir("index_overwrite");
    const std::string path = dir.sub("db");
    {
        Index index = Index::open(path, OpenMode::CREATE_OR_OPEN);
        index.add(article("a", "", "كيري"));
        index.commit();
    }
    {
        Index index = Index::open(path, OpenMode::CREATE_OR_OPEN);
        CHECK(index.size() == 1);
        index.add(article("b", "", "لافروف"));
        index.commit();
        CHECK(index.size() == 2);
    }
    {
        Index index = Index::open(path, OpenMode::CREATE_OR_OVERWRITE);
        CHECK(index.size() == 0);
    }
    CHECK(Index::open(path, OpenMode::READ_ONLY).size() == 0);
}

TEST_CASE("a second writer on the same path gets IndexLockedError; readers are allowed") {
    TempDir dir("index_lock");
    const std::string path = dir.sub("db");
    {
        Index first = Index::open(path);
        first.add(article("a", "", "كيري"));
        first.commit();
        CHECK_THROWS_AS(Index::open(path, OpenMode::CREATE_OR_OPEN), fahras::IndexLockedError);
        CHECK_THROWS_AS(Index::open(path, OpenMode::CREATE_OR_OVERWRITE), fahras::IndexLockedError);
        Index reader = Index::open(path, OpenMode::READ_ONLY);
        CHECK(reader.size() == 1);
        first.add(article("b", "", "لافروف"));  // the first writer still works
        first.commit();
    }
    Index again = Index::open(path);  // the lock is released with the writer
    CHECK(again.size() == 2);
}

TEST_CASE("READ_ONLY of a missing path or an empty directory: IndexNotFoundError") {
    TempDir dir("index_missing");
    CHECK_THROWS_AS(Index::open(dir.sub("nothing-here"), OpenMode::READ_ONLY), fahras::IndexNotFoundError);
    CHECK_FALSE(std::filesystem::exists(dir.sub("nothing-here")));  // reading creates nothing
    std::filesystem::create_directories(dir.sub("empty"));
    CHECK_THROWS_AS(Index::open(dir.sub("empty"), OpenMode::READ_ONLY), fahras::IndexNotFoundError);
    CHECK_THROWS_AS(Index::open("", OpenMode::READ_ONLY), fahras::InvalidArgumentError);
    CHECK_THROWS_AS(Index::open(""), fahras::InvalidArgumentError);
}

TEST_CASE("a path that is a file: IndexError, not a crash") {
    TempDir dir("index_file");
    const std::string file = dir.sub("plain.txt");
    fahras::test::write_file(file, "just a text file\n");
    CHECK_THROWS_AS(Index::open(file, OpenMode::CREATE_OR_OPEN), fahras::IndexError);
    CHECK_THROWS_AS(Index::open(file, OpenMode::READ_ONLY), fahras::IndexError);
}

TEST_CASE("garbage index files: CorruptIndexError or IndexError, never a crash or a foreign exception") {
    TempDir dir("index_corrupt");
    SUBCASE("junk version file and tables") {
        const std::string path = dir.sub("junk");
        std::filesystem::create_directories(path);
        fahras::test::write_file(path + "/iamglass", "this is not a glass version file");
        fahras::test::write_file(path + "/postlist.glass", std::string(8192, '\x5A'));
        CHECK_THROWS_AS(Index::open(path, OpenMode::READ_ONLY), fahras::CorruptIndexError);
        CHECK_THROWS_AS(Index::open(path, OpenMode::CREATE_OR_OPEN), fahras::CorruptIndexError);
    }
    SUBCASE("a valid index whose tables were overwritten") {
        const std::string path = dir.sub("damaged");
        {
            Index index = Index::open(path);
            for (const Article& a : news_articles()) index.add(a);
            index.commit();
        }
        for (const char* table : {"postlist.glass", "termlist.glass", "docdata.glass"}) {
            const std::string file = path + "/" + table;
            if (!std::filesystem::exists(file)) continue;
            const auto size = std::filesystem::file_size(file);
            fahras::test::write_file(file, std::string(size, '\xA5'));
        }
        // Opening may succeed (Xapian reads tables lazily); whatever fails must fail as IndexError.
        int outcome = 0;  // 1: everything ran, 2: an IndexError
        try {
            Index index = Index::open(path, OpenMode::READ_ONLY);
            (void)index.size();
            (void)index.get("news-01");
            (void)Searcher(index).search("كيري");
            (void)index.stats();
            outcome = 1;
        } catch (const fahras::IndexError&) {
            outcome = 2;
        } catch (const std::exception& e) {
            FAIL("unexpected exception type: " << e.what());
        }
        CHECK(outcome == 2);  // a fully overwritten postlist cannot be read
    }
    SUBCASE("truncated tables") {
        const std::string path = dir.sub("truncated");
        {
            Index index = Index::open(path);
            for (const Article& a : news_articles()) index.add(a);
            index.commit();
        }
        for (const auto& entry : std::filesystem::directory_iterator(path))
            if (entry.path().extension() == ".glass") std::filesystem::resize_file(entry.path(), 0);
        CHECK_THROWS_AS(
            {
                Index index = Index::open(path, OpenMode::READ_ONLY);
                (void)Searcher(index).search("كيري");
                (void)index.get("news-01");
            },
            fahras::IndexError);
    }
}

TEST_CASE("an index built with other AnalyzerOptions: AnalyzerMismatchError") {
    TempDir dir("index_analyzer");
    const std::string path = dir.sub("db");
    {
        Index index = Index::open(path);
        index.add(article("a", "", "كيري"));
        index.commit();
    }
    IndexOptions no_stem;
    no_stem.analyzer.stem = false;
    CHECK_THROWS_AS(Index::open(path, OpenMode::CREATE_OR_OPEN, no_stem), fahras::AnalyzerMismatchError);
    CHECK_THROWS_AS(Index::open(path, OpenMode::READ_ONLY, no_stem), fahras::AnalyzerMismatchError);
    IndexOptions no_alef;
    no_alef.analyzer.normalizer.fold_alef = false;
    CHECK_THROWS_AS(Index::open(path, OpenMode::READ_ONLY, no_alef), fahras::AnalyzerMismatchError);
    {
        // The failed openings left the index and its lock alone.
        Index same = Index::open(path, OpenMode::CREATE_OR_OPEN);
        CHECK(same.size() == 1);
    }
    // Overwriting starts a new index, which records the new analyzer.
    {
        Index rebuilt = Index::open(path, OpenMode::CREATE_OR_OVERWRITE, no_stem);
        CHECK(rebuilt.size() == 0);
        CHECK(rebuilt.stats().analyzer_id != Index::in_memory().stats().analyzer_id);
    }
    CHECK(Index::open(path, OpenMode::READ_ONLY, no_stem).size() == 0);
    CHECK_THROWS_AS(Index::open(path, OpenMode::READ_ONLY), fahras::AnalyzerMismatchError);
}

TEST_CASE("term schemes: 2 and 3 are read and marked 4 by a writer, an unknown one is refused with how to rebuild") {
    TempDir dir("index_scheme");
    const std::string path = dir.sub("db");
    {
        Index index = Index::open(path);
        index.add(article("a", "", "كيري"));
        index.add(article("b", "", "كيرى"));
        index.add(article("c", "", "وكيري"));
    }
    auto set_scheme = [&](const std::string& scheme) {
        Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
        db.set_metadata(fahras::detail::kMetaScheme, scheme);
        db.commit();
    };
    auto scheme = [&] { return Xapian::Database(path).get_metadata(fahras::detail::kMetaScheme); };
    CHECK(scheme() == "4");
    CHECK(search_ids(Index::open(path, OpenMode::READ_ONLY), "كيري").size() == 3);
    for (const char* old : {"2", "3"}) {
        set_scheme(old);
        CHECK(search_ids(Index::open(path, OpenMode::READ_ONLY), "كيري").size() == Index::open(path, OpenMode::READ_ONLY).size());
        CHECK(scheme() == old);  // reading leaves it alone
        {
            Index writer = Index::open(path, OpenMode::CREATE_OR_OPEN);
            writer.add(article(std::string("new") + old, "", "لكيري"));
        }
        CHECK(scheme() == "4");  // what it added is written the new way (packed, positions version 2)
        CHECK(search_ids(Index::open(path, OpenMode::READ_ONLY), "كيري").size() == Index::open(path, OpenMode::READ_ONLY).size());
    }
    for (const char* unknown : {"", "1", "5"}) {
        set_scheme(unknown);
        try {
            (void)Index::open(path, OpenMode::READ_ONLY);
            FAIL("scheme '" << unknown << "' was not refused");
        } catch (const fahras::AnalyzerMismatchError& e) {
            CHECK_MESSAGE(std::string(e.what()).find("rebuild it: fahras index --index NEW_DIR") != std::string::npos, e.what());
        }
        CHECK_THROWS_AS(Index::open(path, OpenMode::CREATE_OR_OPEN), fahras::AnalyzerMismatchError);
    }
}

TEST_CASE("the index's own storage settings win over the options of later openings") {
    TempDir dir("index_settings");
    const std::string path = dir.sub("db");
    IndexOptions no_text;
    no_text.store_text = false;
    {
        Index index = Index::open(path, OpenMode::CREATE_OR_OPEN, no_text);
        index.add(article("a", "عنوان", "كيري"));
        index.commit();
    }
    {
        Index index = Index::open(path);  // defaults ask for store_text
        index.add(article("b", "عنوان", "لافروف"));
        index.commit();
    }
    Index reader = Index::open(path, OpenMode::READ_ONLY);
    REQUIRE(reader.get("b").has_value());
    CHECK(reader.get("b")->body.empty());
    CHECK(reader.get("b")->title.empty());
}

TEST_CASE("a read-only index refuses changes with InvalidArgumentError") {
    TempDir dir("index_readonly");
    const std::string path = dir.sub("db");
    {
        Index index = Index::open(path);
        index.add(article("a", "", "كيري"));
        index.commit();
    }
    Index reader = Index::open(path, OpenMode::READ_ONLY);
    CHECK_THROWS_AS(reader.add(article("b", "", "لافروف")), fahras::InvalidArgumentError);
    CHECK_THROWS_AS(reader.add_batch({article("b", "", "لافروف")}), fahras::InvalidArgumentError);
    CHECK_THROWS_AS(reader.remove("a"), fahras::InvalidArgumentError);
    CHECK_THROWS_AS(reader.commit(), fahras::InvalidArgumentError);
    CHECK(reader.size() == 1);
    CHECK(Index::open(path, OpenMode::READ_ONLY).size() == 1);
}

TEST_CASE("a crash before commit loses the uncommitted batch and never a committed one") {
    TempDir dir("index_crash");
    const std::string path = dir.sub("db");
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        // The child: 50 committed articles, 30 more uncommitted, then it dies without cleanup.
        try {
            Index index = Index::open(path);
            for (int i = 0; i < 50; ++i) index.add(article("c" + std::to_string(i), "", "كيري " + std::to_string(i)));
            index.commit();
            for (int i = 50; i < 80; ++i) index.add(article("c" + std::to_string(i), "", "لافروف " + std::to_string(i)));
            index.remove("c0");
            ::_exit(0);  // simulated crash: no destructor, no commit
        } catch (...) {
            ::_exit(3);
        }
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);

    Index reader = Index::open(path, OpenMode::READ_ONLY);
    CHECK(reader.size() == 50);
    CHECK(reader.get("c0").has_value());
    CHECK(reader.get("c49").has_value());
    CHECK_FALSE(reader.get("c50").has_value());
    CHECK(search_ids(reader, "كيري").size() == 50);
    CHECK(search_ids(reader, "لافروف").empty());
    // The dead writer's lock is gone: a new writer opens and can go on.
    Index writer = Index::open(path);
    writer.add(article("c50", "", "لافروف"));
    writer.commit();
    CHECK(writer.size() == 51);
}
