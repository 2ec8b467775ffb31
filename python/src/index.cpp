/** @file index.cpp
 *  @brief fahras::Index and fahras::Searcher in Python.
 *
 *  An Index and its Searchers are not thread-safe in C++, so each wrapper guards its object with a
 *  mutex, always taken after the GIL has been released (never the other way round, so the two locks
 *  cannot deadlock). Arguments are converted while holding the GIL, results after re-acquiring it.
 */
#include "bindings.hpp"
#include "convert.hpp"

#include <fahras/fahras.hpp>

#include <pybind11/stl.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace py = pybind11;
using namespace py::literals;

namespace fahras_python {

namespace {

fahras::OpenMode open_mode(const std::string& name) {
    if (name == "create_or_open") return fahras::OpenMode::CREATE_OR_OPEN;
    if (name == "read_only") return fahras::OpenMode::READ_ONLY;
    if (name == "overwrite") return fahras::OpenMode::CREATE_OR_OVERWRITE;
    throw fahras::InvalidArgumentError("mode must be \"create_or_open\", \"read_only\" or \"overwrite\", not \"" +
                                       name + "\"");
}

/// An Index that can be closed, guarded by a mutex shared with the Searchers that use its handle.
class PyIndex {
public:
    PyIndex(fahras::Index index, bool in_memory)
        : index_(std::move(index)), in_memory_(in_memory), mutex_(std::make_shared<std::mutex>()) {}

    /// Runs @p f on the open index without the GIL and under the mutex; f must not touch Python.
    template <class F>
    auto run(F&& f) {
        py::gil_scoped_release nogil;
        std::lock_guard<std::mutex> lock(*mutex_);
        if (!index_) throw fahras::InvalidArgumentError("the index is closed");
        return f(*index_);
    }

    void close() {
        py::gil_scoped_release nogil;
        std::lock_guard<std::mutex> lock(*mutex_);
        index_.reset();  // the destructor commits a writable index, as Xapian does
    }

    bool closed() {
        std::lock_guard<std::mutex> lock(*mutex_);
        return !index_.has_value();
    }

    bool in_memory() const { return in_memory_; }
    const std::shared_ptr<std::mutex>& mutex() const { return mutex_; }

private:
    std::optional<fahras::Index> index_;
    bool in_memory_;
    std::shared_ptr<std::mutex> mutex_;
};

/// A Searcher with its mutex: the index's own for in-memory and read-only indexes (the searcher then
/// shares the index's Xapian handle), its own otherwise.
class PySearcher {
public:
    PySearcher(PyIndex& index, const fahras::RankingOptions& ranking) {
        bool shares_handle = false;
        std::optional<fahras::Searcher> searcher = index.run([&](fahras::Index& i) {
            shares_handle = index.in_memory() || !i.writable();
            return std::optional<fahras::Searcher>(fahras::Searcher(i, ranking));
        });
        searcher_.emplace(std::move(*searcher));
        mutex_ = shares_handle ? index.mutex() : std::make_shared<std::mutex>();
    }

