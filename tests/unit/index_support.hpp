// Helpers shared by the index and search tests: a temporary index directory, the news fixture as
// Articles, ids of results, and a check that a piece of code does not crash the process.
#pragma once

#include "test_support.hpp"

#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <system_error>
#include <vector>

namespace fahras::test {

/// A fresh directory under the system temp directory, removed with everything in it at the end.
class TempDir {
public:
    explicit TempDir(const std::string& tag) {
        path_ = std::filesystem::temp_directory_path() /
                ("fahras_" + tag + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    /// The directory itself.
    std::string path() const { return path_.string(); }
    /// A path inside it (not created).
    std::string sub(const std::string& name) const { return (path_ / name).string(); }

private:
    inline static int counter_ = 0;
    std::filesystem::path path_;
};

/// The 18 articles of tests/fixtures/news_sample.jsonl, in file order.
inline std::vector<Article> news_articles() {
    std::ifstream in(fixture_path("news_sample.jsonl"), std::ios::binary);
    REQUIRE(in.good());
    JsonlReader reader(in);
    std::vector<Article> articles;
    Article a;
    while (reader.next(a)) articles.push_back(a);
    REQUIRE(articles.size() == 18);
    return articles;
}

/// Ids of the hits, in rank order.
inline std::vector<std::string> hit_ids(const SearchResults& results) {
    std::vector<std::string> ids;
    for (const Hit& h : results.hits) ids.push_back(h.id);
    return ids;
}

/// Writes @p bytes over the file at @p path (creating it).
inline void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    REQUIRE(out.good());
    out << bytes;
}

/// Runs @p f in a forked child; true if the child finished normally (a crash or an escaping
/// exception gives false), so that a crash fails one test instead of killing the test binary.
inline bool runs_without_crash(const std::function<void()>& f) {
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        try {
            f();
        } catch (...) {
            ::_exit(3);
        }
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace fahras::test
