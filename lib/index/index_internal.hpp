// Index::Internal, shared by the index and the searcher (which reads the same database).
#pragma once

#include <fahras/index.hpp>

#include "index/xapian_errors.hpp"
#include "terms/vocabulary.hpp"

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fahras {

struct Index::Internal {
    std::string path;        // empty for in-memory; the stub (or the shard list) of a sharded index
    IndexOptions options;
    Analyzer analyzer;
    bool writable = false;
    bool positions_from_shard = false;  // options.positions and compact_positions were read from a shard
    std::optional<Xapian::WritableDatabase> writer;
    Xapian::Database reader;  // == *writer when writable; every shard of a sharded index

    // A sharded index (index/shards.cpp): its shards in routing order, their writers in `shards` when
    // writable, else their readers in `shard_readers` (the same databases `reader` holds), for get().
    std::vector<ShardLocation> locations;
    std::vector<Xapian::Database> shard_readers;

    // Bulk build (index/bulk_build.cpp): while an index on disk that was empty when opened is filled by
    // add_batch, each core writes its own shard under `path/.fahras-bulk`; commit() merges them into the
    // index with Xapian's compactor. Empty `shards` means the ordinary single-writer path.
    bool bulk_eligible = false;
    std::vector<Xapian::WritableDatabase> shards;  // bulk shards, or the writers of a sharded index
    // The new words of each writer, filed in its vocabulary map at commit: `vocabulary` for `writer`,
    // `shard_vocabulary[k]` for `shards[k]`.
    detail::VocabularyBatch vocabulary;
    std::vector<detail::VocabularyBatch> shard_vocabulary;
    std::shared_ptr<void> bulk_lock;  // held from the first bulk add_batch to the end of its commit

    bool sharded() const { return !locations.empty(); }
    bool bulk_pending() const { return !sharded() && !shards.empty(); }

    Internal(std::string p, IndexOptions o) : path(std::move(p)), options(std::move(o)), analyzer(options.analyzer) {}
};

}  // namespace fahras
