// Xapian exceptions never cross the API boundary: they become fahras::Error subclasses here, and so do
// std::system_error (std::filesystem's errors among them) thrown by what the library calls.
#pragma once

#include <fahras/error.hpp>
#include <fahras/index.hpp>

#include <xapian.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <system_error>

namespace fahras::detail {

// A failure of the file system rather than of the index: a full disk, a read-only mount, no permission.
// Xapian keeps the errno of the failed call (or, for the lock file, writes it into the message); its
// own words ("Error writing block 136", "Unable to get write lock") would otherwise read as corruption
// or as a lock held by another writer.
inline void throw_if_file_system_error(const std::string& what, const Xapian::Error& e) {
    const char* error_string = e.get_error_string();
    const std::string cause = error_string ? error_string : e.get_msg();
    auto is = [&](int err) { return cause.find(std::strerror(err)) != std::string::npos; };
    const std::string detail = " (" + e.get_msg() + (error_string ? std::string(": ") + error_string : "") + ")";
    if (is(ENOSPC) || is(EDQUOT))
        throw IndexError(what + ": the disk is full" + detail +
                         "; free space and retry: the last commit is intact, later changes were not saved");
    if (is(EROFS))
        throw IndexError(what + ": the file system is read-only" + detail +
                         "; open the index READ_ONLY, or copy it to a writable place to change it");
    if (is(EACCES) || is(EPERM))
        throw IndexError(what + ": permission denied" + detail + "; check the owner and mode of the index directory");
}

// Xapian names the server of a remote database in the error's context ("remote:tcp(HOST:PORT)").
inline std::string remote_shard_name(const Xapian::Error& e) {
    std::string context = e.get_context();
    const std::string tcp = "remote:tcp(";
    if (context.rfind(tcp, 0) == 0 && context.back() == ')') context = context.substr(tcp.size(), context.size() - tcp.size() - 1);
    return context.empty() ? std::string("a remote shard") : "remote shard " + context;
}

/// Whether a read that met a DatabaseModifiedError (a writer committed twice while it ran, and Xapian
/// discarded its revision) is tried again on the latest commit: always for the policy's first
/// min_attempts, then while the read has not taken retry_for in all (ReadRetryPolicy, index.hpp). A
/// fixed count alone was not enough: a reader slower than the writer's commits (a sanitizer build, a
/// loaded machine) lost 7 races in 8 with 5 attempts (tests/unit/test_concurrency), yet it gets through
/// when it keeps trying.
class ReadRetry {
public:
    explicit ReadRetry(const ReadRetryPolicy& policy = {}) : policy_(policy) {}

    /// Called after a failed attempt: true to try again.
    bool again() {
        ++attempts_;
        return attempts_ < policy_.min_attempts || std::chrono::steady_clock::now() - start_ < policy_.retry_for;
    }

private:
    ReadRetryPolicy policy_;
    std::uint32_t attempts_ = 0;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

/// Runs the read @p f again, under @p policy, while it meets a discarded revision (f starts afresh).
template <class F>
auto retry_read(const ReadRetryPolicy& policy, F&& f) -> decltype(f()) {
    ReadRetry retry(policy);
    for (;;) {
        try {
            return f();
        } catch (const Xapian::DatabaseModifiedError&) {
            if (!retry.again()) throw;
        }
    }
}

/// Database::reopen(), which can itself meet a revision that a fast writer discards as it reads it.
inline void reopen_latest(Xapian::Database& db, const ReadRetryPolicy& policy = {}) {
    ReadRetry retry(policy);
    for (;;) {
        try {
            db.reopen();
            return;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (!retry.again()) throw;
        }
    }
}

/// A std::filesystem or std::system_error failure (a path too long, a directory that cannot be made, a
/// thread that cannot start) as a fahras::Error, with what to do about its cause.
[[noreturn]] inline void throw_system_error(const std::string& what, const std::system_error& e) {
    const int code = e.code().category() == std::generic_category() || e.code().category() == std::system_category()
                         ? e.code().value()
                         : 0;
    std::string advice = "; check the path and its permissions";
    if (code == ENOSPC || code == EDQUOT) advice = "; the disk is full: free space and retry, the last commit is intact";
    else if (code == EROFS) advice = "; the file system is read-only: open the index READ_ONLY or copy it elsewhere";
    else if (code == ENAMETOOLONG) advice = "; the path is too long: choose a shorter one";
    else if (code == EAGAIN || code == ENOMEM) advice = "; the system is out of threads or memory: lower IndexOptions::threads or retry later";
    else if (code == EACCES || code == EPERM) advice = "; permission denied: check the owner and mode of the index directory";
    throw IndexError(what + ": " + e.what() + advice);
}

template <class F>
auto translate_xapian_errors(const std::string& what, F&& f) -> decltype(f()) {
    try {
        try {
            return f();
        } catch (const Xapian::DatabaseError& e) {
            throw_if_file_system_error(what, e);
            throw;
        }
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
        throw IndexModifiedError(what + ": the index kept changing while reading, past the read retry policy (" +
                                 e.get_msg() + "); retry later, or raise IndexOptions::read_retry");
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
    } catch (const std::system_error& e) {  // std::filesystem::filesystem_error is one too
        throw_system_error(what, e);
    }
}

}  // namespace fahras::detail
