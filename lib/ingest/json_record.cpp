/** @file json_record.cpp
 *  @brief The JSON object → Article mapping shared by JsonlReader and JsonArrayReader.
 */
#include "ingest/json_record.hpp"

#include "analysis/utf8.hpp"
#include "ingest/encoding.hpp"

#include <fahras/error.hpp>
#include <fahras/ingest.hpp>

#include <initializer_list>
#include <utility>

namespace fahras::detail {

namespace {

using nlohmann::json;

// A field value as text: strings as they are, everything else (numbers, booleans, arrays, objects) as
// compact JSON. The input was repaired to valid UTF-8, so dump() cannot throw on it.
std::string value_text(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    return value.dump();
}

// Removes the first of @p names present in @p object and returns its text; empty when none is present.
// Null values count as absent.
std::string take_first(json& object, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        auto it = object.find(name);
        if (it == object.end()) continue;
        if (it->is_null()) {
            object.erase(it);
            continue;
        }
        std::string text = value_text(*it);
        object.erase(it);
        return text;
    }
    return {};
}

}  // namespace

std::string line_prefix(std::uint64_t line) { return "line " + std::to_string(line) + ": "; }

Article article_from_json(json object, const std::string& where, const std::string& fallback_id) {
    Article result;
    const auto id_it = object.contains("id") ? object.find("id") : object.find("_id");
    if (id_it != object.end() && !id_it->is_null()) {
        if (!(id_it->is_string() || id_it->is_number())) {
            throw InvalidArgumentError(where + "the \"id\" or \"_id\" field must be a string or a number, not " +
                                       std::string(id_it->type_name()));
        }
        result.id = value_text(*id_it);
        if (result.id.empty()) throw InvalidArgumentError(where + "the id is empty");
    } else if (fallback_id.empty()) {
        throw InvalidArgumentError(where + "no \"id\" or \"_id\" field (a string or a number)");
    } else {
        result.id = fallback_id;
    }
    object.erase("id");
    object.erase("_id");  // when both id and _id are present, id wins and _id is not metadata

    result.title = take_first(object, {"title"});
    result.body = take_first(object, {"body", "text", "content"});
    result.author = take_first(object, {"author"});
    result.source = take_first(object, {"source"});
    result.url = take_first(object, {"url"});
    result.date = take_first(object, {"date", "date_extracted"});
    // Everything left, including a second body or date field, is kept as metadata.
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it->is_null()) continue;
        result.metadata.emplace(it.key(), value_text(it.value()));
    }
    return result;
}

std::string json_error_message(const json::exception& error) {
    std::string message = error.what();
    if (!message.empty() && message.front() == '[') {
        const auto close = message.find("] ");
        if (close != std::string::npos) message.erase(0, close + 2);
    }
    return message;
}

std::string_view trim_spaces(std::string_view text) {
    const char* spaces = " \t\r\n\f\v";
    const auto first = text.find_first_not_of(spaces);
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(spaces);
    return text.substr(first, last - first + 1);
}

std::string clean_utf8(const std::string& bytes, const std::string& encoding) {
    std::string text = to_utf8(bytes, encoding);
    if (text.compare(0, kUtf8Bom.size(), kUtf8Bom) == 0) text.erase(0, kUtf8Bom.size());
    if (first_invalid_utf8(text) != std::string_view::npos) text = repair_utf8(text);
    return text;
}

}  // namespace fahras::detail
