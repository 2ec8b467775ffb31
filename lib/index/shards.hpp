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

/// The database to read the document with @p id_term from: its shard in a sharded index.
const Xapian::Database& reader_for(const Index::Internal& in, std::string_view id_term);

/// Opens one shard for reading (remote ones with the timeouts of @p options).
Xapian::Database open_shard_reader(const ShardLocation& shard, const IndexOptions& options);

/// Opens one shard for writing; local shards are created if missing.
Xapian::WritableDatabase open_shard_writer(const ShardLocation& shard, OpenMode mode, const IndexOptions& options);

/// Writes @p articles into `in.shards`, each to its routed shard, one thread per shard (at most
/// @p threads threads, each taking every threads-th shard).
void add_to_shards(Index::Internal& in, const std::vector<Article>& articles, unsigned threads);

/// The database a new Searcher reads: its own handles on a writable index (so it sees commits only),
/// the index's reader otherwise.
Xapian::Database open_search_db(const Index::Internal& in);

/// The stub file describing the sharded index at @p path ("" if @p path is not a sharded index):
/// @p path itself if it is a file, `path/XAPIANDB` if that exists.
std::string stub_file_of(const std::string& path);

/// Creates a new sharded index directory at @p path: `shard-0`... and the XAPIANDB stub listing them.
std::vector<ShardLocation> create_sharded_layout(const std::string& path, unsigned shards);

}  // namespace fahras::detail
