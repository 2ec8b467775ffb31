/** @file index.hpp
 *  @brief fahras::Index: articles stored in a Xapian database, one document per external id.
 *
 *  Threading: an Index is one handle to one database and is not thread-safe; give each thread its
 *  own. Xapian allows one writer and any number of readers per database at a time, across processes:
 *  a second writer gets IndexLockedError. Readers see the state of the last commit when they opened;
 *  call Index::reopen() (or Searcher::reopen()) to see newer commits. Documents are durable once
 *  commit() returns; an Index that is destroyed without commit() commits what it holds (as Xapian does),
 *  but a crash before commit() loses the uncommitted batch and never a committed one.
 *
 *  Sharding: an index can be several Xapian databases searched as one, with the BM25 statistics of the
 *  whole (Xapian's multi-database search). The shards are local directories or databases served by
 *  `xapian-tcpsrv` (Debian package xapian-tools); analysis always runs here, in the client, so documents
 *  and queries go through the same Analyzer as for a single database. Each article is written to the
 *  shard picked by a stable hash of its id, so replace, remove and get find it again; the shard list
 *  must therefore keep its order (adding a shard means rebuilding). A commit commits every shard in
 *  turn; it is not atomic across shards. docs/scaling.md says when to shard.
 */
#pragma once

#include <fahras/analyzer.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fahras {

/** @brief One article. Only `id` is required; `date` is ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD, optionally
 *  with hh:mm[:ss], e.g. 2015-07-21 or 2015-07-21T02:51:32): another text (21/07/2015) is stored as it is
 *  but gives the article no date: date filters leave it out, date order puts it with the undated
 *  articles (check with is_iso_date()). */
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

/** @brief Whether @p date is an ISO 8601 date fahras can filter and sort on (see Article::date):
 *  YYYY, YYYY-MM or YYYY-MM-DD (also YYYYMMDD), optionally with ' ' or 'T' and hh:mm[:ss], a fraction and
 *  a zone (ignored), every field in range. One-digit months, days and time fields (2015-7-1) are accepted. */
bool is_iso_date(std::string_view date);

/** @brief How to open an index on disk. */
enum class OpenMode {
    READ_ONLY,           ///< the index must exist; no writes
    CREATE_OR_OPEN,      ///< writable; created if missing
    CREATE_OR_OVERWRITE, ///< writable; any existing index at the path is replaced
};

/** @brief Options fixed when an index is opened for writing. */
/** @brief How a read that loses its snapshot is retried (Searcher::search, Searcher::reopen, Index::reopen).
 *
 *  A reader sees the commit it opened (or last reopened) until a writer has committed twice more; then
 *  Xapian discards that snapshot and the read fails part-way. A search is one read: it is rerun from the
 *  start on the latest commit (which moves the Searcher to that commit, as reopen() does), so its
 *  results always come from one committed state. It is tried at least `min_attempts` times, then again
 *  while less than `retry_for` has passed since the first attempt; after that it throws
 *  IndexModifiedError. `{1, 0ms}`: no retry at all. */
struct ReadRetryPolicy {
    std::uint32_t min_attempts = 5;                 ///< attempts made whatever the time they take
    std::chrono::milliseconds retry_for{10000};     ///< further attempts while the read has taken less than this
};

