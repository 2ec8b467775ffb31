/** @file ingest.hpp
 *  @brief Reading articles from files: JSON Lines, JSON arrays (SaudiNewsNet's layout) and plain text,
 *  in UTF-8 or legacy Arabic encodings.
 */
#pragma once

#include <fahras/index.hpp>

#include <cstdint>
#include <istream>
#include <memory>
#include <string>

namespace fahras {

/** @brief Reads one Article per line of a JSON Lines stream.
 *
 *  Field names accepted: id or _id; title; body, text or content; author; source; url; date or
 *  date_extracted; any other string field goes into metadata. Lines that are blank are skipped; a line
 *  that is not a JSON object with an id throws InvalidArgumentError naming the line number (the caller
 *  may catch it and continue with the next line). Text in another encoding is converted with to_utf8().
 *  Not thread-safe.
 */
class JsonlReader {
public:
    /** @brief Reads from @p in (which must outlive the reader); @p encoding of the bytes ("utf-8" default).
     *  Does not throw: an unknown encoding is reported by next(). */
    explicit JsonlReader(std::istream& in, std::string encoding = "utf-8");
    ~JsonlReader();
    JsonlReader(JsonlReader&&) noexcept;
    JsonlReader& operator=(JsonlReader&&) noexcept;

    /** @brief Reads the next article into @p article; false at end of input.
     *  @exception InvalidArgumentError a malformed line (the reader stays usable), or an unknown encoding.
     *  @exception EncodingError the line is not in the reader's encoding. */
    bool next(Article& article);

    /** @brief 1-based number of the last line read. */
    std::uint64_t line_number() const;

private:
    struct Internal;
    std::unique_ptr<Internal> internal_;
};

/** @brief Reads the articles of a JSON array of objects, the layout of SaudiNewsNet's files:
 *  `[{"source", "url", "date_extracted", "title", "author", "content"}, ...]`.
 *
 *  Field names are those of JsonlReader. A record without an id gets "<id_prefix>-<n>", n counting the
 *  array's records from 1, so the same file always gives the same ids. Each record is parsed on its own:
 *  a malformed one throws InvalidArgumentError naming its record number and line, and the next call goes
 *  on with the record after it. The whole stream is read at the first call (SaudiNewsNet's largest file
 *  is 13 MB). Not thread-safe.
 */
class JsonArrayReader {
public:
    /** @brief Reads from @p in (which must outlive the reader); @p encoding of the bytes ("utf-8" default).
     *  Does not throw: an unknown encoding is reported by next(). */
    JsonArrayReader(std::istream& in, std::string id_prefix, std::string encoding = "utf-8");
    ~JsonArrayReader();
    JsonArrayReader(JsonArrayReader&&) noexcept;
    JsonArrayReader& operator=(JsonArrayReader&&) noexcept;

    /** @brief Reads the next article into @p article; false after the last one.
     *  @exception InvalidArgumentError a malformed record (the reader goes on with the next one), input
     *  that is not a JSON array or is cut short (the reader then ends), or an unknown encoding.
     *  @exception EncodingError the input is not in the reader's encoding. */
    bool next(Article& article);

    /** @brief 1-based line on which the last record read starts. */
    std::uint64_t line_number() const;

private:
    struct Internal;
    std::unique_ptr<Internal> internal_;
};

/** @brief Reads a plain-text article file: first non-empty line is the title, the rest the body; the id
 *  is @p id. @exception IndexError the file cannot be read.
 *  @exception InvalidArgumentError an unknown encoding. @exception EncodingError the bytes are not in it. */
Article read_text_article(const std::string& path, const std::string& id, const std::string& encoding = "utf-8");

}  // namespace fahras
