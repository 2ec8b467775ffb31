/** @file json_record.hpp
 *  @brief Private helpers of lib/ingest: one JSON object → one Article, shared by the JSON Lines and
 *  the JSON array readers so that both accept the same field names.
 */
#pragma once

#include <fahras/index.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace fahras::detail {

/** @brief "line 3: ", the prefix of every error about one input line. */
std::string line_prefix(std::uint64_t line);

/** @brief Maps @p object to an Article: id or _id; title; body, text or content; author; source; url;
 *  date or date_extracted; every other non-null field into metadata. A record without an id gets
 *  @p fallback_id, or is an error when @p fallback_id is empty.
 *  @exception InvalidArgumentError starting with @p where. */
Article article_from_json(nlohmann::json object, const std::string& where, const std::string& fallback_id);

/** @brief nlohmann's message without its "[json.exception.parse_error.101] " tag, which helps no reader. */
std::string json_error_message(const nlohmann::json::exception& error);

/** @brief @p text without leading and trailing ASCII white space. */
std::string_view trim_spaces(std::string_view text);

/** @brief @p bytes in @p encoding as valid UTF-8: converted, without a leading BOM, ill-formed
 *  sequences replaced by U+FFFD. @exception EncodingError the bytes are not in @p encoding. */
std::string clean_utf8(const std::string& bytes, const std::string& encoding);

}  // namespace fahras::detail