struct IndexOptions {
    AnalyzerOptions analyzer;       ///< must match the analyzer an existing index was built with
    bool store_text = true;         ///< keep title and body for snippets and highlighting
    bool positions = true;          ///< record word positions (needed for "phrase" queries and the full-name bonus)
    /// With positions: keep them in one compact list per document (the default) rather than in
    /// Xapian's position table. The index is a third smaller and builds a third faster with the same
    /// rankings; a full name is checked only in the documents that could rank. Only fahras reads the
    /// lists, so a Searcher refuses such a shard served by xapian-tcpsrv: set this to false
    /// (fahras index --xapian-positions) for an index to serve that way. A new index opened with a
    /// remote shard keeps Xapian's table whatever this says.
    bool compact_positions = true;
    unsigned threads = 0;           ///< analysis threads for add_batch (0: one per core)
    unsigned title_weight = 2;      ///< a title word counts as this many body words in ranking
    std::uint32_t flush_every = 0;  ///< documents between Xapian's automatic flushes (0: 1,000, the measured best)
    /// A new index on disk is made of this many databases, kept apart (0 or 1: one database; see
    /// Index::open). add_batch writes the shards in parallel. An existing index keeps its layout.
    unsigned shards = 0;
    std::uint32_t remote_connect_timeout_ms = 5000;  ///< longest wait to connect to a remote shard
    std::uint32_t remote_timeout_ms = 20000;         ///< longest wait for any one call to a remote shard
    ReadRetryPolicy read_retry;                      ///< reads that lose their snapshot to a writer (default: 5 attempts, then up to 10 s)
};

/** @brief Where one shard of an index lives: a local database directory, or a database served by
 *  `xapian-tcpsrv --port PORT [--writable] DIR` on HOST. */
struct ShardLocation {
    std::string path;        ///< local database directory (when host is empty)
    std::string host;        ///< remote: name or address of the host running xapian-tcpsrv
    std::uint16_t port = 0;  ///< remote: the port it listens on

    /** @brief A local shard. */
    static ShardLocation local(std::string path);
    /** @brief A shard served by xapian-tcpsrv on @p host : @p port. */
    static ShardLocation remote(std::string host, std::uint16_t port);
    /** @brief A remote shard from "HOST:PORT" or "[IPV6]:PORT".
     *  @exception InvalidArgumentError anything else. */
    static ShardLocation parse_remote(const std::string& host_port);
    /** @brief True for a remote shard. */
    bool is_remote() const { return !host.empty(); }
    /** @brief "PATH" or "HOST:PORT", for messages. */
    std::string describe() const;
};

/** @brief Reads a Xapian stub file: one shard per line, `auto PATH` or `glass PATH` (relative paths
 *  are relative to the stub file's directory) or `remote HOST:PORT` (`remote tcp HOST:PORT` is read
 *  too); `#` starts a comment line.
 *  @exception IndexNotFoundError the file cannot be read.
 *  @exception IndexError a line is none of these (the message gives FILE:LINE). */
std::vector<ShardLocation> read_stub_file(const std::string& path);

/** @brief Writes @p shards as a Xapian stub file (readable by every Xapian tool, e.g. xapian-delve).
 *  @exception IndexError the file cannot be written. */
void write_stub_file(const std::string& path, const std::vector<ShardLocation>& shards);

/** @brief Figures about an index. */
struct IndexStats {
    std::uint64_t documents = 0;
    std::uint64_t distinct_terms = 0;  ///< not counted for in-memory indexes (0)
    double average_length = 0;         ///< average document length in words of title and body (a title word counted title_weight times)
    std::string analyzer_id;
    std::string path;                  ///< empty for in-memory indexes
};

class Searcher;

/** @brief A fahras index: add, replace, delete and fetch articles by id. Move-only. */
class Index {
public:
    /** @brief Opens (or creates) an index directory.
     *
     *  @p path may also be a sharded index: a Xapian stub file, or a directory holding one named
     *  `XAPIANDB`; its shards are opened as by open_sharded(). A new index with IndexOptions::shards
     *  above 1 is created as such a directory: `shard-0` ... `shard-N-1` and an `XAPIANDB` listing them.
     *  @exception IndexNotFoundError READ_ONLY and nothing there.
     *  @exception CorruptIndexError the files are damaged.
     *  @exception IndexLockedError another writer holds the lock (or a bulk commit of another process
     *  is swapping its files in).
     *  @exception AnalyzerMismatchError the index was built with another analyzer.
     *  @exception IndexModifiedError READ_ONLY, and writers kept committing past IndexOptions::read_retry.
     *  @exception IndexError the path is a file, too long, unreadable or on a read-only file system.
     *  @exception InvalidArgumentError the path is empty. */
    static Index open(const std::string& path, OpenMode mode = OpenMode::CREATE_OR_OPEN,
                      IndexOptions options = {});

