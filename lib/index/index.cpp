// fahras::Index: Xapian glass database handling, one document per external id ("Q" + id term).
#include <fahras/error.hpp>
#include <fahras/index.hpp>

#include "index/bulk_build.hpp"
#include "index/ordered_pool.hpp"
#include "index/index_internal.hpp"
#include "index/shards.hpp"
#include "index/terms.hpp"
#include "terms/document_terms.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace fahras {

namespace {

// Documents analysed per task on the worker threads of add_batch.
constexpr std::size_t kBatchChunk = 32;

void check_id(std::string_view id) {
    if (id.empty()) throw InvalidArgumentError("article id is empty; every article needs a unique id");
    if (id.size() > detail::kMaxTermBytes)
        throw InvalidArgumentError("article id is longer than " + std::to_string(detail::kMaxTermBytes) +
                                   " bytes; use a shorter id (e.g. a hash of the URL)");
}

void check_metadata(Index::Internal& in, const Xapian::Database& db, const std::string& where) {
    const std::string scheme = db.get_metadata(detail::kMetaScheme);
    const bool readable = std::any_of(std::begin(detail::kSchemeReadable), std::end(detail::kSchemeReadable),
                                      [&](const char* s) { return scheme == s; });
    if (db.get_doccount() > 0 && !readable)
        throw AnalyzerMismatchError("index at '" + where + "' was built with term scheme " +
                                    (scheme.empty() ? std::string("1 (fahras 0.2)") : scheme) + " but this fahras writes " +
                                    detail::kSchemeVersion + "; rebuild it: fahras index --index NEW_DIR FILE... "
                                    "(or Index::open with OpenMode::CREATE_OR_OVERWRITE)");
    const std::string stored = db.get_metadata(detail::kMetaAnalyzer);
    if (!stored.empty() && stored != in.analyzer.id())
        throw AnalyzerMismatchError("index at '" + where + "' was built with analyzer " + stored +
                                    " but this is " + in.analyzer.id() +
                                    "; open it with the same AnalyzerOptions or rebuild it");
    // The index's own storage settings win over the options of later openings (the positions once
    // it holds documents: an empty shard takes those of the index it joins).
    const std::string positions = db.get_metadata(detail::kMetaPositions);
    if (!positions.empty() && db.get_doccount() > 0) {
        const bool with = positions != detail::kPositionsNone, compact = positions == detail::kPositionsCompact;
        if (in.positions_from_shard && (with != in.options.positions || compact != in.options.compact_positions))
            throw AnalyzerMismatchError("shard '" + where + "' keeps word positions as '" + positions +
                                        "' unlike the index's other shards; rebuild the shards with the same "
                                        "IndexOptions::positions and compact_positions");
        in.options.positions = with;
        in.options.compact_positions = compact;
        in.positions_from_shard = true;
    }
    const std::string store = db.get_metadata(detail::kMetaStoreText);
    if (!store.empty()) in.options.store_text = store == "1";
}

void write_metadata(const Index::Internal& in, Xapian::WritableDatabase& db) {
    db.set_metadata(detail::kMetaScheme, detail::kSchemeVersion);
    db.set_metadata(detail::kMetaAnalyzer, in.analyzer.id());
    db.set_metadata(detail::kMetaPositions, !in.options.positions       ? detail::kPositionsNone
                                            : in.options.compact_positions ? detail::kPositionsCompact
                                                                           : detail::kPositionsXapian);
    db.set_metadata(detail::kMetaStoreText, in.options.store_text ? "1" : "0");
}

// Every shard carries and checks the analyzer id, remote ones too: a query is analysed once, here,
// and must meet the terms of every shard.
std::unique_ptr<Index::Internal> open_shards(std::string name, const std::vector<ShardLocation>& shards, OpenMode mode, IndexOptions options) {
    auto in = std::make_unique<Index::Internal>(std::move(name), std::move(options));
    in->locations = shards;
    // xapian-tcpsrv can search Xapian's position table only: a new index with remote shards keeps its
    // positions there.
    if (std::any_of(shards.begin(), shards.end(), [](const ShardLocation& s) { return s.is_remote(); }))
        in->options.compact_positions = false;
    detail::translate_xapian_errors("opening index '" + in->path + "'", [&] {
        for (const ShardLocation& shard : shards) {
            if (mode == OpenMode::READ_ONLY) {
                Xapian::Database db = detail::open_shard_reader(shard, in->options);
                check_metadata(*in, db, shard.describe());
                in->shard_readers.push_back(db);
                in->reader.add_database(db);
            } else {
                Xapian::WritableDatabase db = detail::open_shard_writer(shard, mode, in->options);
                check_metadata(*in, db, shard.describe());
                in->shards.push_back(db);
                in->reader.add_database(db);
            }
        }
        in->writable = mode != OpenMode::READ_ONLY;
        in->shard_vocabulary.resize(in->shards.size());
        for (Xapian::WritableDatabase& db : in->shards) write_metadata(*in, db);
    });
    return in;
}

// A path where a new index would be created: nothing there yet, or a directory without a database.
bool no_index_at(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(path, ec)) return true;
    return fs::is_directory(path, ec) && !fs::exists(fs::path(path) / "iamglass", ec);
}

}  // namespace

