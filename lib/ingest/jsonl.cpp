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
#include "ingest/json_record.hpp"

#include <fahras/error.hpp>
#include <fahras/ingest.hpp>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <utility>

namespace fahras {

using nlohmann::json;
using detail::article_from_json;
using detail::json_error_message;
using detail::line_prefix;
using detail::trim_spaces;

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
        if (trim_spaces(text).empty()) continue;
        if (detail::first_invalid_utf8(text) != std::string_view::npos) text = detail::repair_utf8(text);

        json object;
        try {
            object = json::parse(text);
        } catch (const json::exception& e) {
            throw RecordError(line_prefix(in.line_number) + "not valid JSON (" + json_error_message(e) + ")", {},
                              in.line_number);
        }
        if (!object.is_object()) {
            throw RecordError(line_prefix(in.line_number) + "expected a JSON object, got " +
                                  std::string(object.type_name()), {}, in.line_number);
        }

        article = article_from_json(std::move(object), line_prefix(in.line_number), "");
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
    const std::string text = detail::clean_utf8(buffer.str(), encoding);

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
        if (!trim_spaces(line).empty()) {
            article.title = std::string(trim_spaces(line));
            break;
        }
    }
    article.body = std::string(trim_spaces(rest));
    return article;
}

}  // namespace fahras
