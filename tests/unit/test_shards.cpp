// Sharded indexes on local disk (lib/index/shards.cpp): several databases searched as one must give the
// documents and scores of one index, and every id must be found again in the shard it was routed to.
#include "index_support.hpp"

#include "index/shards.hpp"
#include "index/terms.hpp"

#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <filesystem>

using fahras::Article;
using fahras::Index;
using fahras::IndexOptions;
using fahras::OpenMode;
using fahras::ShardLocation;

namespace {

IndexOptions sharded(unsigned shards) {
    IndexOptions o;
    o.shards = shards;
    o.threads = 2;
    return o;
}

Index single_index(const std::vector<Article>& articles) {
    Index index = Index::in_memory();
    for (const Article& a : articles) index.add(a);
    index.commit();
    return index;
}

}  // namespace

TEST_CASE("a new index with IndexOptions::shards is a directory of shards and a Xapian stub listing them") {
    fahras::test::TempDir dir("shards_layout");
    const std::string path = dir.sub("idx");
    const auto articles = fahras::test::news_copies(4);
    {
        Index index = Index::open(path, OpenMode::CREATE_OR_OPEN, sharded(3));
        index.add_batch(articles);
        CHECK(index.size() == articles.size());
        index.commit();
    }
    CHECK(std::filesystem::exists(path + "/XAPIANDB"));
    const Index reader = Index::open(path, OpenMode::READ_ONLY);
    const std::vector<ShardLocation> shards = reader.shards();
    REQUIRE(shards.size() == 3);
    CHECK(reader.size() == articles.size());
    // Every shard is an ordinary index holding part of the articles.
    std::uint64_t total = 0;
    for (int k = 0; k < 3; ++k) {
        const ShardLocation& shard = shards[k];
        CHECK(shard.path == path + "/shard-" + std::to_string(k));
        const std::uint64_t n = Index::open(shard.path, OpenMode::READ_ONLY).size();
        CHECK(n > 0);
        CHECK(n < articles.size());
        total += n;
    }
    CHECK(total == articles.size());
    CHECK(reader.stats().analyzer_id == Index::in_memory().stats().analyzer_id);
}

TEST_CASE("shards searched as one rank as one index over the same articles (global BM25 statistics)") {
    fahras::test::TempDir dir("shards_rank");
    const auto articles = fahras::test::news_copies(4);
    {
        Index index = Index::open(dir.sub("idx"), OpenMode::CREATE_OR_OPEN, sharded(3));
        index.add_batch(articles);
        index.commit();
    }
    fahras::test::check_same_results(single_index(articles), Index::open(dir.sub("idx"), OpenMode::READ_ONLY));
}

TEST_CASE("open_sharded over a list of paths: add, replace, remove and get find each id in its shard") {
    fahras::test::TempDir dir("shards_ids");
    const std::vector<ShardLocation> shards{ShardLocation::local(dir.sub("a")), ShardLocation::local(dir.sub("b"))};
    auto articles = fahras::test::news_copies(3);
    {
        Index index = Index::open_sharded(shards, OpenMode::CREATE_OR_OPEN);
        CHECK(index.writable());
        index.add_batch(articles);
        index.commit();
    }
    {
        // A later session: the same ids are routed to the same shards, so they replace, not duplicate.
        Index index = Index::open_sharded(shards, OpenMode::CREATE_OR_OPEN);
        for (Article& a : articles) a.title = "عنوان جديد " + a.id;
        index.add_batch(articles);
        index.add(articles[3]);
        CHECK(index.size() == articles.size());
        CHECK(index.get(articles[7].id)->title == articles[7].title);
        CHECK(index.remove(articles[0].id));
        CHECK_FALSE(index.remove(articles[0].id));
        index.commit();
    }
    const Index reader = Index::open_sharded(shards);
    CHECK_FALSE(reader.writable());
    CHECK(reader.size() == articles.size() - 1);
    CHECK_FALSE(reader.get(articles[0].id).has_value());
    for (std::size_t i = 1; i < articles.size(); ++i) {
        const auto a = reader.get(articles[i].id);
        REQUIRE(a.has_value());
        CHECK(a->title == articles[i].title);
    }
    CHECK(fahras::Searcher(reader).search("عنوان", 1000).hits.size() == articles.size() - 1);
}

TEST_CASE("routing is FNV-1a of the id term: the same on every platform and run") {
    // Golden values computed independently (Python: h = (h ^ byte) * 1099511628211 mod 2^64 from
    // 14695981039346656037); std::hash would differ between standard libraries.
    CHECK(fahras::detail::shard_of("Qsnn-0", 7) == 8355239726057477560ull % 7);
    CHECK(fahras::detail::shard_of("Qمقال", 5) == 16504866744314545021ull % 5);
    CHECK(fahras::detail::shard_of("Qanything", 1) == 0);
}

TEST_CASE("a searcher of a writable sharded index sees commits, not the pending batch") {
    fahras::test::TempDir dir("shards_searcher");
    Index index = Index::open(dir.sub("idx"), OpenMode::CREATE_OR_OPEN, sharded(2));
    const auto articles = fahras::test::news_copies(2);
    index.add_batch(articles);
    index.commit();
    fahras::Searcher searcher(index);
    const std::size_t before = searcher.search("كيري", 1000).hits.size();
    CHECK(before > 0);
    index.add(Article{"new", "كيري في جنيف", "وصل كيري إلى جنيف", "", "", "", "", {}});
    searcher.reopen();
    CHECK(searcher.search("كيري", 1000).hits.size() == before);
    index.commit();
    searcher.reopen();
    CHECK(searcher.search("كيري", 1000).hits.size() == before + 1);
}

