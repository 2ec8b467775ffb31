/** @file zip_archive.cpp
 *  @brief detail::ZipArchive on libzip. SaudiNewsNet ships as zip archives of JSON arrays; reading them
 *  in the library (not in each front end) lets the CLI, C++ callers and Python read the same files.
 */
#include "ingest/zip_archive.hpp"

#include <fahras/error.hpp>

#include <zip.h>

namespace fahras::detail {

namespace {

// An entry bigger than this is refused rather than read into memory (SaudiNewsNet's are 13 MB).
constexpr std::uint64_t kMaxEntryBytes = std::uint64_t{1} << 30;

std::string zip_error_text(int code) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    return text;
}

}  // namespace

struct ZipArchive::Internal {
    zip_t* archive = nullptr;
    ~Internal() {
        if (archive) zip_discard(archive);  // read-only: nothing to write back
    }
};

ZipArchive::ZipArchive(const std::string& path) : internal_(std::make_unique<Internal>()) {
    int code = 0;
    internal_->archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
    if (!internal_->archive) {
        throw InputFileError("cannot read " + path + " as a zip archive: " + zip_error_text(code));
    }
}

ZipArchive::~ZipArchive() = default;
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;

std::uint64_t ZipArchive::entries() const {
    const zip_int64_t n = zip_get_num_entries(internal_->archive, 0);
    return n < 0 ? 0 : static_cast<std::uint64_t>(n);
}

ZipArchive::Entry ZipArchive::entry(std::uint64_t index) const {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(internal_->archive, index, 0, &stat) != 0) {
        throw RecordError("entry " + std::to_string(index) + ": " + zip_strerror(internal_->archive));
    }
    return Entry{stat.name ? stat.name : "", stat.size, stat.comp_size};
}

std::string ZipArchive::read(std::uint64_t index, const Entry& entry) const {
    if (entry.size > kMaxEntryBytes) {
        throw RecordError("the entry is larger than 1 GiB once unpacked; unpack it and index the files");
    }
    zip_file_t* file = zip_fopen_index(internal_->archive, index, 0);
    if (!file) throw RecordError(std::string("cannot open the entry: ") + zip_strerror(internal_->archive));
    std::string bytes(static_cast<std::size_t>(entry.size), '\0');
    const zip_int64_t read = zip_fread(file, bytes.data(), entry.size);
    const std::string file_error = read < 0 ? zip_file_strerror(file) : "";
    zip_fclose(file);
    if (read < 0 || static_cast<std::uint64_t>(read) != entry.size) {
        throw RecordError("cannot unpack the entry: " + (read < 0 ? file_error : "it is shorter than its header says"));
    }
    return bytes;
}

}  // namespace fahras::detail
