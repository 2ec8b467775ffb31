/** @file index.hpp
 *  @brief fahras::Index: articles stored in a Xapian database, one document per external id.
 *
 *  Threading: an Index is one handle to one database and is not thread-safe; give each thread its
 *  own. Xapian allows one writer and any number of readers per database at a time, across processes:
 *  a second writer gets IndexLockedError. Readers see the state of the last commit when they opened;
 *  call Index::reopen() (or Searcher::reopen()) to see newer commits. Documents are durable once
 *  commit() returns; an Index that is destroyed without commit() commits what it holds (as Xapian does),
 *  but a crash before commit() loses the uncommitted batch and never a committed one.
 */
#pragma once

#include <fahras/analyzer.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fahras {

/** @brief One article. Only `id` is required; `date` is ISO 8601 (e.g. 2015-07-21 or 2015-07-21T02:51:32). */
struct Article {
    std::string id;
    std::string title;
    std::string body;
    std::string author;
    std::string source;
    std::string url;
    std::string date;
    std::map<std::string, std::string> metadata;  ///< free key/value pairs, stored and returned
};

/** @brief How to open an index on disk. */
enum class OpenMode {
    READ_ONLY,           ///< the index must exist; no writes
    CREATE_OR_OPEN,      ///< writable; created if missing
    CREATE_OR_OVERWRITE, ///< writable; any existing index at the path is replaced
};

/** @brief Options fixed when an index is opened for writing. */
struct IndexOptions {
    AnalyzerOptions analyzer;       ///< must match the analyzer an existing index was built with
    bool store_text = true;         ///< keep title and body for snippets and highlighting
    bool positions = true;          ///< record word positions (needed for "phrase" queries)
    unsigned threads = 0;           ///< analysis threads for add_batch (0: one per core)
    unsigned title_weight = 2;      ///< a title word counts as this many body words in ranking
    std::uint32_t flush_every = 0;  ///< documents between Xapian's automatic flushes (0: 1,000, the measured best)
};

/** @brief Figures about an index. */
struct IndexStats {
    std::uint64_t documents = 0;
    std::uint64_t distinct_terms = 0;  ///< not counted for in-memory indexes (0)
    double average_length = 0;         ///< average document length in Xapian terms (every tier of every word, title words counted title_weight times)
    std::string analyzer_id;
    std::string path;                  ///< empty for in-memory indexes
};

class Searcher;

/** @brief A fahras index: add, replace, delete and fetch articles by id. Move-only. */
class Index {
public:
    /** @brief Opens (or creates) an index directory.
     *  @exception IndexNotFoundError READ_ONLY and nothing there.
     *  @exception CorruptIndexError the files are damaged.
     *  @exception IndexLockedError another writer holds the lock.
     *  @exception AnalyzerMismatchError the index was built with another analyzer. */
    static Index open(const std::string& path, OpenMode mode = OpenMode::CREATE_OR_OPEN,
                      IndexOptions options = {});

    /** @brief A writable index in memory, for tests and small collections. */
    static Index in_memory(IndexOptions options = {});

    ~Index();
    Index(Index&&) noexcept;
    Index& operator=(Index&&) noexcept;
    Index(const Index&) = delete;
    Index& operator=(const Index&) = delete;

    /** @brief Adds an article, replacing any article with the same id.
     *  @exception InvalidArgumentError empty id or read-only index. */
    void add(const Article& article);

    /** @brief Adds many articles, analysing them on several threads; same result as add() in order.
     *
     *  On an index on disk that was empty when opened (a fresh build), each core writes a shard of
     *  its own and commit() merges them, which builds the index about 1.5× faster on two cores. */
    void add_batch(const std::vector<Article>& articles);

    /** @brief Deletes the article with this id; returns false if there was none. */
    bool remove(std::string_view id);

    /** @brief Makes every change so far durable and visible to readers that reopen. */
    void commit();

    /** @brief Sees the latest commit (readers). */
    void reopen();

    /** @brief Number of articles. */
    std::uint64_t size() const;

    /** @brief Counts and settings of the index. */
    IndexStats stats() const;

    /** @brief The stored article with this id, if any (title/body only when store_text was on). */
    std::optional<Article> get(std::string_view id) const;

    /** @brief True if opened for writing. */
    bool writable() const;

    /** @brief The analyzer documents and queries of this index go through. */
    const Analyzer& analyzer() const;

    /// @private The implementation (opaque outside the library).
    struct Internal;

private:
    friend class Searcher;
    explicit Index(std::unique_ptr<Internal> internal);
    std::unique_ptr<Internal> internal_;
};

}  // namespace fahras
