/** @file convert.cpp
 *  @brief Python documents to fahras::Article and results to dicts.
 *
 *  A document dict is not mapped here: its items become fahras::RecordField values and
 *  fahras::article_from_record (lib/ingest/json_record.cpp) maps them, the same rules as for a JSON
 *  Lines line, so `Index.add_many(json.loads(line) for line in f)` and `fahras.read_articles(f)` give
 *  the same documents.
 */
#include "convert.hpp"

#include <pybind11/stl.h>

#include <algorithm>
#include <utility>

namespace py = pybind11;
using namespace py::literals;

namespace fahras_python {

namespace {

// The UTF-8 of a str (cached by Python in the object, so no copy is made twice).
std::string_view str_view(py::handle value) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(value.ptr(), &size);
    if (!data) throw py::error_already_set();
    return {data, static_cast<std::size_t>(size)};
}

// Compact JSON of @p value, as the JSON readers keep a number, a list or an object.
std::string json_text(std::string_view key, py::handle value) {
    try {
        // Leaked on purpose: a static py::object would be released after the interpreter is gone.
        static const py::object* dumps = new py::object(py::module_::import("json").attr("dumps"));
        return (*dumps)(value, "ensure_ascii"_a = false, "separators"_a = py::make_tuple(",", ":")).cast<std::string>();
    } catch (const py::error_already_set& e) {
        if (!e.matches(PyExc_TypeError) && !e.matches(PyExc_ValueError)) throw;
        throw py::type_error("field \"" + std::string(key) + "\" must be str or JSON-serializable, not " +
                             type_name(value));
    }
}

fahras::RecordField record_field(py::handle key, py::handle value) {
    using Kind = fahras::RecordField::Kind;
    if (!PyUnicode_Check(key.ptr())) throw py::type_error("document keys must be str, not " + type_name(key));
    fahras::RecordField field;
    field.name = std::string(str_view(key));
    if (value.is_none()) return field;
    if (PyUnicode_Check(value.ptr())) {
        field.kind = Kind::STRING;
        field.text = std::string(str_view(value));
    } else if (PyLong_Check(value.ptr()) && !PyBool_Check(value.ptr())) {
        field.kind = Kind::INTEGER;
        field.text = py::str(value);
    } else {
        field.kind = PyDict_Check(value.ptr()) ? Kind::OBJECT : Kind::OTHER;
        field.text = json_text(field.name, value);
    }
    return field;
}

fahras::Article article_from_dict(py::handle object) {
    std::vector<fahras::RecordField> fields;
    fields.reserve(static_cast<std::size_t>(PyDict_Size(object.ptr())));
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    Py_ssize_t pos = 0;
    while (PyDict_Next(object.ptr(), &pos, &key, &value)) fields.push_back(record_field(key, value));
    return fahras::article_from_record(std::move(fields));
}

std::string text_attribute(py::handle obj, const char* name) {
    py::object value = obj.attr(name);
    if (!PyUnicode_Check(value.ptr())) {
        throw py::type_error(std::string(name) + " must be str, not " + type_name(value));
    }
    return std::string(str_view(value));
}

// An object with the attributes of fahras.Article: every field is str, metadata a dict of str to str.
fahras::Article article_from_object(py::handle o) {
    fahras::Article a;
    a.id = text_attribute(o, "id");
    a.title = text_attribute(o, "title");
    a.body = text_attribute(o, "body");
    a.author = text_attribute(o, "author");
    a.source = text_attribute(o, "source");
    a.url = text_attribute(o, "url");
    a.date = text_attribute(o, "date");
    py::object metadata = o.attr("metadata");
    if (metadata.is_none()) return a;
    if (!PyDict_Check(metadata.ptr())) throw py::type_error("metadata must be a dict of str to str, not " + type_name(metadata));
    for (auto [key, value] : metadata.cast<py::dict>()) {
        if (!PyUnicode_Check(key.ptr()) || !PyUnicode_Check(value.ptr()))
            throw py::type_error("metadata keys and values must be str, not " + type_name(key) + ": " + type_name(value));
        a.metadata.emplace(str_view(key), str_view(value));
    }
    return a;
}

py::dict metadata_dict(const std::map<std::string, std::string>& metadata) {
    py::dict d;
    for (const auto& [key, value] : metadata) d[utf8(key)] = utf8(value);
    return d;
}

// The keys of the dicts a search returns, interned once: py::dict("id"_a = ...) makes every key anew
// and goes through dict(**kwargs), which cost 2 us a hit, as much as a short query's search. Like the
// exception types, they live as long as the interpreter.
struct ResultKeys {
    PyObject* id = nullptr;
    PyObject* rank = nullptr;
    PyObject* score = nullptr;
    PyObject* title = nullptr;
    PyObject* author = nullptr;
    PyObject* source = nullptr;
    PyObject* url = nullptr;
    PyObject* date = nullptr;
    PyObject* metadata = nullptr;
    PyObject* snippet = nullptr;
    PyObject* hits = nullptr;
    PyObject* estimated_total = nullptr;
    PyObject* source_counts = nullptr;
    PyObject* suggestion = nullptr;
    PyObject* ignored = nullptr;
    PyObject* also_written = nullptr;
} result_keys;

void set_item(py::dict& d, PyObject* key, const py::handle& value) {
    if (PyDict_SetItem(d.ptr(), key, value.ptr()) != 0) throw py::error_already_set();
}

py::dict hit_dict(const fahras::Hit& h) {
    const ResultKeys& k = result_keys;
    py::dict d;
    set_item(d, k.id, utf8(h.id));
    set_item(d, k.rank, py::int_(h.rank));
    set_item(d, k.score, py::float_(h.score));
    set_item(d, k.title, utf8(h.title));
    set_item(d, k.author, utf8(h.author));
    set_item(d, k.source, utf8(h.source));
    set_item(d, k.url, utf8(h.url));
    set_item(d, k.date, utf8(h.date));
    set_item(d, k.metadata, metadata_dict(h.metadata));
    set_item(d, k.snippet, utf8(h.snippet));
    return d;
}

// Code point offsets for the byte offsets of tokens. Tokens come in text order, so one forward walk
// serves them all; a token that starts before the previous one (never expected) restarts the walk.
class CodePointCounter {
public:
    explicit CodePointCounter(std::string_view text) : text_(text) {}

