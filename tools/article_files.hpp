/** @file article_files.hpp
 *  @brief What `fahras index` reads: JSON Lines, JSON arrays (SaudiNewsNet's .json), zip archives of
 *  those (SaudiNewsNet's .zip) and plain-text articles, each record handed on with where it came from.
 */
#pragma once

#include <fahras/index.hpp>

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

namespace fahras_cli {

/** @brief How to read a file: guessed from its name and first byte, or forced by --format. */
enum class Format { GUESS, JSONL, JSON_ARRAY, TEXT, ZIP };

/** @brief A file that cannot be read at all (missing, unreadable, not a zip archive). */
class UnreadableFile : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/** @brief Where the records of a file go. */
struct RecordSink {
    /** @brief One article read. */
    std::function<void(fahras::Article&&)> article;
    /** @brief One record that could not be read: @p file names the file (and the entry of a zip archive),
     *  @p message starts with "line N: " when the record has a line. It may throw to stop reading. */
    std::function<void(const std::string& file, const std::string& message)> bad_record;
    /** @brief Something skipped that is not an error (a zip entry that holds no articles). */
    std::function<void(const std::string& message)> notice;
    /** @brief Bytes of the current file read so far (called now and then, for progress). */
    std::function<void(std::uint64_t bytes)> progress;
};

/** @brief Reads every record of @p path ("-": JSON Lines on standard input) into @p sink.
 *  A plain-text file is one article whose id is its file name without the extension; a record of a JSON
 *  array without an id gets "<file name without extension>-<n>".
 *  @exception UnreadableFile the file cannot be opened or read.
 *  @exception fahras::InvalidArgumentError an unknown encoding. */
void read_article_file(const std::string& path, Format format, const std::string& encoding, const RecordSink& sink);

}  // namespace fahras_cli