    template <class F>
    auto run(F&& f) {
        py::gil_scoped_release nogil;
        std::lock_guard<std::mutex> lock(*mutex_);
        return f(*searcher_);
    }

private:
    std::optional<fahras::Searcher> searcher_;
    std::shared_ptr<std::mutex> mutex_;
};

// Documents are converted with the GIL held, a batch at a time; each batch is then indexed without it,
// so other Python threads run while the analysis threads work.
std::size_t add_many(PyIndex& self, py::iterable documents, std::size_t batch_size) {
    if (batch_size == 0) throw fahras::InvalidArgumentError("batch_size must be at least 1");
    std::vector<fahras::Article> batch;
    batch.reserve(std::min<std::size_t>(batch_size, 4096));  // a huge batch_size grows as it fills
    std::size_t added = 0;
    auto flush = [&] {
        self.run([&](fahras::Index& i) { i.add_batch(batch); });
        added += batch.size();
        batch.clear();
    };
    for (py::handle d : documents) {
        batch.push_back(document_from(d));
        if (batch.size() >= batch_size) flush();
    }
    if (!batch.empty()) flush();
    return added;
}

void bind_index_class(py::module_& m) {
    py::class_<PyIndex>(m, "Index", R"doc(A fahras index (not thread-safe in C++; guarded by a mutex here).)doc")
        .def_static(
            "open",
            [](const std::string& path, const std::string& mode, fahras::IndexOptions options) {
                const fahras::OpenMode m = open_mode(mode);
                py::gil_scoped_release nogil;
                return std::make_unique<PyIndex>(fahras::Index::open(path, m, std::move(options)), false);
            },
            "path"_a, "mode"_a, "options"_a,
            R"doc(Opens an index directory or stub file; mode is "create_or_open", "read_only" or "overwrite".)doc")
        .def_static(
            "open_sharded",
            [](std::vector<fahras::ShardLocation> shards, const std::string& mode, fahras::IndexOptions options) {
                const fahras::OpenMode m = open_mode(mode);
                py::gil_scoped_release nogil;
                return std::make_unique<PyIndex>(fahras::Index::open_sharded(shards, m, std::move(options)), false);
            },
            "shards"_a, "mode"_a, "options"_a, R"doc(Opens the shards (ShardLocation) as one index.)doc")
        .def_static(
            "in_memory",
            [](fahras::IndexOptions options) {
                py::gil_scoped_release nogil;
                return std::make_unique<PyIndex>(fahras::Index::in_memory(std::move(options)), true);
            },
            "options"_a, R"doc(A writable index in memory.)doc")
        .def(
            "add",
            [](PyIndex& self, py::handle article) {
                const fahras::Article a = document_from(article);
                self.run([&](fahras::Index& i) { i.add(a); });
            },
            "article"_a, R"doc(Adds a document dict or an Article-like object, replacing any article with the same id.)doc")
        .def(
            "add_batch",
            [](PyIndex& self, py::iterable articles) {
                std::vector<fahras::Article> batch;
                for (py::handle a : articles) batch.push_back(document_from(a));
                self.run([&](fahras::Index& i) { i.add_batch(batch); });
            },
            "articles"_a, R"doc(Adds many document dicts or Article-like objects, analysing them on several threads.)doc")
        .def("add_many", &add_many, "documents"_a, "batch_size"_a,
             R"doc(Adds document dicts or Article-like objects from any iterable, batch_size at a time; returns how many.)doc")
        .def(
            "remove", [](PyIndex& self, const std::string& id) { return self.run([&](fahras::Index& i) { return i.remove(id); }); },
            "id"_a, R"doc(Deletes the article with this id; False if there was none.)doc")
        .def("commit", [](PyIndex& self) { self.run([](fahras::Index& i) { i.commit(); }); },
             R"doc(Makes every change so far durable and visible to readers that reopen.)doc")
        .def("reopen", [](PyIndex& self) { self.run([](fahras::Index& i) { i.reopen(); }); }, R"doc(Sees the latest commit.)doc")
        .def("size", [](PyIndex& self) { return self.run([](fahras::Index& i) { return i.size(); }); },
             R"doc(Number of articles.)doc")
        .def(
            "stats",
            [](PyIndex& self) {
                const fahras::IndexStats s = self.run([](fahras::Index& i) { return i.stats(); });
                return py::dict("documents"_a = s.documents, "distinct_terms"_a = s.distinct_terms,
                                "average_length"_a = s.average_length, "analyzer_id"_a = utf8(s.analyzer_id),
                                "path"_a = utf8(s.path));
            },
            R"doc(Counts and settings of the index as IndexStats keyword dicts.)doc")
        .def(
            "get",
            [](PyIndex& self, const std::string& id) -> py::object {
                const std::optional<fahras::Article> a = self.run([&](fahras::Index& i) { return i.get(id); });
                if (!a) return py::none();
                return article_dict(*a);
            },
            "id"_a, R"doc(The stored article as Article keyword dicts, or None.)doc")
        .def_property_readonly(
            "shards", [](PyIndex& self) { return self.run([](fahras::Index& i) { return i.shards(); }); },
            R"doc(The shards of a sharded index in routing order (empty for one database).)doc")
        .def_property_readonly(
            "writable", [](PyIndex& self) { return self.run([](fahras::Index& i) { return i.writable(); }); },
            R"doc(True if opened for writing.)doc")
        .def_property_readonly(
            "analyzer", [](PyIndex& self) { return self.run([](fahras::Index& i) { return i.analyzer(); }); },
            R"doc(The analyzer of documents and queries of this index.)doc")
        .def("close", &PyIndex::close, R"doc(Releases the index (a writable one commits first, as its destructor does).)doc")
        .def_property_readonly("closed", &PyIndex::closed, R"doc(True once close() was called.)doc");
}

void bind_searcher_class(py::module_& m) {
    py::class_<PySearcher>(m, "Searcher", R"doc(Runs queries against an index.)doc")
        .def(py::init([](PyIndex& index, const fahras::RankingOptions& ranking) {
                 return std::make_unique<PySearcher>(index, ranking);
             }),
             "index"_a, "ranking"_a, R"doc(A searcher over index with RankingOptions.)doc")
        .def(
            "search",
            [](PySearcher& self, const fahras::SearchRequest& request) {
                const fahras::SearchResults results = self.run([&](fahras::Searcher& s) { return s.search(request); });
                return results_dict(results);
            },
            "request"_a, R"doc(Runs one SearchRequest; returns SearchResults keyword dicts (hits as Hit keyword dicts).)doc")
        .def("reopen", [](PySearcher& self) { self.run([](fahras::Searcher& s) { s.reopen(); }); },
             R"doc(Sees the index's latest commit.)doc")
        .def(
            "_time_search",
            [](PySearcher& self, const fahras::SearchRequest& request, unsigned repeat) {
                return self.run([&](fahras::Searcher& s) {
                    double best = 0;
                    for (unsigned i = 0; i < std::max(repeat, 1u); ++i) {
                        const auto start = std::chrono::steady_clock::now();
                        const fahras::SearchResults results = s.search(request);
                        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
                        if (i == 0 || took.count() < best) best = took.count();
                    }
                    return best;
                });
            },
            "request"_a, "repeat"_a,
            R"doc(For bench/python_speed.py: the fastest of repeat runs of the C++ search alone, in seconds.)doc");
}

}  // namespace

void bind_index(py::module_& m) {
    bind_index_class(m);
    bind_searcher_class(m);
}

}  // namespace fahras_python