TEST_CASE("stub files: Xapian's syntax, relative paths, comments; errors say which line") {
    fahras::test::TempDir dir("shards_stub");
    fahras::test::write_file(dir.sub("stub"),
                             "# two local shards and three remote ones\n"
                             "auto a\n"
                             "glass " + dir.sub("b") + "\n"
                             "\n"
                             "remote 127.0.0.1:33333\n"
                             "remote tcp example.org:8100\n"
                             "remote [::1]:80\n");
    const auto shards = fahras::read_stub_file(dir.sub("stub"));
    REQUIRE(shards.size() == 5);
    CHECK(shards[0].path == dir.sub("a"));
    CHECK(shards[1].path == dir.sub("b"));
    CHECK(shards[2].host == "127.0.0.1");
    CHECK(shards[2].port == 33333);
    CHECK(shards[3].describe() == "example.org:8100");
    CHECK(shards[4].host == "::1");
    CHECK(shards[4].describe() == "[::1]:80");

    fahras::write_stub_file(dir.sub("copy"), shards);
    const auto again = fahras::read_stub_file(dir.sub("copy"));
    REQUIRE(again.size() == shards.size());
    for (std::size_t i = 0; i < shards.size(); ++i) CHECK(again[i].describe() == shards[i].describe());

    for (const std::string bad : {"remote 127.0.0.1", "remote host:99999", "remote :xapian-progsrv db", "flint x", "auto"}) {
        CAPTURE(bad);
        fahras::test::write_file(dir.sub("bad"), "auto a\n" + bad + "\n");
        try {
            fahras::read_stub_file(dir.sub("bad"));
            FAIL("no error");
        } catch (const fahras::IndexError& e) {
            CHECK(std::string(e.what()).find(dir.sub("bad") + ":2") != std::string::npos);
        }
    }
    CHECK_THROWS_AS(fahras::read_stub_file(dir.sub("none")), fahras::IndexNotFoundError);
}

TEST_CASE("ShardLocation::parse_remote takes HOST:PORT and [IPV6]:PORT, nothing else") {
    CHECK(ShardLocation::parse_remote("search-1:8100").describe() == "search-1:8100");
    CHECK(ShardLocation::parse_remote("[fe80::1]:8100").host == "fe80::1");
    for (const std::string bad : {"search-1", ":8100", "h:", "h:0", "h:65536", "h:12x"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(ShardLocation::parse_remote(bad), fahras::InvalidArgumentError);
    }
}

TEST_CASE("a stub file written by hand opens as one index; a missing shard is IndexNotFoundError") {
    fahras::test::TempDir dir("shards_stub_open");
    const auto articles = fahras::test::news_copies(2);
    {
        Index index = Index::open_sharded({ShardLocation::local(dir.sub("a")), ShardLocation::local(dir.sub("b"))},
                                          OpenMode::CREATE_OR_OPEN);
        index.add_batch(articles);
        index.commit();
    }
    fahras::test::write_file(dir.sub("all.stub"), "auto a\nauto b\n");
    const Index reader = Index::open(dir.sub("all.stub"), OpenMode::READ_ONLY);
    CHECK(reader.size() == articles.size());
    CHECK(reader.get(articles[5].id).has_value());
    fahras::test::write_file(dir.sub("broken.stub"), "auto a\nauto gone\n");
    CHECK_THROWS_AS(Index::open(dir.sub("broken.stub"), OpenMode::READ_ONLY), fahras::IndexNotFoundError);
    CHECK_THROWS_AS(Index::open_sharded({}), fahras::InvalidArgumentError);
}

TEST_CASE("every shard is checked against the analyzer") {
    fahras::test::TempDir dir("shards_analyzer");
    IndexOptions no_stem;
    no_stem.analyzer.stem = false;
    Index::open(dir.sub("a"), OpenMode::CREATE_OR_OPEN).commit();
    Index::open(dir.sub("b"), OpenMode::CREATE_OR_OPEN, no_stem).commit();
    const std::vector<ShardLocation> shards{ShardLocation::local(dir.sub("a")), ShardLocation::local(dir.sub("b"))};
    CHECK_THROWS_AS(Index::open_sharded(shards), fahras::AnalyzerMismatchError);
    CHECK_THROWS_AS(Index::open_sharded(shards, OpenMode::CREATE_OR_OPEN), fahras::AnalyzerMismatchError);
    CHECK_THROWS_AS(Index::open_sharded(shards, OpenMode::READ_ONLY, no_stem), fahras::AnalyzerMismatchError);
}

TEST_CASE("a suggestion is written as every shard together writes it most often, not as the first shard does") {
    fahras::test::TempDir dir("shards_suggest");
    // Ids chosen so that the rare spelling ترامپ lives in shard 0 and the common ترامب in shard 1 only.
    auto id_in = [](std::size_t shard, int& n) {
        std::string id;
        do id = "t" + std::to_string(n++);
        while (fahras::detail::shard_of(fahras::detail::id_term(id), 2) != shard);
        return id;
    };
    int n = 0;
    {
        Index index = Index::open(dir.sub("idx"), OpenMode::CREATE_OR_OPEN, sharded(2));
        index.add({id_in(0, n), "", "قال ترامپ في المؤتمر", "", "", "", "", {}});
        for (int i = 0; i < 5; ++i) index.add({id_in(1, n), "", "قال ترامب في المؤتمر", "", "", "", "", {}});
        index.commit();
    }
    const Index index = Index::open(dir.sub("idx"), OpenMode::READ_ONLY);
    CHECK(fahras::Searcher(index).search("ترامبز").suggestion == "ترامب");
}
