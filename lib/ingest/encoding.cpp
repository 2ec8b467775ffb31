/** @file encoding.cpp
 *  @brief fahras::to_utf8: legacy encodings to UTF-8 through Boost.Locale (iconv or ICU underneath).
 */
#include "ingest/encoding.hpp"

#include <fahras/analyzer.hpp>
#include <fahras/error.hpp>

#include <boost/locale/encoding.hpp>

#include <cctype>

namespace fahras {

namespace detail {

bool is_utf8_encoding_name(std::string_view encoding) {
    std::string name;
    for (char c : encoding) {
        if (c != '-' && c != '_') name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return name == "utf8";
}

}  // namespace detail

std::string to_utf8(std::string_view bytes, const std::string& encoding) {
    if (encoding.empty()) {
        throw InvalidArgumentError("to_utf8: empty encoding name; pass e.g. \"utf-8\" or \"windows-1256\"");
    }
    // UTF-8 passes through unchanged: invalid bytes are the analyzer's business (InvalidUtf8), and the
    // readers repair them with detail::repair_utf8.
    if (detail::is_utf8_encoding_name(encoding)) return std::string(bytes);
    namespace conv = boost::locale::conv;
    try {
        return conv::to_utf<char>(bytes.data(), bytes.data() + bytes.size(), encoding, conv::stop);
    } catch (const conv::invalid_charset_error&) {
        throw InvalidArgumentError("unknown encoding \"" + encoding +
                                   "\"; use a name iconv knows, e.g. utf-8, windows-1256 (cp1256), "
                                   "iso-8859-6");
    } catch (const conv::conversion_error&) {
        throw EncodingError("the text is not valid " + encoding +
                            "; check the file's encoding (try utf-8 or windows-1256)");
    } catch (const std::exception& e) {
        throw EncodingError("cannot convert from " + encoding + ": " + e.what());
    }
}

}  // namespace fahras
