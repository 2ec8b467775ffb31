// Room for a commit's value streams, reserved before Xapian writes them.
//
// Xapian 1.4.22 writes a commit's value streams (date, source, id, compact positions) from a
// destructor (Glass::ValueUpdater, glass_values.cc), so a disk that fills up there ends the process
// with std::terminate instead of a DatabaseError: found by the 2 MB tmpfs test of test_bad_input
// once the vocabulary shrank and the disk filled at another point. Before a commit the blocks those
// writes need are allocated past the end of postlist.glass (fallocate with FALLOC_FL_KEEP_SIZE: the
// file keeps its size, and the blocks Glass appends next are already on disk), or the commit is
// refused with an IndexError before Xapian writes anything. The reserve stays allocated for the
// next commit; compaction writes new files without it.
#pragma once

#include <cstdint>
#include <string>

namespace fahras::detail {

/// Bytes to reserve for a commit of @p documents documents holding @p value_bytes of values: twice
/// the values (a chunk rewritten next to its old copy) and a block per document (a replaced one
/// rewrites a chunk in the middle of a stream), plus 64 blocks for the B-tree's path and splits.
std::uint64_t commit_room_needed(std::uint64_t value_bytes, std::uint64_t documents);

/// Reserves @p bytes past the end of DIR/postlist.glass. Throws IndexError (the disk is full) when the
/// file system cannot give them; does nothing for "" (in memory), without the file (nothing written
/// yet: Xapian creates it at the first commit) or where the file system has no fallocate.
void reserve_commit_room(const std::string& dir, std::uint64_t bytes);

}  // namespace fahras::detail
