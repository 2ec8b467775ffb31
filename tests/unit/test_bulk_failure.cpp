// A bulk commit that fails (lib/index/bulk_build.cpp): the disk fills up during the merge, or the file
// swap is interrupted. The writer must stay usable, the batch pending, nothing lost; and while Xapian's
// writer is closed for the swap, no other writer may open the index.
#include "index_support.hpp"
#include "skip_support.hpp"
#include "tmpfs_support.hpp"

#include "index/bulk_build.hpp"

#include <sys/statvfs.h>

#include <filesystem>
#include <stdexcept>
#include <string>

using fahras::Article;
using fahras::Index;
using fahras::IndexOptions;
using fahras::OpenMode;
using fahras::test::TempDir;
using fahras::test::Tmpfs;

namespace {

IndexOptions two_threads() {
    IndexOptions o;
    o.threads = 2;
    return o;
}

std::uint64_t used_bytes(const std::string& dir) {
    struct statvfs s {};
    REQUIRE(::statvfs(dir.c_str(), &s) == 0);
    return static_cast<std::uint64_t>(s.f_blocks - s.f_bfree) * s.f_frsize;
}

void check_all_there(const std::string& path, const std::vector<Article>& articles) {
    const Index reader = Index::open(path, OpenMode::READ_ONLY, two_threads());
    CHECK(reader.size() == articles.size());
    for (const Article& a : articles) CHECK_MESSAGE(reader.get(a.id).has_value(), a.id);
}

// Clears the test hook however the test ends.
struct SwapHook {
    explicit SwapHook(std::function<void(const std::string&)> f) { fahras::detail::bulk_swap_hook_for_tests = std::move(f); }
    ~SwapHook() { fahras::detail::bulk_swap_hook_for_tests = nullptr; }
};

}  // namespace

TEST_CASE("a full disk (a tmpfs) during the bulk merge: IndexError, the writer stays usable, a later commit keeps everything") {
    TempDir dir("bulk_full");
    const std::string mount_point = dir.sub("mnt");
    std::filesystem::create_directories(mount_point);
    Tmpfs fs(mount_point, "size=64m");
    if (!fs.mounted()) {
        fahras::test::skip("cannot mount a tmpfs here (" + fs.reason() + "); this case needs root with CAP_SYS_ADMIN");
        return;
    }
    const std::string path = mount_point + "/db";
    const auto articles = fahras::test::news_copies(8);
    {
        Index index = Index::open(path, OpenMode::CREATE_OR_OVERWRITE, two_threads());
        index.add_batch(articles);
        REQUIRE(std::filesystem::exists(path + "/.fahras-bulk"));  // the parallel path ran
        // Room for the shards' own commit, not for the merged copy.
        const std::uint64_t used = used_bytes(mount_point);
        REQUIRE(fs.remount("size=" + std::to_string(used + 64 * 1024)));
        std::string error;
        try {
            index.commit();
        } catch (const fahras::IndexError& e) {
            error = e.what();
        }
        CHECK_MESSAGE(error.find("disk is full") != std::string::npos, error);
        // The writer is still there; the batch is pending whole or dropped whole, never half.
        const std::uint64_t pending = index.size();
        CHECK((pending == 0 || pending == articles.size()));
        CHECK(index.get(articles[0].id).has_value() == (pending > 0));
        MESSAGE("after the failed merge: " << pending << " of " << articles.size() << " articles pending");
        REQUIRE(fs.remount("size=64m"));
        if (pending == 0) index.add_batch(articles);
        index.commit();
        CHECK_FALSE(std::filesystem::exists(path + "/.fahras-bulk"));
        Article more = articles[0];
        more.id = "after-the-failure";
        index.add(more);
        index.commit();
    }
    auto expected = articles;
    expected.push_back(articles[0]);
    expected.back().id = "after-the-failure";
    check_all_there(path, expected);
}

TEST_CASE("a bulk commit whose file swap fails: IndexError, the index empty again, the batch still pending") {
    TempDir dir("bulk_swap_fail");
    const std::string path = dir.sub("idx");
    const auto articles = fahras::test::news_copies(8);
    {
        Index index = Index::open(path, OpenMode::CREATE_OR_OVERWRITE, two_threads());
        index.add_batch(articles);
        {
            SwapHook hook([](const std::string&) {
                throw std::filesystem::filesystem_error("injected", std::make_error_code(std::errc::io_error));
            });
            CHECK_THROWS_AS(index.commit(), fahras::IndexError);
        }
        CHECK(index.size() == articles.size());  // pending, not lost
        index.commit();                           // the destructor would do it too
    }
    check_all_there(path, articles);
}

TEST_CASE("while a bulk commit swaps its files in, another writer gets IndexLockedError") {
    TempDir dir("bulk_swap_lock");
    const std::string path = dir.sub("idx");
    const auto articles = fahras::test::news_copies(8);
    bool tried = false;
    std::string outcome;
    {
        Index index = Index::open(path, OpenMode::CREATE_OR_OVERWRITE, two_threads());
        index.add_batch(articles);
        SwapHook hook([&](const std::string& p) {
            tried = true;
            try {
                Index other = Index::open(p, OpenMode::CREATE_OR_OPEN);
                outcome = "opened";
            } catch (const fahras::IndexLockedError&) {
                outcome = "locked";
            } catch (const fahras::Error& e) {
                outcome = std::string("other error: ") + e.what();
            }
        });
        index.commit();
    }
    CHECK(tried);
    CHECK(outcome == "locked");
    check_all_there(path, articles);
}

TEST_CASE("the merged database a bulk commit swaps in carries the index's metadata: a crash just after the swap leaves an index that opens") {
    TempDir dir("bulk_swap_metadata");
    const std::string path = dir.sub("idx");
    const std::string snapshot = dir.sub("after-swap");
    const auto articles = fahras::test::news_copies(8);
    {
        Index index = Index::open(path, OpenMode::CREATE_OR_OVERWRITE, two_threads());
        index.add_batch(articles);
        // What the index directory holds once the swap is done and before anything else is written.
        SwapHook hook([&](const std::string& p) {
            std::filesystem::copy(std::filesystem::path(p) / ".fahras-bulk" / "merged", snapshot);
        });
        index.commit();
    }
    REQUIRE(std::filesystem::exists(snapshot));
    check_all_there(snapshot, articles);
    const fahras::SearchResults found = fahras::Searcher(Index::open(snapshot, OpenMode::READ_ONLY)).search("\"جون كيري\"");
    CHECK_FALSE(found.hits.empty());
}
