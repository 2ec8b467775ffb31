/** @file jsonl.cpp
 *  @brief fahras::JsonlReader (one Article per JSON line) and fahras::read_text_article.
 *
 *  Both readers hand the index valid UTF-8 only: bytes in a legacy encoding go through to_utf8(), and
 *  ill-formed UTF-8 becomes U+FFFD before parsing. nlohmann::json rejects ill-formed UTF-8 inside
 *  strings as a parse error (and would throw again when the text is dumped), so without the repair a
 *  single bad byte would cost the whole article — the library's rule is to never drop a document for
 *  its encoding (InvalidUtf8::REPLACE).
 */
#include "analysis/utf8.hpp"
#include "ingest/encoding.hpp"

#include <fahras/error.hpp>
#include <fahras/ingest.hpp>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <sstream>
#include <utility>

namespace fahras {

namespace {

using nlohmann::json;

std::string line_prefix(std::uint64_t line) { return "line " + std::to_string(line) + ": "; }

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

// nlohmann's messages start with "[json.exception.parse_error.101] "; the tag helps no reader.
std::string strip_exception_tag(std::string message) {
    if (!message.empty() && message.front() == '[') {
        const auto close = message.find("] ");
        if (close != std::string::npos) message.erase(0, close + 2);
    }
    return message;
}

std::string_view trim(std::string_view text) {
    const char* spaces = " \t\r\n\f\v";
    const auto first = text.find_first_not_of(spaces);
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(spaces);
    return text.substr(first, last - first + 1);
}

}  // namespace

struct JsonlReader::Internal {
    std::istream* in = nullptr;
    std::string encoding;
    std::uint64_t line_number = 0;
    std::string line;
};

JsonlReader::JsonlReader(std::istream& in, std::string encoding)
    : internal_(std::make_unique<Internal>()) {
    internal_->in = &in;
    internal_->encoding = encoding.empty() ? "utf-8" : std::move(encoding);
}

JsonlReader::~JsonlReader() = default;
JsonlReader::JsonlReader(JsonlReader&&) noexcept = default;
JsonlReader& JsonlReader::operator=(JsonlReader&&) noexcept = default;

std::uint64_t JsonlReader::line_number() const { return internal_->line_number; }

bool JsonlReader::next(Article& article) {
    Internal& in = *internal_;
    while (std::getline(*in.in, in.line)) {
        ++in.line_number;
        std::string text;
        try {
            text = to_utf8(in.line, in.encoding);
        } catch (const EncodingError& e) {
            throw EncodingError(line_prefix(in.line_number) + e.what());
        }
        if (in.line_number == 1 && text.compare(0, detail::kUtf8Bom.size(), detail::kUtf8Bom) == 0) {
            text.erase(0, detail::kUtf8Bom.size());
        }
        if (trim(text).empty()) continue;
        if (detail::first_invalid_utf8(text) != std::string_view::npos) text = detail::repair_utf8(text);

        json object;
        try {
            object = json::parse(text);
        } catch (const json::exception& e) {
            throw InvalidArgumentError(line_prefix(in.line_number) + "not valid JSON (" +
                                       strip_exception_tag(e.what()) + ")");
        }
        if (!object.is_object()) {
            throw InvalidArgumentError(line_prefix(in.line_number) + "expected a JSON object, got " +
                                       std::string(object.type_name()));
        }

        const auto id_it = object.contains("id") ? object.find("id") : object.find("_id");
        if (id_it == object.end() || !(id_it->is_string() || id_it->is_number())) {
            throw InvalidArgumentError(line_prefix(in.line_number) +
                                       "no \"id\" or \"_id\" field (a string or a number)");
        }
        Article result;
        result.id = value_text(*id_it);
        if (result.id.empty()) {
            throw InvalidArgumentError(line_prefix(in.line_number) + "the id is empty");
        }
        object.erase(id_it);
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
        article = std::move(result);
        return true;
    }
    return false;
}

Article read_text_article(const std::string& path, const std::string& id, const std::string& encoding) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw IndexError("cannot read " + path + ": " + std::strerror(errno));
    }
    std::ostringstream buffer;
    buffer << file.rdbuf();
    if (file.bad()) {
        throw IndexError("cannot read " + path + ": " + std::strerror(errno));
    }
    std::string text = to_utf8(buffer.str(), encoding);
    if (text.compare(0, detail::kUtf8Bom.size(), detail::kUtf8Bom) == 0) text.erase(0, detail::kUtf8Bom.size());
    if (detail::first_invalid_utf8(text) != std::string_view::npos) text = detail::repair_utf8(text);

    // Windows line ends would leave a '\r' at the end of the title and of every body line.
    std::string unix_text;
    unix_text.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        unix_text += text[i];
    }

    Article article;
    article.id = id;
    std::string_view rest = unix_text;
    while (!rest.empty()) {
        const auto end = rest.find('\n');
        const std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        if (!trim(line).empty()) {
            article.title = std::string(trim(line));
            break;
        }
    }
    article.body = std::string(trim(rest));
    return article;
}

}  // namespace fahras
