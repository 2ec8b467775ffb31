// Xapian exceptions never cross the API boundary: they become fahras::Error subclasses here.
#pragma once

#include <fahras/error.hpp>

#include <xapian.h>

#include <string>

namespace fahras::detail {

// Xapian names the server of a remote database in the error's context ("remote:tcp(HOST:PORT)").
inline std::string remote_shard_name(const Xapian::Error& e) {
    std::string context = e.get_context();
    const std::string tcp = "remote:tcp(";
    if (context.rfind(tcp, 0) == 0 && context.back() == ')') context = context.substr(tcp.size(), context.size() - tcp.size() - 1);
    return context.empty() ? std::string("a remote shard") : "remote shard " + context;
}

template <class F>
auto translate_xapian_errors(const std::string& what, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const Xapian::DatabaseLockError& e) {
        throw IndexLockedError(what + ": another writer holds the lock (" + e.get_msg() +
                               "); close it or open the index read-only");
    } catch (const Xapian::DatabaseCorruptError& e) {
        throw CorruptIndexError(what + ": the index is corrupt (" + e.get_msg() + "); rebuild it");
    } catch (const Xapian::DatabaseNotFoundError& e) {
        throw IndexNotFoundError(what + ": no index there (" + e.get_msg() + ")");
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw CorruptIndexError(what + ": cannot open the index (" + e.get_msg() +
                                "); check the path holds a fahras index and is readable");
    } catch (const Xapian::DatabaseModifiedError& e) {
        throw IndexError(what + ": the index changed while reading (" + e.get_msg() + "); reopen and retry");
    } catch (const Xapian::DatabaseError& e) {
        // What is left of DatabaseError after the cases above is a file that cannot be read as it
        // should be ("EOF reading block 0"): truncated or overwritten tables.
        throw CorruptIndexError(what + ": the index files are damaged or unreadable (" + e.get_msg() +
                                "); restore them or rebuild the index");
    } catch (const Xapian::NetworkTimeoutError& e) {
        throw RemoteError(what + ": " + remote_shard_name(e) + " did not answer in time (" + e.get_msg() +
                          "); check that its xapian-tcpsrv is running and not overloaded, or raise "
                          "IndexOptions::remote_timeout_ms");
    } catch (const Xapian::NetworkError& e) {
        throw RemoteError(what + ": lost the connection to " + remote_shard_name(e) + " (" + e.get_msg() +
                          "); check that its xapian-tcpsrv is running and reachable, then reopen the index");
    } catch (const Xapian::InvalidArgumentError& e) {
        throw InvalidArgumentError(what + ": " + e.get_msg());
    } catch (const Xapian::Error& e) {
        throw IndexError(what + ": " + e.get_type() + ": " + e.get_msg());
    }
}

}  // namespace fahras::detail