    std::size_t at(std::size_t byte) {
        byte = std::min(byte, text_.size());
        if (byte < byte_) byte_ = chars_ = 0;
        for (; byte_ < byte; ++byte_) {
            // Every byte that is not a continuation byte (10xxxxxx) starts a code point.
            if ((static_cast<unsigned char>(text_[byte_]) & 0xC0) != 0x80) ++chars_;
        }
        return chars_;
    }

private:
    std::string_view text_;
    std::size_t byte_ = 0;
    std::size_t chars_ = 0;
};

// Decodes text known to be valid UTF-8 of at most 3-byte sequences (Arabic is 2-byte) into a new str;
// nullptr when it is not, for the general decoder to handle. CPython's decoder takes 1.5 us for a
// 200-character Arabic snippet; with this one, ten hits with snippets convert some 5 us faster.
PyObject* decode_bmp_utf8(std::string_view s) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t size = s.size();
    std::size_t count = 0;
    unsigned max_char = 0;
    for (std::size_t i = 0; i < size; ++count) {
        const unsigned char b = bytes[i];
        if (b < 0x80) {
            max_char |= b;
            i += 1;
        } else if (b >= 0xC2 && b < 0xE0 && i + 1 < size && (bytes[i + 1] & 0xC0) == 0x80) {
            max_char |= b >= 0xC4 ? 0x100 : 0x80;  // U+0100 and above start with 0xC4
            i += 2;
        } else if (b >= 0xE0 && b < 0xF0 && i + 2 < size && (bytes[i + 1] & 0xC0) == 0x80 &&
                   (bytes[i + 2] & 0xC0) == 0x80) {
            const unsigned c = (b & 0x0Fu) << 12 | (bytes[i + 1] & 0x3Fu) << 6 | (bytes[i + 2] & 0x3Fu);
            if (c < 0x800 || (c >= 0xD800 && c < 0xE000)) return nullptr;  // overlong or a surrogate
            max_char |= 0x100;
            i += 3;
        } else {
            return nullptr;  // 4-byte sequences and invalid bytes
        }
    }
    // Which storage the str needs (7, 8 or 16 bits): CPython requires the narrowest that fits.
    const Py_UCS4 max = max_char >= 0x100 ? 0xFFFF : max_char >= 0x80 ? 0xFF : 0x7F;
    PyObject* out = PyUnicode_New(static_cast<Py_ssize_t>(count), max);
    if (!out) throw py::error_already_set();
    const int kind = PyUnicode_KIND(out);
    void* data = PyUnicode_DATA(out);
    std::size_t n = 0;
    for (std::size_t i = 0; i < size; ++n) {
        const unsigned char b = bytes[i];
        unsigned c;
        if (b < 0x80) c = b, i += 1;
        else if (b < 0xE0) c = (b & 0x1Fu) << 6 | (bytes[i + 1] & 0x3Fu), i += 2;
        else c = (b & 0x0Fu) << 12 | (bytes[i + 1] & 0x3Fu) << 6 | (bytes[i + 2] & 0x3Fu), i += 3;
        PyUnicode_WRITE(kind, data, static_cast<Py_ssize_t>(n), c);
    }
    return out;
}

}  // namespace

