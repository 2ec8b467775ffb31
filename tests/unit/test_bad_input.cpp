// The bad-input catalogue (docs/reliability.md): each input a host program may pass fahras, with the
// behaviour it must get: a correct result or a fahras::Error that says what to do, never a crash.
// Inputs already covered elsewhere are listed in docs/reliability.md with their tests; this file holds
// the rest. The read-only and full-disk cases mount a tmpfs, which needs root (CI runs as root): where
// mounting is not permitted they print why and check nothing else.
#include "index_support.hpp"
#include "skip_support.hpp"
#include "tmpfs_support.hpp"

#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

using fahras::Article;
using fahras::Index;
using fahras::OpenMode;
using fahras::Searcher;
using fahras::test::hit_ids;
using fahras::test::TempDir;
using fahras::test::Tmpfs;

namespace {

Article article(const std::string& id, const std::string& title, const std::string& body) {
    Article a;
    a.id = id;
    a.title = title;
    a.body = body;
    return a;
}

std::vector<std::string> search_ids(const Index& index, const std::string& query) {
    return hit_ids(Searcher(index).search(query, 1000));
}

fahras::SearchResults search(const Index& index, const std::string& query) {
    fahras::SearchRequest request;
    request.query = query;
    request.limit = 1000;
    return Searcher(index).search(request);
}

const std::string kKerryArticle = "التقى وزير الخارجية الأمريكي جون كيري نظيره الروسي سيرغي لافروف";

bool skipped(const Tmpfs& fs) {
    if (fs.mounted()) return false;
    fahras::test::skip("cannot mount a tmpfs here (" + fs.reason() + "); this case needs root with CAP_SYS_ADMIN");
    return true;
}

// A news sentence and @p words words no other document holds, for document @p i: every document
// adds postings and vocabulary of its own, so a small disk fills up.
std::string body_with_new_words(int i, int words) {
    std::string body = kKerryArticle;
    for (int w = 0; w < words; ++w) body += " كلمة" + std::to_string(i * words + w);
    return body;
}

// What writing into @p path until the disk is full left: the documents committed (a commit every
// @p every documents of body_with_new_words(i, @p words), titled or not) and the error that stopped
// it, a CorruptIndexError named as such.
struct FullDisk {
    int committed = 0;
    std::string error;
};

FullDisk fill_until_full(const std::string& path, int words, int every, bool titled) {
    FullDisk out;
    Index index = Index::open(path);
    try {
        for (int i = 0; i < 100000; ++i) {
            index.add(article("d" + std::to_string(i), titled ? "عنوان " + std::to_string(i) : "", body_with_new_words(i, words)));
            if (i % every == every - 1) {
                index.commit();
                out.committed = i + 1;
            }
        }
    } catch (const fahras::CorruptIndexError& e) {
        out.error = std::string("CorruptIndexError: ") + e.what();
    } catch (const fahras::IndexError& e) {
        out.error = e.what();
    }
    return out;  // the index closes here: its destructor's commit fails quietly on the full disk
}

}  // namespace

TEST_CASE("NUL bytes in title, body and query: stored as given, the words around them found") {
    Index index = Index::in_memory();
    const std::string body = std::string("كيري") + '\0' + "لافروف" + std::string(3, '\0') + "جنيف";
    index.add(article("nul", std::string("عنوان") + '\0', body));
    CHECK(index.get("nul")->body == body);
    CHECK(search_ids(index, "لافروف") == std::vector<std::string>{"nul"});
    CHECK(search_ids(index, "جنيف") == std::vector<std::string>{"nul"});
    CHECK(search_ids(index, std::string("كيري") + '\0' + "جنيف") == std::vector<std::string>{"nul"});
    CHECK(search_ids(index, std::string(10, '\0')).empty());
}

