// Shards: an index made of several Xapian databases, local or served by xapian-tcpsrv, searched as one.
//
// Xapian does the hard part: a Xapian::Database with several sub-databases (add_database) ranks with the
// statistics of the whole, and a remote sub-database runs its part of the match on its server. What
// fahras adds: routing each id to one shard with a stable hash (so replace, remove and get find the
// document), the analyzer check on every shard, timeouts on remote shards and errors that name them.
#pragma once

#include "index/index_internal.hpp"

#include <string_view>
#include <vector>

namespace fahras::detail {

/// Shard of an id term among @p shards: FNV-1a, the same on every platform and run, because the
/// routing of a sharded index outlives the process that wrote it.
std::size_t shard_of(std::string_view id_term, std::size_t shards);

/// The database that holds (or will hold) the document with @p id_term: its shard in a sharded
/// index or a pending bulk build, else the index's own writer.
Xapian::WritableDatabase& writer_for(Index::Internal& in, std::string_view id_term);

/// Index of the main writer for write_document (else the index in `in.shards`).
inline constexpr std::size_t kMainWriter = static_cast<std::size_t>(-1);

/// Xapian's writer slows down as its in-memory batch grows: on arqa-dev (31,501 articles, 2 cores) a
/// flush every 1,000 documents built in 30 s with 150 MB, every 40,000 in 54 s with 1.3 GB
/// (bench/README.md). IndexOptions::flush_every overrides it.
inline constexpr std::uint32_t kDefaultFlushEvery = 1000;

/// Writes @p doc to writer @p k (kMainWriter or a shard), noting its words for the vocabulary map, and
/// commits that writer every flush_every documents.
void write_document(Index::Internal& in, std::size_t k, const std::string& id_term, const Xapian::Document& doc);
/// The same, to the writer that holds @p id_term.
void write_document(Index::Internal& in, const std::string& id_term, const Xapian::Document& doc);

/// A writer on disk keeps its changes in an unflushed Xapian transaction between commits, so that
/// one destroyed with changes pending (after a failed commit, a discarded bulk build) cancels them:
/// outside a transaction Xapian commits from its destructor, and on a full disk that commit can end
/// the process (commit_room.hpp). Call once, right after opening it.
void begin_batch(Xapian::WritableDatabase& db);

/// Files the writer's new words in its vocabulary map, then commits it. With @p dir (the directory of
/// a writer on disk, which began its batch) it first reserves the room the commit's value streams
/// need (commit_room.hpp), commits the batch and begins the next.
void commit_writer(Xapian::WritableDatabase& db, detail::VocabularyBatch& vocabulary, const std::string& dir = {});
/// The same for writer @p k of @p in (kMainWriter or a shard), in its own directory.
void commit_writer(Index::Internal& in, std::size_t k);

/// The database to read the document with @p id_term from: its shard in a sharded index.
const Xapian::Database& reader_for(const Index::Internal& in, std::string_view id_term);

/// Opens one shard for reading (remote ones with the timeouts of @p options).
Xapian::Database open_shard_reader(const ShardLocation& shard, const IndexOptions& options);

/// Opens one shard for writing; local shards are created if missing.
Xapian::WritableDatabase open_shard_writer(const ShardLocation& shard, OpenMode mode, const IndexOptions& options);

/// Writes @p articles into `in.shards`, each to its routed shard, one thread per shard (at most
/// @p threads threads, each taking every threads-th shard).
void add_to_shards(Index::Internal& in, const std::vector<Article>& articles, unsigned threads);

/// The databases a new Searcher reads, one by one (one for an unsharded index): its own handles on a
/// writable index (so it sees commits only), the index's readers otherwise. One by one, because Xapian
/// reads metadata (the vocabulary map) from the first sub-database of a combined one only.
std::vector<Xapian::Database> open_search_shards(const Index::Internal& in);

/// The stub file describing the sharded index at @p path ("" if @p path is not a sharded index):
/// @p path itself if it is a file, `path/XAPIANDB` if that exists.
std::string stub_file_of(const std::string& path);

/// Creates a new sharded index directory at @p path: `shard-0`... and the XAPIANDB stub listing them.
std::vector<ShardLocation> create_sharded_layout(const std::string& path, unsigned shards);

}  // namespace fahras::detail
