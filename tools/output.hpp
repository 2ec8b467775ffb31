/** @file output.hpp
 *  @brief What the commands print: JSON (nlohmann-json) of hits and articles, and text laid out for a
 *  terminal (display width from ICU, one line per Arabic text so that the terminal's bidi sets it).
 */
#pragma once

#include <fahras/fahras.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace fahras_cli {

/** @brief JSON objects keep their fields in the order written. */
using Json = nlohmann::ordered_json;

/** @brief @p value as one line of JSON; ill-formed UTF-8 in it becomes U+FFFD, so the output stays valid. */
std::string dump(const Json& value, int indent = -1);

/** @brief A hit: rank, id, score, title, author, source, url, date, snippet, metadata. */
Json hit_json(const fahras::Hit& hit);

/** @brief An article: id, title, body, author, source, url, date, metadata. */
Json article_json(const fahras::Article& article);

/** @brief Columns @p text takes in a terminal: 0 for combining marks (harakat), format and bidi
 *  controls, 2 for East Asian wide and full-width characters, 1 otherwise (ICU's properties). */
std::size_t display_width(std::string_view text);

/** @brief @p text padded with spaces to @p width columns. */
std::string pad(std::string_view text, std::size_t width);

/** @brief @p text with line breaks and tabs as spaces (snippets keep the article's line breaks). */
std::string one_line(std::string_view text);

/** @brief True if standard output (or standard error) is a terminal. */
bool stdout_is_tty();
bool stderr_is_tty();

}  // namespace fahras_cli