TEST_CASE("a 50 MB document is indexed, stored whole and found") {
    std::string body;
    body.reserve(50u << 20);
    for (int i = 0; body.size() < (50u << 20); ++i) body += kKerryArticle + " " + std::to_string(i % 1000) + "\n";
    body += "كلمةفريدةفيالنهاية";
    TempDir dir("big_document");
    Index index = Index::open(dir.sub("db"));
    const auto start = std::chrono::steady_clock::now();
    index.add(article("big", "وثيقة كبيرة", body));
    index.commit();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("[bad input] a %zu MB document indexed in %.1f s\n", body.size() >> 20, seconds);
    CHECK(index.get("big")->body.size() == body.size());
    CHECK(search_ids(index, "لافروف") == std::vector<std::string>{"big"});
    CHECK(search_ids(index, "كلمةفريدةفيالنهاية") == std::vector<std::string>{"big"});  // the last word counts too
    const auto results = search(index, "\"جون كيري\"");
    REQUIRE(results.hits.size() == 1);
    CHECK(results.hits[0].snippet.find("<b>") != std::string::npos);
}

TEST_CASE("a 1,000,000-character word: skipped as a term, the article's other words found; as a query no error") {
    const std::string huge(1000000, 'x');
    std::string arabic_huge;
    for (int i = 0; i < 1000000; ++i) arabic_huge += "ب";
    Index index = Index::in_memory();
    index.add(article("w", huge, arabic_huge + " " + kKerryArticle + " " + huge));
    CHECK(index.get("w")->title.size() == huge.size());
    CHECK(search_ids(index, "كيري") == std::vector<std::string>{"w"});
    CHECK(search_ids(index, huge).empty());
    CHECK(search_ids(index, arabic_huge + " لافروف") == std::vector<std::string>{"w"});
    CHECK(search_ids(index, arabic_huge + "*").empty());
}

TEST_CASE("text of only bidi marks or only harakat: the article is stored and has no words; as a query no hits") {
    std::string bidi, harakat;
    for (const char* mark : {"\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067",
                             "\u2068", "\u2069", "\u061C", "\u200B", "\u200C", "\u200D", "\uFEFF"})
        bidi += mark;
    for (char32_t c = 0x064B; c <= 0x065F; ++c) harakat += fahras::test::utf8(c);
    CHECK(fahras::Analyzer().analyze(bidi).empty());
    CHECK(fahras::Analyzer().analyze(harakat).empty());
    Index index = Index::in_memory();
    index.add(article("bidi", bidi, bidi + " " + bidi));
    index.add(article("harakat", harakat, harakat));
    index.add(article("text", "", kKerryArticle));
    CHECK(index.size() == 3);
    CHECK(index.get("bidi")->body == bidi + " " + bidi);
    CHECK(index.get("harakat")->title == harakat);
    CHECK(search_ids(index, bidi).empty());
    CHECK(search_ids(index, harakat).empty());
    CHECK(search_ids(index, bidi + "كيري" + harakat) == std::vector<std::string>{"text"});
}

TEST_CASE("emoji: the words next to them are found, an emoji-only query gives no hits and no error") {
    Index index = Index::in_memory();
    index.add(article("e", "😀 كيري🇸🇦", "👍🏽لافروف 👨‍👩‍👧 جنيف🔥"));
    CHECK(index.get("e")->title == "😀 كيري🇸🇦");
    CHECK(search_ids(index, "كيري") == std::vector<std::string>{"e"});
    CHECK(search_ids(index, "لافروف") == std::vector<std::string>{"e"});
    CHECK(search_ids(index, "جنيف🔥") == std::vector<std::string>{"e"});
    CHECK(search_ids(index, "😀 👨‍👩‍👧").empty());
}

TEST_CASE("an article with an empty title and body is stored, counted and fetched") {
    Index index = Index::in_memory();
    index.add(article("empty", "", ""));
    CHECK(index.size() == 1);
    REQUIRE(index.get("empty").has_value());
    CHECK(index.get("empty")->title.empty());
    CHECK(index.get("empty")->body.empty());
    CHECK(search_ids(index, "كيري").empty());
}

