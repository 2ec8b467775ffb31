#include "index/bulk_build.hpp"

#include "index/shards.hpp"

#include <filesystem>
#include <system_error>

namespace fahras::detail {

namespace {

namespace fs = std::filesystem;

constexpr const char* kBulkDir = ".fahras-bulk";
constexpr const char* kMergedDir = "merged";
constexpr const char* kGlassVersionFile = "iamglass";  // its presence makes a directory a glass database

fs::path bulk_dir(const std::string& index_path) { return fs::path(index_path) / kBulkDir; }

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

void bulk_add(Index::Internal& in, const std::vector<Article>& articles, unsigned threads) {
    if (in.shards.empty()) {
        fs::create_directories(bulk_dir(in.path));
        for (unsigned k = 0; k < threads; ++k)
            in.shards.emplace_back((bulk_dir(in.path) / ("shard-" + std::to_string(k))).string(),
                                   Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    }
    add_to_shards(in, articles, threads);
}

void bulk_commit(Index::Internal& in) {
    const fs::path dir = bulk_dir(in.path);
    const fs::path merged = dir / kMergedDir;
    fs::remove_all(merged);
    Xapian::Database all;
    for (Xapian::WritableDatabase& shard : in.shards) {
        shard.commit();
        all.add_database(shard);
    }
    all.compact(merged.string());
    all = Xapian::Database();
    in.shards.clear();
    // The index's own writer holds the lock and an empty database: close it, swap the files in, reopen.
    in.writer->close();
    in.writer.reset();
    swap_in(merged, in.path);
    fs::remove_all(dir);
    in.writer.emplace(in.path, Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
    in.reader = *in.writer;
    in.bulk_eligible = in.writer->get_doccount() == 0;
}

void remove_stale_bulk_dir(const std::string& index_path) {
    std::error_code ignored;
    fs::remove_all(bulk_dir(index_path), ignored);
}

}  // namespace fahras::detail
