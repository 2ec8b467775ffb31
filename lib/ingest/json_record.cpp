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
using Kind = RecordField::Kind;

// The names of each Article field, first wins.
constexpr const char* kTitleNames[] = {"title"};
constexpr const char* kBodyNames[] = {"body", "text", "content"};
constexpr const char* kAuthorNames[] = {"author"};
constexpr const char* kSourceNames[] = {"source"};
constexpr const char* kUrlNames[] = {"url"};
constexpr const char* kDateNames[] = {"date", "date_extracted"};
constexpr const char* kMetadataName = "metadata";

const char* kind_name(Kind kind) {
    switch (kind) {
        case Kind::NULL_VALUE: return "null";
        case Kind::STRING: return "a string";
        case Kind::INTEGER: return "an integer";
        case Kind::OBJECT: return "an object";
        case Kind::OTHER: break;
    }
    return "a number, boolean or array";
}

RecordField* find_field(std::vector<RecordField>& fields, std::string_view name) {
    for (RecordField& field : fields) {
        if (field.kind != Kind::NULL_VALUE && field.name == name) return &field;
    }
    return nullptr;
}

// Fills @p out from the first of @p names present, which must be a string; the field is then used up
// (its kind set to NULL_VALUE) so that it does not also become metadata.
template <std::size_t N>
void take_text(std::vector<RecordField>& fields, const char* const (&names)[N], std::string& out,
               const std::string& where) {
    for (const char* name : names) {
        RecordField* field = find_field(fields, name);
        if (!field) continue;
        if (field->kind != Kind::STRING) {
            throw FieldTypeError(where + "the \"" + name + "\" field must be a string, not " + kind_name(field->kind));
        }
        out = std::move(field->text);
        field->kind = Kind::NULL_VALUE;
        return;
    }
}

// A JSON value as a record field: strings as they are, integers as digits, the rest as compact JSON.
// The input was repaired to valid UTF-8, so dump() cannot throw on it.
RecordField field_from_json(const std::string& name, json& value) {
    RecordField field;
    field.name = name;
    if (value.is_null()) return field;
    if (value.is_string()) {
        field.kind = Kind::STRING;
        field.text = std::move(value.get_ref<std::string&>());
    } else if (value.is_number_integer()) {
        field.kind = Kind::INTEGER;
        field.text = value.dump();
    } else {
        field.kind = value.is_object() ? Kind::OBJECT : Kind::OTHER;
        field.text = value.dump();
    }
    return field;
}

void merge_metadata_object(const RecordField& field, Article& article, const std::string& where) {
    json members;
    try {
        members = json::parse(field.text);
    } catch (const json::exception& e) {
        throw FieldTypeError(where + "the \"metadata\" field is not a JSON object (" + json_error_message(e) + ")");
    }
    for (auto it = members.begin(); it != members.end(); ++it) {
        if (it->is_null()) continue;
        article.metadata.insert_or_assign(it.key(), it->is_string() ? it->get<std::string>() : it->dump());
    }
}

}  // namespace

std::string line_prefix(std::uint64_t line) { return "line " + std::to_string(line) + ": "; }

Article article_from_json(json object, const std::string& where, const std::string& fallback_id) {
    std::vector<RecordField> fields;
    fields.reserve(object.size());
    for (auto it = object.begin(); it != object.end(); ++it) fields.push_back(field_from_json(it.key(), it.value()));
    return article_from_record(std::move(fields), where, fallback_id);
}

std::string json_error_message(const json::exception& error) {
    std::string message = error.what();
    if (!message.empty() && message.front() == '[') {
        const auto close = message.find("] ");
        if (close != std::string::npos) message.erase(0, close + 2);
    }
    // The message quotes the last token read, which may end inside a multi-byte character.
    if (first_invalid_utf8(message) != std::string_view::npos) message = repair_utf8(message);
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

namespace fahras {

using detail::find_field;
using detail::kind_name;
using detail::merge_metadata_object;
using detail::take_text;

Article article_from_record(std::vector<RecordField> fields, const std::string& where, const std::string& fallback_id) {
    using Kind = RecordField::Kind;
    Article result;
    // "id": null next to "_id" counts as absent, so "_id" is the id then.
    RecordField* id = find_field(fields, "id");
    if (!id) id = find_field(fields, "_id");
    if (id) {
        if (id->kind != Kind::STRING && id->kind != Kind::INTEGER) {
            throw FieldTypeError(where + "the \"" + id->name + "\" field must be a string or an integer, not " +
                                 kind_name(id->kind));
        }
        result.id = std::move(id->text);
        if (result.id.empty()) throw RecordError(where + "the id is empty");
    } else if (fallback_id.empty()) {
        throw RecordError(where + "no \"id\" or \"_id\" field (a string or an integer)");
    } else {
        result.id = fallback_id;
    }
    if (result.id.size() > kMaxIdBytes) {
        throw RecordError(where + "the id is " + std::to_string(result.id.size()) + " bytes long, longer than " +
                          std::to_string(kMaxIdBytes) + " (use a shorter id, e.g. a hash of the URL)");
    }
    for (RecordField& field : fields) {  // when both id and _id are present, id wins and _id is not metadata
        if (field.name == "id" || field.name == "_id") field.kind = Kind::NULL_VALUE;
    }

    take_text(fields, detail::kTitleNames, result.title, where);
    take_text(fields, detail::kBodyNames, result.body, where);
    take_text(fields, detail::kAuthorNames, result.author, where);
    take_text(fields, detail::kSourceNames, result.source, where);
    take_text(fields, detail::kUrlNames, result.url, where);
    take_text(fields, detail::kDateNames, result.date, where);
    // Everything left, including a second body or date field, is kept as metadata; the members of a
    // "metadata" object are merged last, so they win over same-named fields.
    const RecordField* metadata_object = nullptr;
    for (RecordField& field : fields) {
        if (field.kind == Kind::NULL_VALUE) continue;
        if (field.kind == Kind::OBJECT && field.name == detail::kMetadataName) {
            metadata_object = &field;
            continue;
        }
        result.metadata.emplace(field.name, std::move(field.text));
    }
    if (metadata_object) merge_metadata_object(*metadata_object, result, where);
    return result;
}

}  // namespace fahras