TEST_CASE("duplicate ids in one batch on the parallel bulk path: one document per id, the last one wins") {
    TempDir dir("dup_bulk");
    std::vector<Article> batch;
    for (int i = 0; i < 100; ++i) batch.push_back(article("id" + std::to_string(i % 10), "", "نسخة " + std::to_string(i)));
    fahras::IndexOptions options;
    options.threads = 2;
    {
        Index index = Index::open(dir.sub("db"), OpenMode::CREATE_OR_OVERWRITE, options);
        index.add_batch(batch);
        index.commit();
    }
    const Index index = Index::open(dir.sub("db"), OpenMode::READ_ONLY);
    CHECK(index.size() == 10);
    for (int i = 0; i < 10; ++i) CHECK(index.get("id" + std::to_string(i))->body == "نسخة " + std::to_string(90 + i));
}

TEST_CASE("word*: the words that start with the prefix, with clitics and variants, highlighted") {
    Index index = Index::in_memory();
    index.add(article("1", "", "التقى جون كيري بنظيره"));
    index.add(article("2", "", "وصل وكيرى إلى جنيف"));  // conjunction and alef maksura
    index.add(article("3", "", "الكيروسين مادة"));      // starts with ال + كير: found through its form
    index.add(article("4", "", "لافروف وحده"));
    const auto results = search(index, "كير*");
    std::set<std::string> ids;
    for (const auto& h : results.hits) ids.insert(h.id);
    CHECK(ids == std::set<std::string>{"1", "2", "3"});
    for (const auto& h : results.hits) CHECK(h.snippet.find("<b>") != std::string::npos);
    CHECK(search_ids(index, "كير* -لافروف").size() == 3);
    CHECK(search_ids(index, "لاف* -كير*") == std::vector<std::string>{"4"});
    CHECK(search_ids(index, "title:كير*").empty());
}

TEST_CASE("a wildcard that would match everything is bounded: at most the 100 most frequent words") {
    Index index = Index::in_memory();
    // 150 words that start with "zq", each in one document, and one of them in 50 more.
    for (int i = 0; i < 150; ++i) {
        std::string word = "zq";
        for (int n = i; n; n /= 26) word += static_cast<char>('a' + n % 26);
        index.add(article("w" + std::to_string(i), "", word + "x"));
    }
    for (int i = 0; i < 50; ++i) index.add(article("f" + std::to_string(i), "", "zqx"));  // zqx: the word of w0
    CHECK(search_ids(index, "zqx").size() == 51);
    const auto results = search(index, "zq*");
    CHECK(results.hits.size() == 51 + 99);  // the frequent word and 99 of the others, not all 200 documents
    CHECK(search(index, "*").hits.empty());  // a lone * is no wildcard: no words, no hits
    CHECK(search(index, "**").hits.empty());
    CHECK(search(index, "؟*").hits.empty());
}

TEST_CASE("an unreadable index: an IndexError naming the path, never a crash") {
    TempDir dir("unreadable");
    const std::string path = dir.sub("db");
    {
        Index index = Index::open(path);
        index.add(article("a", "", kKerryArticle));
        index.commit();
    }
    if (::geteuid() != 0) {
        std::filesystem::permissions(path, std::filesystem::perms::none);
    } else {
        // Root reads through permission bits: make the tables unreadable by turning them into directories.
        std::printf("[bad input] running as root: table files replaced by directories instead of chmod 000\n");
        for (const auto& entry : std::filesystem::directory_iterator(path)) {
            if (entry.path().extension() != ".glass") continue;
            std::filesystem::remove(entry.path());
            std::filesystem::create_directory(entry.path());
        }
    }
    // In a child, so that a crash fails this test only: exit 5 is an IndexError naming the path.
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        try {
            Index reader = Index::open(path, OpenMode::READ_ONLY);
            search_ids(reader, "كيري");
        } catch (const fahras::IndexError& e) {
            ::_exit(std::string(e.what()).find(path) == std::string::npos ? 4 : 5);
        } catch (...) {
            ::_exit(3);
        }
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK_MESSAGE((WIFEXITED(status) && WEXITSTATUS(status) == 5), "child status " << status);
    std::filesystem::permissions(path, std::filesystem::perms::owner_all);
}