Index::Index(std::unique_ptr<Internal> internal) : internal_(std::move(internal)) {}
Index::~Index() {
    if (internal_ && internal_->writable) {
        try {
            commit();
        } catch (...) {  // a destructor must not throw; what was committed before is safe
        }
    }
}
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

Index Index::open(const std::string& path, OpenMode mode, IndexOptions options) {
    if (path.empty()) throw InvalidArgumentError("index path is empty");
    const std::string stub = detail::stub_file_of(path);
    if (!stub.empty()) return Index(open_shards(path, read_stub_file(stub), mode, std::move(options)));
    if (mode != OpenMode::READ_ONLY && options.shards > 1 && no_index_at(path)) {
        std::vector<ShardLocation> shards;
        detail::translate_xapian_errors("creating sharded index '" + path + "'", [&] {
            try {
                shards = detail::create_sharded_layout(path, options.shards);
            } catch (const std::filesystem::filesystem_error& e) {
                throw IndexError("creating sharded index '" + path + "': " + e.what() + "; check the path is writable");
            }
        });
        return Index(open_shards(path, shards, mode, std::move(options)));
    }
    auto in = std::make_unique<Internal>(path, std::move(options));
    const std::string what = "opening index '" + path + "'";
    detail::translate_xapian_errors(what, [&] {
        if (mode == OpenMode::READ_ONLY) {
            if (!std::filesystem::exists(path))
                throw IndexNotFoundError("no index at '" + path + "'; create it first (fahras index " + path + " FILE)");
            detail::retry_read(in->options.read_retry, [&] {  // a writer may commit twice while this reads
                in->reader = Xapian::Database(path);
                check_metadata(*in, in->reader, path);
            });
            return;
        }
        if (std::filesystem::exists(path) && !std::filesystem::is_directory(path))
            throw IndexError("'" + path + "' is a file, not an index directory; choose another path");
        detail::recover_interrupted_bulk_commit(path);
        // Tables without a version file are a creation that died before its first commit (Xapian
        // writes the version file last): nothing to keep, and Xapian would refuse to open them.
        // Overwriting does it under Xapian's write lock.
        const bool overwrite = mode == OpenMode::CREATE_OR_OVERWRITE || no_index_at(path);
        const int flags = Xapian::DB_BACKEND_GLASS | (overwrite ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN);
        in->writer.emplace(path, flags);
        detail::begin_batch(*in->writer);
        in->writable = true;
        in->reader = *in->writer;
        check_metadata(*in, in->reader, path);
        write_metadata(*in, *in->writer);
        detail::remove_stale_bulk_dir(path);  // an interrupted bulk build held nothing committed
        in->bulk_eligible = in->writer->get_doccount() == 0;
    });
    return Index(std::move(in));
}

Index Index::open_sharded(const std::vector<ShardLocation>& shards, OpenMode mode, IndexOptions options) {
    if (shards.empty()) throw InvalidArgumentError("no shards given; list at least one shard (a path or HOST:PORT)");
    std::string name;
    for (const ShardLocation& s : shards) name += (name.empty() ? "" : ", ") + s.describe();
    return Index(open_shards(std::move(name), shards, mode, std::move(options)));
}

Index Index::in_memory(IndexOptions options) {
    auto in = std::make_unique<Internal>(std::string(), std::move(options));
    detail::translate_xapian_errors("creating in-memory index", [&] {
        in->writer.emplace(std::string(), Xapian::DB_BACKEND_INMEMORY);
        in->writable = true;
        in->reader = *in->writer;
        write_metadata(*in, *in->writer);
    });
    return Index(std::move(in));
}

namespace {

void require_writable(const Index::Internal& in) {
    if (!in.writable) throw InvalidArgumentError("index '" + in.path + "' is open read-only; open it writable to change it");
    if (!in.sharded() && !in.writer)  // a failed bulk commit could not even reopen the index
        throw IndexError("index '" + in.path + "' lost its writer when a bulk commit failed; open the index again");
}

}  // namespace

void Index::add(const Article& article) {
    require_writable(*internal_);
    check_id(article.id);
    Article storage;
    const Article& a = detail::repaired(article, storage);
    Xapian::Document doc = detail::build_document(internal_->analyzer, internal_->options, a);
    detail::translate_xapian_errors("adding article '" + a.id + "'",
                                    [&] { detail::write_document(*internal_, detail::id_term(a.id), doc); });
}

