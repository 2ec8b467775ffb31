/** @file zip_archive.hpp
 *  @brief Private to lib/ingest: the entries of a zip archive (libzip), read one at a time.
 */
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace fahras::detail {

/** @brief A zip archive open for reading. Not thread-safe. */
class ZipArchive {
public:
    /** @brief What the central directory says about one entry. */
    struct Entry {
        std::string name;                  ///< path inside the archive ("" when unreadable)
        std::uint64_t size = 0;            ///< bytes once unpacked
        std::uint64_t compressed_size = 0; ///< bytes in the archive
    };

    /** @brief Opens @p path. @exception InputFileError it cannot be read or is not a zip archive. */
    explicit ZipArchive(const std::string& path);
    ~ZipArchive();
    ZipArchive(ZipArchive&&) noexcept;
    ZipArchive& operator=(ZipArchive&&) noexcept;

    /** @brief Number of entries (directories included). */
    std::uint64_t entries() const;

    /** @brief The entry at @p index. @exception RecordError libzip cannot describe it. */
    Entry entry(std::uint64_t index) const;

    /** @brief The unpacked bytes of the entry at @p index.
     *  @exception RecordError it is larger than 1 GiB unpacked, or cannot be unpacked. */
    std::string read(std::uint64_t index, const Entry& entry) const;

private:
    struct Internal;
    std::unique_ptr<Internal> internal_;
};

}  // namespace fahras::detail
