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
#include <utility>

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

/** @brief One input record (a JSON line, an element of a JSON array, a zip entry, a Python dict) that
 *  does not make an Article: not JSON, no id, an id that is empty or too long. The message starts with
 *  "line N: " when the record has a line; file() and line() say where it came from when it was read
 *  from a file (empty and 0 otherwise). A reader that throws it stays usable.
 *  @since 0.3 */
class RecordError : public InvalidArgumentError {
public:
    /** @brief @p message as what(); @p file and 1-based @p line where the record starts (0: unknown). */
    explicit RecordError(const std::string& message, std::string file = {}, unsigned long long line = 0)
        : InvalidArgumentError(message), file_(std::move(file)), line_(line) {}
    /** @brief The file the record came from ("ARCHIVE(ENTRY)" inside a zip archive), or empty. */
    const std::string& file() const noexcept { return file_; }
    /** @brief 1-based line on which the record starts, 0 when unknown. */
    unsigned long long line() const noexcept { return line_; }

private:
    std::string file_;
    unsigned long long line_ = 0;
};

/** @brief A field of a record has the wrong type (a title that is a number, an id that is a list).
 *  @since 0.3 */
class FieldTypeError : public RecordError {
public:
    using RecordError::RecordError;
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

/** @brief An input file cannot be read at all: missing, unreadable, a directory, not a zip archive.
 *  @since 0.3 */
class InputFileError : public IndexError {
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
