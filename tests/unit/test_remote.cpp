// Remote shards served by xapian-tcpsrv (started and stopped by the tests, on 127.0.0.1 and free
// ports): indexing into them, searching them with a local shard as one index, and the errors when a
// server dies or stops answering, which must come within the timeouts and name the server.
#include "index_support.hpp"
#include "remote_support.hpp"
#include "skip_support.hpp"

#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using fahras::Article;
using fahras::Index;
using fahras::IndexOptions;
using fahras::OpenMode;
using fahras::ShardLocation;
using fahras::test::TcpServer;

namespace {

// xapian-tcpsrv serves existing databases only: an empty fahras index carrying the analyzer id.
std::string empty_index(const fahras::test::TempDir& dir, const std::string& name, IndexOptions options = {}) {
    Index::open(dir.sub(name), OpenMode::CREATE_OR_OVERWRITE, options).commit();
    return dir.sub(name);
}

ShardLocation at(const TcpServer& server) { return ShardLocation::remote("127.0.0.1", server.port()); }

IndexOptions short_timeouts() {
    IndexOptions o;
    o.remote_timeout_ms = 500;
    o.remote_connect_timeout_ms = 500;
    return o;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool mentions(const std::exception& e, const std::string& text) {
    return std::string(e.what()).find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("two remote shards and a local one, indexed through the servers, rank as one local index") {
    if (!fahras::test::tcpsrv_on_path())
        return fahras::test::skip("xapian-tcpsrv is not on PATH (scripts/install-deps.sh installs xapian-tools)");
    fahras::test::TempDir dir("remote_rank");
    TcpServer a(empty_index(dir, "a"), true);
    TcpServer b(empty_index(dir, "b"), true);
    const std::vector<ShardLocation> shards{at(a), at(b), ShardLocation::local(dir.sub("c"))};
    const auto articles = fahras::test::news_copies(4);
    {
        Index index = Index::open_sharded(shards, OpenMode::CREATE_OR_OPEN);
        index.add_batch(articles);
        index.add(articles[0]);  // a replacement through its remote shard
        CHECK(index.size() == articles.size());
        index.commit();
    }
    Index single = Index::in_memory();
    for (const Article& x : articles) single.add(x);
    single.commit();

    const Index reader = Index::open_sharded(shards);
    CHECK(reader.size() == articles.size());
    fahras::test::check_same_results(single, reader);
    for (const Article& x : articles) {
        const auto got = reader.get(x.id);
        REQUIRE(got.has_value());
        CHECK(got->title == x.title);
    }
    // Every shard holds part of the articles: the remote ones were written through the servers.
    CHECK(Index::open_sharded({at(a)}).size() > 0);
    CHECK(Index::open_sharded({at(b)}).size() > 0);
    CHECK(Index::open(dir.sub("c"), OpenMode::READ_ONLY).size() > 0);

    // The same shards through a stub file, in Xapian's syntax and with `tcp`.
    fahras::test::write_file(dir.sub("stub"), "remote 127.0.0.1:" + std::to_string(a.port()) +
                                                  "\nremote tcp 127.0.0.1:" + std::to_string(b.port()) + "\nauto c\n");
    fahras::test::check_same_results(single, Index::open(dir.sub("stub"), OpenMode::READ_ONLY));
}

TEST_CASE("a killed server: RemoteError naming it, at the next query and at the next open") {
    if (!fahras::test::tcpsrv_on_path())
        return fahras::test::skip("xapian-tcpsrv is not on PATH (scripts/install-deps.sh installs xapian-tools)");
    fahras::test::TempDir dir("remote_kill");
    TcpServer a(empty_index(dir, "a"), true);
    TcpServer b(empty_index(dir, "b"), true);
    const std::vector<ShardLocation> shards{at(a), at(b), ShardLocation::local(dir.sub("c"))};
    {
        Index index = Index::open_sharded(shards, OpenMode::CREATE_OR_OPEN);
        index.add_batch(fahras::test::news_copies(2));
        index.commit();
    }
    const Index reader = Index::open_sharded(shards, OpenMode::READ_ONLY, short_timeouts());
    const fahras::Searcher searcher(reader);
    REQUIRE_FALSE(searcher.search("كيري").hits.empty());
    const std::string address = "127.0.0.1:" + std::to_string(b.port());
    b.stop();

    auto start = std::chrono::steady_clock::now();
    try {
        searcher.search("كيري");
        FAIL("no error from a dead shard");
    } catch (const fahras::RemoteError& e) {
        INFO(std::string(e.what()));
        CHECK(mentions(e, address));
        CHECK(mentions(e, "xapian-tcpsrv"));
    }
    CHECK(seconds_since(start) < 5);

    start = std::chrono::steady_clock::now();
    try {
        Index::open_sharded(shards, OpenMode::READ_ONLY, short_timeouts());
        FAIL("no error opening a dead shard");
    } catch (const fahras::RemoteError& e) {
        INFO(std::string(e.what()));
        CHECK(mentions(e, address));
    }
    CHECK(seconds_since(start) < 5);
}

TEST_CASE("a server that stops answering: RemoteError within the timeout, never a hang") {
    if (!fahras::test::tcpsrv_on_path())
        return fahras::test::skip("xapian-tcpsrv is not on PATH (scripts/install-deps.sh installs xapian-tools)");
    fahras::test::TempDir dir("remote_pause");
    TcpServer a(empty_index(dir, "a"), false);
    const Index reader = Index::open_sharded({at(a), ShardLocation::local(empty_index(dir, "c"))},
                                             OpenMode::READ_ONLY, short_timeouts());
    const fahras::Searcher searcher(reader);
    searcher.search("كيري");
    a.pause();
    auto start = std::chrono::steady_clock::now();
    CHECK_THROWS_AS(searcher.search("كيري"), fahras::RemoteError);
    CHECK(seconds_since(start) < 5);
    start = std::chrono::steady_clock::now();
    CHECK_THROWS_AS(Index::open_sharded({at(a)}, OpenMode::READ_ONLY, short_timeouts()), fahras::RemoteError);
    CHECK(seconds_since(start) < 5);
}

TEST_CASE("writing to a read-only server, or overwriting a remote shard, says what to do") {
    if (!fahras::test::tcpsrv_on_path())
        return fahras::test::skip("xapian-tcpsrv is not on PATH (scripts/install-deps.sh installs xapian-tools)");
    fahras::test::TempDir dir("remote_readonly");
    TcpServer a(empty_index(dir, "a"), false);
    try {
        Index::open_sharded({at(a)}, OpenMode::CREATE_OR_OPEN, short_timeouts());
        FAIL("no error writing to a read-only server");
    } catch (const fahras::RemoteError& e) {
        INFO(std::string(e.what()));
        CHECK(mentions(e, "--writable"));
        CHECK(mentions(e, "127.0.0.1:" + std::to_string(a.port())));
    }
    CHECK_THROWS_AS(Index::open_sharded({at(a)}, OpenMode::CREATE_OR_OVERWRITE), fahras::InvalidArgumentError);
}

TEST_CASE("a remote shard built with another analyzer is refused") {
    if (!fahras::test::tcpsrv_on_path())
        return fahras::test::skip("xapian-tcpsrv is not on PATH (scripts/install-deps.sh installs xapian-tools)");
    fahras::test::TempDir dir("remote_analyzer");
    IndexOptions no_stem;
    no_stem.analyzer.stem = false;
    TcpServer a(empty_index(dir, "a", no_stem), false);
    CHECK_THROWS_AS(Index::open_sharded({at(a)}), fahras::AnalyzerMismatchError);
    CHECK_NOTHROW(Index::open_sharded({at(a)}, OpenMode::READ_ONLY, no_stem));
}

TEST_CASE("an index with compact positions served remotely is refused with what to do; a new one through servers keeps Xapian's") {
    if (!fahras::test::tcpsrv_on_path())
        return fahras::test::skip("xapian-tcpsrv is not on PATH (scripts/install-deps.sh installs xapian-tools)");
    fahras::test::TempDir dir("remote_positions");
    {
        Index local = Index::open(dir.sub("compact"), OpenMode::CREATE_OR_OVERWRITE);  // compact: the default
        local.add_batch(fahras::test::news_articles());
        local.commit();
    }
    TcpServer compact(dir.sub("compact"), false);
    const Index served = Index::open_sharded({at(compact)});
    try {
        fahras::Searcher searcher(served);
        FAIL("a searcher over remote compact positions was built");
    } catch (const fahras::RemoteError& e) {
        CHECK(mentions(e, "xapian-positions"));
    }
    // Built through a server, an index keeps its positions where the server can search them, though
    // compact ones are the default.
    TcpServer fresh(empty_index(dir, "fresh"), true);
    {
        Index index = Index::open_sharded({at(fresh)}, OpenMode::CREATE_OR_OPEN);
        index.add_batch(fahras::test::news_articles());
        index.commit();
    }
    const Index reader = Index::open_sharded({at(fresh)});
    Index single = Index::in_memory();
    for (const Article& x : fahras::test::news_articles()) single.add(x);
    single.commit();
    fahras::test::check_same_results(single, reader);
}
