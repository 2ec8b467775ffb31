/** @file error.hpp
 *  @brief The exceptions fahras throws at its API boundary.
 *
 *  Every exception derives from fahras::Error. As in Xapian, misuse (a bad argument the caller can fix
 *  in code) is split from runtime failures (I/O, a corrupt or locked index, a query that cannot be parsed).
 *  Xapian and ICU errors are translated into these and never leak.
 */
#pragma once

#include <stdexcept>
#include <string>

namespace fahras {

/** @brief Base of every exception fahras throws. */
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/** @brief The caller passed something invalid (bad option, bad id, invalid UTF-8 in strict mode). */
class InvalidArgumentError : public Error {
public:
    using Error::Error;
};

/** @brief Text is not valid in the encoding it claims (raised only when asked for, see InvalidUtf8). */
class EncodingError : public InvalidArgumentError {
public:
    using InvalidArgumentError::InvalidArgumentError;
};

/** @brief A query could not be understood: thrown only with SearchRequest::strict_syntax (the default
 *  parser never throws); the message names the character at fault. */
class QuerySyntaxError : public InvalidArgumentError {
public:
    using InvalidArgumentError::InvalidArgumentError;
};

/** @brief A runtime failure of the index: I/O, missing path, corruption, lock held by another writer. */
class IndexError : public Error {
public:
    using Error::Error;
};

/** @brief The index path does not hold a fahras index. */
class IndexNotFoundError : public IndexError {
public:
    using IndexError::IndexError;
};

/** @brief The index files are damaged; restore from a backup or rebuild. */
class CorruptIndexError : public IndexError {
public:
    using IndexError::IndexError;
};

/** @brief Another process holds the write lock of this index. */
class IndexLockedError : public IndexError {
public:
    using IndexError::IndexError;
};

/** @brief A read could not get one consistent snapshot: writers kept committing faster than it ran,
 *  past IndexOptions::read_retry. Retry later, or give the reads a longer ReadRetryPolicy. */
class IndexModifiedError : public IndexError {
public:
    using IndexError::IndexError;
};

/** @brief The index was built by a different analyzer (name or version); rebuild it. */
class AnalyzerMismatchError : public IndexError {
public:
    using IndexError::IndexError;
};

/** @brief A remote shard (xapian-tcpsrv) could not be reached, refused the request or did not answer
 *  in time; the message names HOST:PORT. */
class RemoteError : public IndexError {
public:
    using IndexError::IndexError;
};

}  // namespace fahras
