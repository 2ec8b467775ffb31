// fahras::Index: Xapian glass database handling, one document per external id ("Q" + id term).
#include <fahras/error.hpp>
#include <fahras/index.hpp>

#include "analysis/utf8.hpp"
#include "index/index_internal.hpp"
#include "index/terms.hpp"

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <future>
#include <thread>

namespace fahras {

namespace {

// Xapian flushes its in-memory batch every XAPIAN_FLUSH_THRESHOLD documents (10,000 by default).
// Fewer, larger flushes build the index markedly faster (bench/README.md); a caller's own setting of
// the variable wins.
constexpr std::uint32_t kDefaultFlushEvery = 40000;

void set_flush_threshold(std::uint32_t every) {
    if (every) {
        ::setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(every).c_str(), 1);
    } else if (!std::getenv("XAPIAN_FLUSH_THRESHOLD")) {
        ::setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(kDefaultFlushEvery).c_str(), 0);
    }
}

// Documents analysed per task on the worker threads of add_batch.
constexpr std::size_t kBatchChunk = 32;

// Ids are stored repaired (invalid UTF-8 as U+FFFD, like every field), so they are looked up repaired.
std::string id_term(std::string_view id) {
    return std::string(detail::kPrefixId) + (is_valid_utf8(id) ? std::string(id) : detail::repair_utf8(id));
}

void check_id(std::string_view id) {
    if (id.empty()) throw InvalidArgumentError("article id is empty; every article needs a unique id");
    if (id.size() > detail::kMaxTermBytes)
        throw InvalidArgumentError("article id is longer than " + std::to_string(detail::kMaxTermBytes) +
                                   " bytes; use a shorter id (e.g. a hash of the URL)");
}

// Invalid UTF-8 becomes U+FFFD in every stored field, so that stored text and snippets stay valid.
const Article& repaired(const Article& a, Article& storage) {
    const std::string* fields[] = {&a.id, &a.title, &a.body, &a.author, &a.source, &a.url, &a.date};
    bool valid = std::all_of(std::begin(fields), std::end(fields), [](const std::string* f) { return is_valid_utf8(*f); });
    for (const auto& [k, v] : a.metadata) valid = valid && is_valid_utf8(k) && is_valid_utf8(v);
    if (valid) return a;
    storage = Article{detail::repair_utf8(a.id), detail::repair_utf8(a.title), detail::repair_utf8(a.body),
                      detail::repair_utf8(a.author), detail::repair_utf8(a.source), detail::repair_utf8(a.url),
                      detail::repair_utf8(a.date), {}};
    for (const auto& [k, v] : a.metadata) storage.metadata.emplace(detail::repair_utf8(k), detail::repair_utf8(v));
    return storage;
}

void check_metadata(Index::Internal& in, Xapian::Database& db) {
    const std::string stored = db.get_metadata(detail::kMetaAnalyzer);
    if (!stored.empty() && stored != in.analyzer.id())
        throw AnalyzerMismatchError("index at '" + in.path + "' was built with analyzer " + stored +
                                    " but this is " + in.analyzer.id() +
                                    "; open it with the same AnalyzerOptions or rebuild it");
    // The index's own storage settings win over the options of later openings.
    const std::string positions = db.get_metadata(detail::kMetaPositions);
    if (!positions.empty()) in.options.positions = positions == "1";
    const std::string store = db.get_metadata(detail::kMetaStoreText);
    if (!store.empty()) in.options.store_text = store == "1";
}

void write_metadata(Index::Internal& in) {
    in.writer->set_metadata(detail::kMetaAnalyzer, in.analyzer.id());
    in.writer->set_metadata(detail::kMetaPositions, in.options.positions ? "1" : "0");
    in.writer->set_metadata(detail::kMetaStoreText, in.options.store_text ? "1" : "0");
}

}  // namespace

Index::Index(std::unique_ptr<Internal> internal) : internal_(std::move(internal)) {}
Index::~Index() {
    if (internal_ && internal_->writer) {
        try {
            internal_->writer->commit();
        } catch (...) {  // a destructor must not throw; what was committed before is safe
        }
    }
}
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

Index Index::open(const std::string& path, OpenMode mode, IndexOptions options) {
    if (path.empty()) throw InvalidArgumentError("index path is empty");
    auto in = std::make_unique<Internal>(path, std::move(options));
    const std::string what = "opening index '" + path + "'";
    detail::translate_xapian_errors(what, [&] {
        if (mode == OpenMode::READ_ONLY) {
            if (!std::filesystem::exists(path))
                throw IndexNotFoundError("no index at '" + path + "'; create it first (fahras index " + path + " FILE)");
            in->reader = Xapian::Database(path);
            check_metadata(*in, in->reader);
            return;
        }
        if (std::filesystem::exists(path) && !std::filesystem::is_directory(path))
            throw IndexError("'" + path + "' is a file, not an index directory; choose another path");
        set_flush_threshold(in->options.flush_every);
        const int flags = Xapian::DB_BACKEND_GLASS |
                          (mode == OpenMode::CREATE_OR_OVERWRITE ? Xapian::DB_CREATE_OR_OVERWRITE
                                                                 : Xapian::DB_CREATE_OR_OPEN);
        in->writer.emplace(path, flags);
        in->writable = true;
        in->reader = *in->writer;
        check_metadata(*in, in->reader);
        write_metadata(*in);
    });
    return Index(std::move(in));
}