TEST_CASE("a read-only directory (a read-only tmpfs): reading works, writing is an IndexError that says read-only") {
    TempDir dir("read_only_fs");
    const std::string mount_point = dir.sub("mnt");
    std::filesystem::create_directories(mount_point);
    Tmpfs fs(mount_point, "size=8m");
    if (skipped(fs)) return;
    const std::string path = mount_point + "/db";
    {
        Index index = Index::open(path);
        index.add(article("a", "", kKerryArticle));
        index.commit();
    }
    REQUIRE(fs.remount_read_only());
    const Index reader = Index::open(path, OpenMode::READ_ONLY);
    CHECK(search_ids(reader, "كيري") == std::vector<std::string>{"a"});
    for (OpenMode mode : {OpenMode::CREATE_OR_OPEN, OpenMode::CREATE_OR_OVERWRITE}) {
        try {
            Index writer = Index::open(path, mode);
            FAIL("a writer opened on a read-only file system");
        } catch (const fahras::IndexLockedError& e) {
            FAIL("read-only file system reported as a lock held by another writer: " << std::string(e.what()));
        } catch (const fahras::IndexError& e) {
            CHECK_MESSAGE(std::string(e.what()).find("read-only") != std::string::npos, std::string(e.what()));
        }
    }
    CHECK_THROWS_AS(Index::open(mount_point + "/new", OpenMode::CREATE_OR_OPEN), fahras::IndexError);
    CHECK(Index::open(path, OpenMode::READ_ONLY).size() == 1);
}

TEST_CASE("a full disk (a 2 MB tmpfs): an IndexError that says so, and every committed document stays") {
    TempDir dir("full_disk");
    const std::string mount_point = dir.sub("mnt");
    std::filesystem::create_directories(mount_point);
    Tmpfs fs(mount_point, "size=2m");
    if (skipped(fs)) return;
    const std::string path = mount_point + "/db";
    const auto [committed, error] = fill_until_full(path, 50, 20, false);
    std::printf("[bad input] full disk after %d committed documents: %s\n", committed, error.c_str());
    CHECK(committed > 0);
    CHECK_MESSAGE(error.find("No space left on device") != std::string::npos, error);
    CHECK_MESSAGE(error.find("CorruptIndexError") == std::string::npos, error);
    const Index reader = Index::open(path, OpenMode::READ_ONLY);
    CHECK(reader.size() >= static_cast<std::uint64_t>(committed));
    for (int i = 0; i < committed; ++i) CHECK(reader.get("d" + std::to_string(i)).has_value());
    CHECK(search_ids(reader, "كيري").size() == reader.size());
}

// Xapian 1.4.22 writes value streams from a destructor: a disk filling up there ended the process
// (std::terminate) until commits reserved their room first (lib/index/commit_room.hpp). Documents
// of several sizes, committed at several intervals, fill the disk at different points of a commit.
TEST_CASE("a disk that fills at any point of a commit (2 MB tmpfs, several sizes): an IndexError, never a crash") {
    for (const auto& [words, every] : {std::pair{5, 7}, {20, 3}, {35, 11}, {80, 5}, {150, 2}, {300, 1}}) {
        CAPTURE(words);
        CAPTURE(every);
        TempDir dir("full_disk_points");
        const std::string mount_point = dir.sub("mnt");
        std::filesystem::create_directories(mount_point);
        Tmpfs fs(mount_point, "size=2m");
        if (skipped(fs)) return;
        const std::string path = mount_point + "/db";
        const auto [committed, error] = fill_until_full(path, words, every, true);
        CHECK(committed > 0);
        CHECK_MESSAGE(error.find("No space left on device") != std::string::npos, error);
        const Index reader = Index::open(path, OpenMode::READ_ONLY);
        CHECK(reader.size() >= static_cast<std::uint64_t>(committed));
        CHECK(reader.get("d" + std::to_string(committed - 1)).has_value());
    }
}