std::string type_name(py::handle value) { return py::str(py::type::handle_of(value).attr("__name__")); }

py::str utf8(std::string_view s) {
    PyObject* out = decode_bmp_utf8(s);
    if (!out) out = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
    if (!out) throw py::error_already_set();
    return py::reinterpret_steal<py::str>(out);
}

fahras::Article document_from(py::handle object) {
    if (PyDict_Check(object.ptr())) return article_from_dict(object);
    if (!py::hasattr(object, "id")) throw py::type_error("a document must be a dict or an Article, not " + type_name(object));
    return article_from_object(object);
}

py::dict article_dict(const fahras::Article& a) {
    return py::dict("id"_a = utf8(a.id), "title"_a = utf8(a.title), "body"_a = utf8(a.body),
                    "author"_a = utf8(a.author), "source"_a = utf8(a.source), "url"_a = utf8(a.url),
                    "date"_a = utf8(a.date), "metadata"_a = metadata_dict(a.metadata));
}

py::dict results_dict(const fahras::SearchResults& r) {
    const ResultKeys& k = result_keys;
    py::list hits(r.hits.size());
    for (std::size_t i = 0; i < r.hits.size(); ++i) hits[i] = hit_dict(r.hits[i]);
    py::list source_counts;
    for (const auto& [source, n] : r.source_counts) source_counts.append(py::make_tuple(utf8(source), n));
    py::list ignored;
    for (const std::string& word : r.ignored) ignored.append(utf8(word));
    py::dict d;
    set_item(d, k.hits, hits);
    set_item(d, k.estimated_total, py::int_(r.estimated_total));
    set_item(d, k.source_counts, source_counts);
    set_item(d, k.suggestion, utf8(r.suggestion));
    set_item(d, k.ignored, ignored);
    py::list also;
    for (const fahras::AlsoWritten& a : r.also_written)
        also.append(py::make_tuple(utf8(a.word), utf8(a.spelling), a.documents));
    set_item(d, k.also_written, also);
    return d;
}

py::list token_dicts(std::string_view text, const std::vector<fahras::Token>& tokens) {
    CodePointCounter counter(text);
    py::list out;
    for (const fahras::Token& t : tokens) {
        py::list forms;
        for (const std::string& f : t.forms) forms.append(utf8(f));
        const std::size_t start = counter.at(t.begin);
        const std::size_t end = counter.at(t.end);
        out.append(py::dict("normalized"_a = utf8(t.normalized), "folded"_a = utf8(t.folded), "forms"_a = py::tuple(forms),
                            "bare"_a = utf8(t.bare), "stem"_a = utf8(t.stem), "position"_a = t.position,
                            "start"_a = start, "end"_a = end, "stopword"_a = t.stopword));
    }
    return out;
}

void intern_result_keys() {
    auto intern = [](PyObject*& key, const char* name) {
        key = PyUnicode_InternFromString(name);
        if (!key) throw py::error_already_set();
    };
    ResultKeys& k = result_keys;
    intern(k.id, "id"), intern(k.rank, "rank"), intern(k.score, "score"), intern(k.title, "title");
    intern(k.author, "author"), intern(k.source, "source"), intern(k.url, "url"), intern(k.date, "date");
    intern(k.metadata, "metadata"), intern(k.snippet, "snippet"), intern(k.hits, "hits");
    intern(k.estimated_total, "estimated_total"), intern(k.source_counts, "source_counts");
    intern(k.suggestion, "suggestion"), intern(k.ignored, "ignored");
    intern(k.also_written, "also_written");
}

}  // namespace fahras_python
