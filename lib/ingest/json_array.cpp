/** @file json_array.cpp
 *  @brief fahras::JsonArrayReader: the records of a JSON array (SaudiNewsNet's files), one at a time.
 *
 *  The array is split into its records by a small scanner (strings and nesting only) and each record is
 *  parsed on its own, so one malformed record costs that record and not the file, and every error can
 *  name the line where its record starts.
 */
#include "ingest/json_record.hpp"

#include <fahras/error.hpp>
#include <fahras/ingest.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>
#include <utility>

namespace fahras {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

struct JsonArrayReader::Internal {
    std::istream* in = nullptr;
    std::string id_prefix;
    std::string encoding;
    bool loaded = false;
    bool done = false;
    std::string text;
    std::size_t pos = 0;          // next byte to scan in text
    std::uint64_t line = 1;       // line of text[pos]
    std::uint64_t record = 0;     // records seen so far
    std::uint64_t record_line = 0;

    void advance_to(std::size_t end) {
        line += static_cast<std::uint64_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(pos),
                                                      text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
        pos = end;
    }

    void skip_spaces() {
        std::size_t end = pos;
        while (end < text.size() && is_space(text[end])) ++end;
        advance_to(end);
    }

    [[noreturn]] void fail_and_end(const std::string& message) {
        done = true;
        throw RecordError(detail::line_prefix(line) + message, {}, line);
    }

    void load() {
        loaded = true;
        done = true;  // until the input has proved to be an array: a failure here ends the reader
        std::string bytes{std::istreambuf_iterator<char>(*in), std::istreambuf_iterator<char>()};
        text = detail::clean_utf8(bytes, encoding);
        skip_spaces();
        if (pos == text.size()) return;  // an empty file holds no articles
        if (text[pos] != '[') fail_and_end("expected a JSON array of articles ('[' ... ']')");
        advance_to(pos + 1);
        done = false;
    }

    // The end of the value starting at pos: the first ',' or ']' outside strings at nesting depth 0, or
    // the end of the text after a complete value (the array's ']' is then missing); npos when cut short.
    std::size_t value_end() const {
        int depth = 0;
        bool in_string = false;
        for (std::size_t i = pos; i < text.size(); ++i) {
            const char c = text[i];
            if (in_string) {
                if (c == '\\') ++i;
                else if (c == '"') in_string = false;
            } else if (c == '"') {
                in_string = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (depth == 0) return i;
                --depth;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return depth == 0 && !in_string ? text.size() : std::string::npos;
    }
};

JsonArrayReader::JsonArrayReader(std::istream& in, std::string id_prefix, std::string encoding)
    : internal_(std::make_unique<Internal>()) {
    internal_->in = &in;
    internal_->id_prefix = std::move(id_prefix);
    internal_->encoding = encoding.empty() ? "utf-8" : std::move(encoding);
}

JsonArrayReader::~JsonArrayReader() = default;
JsonArrayReader::JsonArrayReader(JsonArrayReader&&) noexcept = default;
JsonArrayReader& JsonArrayReader::operator=(JsonArrayReader&&) noexcept = default;

std::uint64_t JsonArrayReader::line_number() const { return internal_->record_line; }

bool JsonArrayReader::next(Article& article) {
    Internal& in = *internal_;
    if (!in.loaded) in.load();
    while (!in.done) {
        in.skip_spaces();
        if (in.pos == in.text.size()) in.fail_and_end("the array is not closed with ']' (is the file cut short?)");
        if (in.text[in.pos] == ']') {
            in.done = true;
            return false;
        }
        if (in.text[in.pos] == ',') {  // an empty slot ("[,") or a trailing comma: skip it
            in.advance_to(in.pos + 1);
            continue;
        }
        const std::size_t end = in.value_end();
        if (end == std::string::npos) {
            in.fail_and_end("a record is not closed (is the file cut short?)");
        }
        const std::string_view slice = detail::trim_spaces(std::string_view(in.text).substr(in.pos, end - in.pos));
        in.record_line = in.line;
        ++in.record;
        in.advance_to(end < in.text.size() && in.text[end] == ',' ? end + 1 : end);
        const std::string where = detail::line_prefix(in.record_line) + "record " + std::to_string(in.record) + ": ";

        nlohmann::json object;
        try {
            object = nlohmann::json::parse(slice);
        } catch (const nlohmann::json::exception& e) {
            throw RecordError(where + "not valid JSON (" + detail::json_error_message(e) + ")");
        }
        if (!object.is_object()) {
            throw RecordError(where + "expected a JSON object, got " + std::string(object.type_name()));
        }
        article = detail::article_from_json(std::move(object), where,
                                            (in.id_prefix.empty() ? "" : in.id_prefix + "-") + std::to_string(in.record));
        return true;
    }
    return false;
}

}  // namespace fahras
