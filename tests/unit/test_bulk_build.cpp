// The bulk-build path (lib/index/bulk_build.cpp): an index on disk that is empty when opened is filled
// by parallel shard writers and merged at commit. It must behave exactly like the single writer.
#include "index_support.hpp"

#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>

using fahras::Article;
using fahras::Index;
using fahras::IndexOptions;
using fahras::OpenMode;

namespace {

std::vector<Article> many_articles() { return fahras::test::news_copies(8); }

IndexOptions two_threads() {
    IndexOptions o;
    o.threads = 2;
    return o;
}

}  // namespace

TEST_CASE("a bulk build on disk gives the same documents and scores as the single writer in memory") {
    fahras::test::TempDir dir("bulk");
    const auto articles = many_articles();
    Index memory = Index::in_memory(two_threads());
    for (const Article& a : articles) memory.add(a);
    memory.commit();
    {
        Index disk = Index::open(dir.sub("idx"), OpenMode::CREATE_OR_OVERWRITE, two_threads());
        disk.add_batch(articles);
        CHECK(std::filesystem::exists(dir.sub("idx") + "/.fahras-bulk"));  // the parallel path ran
        CHECK(disk.size() == articles.size());                             // uncommitted, counted
        disk.commit();
        CHECK_FALSE(std::filesystem::exists(dir.sub("idx") + "/.fahras-bulk"));
    }
    Index reader = Index::open(dir.sub("idx"), OpenMode::READ_ONLY, two_threads());
    CHECK(reader.size() == articles.size());
    fahras::test::check_same_results(memory, reader);
}

TEST_CASE("a build on one thread is a bulk build too, compacted at commit like one on two threads") {
    fahras::test::TempDir dir("bulk_one_thread");
    const auto articles = many_articles();
    std::uintmax_t bytes[2] = {0, 0};
    for (unsigned threads : {1u, 2u}) {
        IndexOptions o;
        o.threads = threads;
        o.flush_every = 5;  // many commits: a single writer's tables would fill up with half-empty blocks
        const std::string path = dir.sub("idx" + std::to_string(threads));
        {
            Index index = Index::open(path, OpenMode::CREATE_OR_OVERWRITE, o);
            index.add_batch(articles);
            CHECK(std::filesystem::exists(path + "/.fahras-bulk"));
            index.commit();
        }
        for (const auto& entry : std::filesystem::directory_iterator(path))
            if (entry.is_regular_file()) bytes[threads - 1] += entry.file_size();
        CHECK(Index::open(path, OpenMode::READ_ONLY).size() == articles.size());
    }
    CHECK(bytes[0] < bytes[1] * 1.25);
}

TEST_CASE("during a bulk build, replace, remove and get work by id across batches") {
    fahras::test::TempDir dir("bulk_ids");
    auto articles = many_articles();
    Index index = Index::open(dir.sub("idx"), OpenMode::CREATE_OR_OVERWRITE, two_threads());
    index.add_batch(articles);
    // The same ids again, with new titles: one document per id.
    for (Article& a : articles) a.title = "عنوان جديد " + a.id;
    index.add_batch(articles);
    CHECK(index.size() == articles.size());
    REQUIRE(index.get(articles[5].id).has_value());
    CHECK(index.get(articles[5].id)->title == articles[5].title);
    CHECK(index.remove(articles[0].id));
    CHECK_FALSE(index.remove(articles[0].id));
    index.add(Article{"single", "مقال وحيد", "نص عن لافروف", "", "", "", "", {}});
    index.commit();
    CHECK(index.size() == articles.size());  // one removed, one added
    CHECK_FALSE(index.get(articles[0].id).has_value());
    REQUIRE(index.get("single").has_value());
    CHECK(index.get(articles[7].id)->title == articles[7].title);
    // After the first commit the index is no longer empty: later batches use the ordinary writer.
    articles[1].title = "تعديل بعد الدمج";
    index.add_batch(articles);
    index.commit();
    CHECK(index.get(articles[1].id)->title == "تعديل بعد الدمج");
    CHECK(index.size() == articles.size() + 1);
}

