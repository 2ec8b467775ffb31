/** @file article_reader.cpp
 *  @brief fahras::ArticleReader: one input file of any kind (JSON Lines, JSON array, zip, text) read
 *  one article at a time, each bad record reported with its file and line.
 *
 *  The format is decided here once, for every front end: by --format / ReadOptions::format, else by the
 *  name's extension, and for ".json" by the first byte that is not white space or a byte order mark
 *  ('[' starts a JSON array, anything else is JSON Lines).
 */
#include "ingest/zip_archive.hpp"

#include <fahras/error.hpp>
#include <fahras/ingest.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <utility>

namespace fahras {

namespace {

namespace fs = std::filesystem;

std::string lower_extension(const std::string& name) {
    std::string ext = fs::path(name).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

std::string stem_of(const std::string& name) { return fs::path(name).stem().string(); }

InputFormat format_from_name(const std::string& name) {
    const std::string ext = lower_extension(name);
    if (ext == ".zip") return InputFormat::ZIP;
    if (ext == ".jsonl" || ext == ".ndjson") return InputFormat::JSONL;
    if (ext == ".json") return InputFormat::AUTO;  // JSON Lines or a JSON array: the first byte says
    return InputFormat::TEXT;
}

// JSON_ARRAY when the first byte that is not white space or part of a byte order mark is '['.
InputFormat sniff_json(std::istream& in) {
    const auto start = in.tellg();
    char c = 0;
    while (in.get(c)) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isspace(byte) || byte == 0xEF || byte == 0xBB || byte == 0xBF) continue;
        break;
    }
    in.clear();
    in.seekg(start);
    return c == '[' ? InputFormat::JSON_ARRAY : InputFormat::JSONL;
}

std::uint64_t file_size_or_zero(const std::string& path) {
    std::error_code error;
    const auto size = fs::file_size(path, error);
    return error ? 0 : static_cast<std::uint64_t>(size);
}

}  // namespace

struct ArticleReader::Internal {
    ReadOptions options;
    std::string path;     // the file, or the stream's name
    std::string current;  // current_file()
    std::uint64_t size = 0;

    std::ifstream file;
    std::istream* in = nullptr;  // the file, the caller's stream or a zip entry's bytes
    std::istringstream entry_bytes;
    std::optional<JsonlReader> jsonl;
    std::optional<JsonArrayReader> array;
    bool text_pending = false;

    std::optional<detail::ZipArchive> zip;
    std::uint64_t next_entry = 0;
    std::uint64_t zip_done_bytes = 0;   // compressed bytes of the entries finished
    std::uint64_t entry_compressed = 0; // of the entry being read

    // Starts reading @p stream as JSON Lines or a JSON array; @p id_prefix names the array's records.
    void start_json(std::istream& stream, InputFormat format, const std::string& id_prefix) {
        in = &stream;
        if (format == InputFormat::AUTO) format = sniff_json(stream);
        if (format == InputFormat::JSON_ARRAY) array.emplace(stream, id_prefix, options.encoding);
        else jsonl.emplace(stream, options.encoding);
    }

    // Opens the next zip entry that holds articles; false when there is none left. An entry that
    // cannot be read throws RecordError naming it, after which the next call goes on.
    bool open_next_entry() {
        while (next_entry < zip->entries()) {
            const std::uint64_t index = next_entry++;
            current = path;
            detail::ZipArchive::Entry entry;
            try {
                entry = zip->entry(index);
            } catch (const RecordError& e) {
                throw RecordError(e.what(), path, 0);
            }
            if (entry.name.empty() || entry.name.back() == '/') continue;
            current = path + "(" + entry.name + ")";
            const InputFormat format = format_from_name(entry.name);
            if (format != InputFormat::JSONL && format != InputFormat::AUTO) {
                if (options.on_notice) {
                    options.on_notice(current + ": skipped (only .json, .jsonl and .ndjson entries hold articles)");
                }
                zip_done_bytes += entry.compressed_size;
                continue;
            }
            std::string bytes;
            try {
                bytes = zip->read(index, entry);
            } catch (const RecordError& e) {
                zip_done_bytes += entry.compressed_size;
                throw RecordError(e.what(), current, 0);
            }
            entry_compressed = entry.compressed_size;
            entry_bytes = std::istringstream(std::move(bytes));
            start_json(entry_bytes, format, stem_of(entry.name));
            return true;
        }
        return false;
    }