void Index::add_batch(const std::vector<Article>& articles) {
    require_writable(*internal_);
    for (const Article& a : articles) check_id(a.id);
    const unsigned threads = internal_->options.threads ? internal_->options.threads
                                                        : std::max(1u, std::thread::hardware_concurrency());
    if (internal_->sharded()) {
        detail::translate_xapian_errors("adding a batch of articles",
                                        [&] { detail::add_to_shards(*internal_, articles, threads); });
        return;
    }
    // A bulk build replaces the writer's database at commit, so it may start only while that holds
    // nothing, committed or not (articles added one by one before the first batch would be lost).
    const bool bulk = internal_->bulk_eligible && (internal_->bulk_pending() || internal_->writer->get_doccount() == 0);
    // One thread builds in bulk too, into one shard: the merge at commit compacts the index (a single
    // writer committing every flush_every documents left arqa-dev at 491 MB instead of 240).
    if (bulk && articles.size() > kBatchChunk) {
        detail::translate_xapian_errors("adding a batch of articles",
                                        [&] { detail::bulk_add(*internal_, articles, threads); });
        return;
    }
    if (threads <= 1 || articles.size() <= kBatchChunk || !internal_->shards.empty()) {
        for (const Article& a : articles) add(a);  // (add() routes to the bulk shards while there are some)
        return;
    }
    // A fixed pool of workers analyses chunks into Xapian documents while this thread writes finished
    // chunks in order: analysis is the parallel part, Xapian's writer is single-threaded.
    const Analyzer& analyzer = internal_->analyzer;
    const IndexOptions& options = internal_->options;
    auto analyse = [&](std::size_t first) {
        std::vector<std::pair<std::string, Xapian::Document>> docs;
        const std::size_t last = std::min(articles.size(), first + kBatchChunk);
        for (std::size_t i = first; i < last; ++i) {
            Article storage;
            const Article& a = detail::repaired(articles[i], storage);
            docs.emplace_back(detail::id_term(a.id), detail::build_document(analyzer, options, a));
        }
        return docs;
    };
    using Chunk = std::vector<std::pair<std::string, Xapian::Document>>;
    const std::size_t chunks = (articles.size() + kBatchChunk - 1) / kBatchChunk;
    detail::run_ordered<Chunk>(
        chunks, threads, [&](std::size_t c) { return analyse(c * kBatchChunk); },
        [&](std::size_t, Chunk docs) {
            detail::translate_xapian_errors("adding a batch of articles", [&] {
                for (auto& [term, doc] : docs) detail::write_document(*internal_, detail::kMainWriter, term, doc);
            });
        });
}

bool Index::remove(std::string_view id) {
    require_writable(*internal_);
    check_id(id);
    return detail::translate_xapian_errors("deleting article '" + std::string(id) + "'", [&] {
        const std::string term = detail::id_term(id);
        Xapian::WritableDatabase& db = detail::writer_for(*internal_, term);
        if (!db.term_exists(term)) return false;
        db.delete_document(term);
        return true;
    });
}

void Index::commit() {
    require_writable(*internal_);
    detail::translate_xapian_errors("committing index '" + internal_->path + "'", [&] {
        if (internal_->sharded()) {
            for (std::size_t k = 0; k < internal_->shards.size(); ++k) detail::commit_writer(*internal_, k);
            return;
        }
        if (internal_->bulk_pending()) {
            // In the shards, so that the merged database holds it when it is swapped in (written on
            // the index after the swap, a crash between the two left articles under no scheme).
            for (Xapian::WritableDatabase& shard : internal_->shards) write_metadata(*internal_, shard);
            try {
                detail::bulk_commit(*internal_);
            } catch (const std::filesystem::filesystem_error& e) {
                throw IndexError(std::string("merging the bulk-built shards: ") + e.what() +
                                 "; nothing was committed: commit again, or add the batch again if size() says it was dropped");
            }
        }
        detail::commit_writer(*internal_, detail::kMainWriter);
    });
}

void Index::reopen() {
    detail::translate_xapian_errors("reopening index '" + internal_->path + "'", [&] { detail::reopen_latest(internal_->reader, internal_->options.read_retry); });
}

std::uint64_t Index::size() const {
    return detail::translate_xapian_errors("reading index size", [&] {
        std::uint64_t n = internal_->reader.get_doccount();
        if (internal_->bulk_pending())
            for (const Xapian::WritableDatabase& shard : internal_->shards) n += shard.get_doccount();
        return n;
    });
}

IndexStats Index::stats() const {
    return detail::translate_xapian_errors("reading index stats", [&] {
        IndexStats s;
        s.documents = size();
        s.average_length = internal_->reader.get_avlength();
        s.analyzer_id = internal_->analyzer.id();
        s.path = internal_->path;
        if (!internal_->path.empty()) {
            for (auto t = internal_->reader.allterms_begin(); t != internal_->reader.allterms_end(); ++t) ++s.distinct_terms;
        }
        return s;
    });
}

std::optional<Article> Index::get(std::string_view id) const {
    if (id.empty()) return std::nullopt;
    return detail::translate_xapian_errors("reading article '" + std::string(id) + "'", [&]() -> std::optional<Article> {
        const std::string term = detail::id_term(id);
        const Xapian::Database& db = detail::reader_for(*internal_, term);
        Xapian::PostingIterator p = db.postlist_begin(term);
        if (p == db.postlist_end(term)) return std::nullopt;
        return detail::deserialize_article(db.get_document(*p).get_data());
    });
}

bool Index::writable() const { return internal_->writable; }

std::vector<ShardLocation> Index::shards() const { return internal_->locations; }

const Analyzer& Index::analyzer() const { return internal_->analyzer; }

}  // namespace fahras