TEST_CASE("articles added one by one before the first batch are kept, committed or not") {
    fahras::test::TempDir dir("bulk_after_add");
    const auto articles = many_articles();
    for (const bool commit_first : {false, true}) {
        CAPTURE(commit_first);
        const std::string path = dir.sub(commit_first ? "committed" : "uncommitted");
        {
            Index index = Index::open(path, OpenMode::CREATE_OR_OVERWRITE, two_threads());
            index.add(Article{"single", "مقال وحيد", "نص عن لافروف", "", "", "", "", {}});
            if (commit_first) index.commit();
            index.add_batch(articles);
            index.commit();
            CHECK(index.size() == articles.size() + 1);
        }
        Index reader = Index::open(path, OpenMode::READ_ONLY, two_threads());
        CHECK(reader.size() == articles.size() + 1);
        CHECK(reader.get("single").has_value());
    }
}

TEST_CASE("an interrupted bulk build leaves nothing committed and is cleaned up on the next open") {
    fahras::test::TempDir dir("bulk_crash");
    const std::string path = dir.sub("idx");
    const auto articles = many_articles();
    const bool exited = fahras::test::runs_without_crash([&] {
        Index index = Index::open(path, OpenMode::CREATE_OR_OVERWRITE, two_threads());
        index.add_batch(articles);
        ::_exit(0);  // a crash before commit()
    });
    CHECK(exited);
    CHECK(std::filesystem::exists(path + "/.fahras-bulk"));
    Index index = Index::open(path, OpenMode::CREATE_OR_OPEN, two_threads());
    CHECK_FALSE(std::filesystem::exists(path + "/.fahras-bulk"));
    CHECK(index.size() == 0);
}

// Found by test_crash_consistency: a SIGKILL while commit() moved the merged files in left tables
// without a version file, and every later open failed with "no index there".
TEST_CASE("a bulk commit killed while moving its files in: the index opens empty, unless that commit is still running") {
    fahras::test::TempDir dir("bulk_swap");
    const std::string path = dir.sub("idx");
    const auto articles = many_articles();
    {
        Index index = Index::open(path, OpenMode::CREATE_OR_OVERWRITE, two_threads());
        index.add_batch(articles);
        index.commit();
    }
    // The state swap_in leaves half-way: the version file gone, some tables in place, the bulk directory there.
    std::filesystem::remove(path + "/iamglass");
    std::filesystem::create_directories(path + "/.fahras-bulk/merged");
    CHECK_THROWS_AS(Index::open(path, OpenMode::READ_ONLY), fahras::IndexNotFoundError);

    // While the building process is alive it holds the bulk lock: a second writer must not touch the files.
    const int fd = ::open((path + "/.fahras-bulk/lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX) == 0);
    CHECK_THROWS_AS(Index::open(path, OpenMode::CREATE_OR_OPEN, two_threads()), fahras::IndexLockedError);
    ::close(fd);  // the builder died: the kernel released its lock

    Index index = Index::open(path, OpenMode::CREATE_OR_OPEN, two_threads());
    CHECK(index.size() == 0);
    CHECK_FALSE(std::filesystem::exists(path + "/.fahras-bulk"));
    index.add_batch(articles);
    index.commit();
    CHECK(Index::open(path, OpenMode::READ_ONLY).size() == articles.size());
}

// Found by test_crash_consistency: Xapian writes a new database's tables before its version file, so a
// SIGKILL while creating an index left tables that Xapian refused to open ever after.
TEST_CASE("tables without a version file (a creation killed before its first commit) open as a new empty index") {
    fahras::test::TempDir dir("no_version");
    const std::string path = dir.sub("idx");
    {
        Index index = Index::open(path);
        index.add(many_articles().front());
        index.commit();
    }
    std::filesystem::remove(path + "/iamglass");
    CHECK_THROWS_AS(Index::open(path, OpenMode::READ_ONLY), fahras::IndexNotFoundError);
    Index index = Index::open(path);
    CHECK(index.size() == 0);
    index.add(many_articles().front());
    index.commit();
    CHECK(Index::open(path, OpenMode::READ_ONLY).size() == 1);
}
