// Bulk build: several Xapian writers in parallel, one shard per core, merged at commit.
//
// Xapian's writer is single-threaded and is most of the cost of building an index (bench/README.md).
// When an index on disk is empty at open, add_batch partitions articles by a hash of their id (so one
// id always lands in one shard and replacing it still works) and each thread analyses and writes its
// own shard. commit() compacts the shards into the index directory. Nothing was committed in the index
// before (it was empty), so no committed document is at risk while the files are swapped in.
#pragma once

#include "index/index_internal.hpp"

#include <functional>
#include <string>
#include <vector>

namespace fahras::detail {

/// Creates the shards under `path/.fahras-bulk` (once), then writes @p articles into them in parallel.
void bulk_add(Index::Internal& in, const std::vector<Article>& articles, unsigned threads);

/// Commits the shards, merges them into the index directory and reopens its writer. If it throws, the
/// writer is open on the (empty) index and the batch is pending whole or was dropped whole.
void bulk_commit(Index::Internal& in);

/// The directory of bulk shard @p k of the index at @p index_path.
std::string bulk_shard_dir(const std::string& index_path, std::size_t k);

/// Tests only: called by bulk_commit while the files are swapped in (Xapian's writer closed).
extern std::function<void(const std::string& index_path)> bulk_swap_hook_for_tests;

/// Removes what a bulk build interrupted before its commit left behind.
/// @exception IndexLockedError a bulk commit in another process holds the bulk lock.
void remove_stale_bulk_dir(const std::string& index_path);

/// Before a writer opens the index: if a first bulk commit died while swapping its files in (no
/// version file, the bulk directory still there), drops the half-moved tables so that the index opens
/// empty, as it was before that commit. @exception IndexLockedError that commit is still running.
void recover_interrupted_bulk_commit(const std::string& index_path);

}  // namespace fahras::detail
