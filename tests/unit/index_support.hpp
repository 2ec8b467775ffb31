// Helpers shared by the index and search tests: a temporary index directory, the news fixture as
// Articles, ids of results, and a check that a piece of code does not crash the process.
#pragma once

#include "test_support.hpp"

#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
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

/// @p copies copies of the news fixture, each with new ids ("ID-COPY"): enough articles that add_batch
/// takes its parallel paths (more than one chunk of 32).
inline std::vector<Article> news_copies(int copies) {
    std::vector<Article> articles;
    const auto news = news_articles();
    for (int copy = 0; copy < copies; ++copy)
        for (const Article& a : news) {
            Article b = a;
            b.id = a.id + "-" + std::to_string(copy);
            articles.push_back(b);
        }
    return articles;
}

/// Every hit of @p query as (id, score), sorted by id: equal for two indexes holding the same
/// articles whatever their layout (ties may rank in another docid order).
inline std::vector<std::pair<std::string, double>> scored_hits(const Index& index, const std::string& query) {
    SearchRequest r;
    r.query = query;
    r.limit = 1000;
    r.snippets = false;
    std::vector<std::pair<std::string, double>> out;
    for (const Hit& h : Searcher(index).search(r).hits) out.emplace_back(h.id, h.score);
    std::sort(out.begin(), out.end());
    return out;
}

/// Checks that @p a and @p b find the same articles with the same scores for a few queries.
/// An article with a one-word title (خبر) and @p body, nothing else.
inline Article news_item(const std::string& id, const std::string& body) {
    Article a;
    a.id = id;
    a.title = "خبر";
    a.body = body;
    return a;
}

/// An in-memory index of one news_item per body, ids d1, d2, ..., committed.
inline Index in_memory_index_of(const std::vector<std::string>& bodies) {
    Index index = Index::in_memory();
    int n = 0;
    for (const std::string& body : bodies) index.add(news_item("d" + std::to_string(++n), body));
    index.commit();
    return index;
}

inline void check_same_results(const Index& a, const Index& b) {
    for (const std::string query : {"كيري", "لافروف", "البغدادي", "\"جون كيري\"", "السعودية النفط"}) {
        CAPTURE(query);
        const auto x = scored_hits(a, query), y = scored_hits(b, query);
        REQUIRE(x.size() == y.size());
        CHECK_FALSE(x.empty());
        for (std::size_t i = 0; i < x.size(); ++i) {
            CHECK(x[i].first == y[i].first);
            CHECK(x[i].second == doctest::Approx(y[i].second).epsilon(1e-9));
        }
    }
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
