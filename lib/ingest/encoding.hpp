/** @file encoding.hpp
 *  @brief Private helpers of lib/ingest shared by the JSONL and text readers. Ill-formed UTF-8 is
 *  repaired with detail::repair_utf8 (analysis/utf8.hpp), the same rule the analyzer applies.
 */
#pragma once

#include <string>
#include <string_view>

namespace fahras::detail {

/** @brief The UTF-8 byte order mark (U+FEFF), dropped at the start of input files. */
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

/** @brief True if @p encoding names UTF-8 ("utf-8", "UTF8", ...), which to_utf8() passes through. */
bool is_utf8_encoding_name(std::string_view encoding);

}  // namespace fahras::detail
