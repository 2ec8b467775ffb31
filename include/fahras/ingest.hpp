/** @file ingest.hpp
 *  @brief Reading articles from files: JSON Lines, JSON arrays (SaudiNewsNet's layout), zip archives of
 *  those (SaudiNewsNet's .zip files) and plain text, in UTF-8 or legacy Arabic encodings.
 *
 *  Every front end reads through this header: `fahras index` and `fahras.read_articles` use
 *  ArticleReader, and a Python dict becomes an Article through article_from_record, the one mapping
 *  from a record's fields to an Article (the JSON readers use it too).
 */
#pragma once

#include <fahras/index.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <vector>

namespace fahras {

/** @brief The longest id an Index accepts, in bytes of UTF-8 (Xapian's terms stop at 245 bytes and the
 *  id is one). The readers check it after repairing invalid UTF-8, which can triple an id's length.
 *  @since 0.3 */
inline constexpr std::size_t kMaxIdBytes = 200;

/** @brief One field of a record, as a reader or a binding hands it over: its name and its value as text.
 *  @since 0.3 */
struct RecordField {
    /** @brief What the value was before it became text. */
    enum class Kind {
        NULL_VALUE,  ///< null / None: the field counts as absent
        STRING,      ///< a string; text is the string itself (valid UTF-8)
        INTEGER,     ///< an integer; text is its decimal digits
        OBJECT,      ///< an object / dict; text is compact JSON
        OTHER,       ///< a fractional number, a boolean or an array; text is compact JSON
    };
    std::string name;  ///< the field's name
    Kind kind = Kind::NULL_VALUE;
    std::string text;  ///< the value as text (see Kind)
};

/** @brief Maps a record's fields to an Article: the one mapping every reader and binding uses.
 *
 *  - id: the first non-null of "id" and "_id"; a string or an integer, not empty, at most kMaxIdBytes
 *    bytes. A record without one gets @p fallback_id, or is an error when @p fallback_id is empty.
 *  - title; body ("body", "text" or "content"); author; source; url; date ("date" or
 *    "date_extracted"): the first non-null name present fills the field and must be a string; a second
 *    name present for the same field (e.g. "content" after "body") is kept as metadata.
 *  - "metadata": an object's members are merged into metadata (over same-named fields).
 *  - every other non-null field goes into metadata: strings as they are, other values as compact JSON.
 *  @exception FieldTypeError a field of the wrong type (starting with @p where, e.g. "line 3: ").
 *  @exception RecordError no usable id (starting with @p where). */
Article article_from_record(std::vector<RecordField> fields, const std::string& where = {},
                            const std::string& fallback_id = {});

/** @brief Reads one Article per line of a JSON Lines stream.
 *
 *  Field names accepted: id or _id; title; body, text or content; author; source; url; date or
 *  date_extracted; the other fields go into metadata (article_from_record has the rules). Lines that
 *  are blank are skipped; a line that is not a JSON object with an id throws RecordError naming the
 *  line number (the caller may catch it and continue with the next line). Text in another encoding is converted with to_utf8().
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
     *  @exception RecordError a malformed line (the reader stays usable); InvalidArgumentError an unknown encoding.
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
     *  @exception RecordError a malformed record (the reader goes on with the next one), or input
     *  that is not a JSON array or is cut short (the reader then ends); InvalidArgumentError an unknown encoding.
     *  @exception EncodingError the input is not in the reader's encoding. */
    bool next(Article& article);

    /** @brief 1-based line on which the last record read starts. */
    std::uint64_t line_number() const;

private:
    struct Internal;
    std::unique_ptr<Internal> internal_;
};

/** @brief How ArticleReader reads a file. */
enum class InputFormat {
    AUTO,        ///< by the name: .zip, .jsonl/.ndjson, .json (a JSON array or JSON Lines, by its first byte), else text
    JSONL,       ///< JSON Lines
    JSON_ARRAY,  ///< one JSON array of records
    ZIP,         ///< a zip archive; its .json, .jsonl and .ndjson entries are read, the others skipped
    TEXT,        ///< one plain-text article (see read_text_article)
};

/** @brief The options of ArticleReader. */
struct ReadOptions {
    InputFormat format = InputFormat::AUTO;  ///< how to read the file
    std::string encoding = "utf-8";          ///< encoding of its bytes (e.g. "windows-1256")
    /// Called with a message for what is skipped without being an error (a zip entry that holds no
    /// articles, such as a README); unset: such things are skipped silently.
    std::function<void(const std::string& message)> on_notice;
};

/** @brief Reads the articles of one file, whatever its kind: JSON Lines, a JSON array, a zip archive
 *  of those, or a plain-text article.
 *
 *  A record without an id gets "<name>-<n>" in a JSON array (<name>: the file or zip entry name without
 *  extension, n counting from 1); a text file's id is its name without extension. Each bad record
 *  throws RecordError from next() with its file and line, and the next call goes on after it. Not
 *  thread-safe. @since 0.3
 */
class ArticleReader {
public:
    /** @brief Opens @p path ("-": JSON Lines, or a JSON array with InputFormat::JSON_ARRAY, on standard input).
     *  @exception InputFileError the file cannot be opened, is a directory or is not a zip archive.
     *  @exception InvalidArgumentError an unknown encoding. */
    explicit ArticleReader(const std::string& path, ReadOptions options = {});

    /** @brief Reads from @p in (which must outlive the reader), called @p name in errors; @p options.format
     *  AUTO reads JSON Lines, or a JSON array when the first byte is '['. */
    ArticleReader(std::istream& in, std::string name, ReadOptions options = {});

    ~ArticleReader();
    ArticleReader(ArticleReader&&) noexcept;
    ArticleReader& operator=(ArticleReader&&) noexcept;

    /** @brief Reads the next article into @p article; false after the last one.
     *  @exception RecordError (or FieldTypeError) a bad record; the reader goes on after it.
     *  @exception InputFileError the file cannot be read any further. */
    bool next(Article& article);

    /** @brief Where the last article or error came from: the path, or "ARCHIVE(ENTRY)" in a zip archive. */
    const std::string& current_file() const;

    /** @brief Bytes of the file read so far (compressed bytes for a zip archive), for progress. */
    std::uint64_t bytes_read() const;

    /** @brief The file's size in bytes, 0 when unknown (standard input). */
    std::uint64_t size() const;

private:
    struct Internal;
    std::unique_ptr<Internal> internal_;
};

/** @brief Reads a plain-text article file: first non-empty line is the title, the rest the body; the id
 *  is @p id. @exception IndexError the file cannot be read.
 *  @exception InvalidArgumentError an unknown encoding. @exception EncodingError the bytes are not in it. */
Article read_text_article(const std::string& path, const std::string& id, const std::string& encoding = "utf-8");

}  // namespace fahras