Index Index::in_memory(IndexOptions options) {
    auto in = std::make_unique<Internal>(std::string(), std::move(options));
    detail::translate_xapian_errors("creating in-memory index", [&] {
        in->writer.emplace(std::string(), Xapian::DB_BACKEND_INMEMORY);
        in->writable = true;
        in->reader = *in->writer;
        write_metadata(*in);
    });
    return Index(std::move(in));
}

namespace {

void require_writable(const Index::Internal& in) {
    if (!in.writable) throw InvalidArgumentError("index '" + in.path + "' is open read-only; open it writable to change it");
}

}  // namespace

void Index::add(const Article& article) {
    require_writable(*internal_);
    check_id(article.id);
    Article storage;
    const Article& a = repaired(article, storage);
    Xapian::Document doc = detail::build_document(internal_->analyzer, internal_->options, a);
    detail::translate_xapian_errors("adding article '" + a.id + "'",
                                    [&] { internal_->writer->replace_document(id_term(a.id), doc); });
}

void Index::add_batch(const std::vector<Article>& articles) {
    require_writable(*internal_);
    for (const Article& a : articles) check_id(a.id);
    const unsigned threads = internal_->options.threads ? internal_->options.threads
                                                        : std::max(1u, std::thread::hardware_concurrency());
    if (threads <= 1 || articles.size() <= kBatchChunk) {
        for (const Article& a : articles) add(a);
        return;
    }
    // Worker threads analyse chunks into Xapian documents while this thread writes finished chunks in
    // order: analysis is the parallel part, Xapian's writer is single-threaded.
    const Analyzer& analyzer = internal_->analyzer;
    const IndexOptions& options = internal_->options;
    auto analyse = [&](std::size_t first) {
        std::vector<std::pair<std::string, Xapian::Document>> docs;
        const std::size_t last = std::min(articles.size(), first + kBatchChunk);
        for (std::size_t i = first; i < last; ++i) {
            Article storage;
            const Article& a = repaired(articles[i], storage);
            docs.emplace_back(id_term(a.id), detail::build_document(analyzer, options, a));
        }
        return docs;
    };
    std::deque<std::future<std::vector<std::pair<std::string, Xapian::Document>>>> pending;
    std::size_t next = 0;
    auto launch = [&] {
        while (pending.size() < threads + 1 && next < articles.size()) {
            pending.push_back(std::async(std::launch::async, analyse, next));
            next += kBatchChunk;
        }
    };
    launch();
    while (!pending.empty()) {
        auto docs = pending.front().get();
        pending.pop_front();
        launch();
        detail::translate_xapian_errors("adding a batch of articles", [&] {
            for (auto& [term, doc] : docs) internal_->writer->replace_document(term, doc);
        });
    }
}

bool Index::remove(std::string_view id) {
    require_writable(*internal_);
    check_id(id);
    return detail::translate_xapian_errors("deleting article '" + std::string(id) + "'", [&] {
        const std::string term = id_term(id);
        if (!internal_->writer->term_exists(term)) return false;
        internal_->writer->delete_document(term);
        return true;
    });
}

void Index::commit() {
    require_writable(*internal_);
    detail::translate_xapian_errors("committing index '" + internal_->path + "'", [&] { internal_->writer->commit(); });
}

void Index::reopen() {
    detail::translate_xapian_errors("reopening index '" + internal_->path + "'", [&] { internal_->reader.reopen(); });
}

std::uint64_t Index::size() const {
    return detail::translate_xapian_errors("reading index size", [&] { return internal_->reader.get_doccount(); });
}

IndexStats Index::stats() const {
    return detail::translate_xapian_errors("reading index stats", [&] {
        IndexStats s;
        s.documents = internal_->reader.get_doccount();
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
        Xapian::PostingIterator p = internal_->reader.postlist_begin(id_term(id));
        if (p == internal_->reader.postlist_end(id_term(id))) return std::nullopt;
        return detail::deserialize_article(internal_->reader.get_document(*p).get_data());
    });
}

bool Index::writable() const { return internal_->writable; }

const Analyzer& Index::analyzer() const { return internal_->analyzer; }

}  // namespace fahras