    /** @brief Opens the shards as one index.
     *
     *  Local shards are created when missing (unless READ_ONLY). A writable remote shard needs its
     *  server started with `--writable` on an existing database (create it with Index::open first);
     *  CREATE_OR_OVERWRITE is refused for remote shards. Every shard must have been built with this
     *  analyzer. Calls to a remote shard wait at most IndexOptions::remote_timeout_ms.
     *  @exception InvalidArgumentError no shards, or CREATE_OR_OVERWRITE with a remote shard.
     *  @exception RemoteError a remote shard cannot be reached or does not answer in time.
     *  @exception AnalyzerMismatchError a shard was built with another analyzer.
     *  (and the exceptions of open() for local shards) */
    static Index open_sharded(const std::vector<ShardLocation>& shards, OpenMode mode = OpenMode::READ_ONLY,
                              IndexOptions options = {});

    /** @brief A writable index in memory, for tests and small collections.
     *  @exception IndexError Xapian could not create it (out of memory). */
    static Index in_memory(IndexOptions options = {});

    ~Index();
    Index(Index&&) noexcept;
    Index& operator=(Index&&) noexcept;
    Index(const Index&) = delete;
    Index& operator=(const Index&) = delete;

    /** @brief Adds an article, replacing any article with the same id.
     *  @exception InvalidArgumentError empty id, id over 200 bytes, or read-only index.
     *  @exception EncodingError invalid UTF-8 under InvalidUtf8::THROW.
     *  @exception IndexError the write failed (a full disk, a lost remote shard: RemoteError). */
    void add(const Article& article);

    /** @brief Adds many articles, analysing them on several threads; same result as add() in order.
     *
     *  On an index on disk that was empty when opened (a fresh build), each core writes a shard of
     *  its own and commit() merges them, which builds the index about 1.5× faster on two cores. On a
     *  sharded index each shard is written by its own thread and the shards are kept.
     *  @exception InvalidArgumentError an empty or too long id (checked before anything is added), or
     *  a read-only index.
     *  @exception IndexError the write failed, or a thread could not be started. */
    void add_batch(const std::vector<Article>& articles);

    /** @brief Deletes the article with this id; returns false if there was none.
     *  @exception InvalidArgumentError empty or too long id, or read-only index.
     *  @exception IndexError the write failed. */
    bool remove(std::string_view id);

    /** @brief Makes every change so far durable and visible to readers that reopen.
     *  @exception InvalidArgumentError read-only index.
     *  @exception IndexError the commit failed (a full disk: "the disk is full"); the last commit is
     *  intact and the index stays usable. After a failed first bulk commit (add_batch on an empty index)
     *  the batch is either still pending whole (commit again) or dropped whole (size() is 0: add it again). */
    void commit();

    /** @brief Sees the latest commit (readers).
     *  @exception IndexModifiedError writers kept committing past IndexOptions::read_retry.
     *  @exception IndexError the index cannot be read (RemoteError for a lost remote shard). */
    void reopen();

    /** @brief The shards of a sharded index, in routing order (empty for a single database). */
    std::vector<ShardLocation> shards() const;

    /** @brief Number of articles. @exception IndexError the index cannot be read. */
    std::uint64_t size() const;

    /** @brief Counts and settings of the index. @exception IndexError the index cannot be read. */
    IndexStats stats() const;

    /** @brief The stored article with this id, if any (title/body only when store_text was on).
     *  @exception IndexError the index cannot be read (CorruptIndexError: damaged files). */
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
