/** @file cmd_index.cpp
 *  @brief `fahras index`: articles from files (read by fahras::ArticleReader) into an index, in batches,
 *  with progress; a bad record costs only itself and is reported with its file and line.
 */
#include "cli.hpp"
#include "commands.hpp"
#include "help.hpp"
#include "output.hpp"
#include "progress.hpp"

#include <fahras/fahras.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>
#include <vector>

namespace fahras_cli {

namespace {

/** @brief --strict met a bad record: the run stops there. */
class StrictStop : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

std::uint64_t file_size_or_zero(const std::string& path) {
    std::error_code error;
    if (path == "-" || !std::filesystem::is_regular_file(path, error)) return 0;
    const auto size = std::filesystem::file_size(path, error);
    return error ? 0 : static_cast<std::uint64_t>(size);
}

/** @brief Feeds articles to the index in batches; counts what has been indexed. */
class BatchIndexer {
public:
    BatchIndexer(fahras::Index& index, std::size_t batch_size) : index_(index), batch_size_(batch_size) {
        batch_.reserve(batch_size_);
    }

    void add(fahras::Article&& article) {
        batch_.push_back(std::move(article));
        if (batch_.size() >= batch_size_) flush();
    }

    void flush() {
        if (batch_.empty()) return;
        index_.add_batch(batch_);
        indexed_ += batch_.size();
        batch_.clear();
    }