    std::uint64_t line() const {
        if (jsonl) return jsonl->line_number();
        if (array) return array->line_number();
        return 0;
    }

    // Reads from the JSON reader in use; false when it is done (and then closed).
    bool next_json(Article& article) {
        try {
            if (jsonl ? jsonl->next(article) : array->next(article)) return true;
        } catch (const FieldTypeError& e) {
            throw FieldTypeError(e.what(), current, line());
        } catch (const InvalidArgumentError& e) {  // RecordError and EncodingError included
            throw RecordError(e.what(), current, line());
        }
        jsonl.reset();
        array.reset();
        if (zip) {
            zip_done_bytes += entry_compressed;
            entry_compressed = 0;
        } else if (file.is_open() && file.bad()) {
            throw InputFileError("error while reading " + path);
        }
        return false;
    }
};

ArticleReader::ArticleReader(const std::string& path, ReadOptions options) : internal_(std::make_unique<Internal>()) {
    Internal& in = *internal_;
    in.options = std::move(options);
    in.path = in.current = path;
    to_utf8("", in.options.encoding);  // an unknown encoding fails now
    if (path == "-") {
        in.current = "<stdin>";
        in.start_json(std::cin, in.options.format == InputFormat::JSON_ARRAY ? InputFormat::JSON_ARRAY : InputFormat::JSONL,
                      "stdin");
        return;
    }
    std::error_code error;
    if (fs::is_directory(path, error)) {
        throw InputFileError(path + " is a directory: name the files in it, e.g. " + path + "/*.jsonl");
    }
    InputFormat format = in.options.format;
    if (format == InputFormat::AUTO) format = format_from_name(path);
    if (format == InputFormat::TEXT) {
        if (!fs::exists(path, error)) throw InputFileError("cannot read " + path + ": " + std::strerror(ENOENT));
        in.text_pending = true;
        in.size = file_size_or_zero(path);
        return;
    }
    if (format == InputFormat::ZIP) {
        in.zip.emplace(path);
        in.size = file_size_or_zero(path);
        return;
    }
    in.file.open(path, std::ios::binary);
    if (!in.file) throw InputFileError("cannot read " + path + ": " + std::strerror(errno));
    in.size = file_size_or_zero(path);
    in.start_json(in.file, format, stem_of(path));
}

ArticleReader::ArticleReader(std::istream& stream, std::string name, ReadOptions options)
    : internal_(std::make_unique<Internal>()) {
    Internal& in = *internal_;
    in.options = std::move(options);
    in.path = in.current = std::move(name);
    to_utf8("", in.options.encoding);
    const InputFormat format = in.options.format == InputFormat::JSON_ARRAY ? InputFormat::JSON_ARRAY : InputFormat::AUTO;
    in.start_json(stream, format, stem_of(in.path));
}

ArticleReader::~ArticleReader() = default;
ArticleReader::ArticleReader(ArticleReader&&) noexcept = default;
ArticleReader& ArticleReader::operator=(ArticleReader&&) noexcept = default;

bool ArticleReader::next(Article& article) {
    Internal& in = *internal_;
    if (in.text_pending) {
        in.text_pending = false;
        try {
            article = read_text_article(in.path, stem_of(in.path), in.options.encoding);
        } catch (const EncodingError& e) {
            throw RecordError(e.what(), in.path, 0);
        } catch (const IndexError& e) {
            throw InputFileError(e.what());
        }
        return true;
    }
    for (;;) {
        if (in.jsonl || in.array) {
            if (in.next_json(article)) return true;
        }
        if (!in.zip || !in.open_next_entry()) return false;
    }
}

const std::string& ArticleReader::current_file() const { return internal_->current; }

std::uint64_t ArticleReader::bytes_read() const {
    const Internal& in = *internal_;
    if (in.zip) return in.zip_done_bytes;
    if (in.in && in.in == &in.file) {
        if (!in.jsonl && !in.array) return in.size;
        const auto position = in.file.rdbuf()->pubseekoff(0, std::ios::cur, std::ios::in);
        if (position >= 0) return static_cast<std::uint64_t>(position);
    }
    return 0;
}

std::uint64_t ArticleReader::size() const { return internal_->size; }

}  // namespace fahras
