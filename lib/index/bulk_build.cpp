#include "index/bulk_build.hpp"

#include "index/shards.hpp"

#include <fahras/error.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <memory>
#include <system_error>

namespace fahras::detail {

namespace {

namespace fs = std::filesystem;

constexpr const char* kBulkDir = ".fahras-bulk";
constexpr const char* kMergedDir = "merged";
constexpr const char* kLockFile = "lock";  // flock()ed by the building process; the kernel drops it when it dies
constexpr const char* kGlassVersionFile = "iamglass";  // its presence makes a directory a glass database

fs::path bulk_dir(const std::string& index_path) { return fs::path(index_path) / kBulkDir; }

// An exclusive flock() on the bulk directory's lock file, or null when another process holds it.
// Xapian's own lock cannot cover the swap: the index's writer is closed while the files move.
std::shared_ptr<void> try_lock_bulk_dir(const std::string& index_path) {
    const int fd = ::open((bulk_dir(index_path) / kLockFile).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw IndexError("cannot create the bulk build lock in '" + bulk_dir(index_path).string() + "'");
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return nullptr;
    }
    return std::shared_ptr<void>(new int(fd), [](void* p) {
        ::close(*static_cast<int*>(p));
        delete static_cast<int*>(p);
    });
}

// Moves the merged database's files into the index directory: the version file goes last and is
// removed first, so an interruption leaves "no index" rather than a mix of two databases.
void swap_in(const fs::path& merged, const fs::path& index) {
    fs::remove(index / kGlassVersionFile);
    for (const auto& entry : fs::directory_iterator(index)) {
        const fs::path name = entry.path().filename();
        if (entry.is_regular_file() && name.extension() == ".glass" && !fs::exists(merged / name))
            fs::remove(entry.path());
    }
    for (const auto& entry : fs::directory_iterator(merged)) {
        const fs::path name = entry.path().filename();
        if (name != kGlassVersionFile && name != "flintlock") fs::rename(entry.path(), index / name);
    }
    fs::rename(merged / kGlassVersionFile, index / kGlassVersionFile);
}

}  // namespace

constexpr unsigned kMaxBulkShards = 4;

void bulk_add(Index::Internal& in, const std::vector<Article>& articles, unsigned threads) {
    if (in.shards.empty()) {
        fs::create_directories(bulk_dir(in.path));
        in.bulk_lock = try_lock_bulk_dir(in.path);  // free: this process holds the index's write lock
        // Capped: merging N shards grows the postlist with N (48 MB from one writer, 65 from 8, 90 from
        // 32 on arqa-dev), and past a few writers the merge, not the writing, is what costs.
        for (unsigned k = 0; k < std::min(threads, kMaxBulkShards); ++k)
            begin_batch(in.shards.emplace_back(bulk_shard_dir(in.path, k),
                                               Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS));
        in.shard_vocabulary.assign(in.shards.size(), VocabularyBatch());
    }
    add_to_shards(in, articles, threads);
}

std::function<void(const std::string&)> bulk_swap_hook_for_tests;

// Drops the shards and the bulk directory: the index is empty and its writer open, as before the
// first bulk add_batch.
void discard_bulk_build(Index::Internal& in) {
    in.shards.clear();
    in.shard_vocabulary.clear();
    std::error_code ignored;
    fs::remove_all(bulk_dir(in.path), ignored);
    in.bulk_lock.reset();
}

// Whatever fails (a full disk during the merge, a rename refused), the writer stays open on the index,
// which is empty as it was (a bulk build starts only on an empty one): nothing committed is lost. The
// batch is either still pending whole (every shard had committed it: commit again) or dropped whole
// (a shard's own commit failed, and Xapian dropped that shard's part: add it again), never half. The
// write lock is held throughout: Xapian's while its writer is open, and the bulk lock (which writers
// opening the index check) while that writer is closed for the swap.
std::string bulk_shard_dir(const std::string& index_path, std::size_t k) {
    return (bulk_dir(index_path) / ("shard-" + std::to_string(k))).string();
}

void bulk_commit(Index::Internal& in) {
    const fs::path dir = bulk_dir(in.path);
    const fs::path merged = dir / kMergedDir;
    try {
        for (std::size_t k = 0; k < in.shards.size(); ++k) commit_writer(in, k);
    } catch (...) {
        discard_bulk_build(in);
        throw;
    }
    try {
        fs::remove_all(merged);
        Xapian::Database all;
        for (Xapian::WritableDatabase& shard : in.shards) all.add_database(shard);
        VocabularyCompactor vocabulary_merger;  // each shard filed its own words: merge their entries
        all.compact(merged.string(), 0, 0, vocabulary_merger);
    } catch (...) {
        std::error_code ignored;
        fs::remove_all(merged, ignored);  // give back the space a half-written merge took
        throw;
    }
    // The index's own writer holds Xapian's lock and an empty database: close it, swap the files in,
    // reopen. Should the swap fail, the index is made empty again (it was) and the shards stay.
    in.writer->close();
    in.writer.reset();
    try {
        if (bulk_swap_hook_for_tests) bulk_swap_hook_for_tests(in.path);
        swap_in(merged, in.path);
    } catch (...) {
        std::error_code ignored;
        fs::remove_all(merged, ignored);
        begin_batch(in.writer.emplace(in.path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS));
        in.reader = *in.writer;
        throw;
    }
    begin_batch(in.writer.emplace(in.path, Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS));
    in.reader = *in.writer;
    in.shards.clear();
    in.shard_vocabulary.clear();
    std::error_code ignored;
    fs::remove_all(dir, ignored);  // only after the version file is in: see recover_interrupted_bulk_commit
    in.bulk_lock.reset();
    in.bulk_eligible = in.writer->get_doccount() == 0;
}

void remove_stale_bulk_dir(const std::string& index_path) {
    std::error_code ec;
    if (!fs::is_directory(bulk_dir(index_path), ec)) return;
    // Held: a bulk commit in another process is swapping its files in (Xapian's lock is free then).
    if (!try_lock_bulk_dir(index_path))
        throw IndexLockedError("index '" + index_path + "' is being written by a bulk build in another process; "
                               "wait for its commit to finish");
    fs::remove_all(bulk_dir(index_path), ec);
}

// swap_in removes the version file first, and the bulk directory goes only after the new version file
// is in place: a bulk directory without a version file is a swap that died half-way. Bulk builds start
// only on empty indexes, so dropping the half-moved tables loses nothing that was committed; without
// this, Xapian sees tables without a version file and refuses every later open.
void recover_interrupted_bulk_commit(const std::string& index_path) {
    const fs::path index(index_path);
    std::error_code ec;
    if (!fs::is_directory(bulk_dir(index_path), ec) || fs::exists(index / kGlassVersionFile, ec)) return;
    const std::shared_ptr<void> lock = try_lock_bulk_dir(index_path);
    if (!lock)
        throw IndexLockedError("index '" + index_path + "' is being written by a bulk build in another process; "
                               "wait for its commit to finish");
    for (const auto& entry : fs::directory_iterator(index, ec)) {
        if (entry.path().extension() == ".glass") fs::remove(entry.path(), ec);
        if (ec) break;
    }
    if (!ec) fs::remove_all(bulk_dir(index_path), ec);
    if (ec)
        throw IndexError("index '" + index_path + "': cannot remove what an interrupted bulk build left (" +
                         ec.message() + "); remove the directory and rebuild the index");
}

}  // namespace fahras::detail
