#include "index/shards.hpp"

#include "index/bulk_build.hpp"
#include "index/commit_room.hpp"
#include "index/terms.hpp"
#include "terms/document_terms.hpp"

#include <exception>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <thread>

namespace fahras {

namespace {

namespace fs = std::filesystem;

constexpr const char* kStubName = "XAPIANDB";  // Xapian opens a directory holding this file as a stub

}  // namespace

ShardLocation ShardLocation::local(std::string path) {
    ShardLocation s;
    s.path = std::move(path);
    return s;
}

ShardLocation ShardLocation::remote(std::string host, std::uint16_t port) {
    ShardLocation s;
    s.host = std::move(host);
    s.port = port;
    return s;
}

ShardLocation ShardLocation::parse_remote(const std::string& host_port) {
    const std::size_t colon = host_port.rfind(':');
    if (colon == std::string::npos || colon == 0)
        throw InvalidArgumentError("expected HOST:PORT for a remote shard, got '" + host_port + "'");
    std::string host = host_port.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    const std::string port = host_port.substr(colon + 1);
    std::size_t used = 0;
    unsigned long number = 0;
    try {
        number = std::stoul(port, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != port.size() || port.empty() || number == 0 || number > 65535)
        throw InvalidArgumentError("port '" + port + "' of remote shard '" + host_port + "' is not a number from 1 to 65535");
    return remote(std::move(host), static_cast<std::uint16_t>(number));
}

std::string ShardLocation::describe() const {
    if (!is_remote()) return path;
    const bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::vector<ShardLocation> read_stub_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw IndexNotFoundError("cannot read the stub file '" + path + "'; check the path");
    const fs::path dir = fs::path(path).parent_path();
    std::vector<ShardLocation> shards;
    std::string line;
    for (unsigned number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        const std::string where = path + ":" + std::to_string(number);
        const std::size_t space = line.find(' ');
        const std::string type = line.substr(0, space);
        const std::string rest = space == std::string::npos ? std::string() : line.substr(space + 1);
        if ((type == "auto" || type == "glass") && !rest.empty()) {
            const fs::path p(rest);
            shards.push_back(ShardLocation::local((p.is_absolute() ? p : dir / p).lexically_normal().string()));
        } else if (type == "remote" && !rest.empty() && rest[0] == ':') {
            throw IndexError(where + ": remote programs (remote :PROGRAM) are not supported; serve the shard "
                                     "with xapian-tcpsrv and write `remote HOST:PORT`");
        } else if (type == "remote") {
            // Xapian writes `remote HOST:PORT`; `remote tcp HOST:PORT` is read too.
            const std::string spec = rest.rfind("tcp ", 0) == 0 ? rest.substr(4) : rest;
            try {
                shards.push_back(ShardLocation::parse_remote(spec));
            } catch (const InvalidArgumentError& e) {
                throw IndexError(where + ": " + e.what());
            }
        } else {
            throw IndexError(where + ": expected `auto PATH`, `glass PATH` or `remote HOST:PORT` (a file given "
                                     "as an index must be a Xapian stub file listing its shards)");
        }
    }
    return shards;
}

void write_stub_file(const std::string& path, const std::vector<ShardLocation>& shards) {
    std::ofstream out(path, std::ios::trunc);
    out << "# fahras sharded index: one shard per line, in routing order (do not reorder)\n";
    for (const ShardLocation& s : shards) out << (s.is_remote() ? "remote " : "auto ") << s.describe() << '\n';
    out.flush();
    if (!out) throw IndexError("cannot write the stub file '" + path + "'; check the directory is writable");
}

namespace detail {

namespace {

// Errors of one remote shard, with its address and what to do; Xapian's own messages do not say which
// of several servers failed.
template <class F>
auto naming_remote_errors(const ShardLocation& shard, const IndexOptions& options, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const Xapian::NetworkTimeoutError& e) {
        throw RemoteError("remote shard " + shard.describe() + " did not answer within " +
                          std::to_string(options.remote_timeout_ms) + " ms (" + e.get_msg() +
                          "); check that its xapian-tcpsrv is running and not overloaded, or raise the timeout");
    } catch (const Xapian::NetworkError& e) {
        throw RemoteError("cannot reach remote shard " + shard.describe() + " (" + e.get_msg() +
                          "); start `xapian-tcpsrv --port " + std::to_string(shard.port) +
                          " [--writable] DIR` there or fix the address");
    } catch (const Xapian::InvalidOperationError& e) {
        throw RemoteError("remote shard " + shard.describe() + " refused to write (" + e.get_msg() +
                          "); start its xapian-tcpsrv with --writable to index into it");
    }
}

void write_part(Index::Internal& in, std::size_t k, const std::vector<const Article*>& part) {
    for (const Article* article : part) {
        Article storage;
        const Article& a = repaired(*article, storage);
        write_document(in, k, id_term(a.id), build_document(in.analyzer, in.options, a));
    }
}

}  // namespace

std::size_t shard_of(std::string_view id_term, std::size_t shards) {
    std::uint64_t h = 14695981039346656037ull;  // FNV-1a, 64 bits
    for (const char c : id_term) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return static_cast<std::size_t>(h % shards);
}

Xapian::WritableDatabase& writer_for(Index::Internal& in, std::string_view id_term) {
    return in.shards.empty() ? *in.writer : in.shards[shard_of(id_term, in.shards.size())];
}

void write_document(Index::Internal& in, std::size_t k, const std::string& id_term, const Xapian::Document& doc) {
    Xapian::WritableDatabase& db = k == kMainWriter ? *in.writer : in.shards[k];
    detail::VocabularyBatch& vocabulary = k == kMainWriter ? in.vocabulary : in.shard_vocabulary[k];
    vocabulary.note_document(in.analyzer, doc);
    db.replace_document(id_term, doc);
    // Xapian would flush its growing in-memory batch by itself every XAPIAN_FLUSH_THRESHOLD documents
    // (an environment variable, process-wide); counting here keeps the setting per index and files
    // the vocabulary of what is flushed with it.
    if (in.path.empty() && !in.sharded()) {
        vocabulary.flush(db);  // in memory a search sees what is not committed: its vocabulary too
    } else if (vocabulary.count_written() >= (in.options.flush_every ? in.options.flush_every : kDefaultFlushEvery)) {
        commit_writer(in, k);
    }
}

void write_document(Index::Internal& in, const std::string& id_term, const Xapian::Document& doc) {
    write_document(in, in.shards.empty() ? kMainWriter : shard_of(id_term, in.shards.size()), id_term, doc);
}

void begin_batch(Xapian::WritableDatabase& db) { db.begin_transaction(false); }  // unflushed: commits nothing

void commit_writer(Xapian::WritableDatabase& db, detail::VocabularyBatch& vocabulary, const std::string& dir) {
    if (dir.empty()) {  // in memory or remote: no transaction, nothing of ours on disk
        vocabulary.flush(db);
        db.commit();
        return;
    }
    if (vocabulary.count_written() > 0)
        reserve_commit_room(dir, commit_room_needed(vocabulary.value_bytes_written(), vocabulary.count_written()));
    vocabulary.flush(db);
    db.commit_transaction();  // unflushed: ends the batch, writes nothing
    try {
        db.commit();
    } catch (...) {
        begin_batch(db);  // what failed stays pending in a batch again (Xapian discarded its own copy)
        throw;
    }
    begin_batch(db);
}

void commit_writer(Index::Internal& in, std::size_t k) {
    if (k == kMainWriter) return commit_writer(*in.writer, in.vocabulary, in.path);  // "" in memory
    const std::string dir = in.sharded() ? (in.locations[k].is_remote() ? std::string() : in.locations[k].path)
                                         : bulk_shard_dir(in.path, k);
    commit_writer(in.shards[k], in.shard_vocabulary[k], dir);
}

const Xapian::Database& reader_for(const Index::Internal& in, std::string_view id_term) {
    if (in.sharded() && !in.writable) return in.shard_readers[shard_of(id_term, in.shard_readers.size())];
    if (!in.shards.empty()) return in.shards[shard_of(id_term, in.shards.size())];
    return in.reader;
}

Xapian::Database open_shard_reader(const ShardLocation& shard, const IndexOptions& options) {
    if (shard.is_remote()) {
        return naming_remote_errors(shard, options, [&] {
            return Xapian::Remote::open(shard.host, shard.port, options.remote_timeout_ms,
                                        options.remote_connect_timeout_ms);
        });
    }
    if (!fs::exists(shard.path))
        throw IndexNotFoundError("shard '" + shard.path + "' is missing; restore it or rebuild the index");
    return Xapian::Database(shard.path);
}

Xapian::WritableDatabase open_shard_writer(const ShardLocation& shard, OpenMode mode, const IndexOptions& options) {
    if (shard.is_remote()) {
        if (mode == OpenMode::CREATE_OR_OVERWRITE)
            throw InvalidArgumentError("remote shard " + shard.describe() +
                                       " cannot be overwritten from here; recreate its database on the server");
        return naming_remote_errors(shard, options, [&] {
            return Xapian::Remote::open_writable(shard.host, shard.port, options.remote_timeout_ms,
                                                 options.remote_connect_timeout_ms);
        });
    }
    Xapian::WritableDatabase db(shard.path, Xapian::DB_BACKEND_GLASS | (mode == OpenMode::CREATE_OR_OVERWRITE
                                                                          ? Xapian::DB_CREATE_OR_OVERWRITE
                                                                          : Xapian::DB_CREATE_OR_OPEN));
    begin_batch(db);
    return db;
}

void add_to_shards(Index::Internal& in, const std::vector<Article>& articles, unsigned threads) {
    const std::size_t n = in.shards.size();
    std::vector<std::vector<const Article*>> parts(n);
    for (const Article& a : articles) parts[shard_of(id_term(a.id), n)].push_back(&a);
    const std::size_t workers = std::max<std::size_t>(1, std::min<std::size_t>(threads, n));
    std::vector<std::exception_ptr> errors(workers);
    auto run = [&](std::size_t w) {
        try {
            for (std::size_t k = w; k < n; k += workers) write_part(in, k, parts[k]);
        } catch (...) {
            errors[w] = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(run, w);
    run(0);
    for (std::thread& t : pool) t.join();
    for (const std::exception_ptr& e : errors)
        if (e) std::rethrow_exception(e);
}

std::vector<Xapian::Database> open_search_shards(const Index::Internal& in) {
    if (in.sharded() && in.writable) {
        std::vector<Xapian::Database> shards;
        for (const ShardLocation& s : in.locations) shards.push_back(open_shard_reader(s, in.options));
        return shards;
    }
    if (in.sharded()) return in.shard_readers;
    return {in.path.empty() || !in.writable ? in.reader : Xapian::Database(in.path)};
}

std::string stub_file_of(const std::string& path) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return path;
    const fs::path stub = fs::path(path) / kStubName;
    if (fs::is_directory(path, ec) && fs::is_regular_file(stub, ec)) return stub.string();
    return std::string();
}

std::vector<ShardLocation> create_sharded_layout(const std::string& path, unsigned shards) {
    fs::create_directories(path);
    std::vector<ShardLocation> relative, absolute;
    for (unsigned k = 0; k < shards; ++k) {
        const std::string name = "shard-" + std::to_string(k);
        relative.push_back(ShardLocation::local(name));
        absolute.push_back(ShardLocation::local((fs::path(path) / name).string()));
    }
    write_stub_file((fs::path(path) / kStubName).string(), relative);
    return absolute;
}

}  // namespace detail

}  // namespace fahras