    std::uint64_t indexed() const { return indexed_; }

private:
    fahras::Index& index_;
    std::size_t batch_size_;
    std::vector<fahras::Article> batch_;
    std::uint64_t indexed_ = 0;
};

fahras::InputFormat parse_format(const Command& args) {
    using fahras::InputFormat;
    const auto format = args.value("format");
    if (!format) return InputFormat::AUTO;
    if (*format == "jsonl") return InputFormat::JSONL;
    if (*format == "json") return InputFormat::JSON_ARRAY;
    if (*format == "text" || *format == "txt") return InputFormat::TEXT;
    if (*format == "zip") return InputFormat::ZIP;
    throw UsageError("--format expects jsonl, json, zip or text, got '" + *format + "'", "index");
}

}  // namespace

int run_index(int argc, char** argv) {
    Command args("index", kIndexHelp);
    add_index_options(args);
    for (const char* name : {"no-store", "no-positions", "xapian-positions", "overwrite", "progress", "quiet", "strict", "keep-shards"}) args.flag(name);
    for (const char* name : {"format", "encoding", "batch", "threads", "title-weight", "progress-every"}) args.option(name);
    if (!args.parse(argc, argv)) return kExitOk;
    const std::string db = take_index_path(args);
    args.require_positional(1, "FILE (what to index)");

    const fahras::InputFormat forced = parse_format(args);
    const std::string encoding = args.value_or("encoding", "utf-8");
    try {
        fahras::to_utf8("", encoding);  // an unknown encoding fails now, before the index is touched
    } catch (const fahras::InvalidArgumentError& e) {
        throw UsageError(e.what(), "index");
    }
    const std::uint32_t batch_size = args.number("batch", 2000, 1, 1000000);
    const bool quiet = args.flag_set("quiet");
    const bool strict = args.flag_set("strict");

    fahras::IndexOptions options;
    options.store_text = !args.flag_set("no-store");
    options.positions = !args.flag_set("no-positions");
    options.compact_positions = !args.flag_set("xapian-positions");
    options.threads = args.number("threads", 0, 0, 1024);
    options.title_weight = args.number("title-weight", options.title_weight, 1, 100);
    // --keep-shards: a new index is one shard per thread, kept (else the bulk build merges them).
    if (args.flag_set("keep-shards")) options.shards = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    fahras::Index index = open_index(
        args, db, args.flag_set("overwrite") ? fahras::OpenMode::CREATE_OR_OVERWRITE : fahras::OpenMode::CREATE_OR_OPEN, options);

    // Standard input has no size: then the total is unknown and progress shows no percentage or ETA.
    std::vector<std::uint64_t> file_sizes;
    std::uint64_t total_bytes = 0;
    for (const std::string& file : args.positional()) {
        file_sizes.push_back(file_size_or_zero(file));
        total_bytes += file_sizes.back();
    }
    if (std::count(args.positional().begin(), args.positional().end(), "-") > 0) total_bytes = 0;
    Progress::Style style = Progress::Style::NONE;
    if (!quiet) style = stderr_is_tty() && !args.flag_set("progress") ? Progress::Style::BAR : Progress::Style::LINES;
    const double line_seconds = args.number("progress-every", 5, 0, 86400);
    if (args.value("progress-every") && style == Progress::Style::BAR) style = Progress::Style::LINES;
    Progress progress(style, total_bytes, line_seconds);
    BatchIndexer indexer(index, batch_size);
    const auto start = std::chrono::steady_clock::now();

    constexpr std::uint64_t kMaxWarnings = 20;
    std::uint64_t skipped = 0;
    std::uint64_t failed_files = 0;
    std::uint64_t bytes_before = 0;  // of the files already read
    std::uint64_t bytes_now = 0;
    std::string stopped_at;
    const auto warn = [&](const std::string& message) {
        progress.clear_line();
        std::cerr << "fahras: " << message << '\n';
    };
    fahras::ReadOptions read_options;
    read_options.format = forced;
    read_options.encoding = encoding;
    read_options.on_notice = [&](const std::string& message) {
        if (!quiet) warn(message);
    };
    const auto bad_record = [&](const fahras::RecordError& e) {
        const std::string where = e.file().empty() ? std::string() : e.file() + ": ";
        if (strict) throw StrictStop(where + e.what());
        ++skipped;
        if (quiet || skipped > kMaxWarnings) return;
        warn(where + e.what() + " (skipped)");
        if (skipped == kMaxWarnings) warn("further bad records are counted but not shown");
    };

    std::uint64_t bad_dates = 0;
    for (std::size_t f = 0; f < args.positional().size(); ++f) {
        const std::string& file = args.positional()[f];
        try {
            fahras::ArticleReader reader(file, read_options);
            fahras::Article article;
            std::uint64_t count = 0;
            for (;;) {
                try {
                    if (!reader.next(article)) break;
                } catch (const fahras::RecordError& e) {
                    bad_record(e);
                    continue;
                }
                if (!article.date.empty() && !fahras::is_iso_date(article.date) && !quiet && ++bad_dates <= kMaxWarnings)
                    warn("article '" + article.id + "': date '" + article.date +
                         "' is not ISO 8601 (YYYY-MM-DD, optionally hh:mm[:ss]); indexed without a date");
                indexer.add(std::move(article));
                if (++count % 1024 == 0) bytes_now = bytes_before + reader.bytes_read();
                progress.update(indexer.indexed(), bytes_now);
            }
        } catch (const fahras::InputFileError& e) {
            if (strict) {
                stopped_at = e.what();
                break;
            }
            warn(e.what());
            ++failed_files;
        } catch (const StrictStop& e) {
            stopped_at = e.what();
            break;
        }
        bytes_before += file_sizes[f];
        bytes_now = bytes_before;
        progress.update(indexer.indexed(), bytes_now);
    }
    // What was read before a stop is kept: the index never loses records it was given.
    indexer.flush();
    index.commit();
    progress.finish(indexer.indexed(), bytes_now);

    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::uint64_t indexed = indexer.indexed();
    if (!stopped_at.empty()) {
        std::cerr << "fahras: " << stopped_at << '\n'
                  << "fahras: stopped there (--strict); the " << Progress::group_digits(indexed)
                  << " documents read before it are committed to " << db << '\n';
        return kExitRuntime;
    }
    if (!quiet) {
        std::fprintf(stderr, "indexed %s documents (%.1f MB) in %.2f s (%.0f docs/s); index %s now holds %s",
                     Progress::group_digits(indexed).c_str(), static_cast<double>(bytes_now) / 1e6, seconds,
                     seconds > 0 ? static_cast<double>(indexed) / seconds : 0.0, db.c_str(),
                     Progress::group_digits(index.size()).c_str());
        if (skipped) std::fprintf(stderr, "; skipped %llu bad records", static_cast<unsigned long long>(skipped));
        if (failed_files) std::fprintf(stderr, "; %llu files unreadable", static_cast<unsigned long long>(failed_files));
        std::fprintf(stderr, "\n");
    }
    if (failed_files) return kExitRuntime;
    if (indexed == 0 && skipped > 0) {
        std::cerr << "fahras: nothing was indexed: every record was malformed\n";
        return kExitRuntime;
    }
    return kExitOk;
}

}  // namespace fahras_cli
