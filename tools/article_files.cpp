/** @file article_files.cpp
 *  @brief fahras_cli::read_article_file: one input file of `fahras index`, whatever its kind.
 */
#include "article_files.hpp"

#include <fahras/error.hpp>
#include <fahras/ingest.hpp>

#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace fahras_cli {

namespace {

// A zip entry bigger than this is refused rather than read into memory (SaudiNewsNet's are 13 MB).
constexpr zip_uint64_t kMaxZipEntryBytes = zip_uint64_t{1} << 30;

std::string lower_extension(const std::string& name) {
    std::string ext = std::filesystem::path(name).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

std::string stem_of(const std::string& name) { return std::filesystem::path(name).stem().string(); }

// The first byte that is not white space or a byte order mark: '[' starts a JSON array.
Format sniff_json(std::istream& in) {
    const auto start = in.tellg();
    char c = 0;
    while (in.get(c)) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isspace(byte) || byte == 0xEF || byte == 0xBB || byte == 0xBF) continue;
        break;
    }
    in.clear();
    in.seekg(start);
    return c == '[' ? Format::JSON_ARRAY : Format::JSONL;
}

Format format_from_name(const std::string& name) {
    const std::string ext = lower_extension(name);
    if (ext == ".zip") return Format::ZIP;
    if (ext == ".jsonl" || ext == ".ndjson") return Format::JSONL;
    if (ext == ".json") return Format::GUESS;  // JSON Lines or a JSON array: look at the first byte
    return Format::TEXT;
}

// Reads the articles of a JSON Lines or JSON array stream; @p name is what errors call it.
void read_json_stream(std::istream& in, Format format, const std::string& name, const std::string& id_prefix,
                      const std::string& encoding, const RecordSink& sink) {
    if (format == Format::GUESS) format = sniff_json(in);
    fahras::Article article;
    if (format == Format::JSON_ARRAY) {
        fahras::JsonArrayReader reader(in, id_prefix, encoding);
        for (;;) {
            try {
                if (!reader.next(article)) break;
            } catch (const fahras::InvalidArgumentError& e) {  // EncodingError included
                sink.bad_record(name, e.what());
                continue;
            }
            sink.article(std::move(article));
        }
        return;
    }
    fahras::JsonlReader reader(in, encoding);
    for (;;) {
        try {
            if (!reader.next(article)) break;
        } catch (const fahras::InvalidArgumentError& e) {
            sink.bad_record(name, e.what());
            continue;
        }
        sink.article(std::move(article));
        if (sink.progress && reader.line_number() % 1024 == 0) {
            const auto position = in.tellg();
            if (position >= 0) sink.progress(static_cast<std::uint64_t>(position));
        }
    }
}

std::string zip_error_text(int code) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    return text;
}

struct ZipCloser {
    void operator()(zip_t* archive) const { zip_discard(archive); }  // read-only: nothing to write back
};

void read_zip(const std::string& path, const std::string& encoding, const RecordSink& sink) {
    int code = 0;
    std::unique_ptr<zip_t, ZipCloser> archive(zip_open(path.c_str(), ZIP_RDONLY, &code));
    if (!archive) throw UnreadableFile("cannot read " + path + " as a zip archive: " + zip_error_text(code));
    const zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
    std::uint64_t done_bytes = 0;
    for (zip_int64_t i = 0; i < entries; ++i) {
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &stat) != 0) {
            sink.bad_record(path, std::string("entry ") + std::to_string(i) + ": " + zip_strerror(archive.get()));
            continue;
        }
        const std::string entry = stat.name ? stat.name : "";
        const std::string name = path + "(" + entry + ")";
        const Format format = format_from_name(entry);
        if (entry.empty() || entry.back() == '/' || (format != Format::JSONL && format != Format::GUESS)) {
            if (sink.notice && !entry.empty() && entry.back() != '/') {
                sink.notice(name + ": skipped (only .json, .jsonl and .ndjson entries hold articles)");
            }
            continue;
        }
        if (stat.size > kMaxZipEntryBytes) {
            sink.bad_record(name, "the entry is larger than 1 GiB once unpacked; unpack it and index the files");
            continue;
        }
        zip_file_t* file = zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(i), 0);
        if (!file) {
            sink.bad_record(name, std::string("cannot open the entry: ") + zip_strerror(archive.get()));
            continue;
        }
        std::string bytes(static_cast<std::size_t>(stat.size), '\0');
        const zip_int64_t read = zip_fread(file, bytes.data(), stat.size);
        const std::string file_error = read < 0 ? zip_file_strerror(file) : "";
        zip_fclose(file);
        if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
            sink.bad_record(name, "cannot unpack the entry: " + (read < 0 ? file_error : "it is shorter than its header says"));
            continue;
        }
        std::istringstream in(std::move(bytes));
        read_json_stream(in, format, name, stem_of(entry), encoding, sink);
        done_bytes += stat.comp_size;
        if (sink.progress) sink.progress(done_bytes);
    }
}

}  // namespace

void read_article_file(const std::string& path, Format format, const std::string& encoding, const RecordSink& sink) {
    if (path == "-") {
        read_json_stream(std::cin, format == Format::JSON_ARRAY ? Format::JSON_ARRAY : Format::JSONL, "<stdin>", "stdin",
                         encoding, sink);
        return;
    }
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        throw UnreadableFile(path + " is a directory: name the files in it, e.g. " + path + "/*.jsonl");
    }
    if (format == Format::GUESS) format = format_from_name(path);
    if (format == Format::ZIP) {
        read_zip(path, encoding, sink);
        return;
    }
    if (format == Format::TEXT) {
        fahras::Article article;
        try {
            article = fahras::read_text_article(path, stem_of(path), encoding);
        } catch (const fahras::IndexError& e) {
            throw UnreadableFile(e.what());
        } catch (const fahras::EncodingError& e) {
            sink.bad_record(path, e.what());
            return;
        }
        sink.article(std::move(article));
        return;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UnreadableFile("cannot read " + path + ": " + std::strerror(errno));
    read_json_stream(in, format, path, stem_of(path), encoding, sink);
    if (in.bad()) throw UnreadableFile("error while reading " + path);
}

}  // namespace fahras_cli
