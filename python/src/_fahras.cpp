/** @file _fahras.cpp
 *  @brief _fahras: the compiled half of the fahras Python package.
 *
 *  The module is kept thin: behaviour stays in C++ classes (Analyzer, Index, Searcher, JsonlReader) and
 *  value types cross the boundary as plain dicts. The Pythonic layer (dataclasses, keyword arguments,
 *  context managers) lives in fahras/__init__.py; options come in duck-typed, as any object with the
 *  attributes of the dataclasses there.
 *
 *  Rules followed throughout:
 *   - arguments are converted to C++ values while holding the GIL; the GIL is then released around the
 *     library call, and results are converted back after it is re-acquired;
 *   - an Index, its Searchers and a JsonlReader are not thread-safe in C++, so each wrapper guards its
 *     object with a mutex, always taken after the GIL has been released (never the other way round, so
 *     the two locks cannot deadlock);
 *   - token offsets are byte offsets in C++ and code point offsets in Python, so that
 *     text[token.start:token.end] is the original word.
 */
#include <fahras/fahras.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace py = pybind11;
using namespace py::literals;

namespace {

// ---------------------------------------------------------------------------------------------------
// Exceptions: a Python hierarchy mirroring error.hpp.

struct PyExceptions {
    PyObject* error = nullptr;
    PyObject* invalid_argument = nullptr;
    PyObject* encoding = nullptr;
    PyObject* query_syntax = nullptr;
    PyObject* index = nullptr;
    PyObject* index_not_found = nullptr;
    PyObject* corrupt_index = nullptr;
    PyObject* index_locked = nullptr;
    PyObject* analyzer_mismatch = nullptr;
};

// The exception types live as long as the interpreter (the module is never unloaded).
PyExceptions exceptions;

// Creates fahras.<name> deriving from @p bases and adds it to @p m.
PyObject* add_exception(py::module_& m, const char* name, py::tuple bases, const char* doc) {
    const std::string qualified = std::string("fahras.") + name;
    PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
    if (!type) throw py::error_already_set();
    m.add_object(name, py::handle(type));  // add_object steals nothing: the module keeps its own reference
    return type;
}

void register_exceptions(py::module_& m) {
    PyExceptions& e = exceptions;
    e.error = add_exception(m, "Error", py::make_tuple(py::handle(PyExc_Exception)),
                            R"doc(Base of every exception fahras raises.)doc");
    e.invalid_argument = add_exception(
        m, "InvalidArgumentError", py::make_tuple(py::handle(e.error), py::handle(PyExc_ValueError)),
        R"doc(The caller passed something invalid (bad option, empty id, closed index); also a ValueError.)doc");
    e.encoding = add_exception(m, "EncodingError", py::make_tuple(py::handle(e.invalid_argument)),
                               R"doc(Text is not valid in the encoding it claims.)doc");
    e.query_syntax = add_exception(m, "QuerySyntaxError", py::make_tuple(py::handle(e.invalid_argument)),
                                   R"doc(A query could not be understood (strict parsing only).)doc");
    e.index = add_exception(
        m, "IndexAccessError", py::make_tuple(py::handle(e.error), py::handle(PyExc_OSError)),
        R"doc(A runtime failure of the index: I/O, missing path, corruption, lock held by another writer; also an OSError.

This is fahras::IndexError in C++; it is renamed so that it does not shadow the builtin IndexError.)doc");
    e.index_not_found = add_exception(
        m, "IndexNotFoundError", py::make_tuple(py::handle(e.index), py::handle(PyExc_FileNotFoundError)),
        R"doc(The path does not hold a fahras index; also a FileNotFoundError.)doc");
    e.corrupt_index = add_exception(m, "CorruptIndexError", py::make_tuple(py::handle(e.index)),
                                    R"doc(The index files are damaged; restore from a backup or rebuild.)doc");
    e.index_locked = add_exception(m, "IndexLockedError", py::make_tuple(py::handle(e.index)),
                                   R"doc(Another writer holds the write lock of this index.)doc");
    e.analyzer_mismatch = add_exception(m, "AnalyzerMismatchError", py::make_tuple(py::handle(e.index)),
                                        R"doc(The index was built by a different analyzer; rebuild it.)doc");

    // One translator, most derived first.
    py::register_exception_translator([](std::exception_ptr p) {
        const PyExceptions& x = exceptions;
        try {
            if (p) std::rethrow_exception(p);
        } catch (const fahras::EncodingError& err) {
            PyErr_SetString(x.encoding, err.what());
        } catch (const fahras::QuerySyntaxError& err) {
            PyErr_SetString(x.query_syntax, err.what());
        } catch (const fahras::InvalidArgumentError& err) {
            PyErr_SetString(x.invalid_argument, err.what());
        } catch (const fahras::IndexNotFoundError& err) {
            PyErr_SetString(x.index_not_found, err.what());
        } catch (const fahras::CorruptIndexError& err) {
            PyErr_SetString(x.corrupt_index, err.what());
        } catch (const fahras::IndexLockedError& err) {
            PyErr_SetString(x.index_locked, err.what());
        } catch (const fahras::AnalyzerMismatchError& err) {
            PyErr_SetString(x.analyzer_mismatch, err.what());
        } catch (const fahras::IndexError& err) {
            PyErr_SetString(x.index, err.what());
        } catch (const fahras::Error& err) {
            PyErr_SetString(x.error, err.what());
        }
    });
}

// ---------------------------------------------------------------------------------------------------
// Python objects -> C++ values. Options and articles are read by attribute name, so any object with
// the fields of the dataclasses in fahras/__init__.py will do.

std::string type_name(py::handle value) { return py::str(py::type::handle_of(value).attr("__name__")); }

template <class T>
T attribute(py::handle obj, const char* name, const char* expected) {
    py::object value = obj.attr(name);
    if constexpr (std::is_same_v<T, bool>) {
        if (!PyBool_Check(value.ptr()))
            throw py::type_error(std::string(name) + " must be " + expected + ", not " + type_name(value));
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (!PyUnicode_Check(value.ptr()))
            throw py::type_error(std::string(name) + " must be " + expected + ", not " + type_name(value));
    }
    try {
        return value.cast<T>();
    } catch (const py::cast_error&) {
        throw py::type_error(std::string(name) + " must be " + expected + ", not " + type_name(value) +
                             " (" + std::string(py::repr(value)) + ")");
    }
}

bool flag(py::handle obj, const char* name) { return attribute<bool>(obj, name, "bool"); }
std::string text(py::handle obj, const char* name) { return attribute<std::string>(obj, name, "str"); }
unsigned count(py::handle obj, const char* name) { return attribute<unsigned>(obj, name, "a non-negative int"); }
double number(py::handle obj, const char* name) { return attribute<double>(obj, name, "float"); }

fahras::NormalizerOptions normalizer_options(py::handle o) {
    fahras::NormalizerOptions n;
    n.nfkc = flag(o, "nfkc");
    n.strip_diacritics = flag(o, "strip_diacritics");
    n.strip_tatweel = flag(o, "strip_tatweel");
    n.fold_alef = flag(o, "fold_alef");
    n.fold_alef_maksura = flag(o, "fold_alef_maksura");
    n.fold_teh_marbuta = flag(o, "fold_teh_marbuta");
    n.fold_hamza_carriers = flag(o, "fold_hamza_carriers");
    n.fold_persian = flag(o, "fold_persian");
    n.fold_digits = flag(o, "fold_digits");
    n.fold_latin = flag(o, "fold_latin");
    return n;
}

fahras::InvalidUtf8 invalid_utf8_policy(const std::string& name) {
    if (name == "replace") return fahras::InvalidUtf8::REPLACE;
    if (name == "strict") return fahras::InvalidUtf8::THROW;
    throw fahras::InvalidArgumentError("invalid_utf8 must be \"replace\" or \"strict\", not \"" + name + "\"");
}

fahras::AnalyzerOptions analyzer_options(py::handle o) {
    fahras::AnalyzerOptions a;
    a.normalizer = normalizer_options(o.attr("normalizer"));
    a.invalid_utf8 = invalid_utf8_policy(text(o, "invalid_utf8"));
    a.strip_proclitics = flag(o, "strip_proclitics");
    a.stem = flag(o, "stem");
    return a;
}

fahras::IndexOptions index_options(py::handle o) {
    fahras::IndexOptions i;
    i.analyzer = analyzer_options(o.attr("analyzer"));
    i.store_text = flag(o, "store_text");
    i.positions = flag(o, "positions");
    i.threads = count(o, "threads");
    i.title_weight = count(o, "title_weight");
    i.flush_every = count(o, "flush_every");
    return i;
}

fahras::RankingOptions ranking_options(py::handle o) {
    fahras::RankingOptions r;
    r.k1 = number(o, "k1");
    r.b = number(o, "b");
    r.form_weight = number(o, "form_weight");
    r.strip_weight = number(o, "strip_weight");
    r.stem_weight = number(o, "stem_weight");
    r.length_norm_floor = number(o, "length_norm_floor");
    return r;
}

fahras::Article article_from(py::handle o) {
    fahras::Article a;
    a.id = text(o, "id");
    a.title = text(o, "title");
    a.body = text(o, "body");
    a.author = text(o, "author");
    a.source = text(o, "source");
    a.url = text(o, "url");
    a.date = text(o, "date");
    py::object metadata = o.attr("metadata");
    if (!metadata.is_none()) {
        if (!PyDict_Check(metadata.ptr()))
            throw py::type_error("metadata must be a dict of str to str, not " + type_name(metadata));
        for (auto [key, value] : metadata.cast<py::dict>()) {
            if (!PyUnicode_Check(key.ptr()) || !PyUnicode_Check(value.ptr()))
                throw py::type_error("metadata keys and values must be str, not " + type_name(key) + ": " +
                                     type_name(value));
            a.metadata.emplace(key.cast<std::string>(), value.cast<std::string>());
        }
    }
    return a;
}

// The UTF-8 of a str (cached by Python in the object, so no copy is made twice).
std::string_view str_view(py::handle value) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(value.ptr(), &size);
    if (!data) throw py::error_already_set();
    return {data, static_cast<std::size_t>(size)};
}

// A field value of a document dict as text: str as it is, anything else as compact JSON (as the JSON
// Lines reader keeps a number, a list or an object); a value json cannot write is a TypeError.
std::string field_text(std::string_view key, py::handle value) {
    if (PyUnicode_Check(value.ptr())) return std::string(str_view(value));
    try {
        const py::object dumps = py::module_::import("json").attr("dumps");
        return dumps(value, "ensure_ascii"_a = false, "separators"_a = py::make_tuple(",", ":")).cast<std::string>();
    } catch (const py::error_already_set& e) {
        if (!e.matches(PyExc_TypeError) && !e.matches(PyExc_ValueError)) throw;
        throw py::type_error("field \"" + std::string(key) + "\" must be str or JSON-serializable, not " +
                             type_name(value));
    }
}

// A document dict, keyed as a JSON Lines line is (JsonlReader): "id" or "_id"; "title";
// "body"/"text"/"content"; "author"; "source"; "url"; "date"/"date_extracted"; a "metadata" dict; any
// other key is metadata. None counts as absent; of several names for one field the first present wins
// and the others are kept as metadata, as in JSON Lines.
fahras::Article article_from_dict(py::handle object) {
    enum Field { ID, UNDERSCORE_ID, TITLE, BODY, TEXT, CONTENT, AUTHOR, SOURCE, URL, DATE, DATE_EXTRACTED, COUNT };
    static constexpr std::pair<std::string_view, Field> kNames[] = {
        {"id", ID},         {"_id", UNDERSCORE_ID}, {"title", TITLE}, {"body", BODY}, {"text", TEXT},
        {"content", CONTENT}, {"author", AUTHOR},   {"source", SOURCE}, {"url", URL}, {"date", DATE},
        {"date_extracted", DATE_EXTRACTED}};
    PyObject* fields[COUNT] = {};
    fahras::Article a;
    PyObject* metadata = nullptr;
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    Py_ssize_t pos = 0;
    while (PyDict_Next(object.ptr(), &pos, &key, &value)) {
        if (!PyUnicode_Check(key)) throw py::type_error("document keys must be str, not " + type_name(key));
        if (value == Py_None) continue;
        const std::string_view name = str_view(key);
        const auto known = std::find_if(std::begin(kNames), std::end(kNames), [&](const auto& n) { return n.first == name; });
        if (known != std::end(kNames)) fields[known->second] = value;
        else if (name == "metadata" && PyDict_Check(value)) metadata = value;
        else a.metadata.emplace(name, field_text(name, value));
    }
    // The first present of several names fills the field; the others stay as metadata.
    auto take = [&](std::string& out, std::initializer_list<Field> names) {
        bool taken = false;
        for (const Field f : names) {
            if (!fields[f]) continue;
            const std::string_view name = kNames[f].first;
            if (taken) {
                a.metadata.emplace(name, field_text(name, fields[f]));
                continue;
            }
            if (!PyUnicode_Check(fields[f]))
                throw py::type_error("\"" + std::string(name) + "\" must be str, not " + type_name(fields[f]));
            out = std::string(str_view(fields[f]));
            taken = true;
        }
    };
    PyObject* id = fields[ID] ? fields[ID] : fields[UNDERSCORE_ID];
    if (!id) throw fahras::InvalidArgumentError("a document has no \"id\" (or \"_id\"): every document needs one");
    if (PyLong_Check(id) && !PyBool_Check(id)) a.id = py::str(id);
    else if (PyUnicode_Check(id)) a.id = std::string(str_view(id));
    else throw py::type_error("\"id\" must be str or int, not " + type_name(id));
    take(a.title, {TITLE});
    take(a.body, {BODY, TEXT, CONTENT});
    take(a.author, {AUTHOR});
    take(a.source, {SOURCE});
    take(a.url, {URL});
    take(a.date, {DATE, DATE_EXTRACTED});
    if (metadata) {
        key = value = nullptr;
        pos = 0;
        while (PyDict_Next(metadata, &pos, &key, &value)) {
            if (!PyUnicode_Check(key) || !PyUnicode_Check(value))
                throw py::type_error("metadata keys and values must be str, not " + type_name(key) + ": " +
                                     type_name(value));
            a.metadata.insert_or_assign(std::string(str_view(key)), std::string(str_view(value)));
        }
    }
    return a;
}

// A document dict or an Article-like object.
fahras::Article document_from(py::handle object) {
    if (PyDict_Check(object.ptr())) return article_from_dict(object);
    if (!py::hasattr(object, "id"))
        throw py::type_error("a document must be a dict or an Article, not " + type_name(object));
    return article_from(object);
}

fahras::OpenMode open_mode(const std::string& name) {
    if (name == "create_or_open") return fahras::OpenMode::CREATE_OR_OPEN;
    if (name == "read_only") return fahras::OpenMode::READ_ONLY;
    if (name == "overwrite") return fahras::OpenMode::CREATE_OR_OVERWRITE;
    throw fahras::InvalidArgumentError("mode must be \"create_or_open\", \"read_only\" or \"overwrite\", not \"" +
                                       name + "\"");
}

fahras::SortOrder sort_order(const std::string& name) {
    if (name == "relevance") return fahras::SortOrder::RELEVANCE;
    if (name == "date") return fahras::SortOrder::DATE_DESC;
    if (name == "date_asc") return fahras::SortOrder::DATE_ASC;
    throw fahras::InvalidArgumentError("sort must be \"relevance\", \"date\" or \"date_asc\", not \"" + name + "\"");
}

// ---------------------------------------------------------------------------------------------------
// C++ values -> Python dicts (the keyword arguments of the dataclasses in fahras/__init__.py).

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

// Text produced by the library is valid UTF-8; decoding with "replace" keeps a stray bad byte from
// turning a whole result into a UnicodeDecodeError.
py::str utf8(std::string_view s) {
    PyObject* out = decode_bmp_utf8(s);
    if (!out) out = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
    if (!out) throw py::error_already_set();
    return py::reinterpret_steal<py::str>(out);
}

py::dict metadata_dict(const std::map<std::string, std::string>& metadata) {
    py::dict d;
    for (const auto& [key, value] : metadata) d[utf8(key)] = utf8(value);
    return d;
}

py::dict article_dict(const fahras::Article& a) {
    return py::dict("id"_a = utf8(a.id), "title"_a = utf8(a.title), "body"_a = utf8(a.body),
                    "author"_a = utf8(a.author), "source"_a = utf8(a.source), "url"_a = utf8(a.url),
                    "date"_a = utf8(a.date), "metadata"_a = metadata_dict(a.metadata));
}

// The keys of the dicts a search returns, interned once: py::dict("id"_a = ...) makes every key anew
// and goes through dict(**kwargs), which cost 2 us a hit, as much as a short query's search.
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
};

// Like the exception types, the keys live as long as the interpreter.
ResultKeys result_keys;

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
}

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
    return d;
}

py::dict analyzer_options_dict(const fahras::AnalyzerOptions& a) {
    const fahras::NormalizerOptions& n = a.normalizer;
    py::dict normalizer("nfkc"_a = n.nfkc, "strip_diacritics"_a = n.strip_diacritics,
                        "strip_tatweel"_a = n.strip_tatweel, "fold_alef"_a = n.fold_alef,
                        "fold_alef_maksura"_a = n.fold_alef_maksura, "fold_teh_marbuta"_a = n.fold_teh_marbuta,
                        "fold_hamza_carriers"_a = n.fold_hamza_carriers, "fold_persian"_a = n.fold_persian,
                        "fold_digits"_a = n.fold_digits, "fold_latin"_a = n.fold_latin);
    return py::dict("normalizer"_a = normalizer,
                    "invalid_utf8"_a = a.invalid_utf8 == fahras::InvalidUtf8::THROW ? "strict" : "replace",
                    "strip_proclitics"_a = a.strip_proclitics, "stem"_a = a.stem);
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

py::list token_dicts(std::string_view text, const std::vector<fahras::Token>& tokens) {
    CodePointCounter counter(text);
    py::list out;
    for (const fahras::Token& t : tokens) {
        py::list forms;
        for (const std::string& f : t.forms) forms.append(utf8(f));
        const std::size_t start = counter.at(t.begin);
        const std::size_t end = counter.at(t.end);
        out.append(py::dict("normalized"_a = utf8(t.normalized), "forms"_a = py::tuple(forms),
                            "bare"_a = utf8(t.bare), "stem"_a = utf8(t.stem), "position"_a = t.position,
                            "start"_a = start, "end"_a = end, "stopword"_a = t.stopword));
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------
// Wrappers for the classes that are not thread-safe in C++.

/// An Index that can be closed, guarded by a mutex shared with the Searchers that use its handle.
class PyIndex {
public:
    PyIndex(fahras::Index index, bool in_memory)
        : index_(std::move(index)), in_memory_(in_memory), mutex_(std::make_shared<std::mutex>()) {}

    /// Runs @p f on the open index without the GIL and under the mutex; f must not touch Python.
    template <class F>
    auto run(F&& f) {
        py::gil_scoped_release nogil;
        std::lock_guard<std::mutex> lock(*mutex_);
        if (!index_) throw fahras::InvalidArgumentError("the index is closed");
        return f(*index_);
    }

    void close() {
        py::gil_scoped_release nogil;
        std::lock_guard<std::mutex> lock(*mutex_);
        index_.reset();  // the destructor commits a writable index, as Xapian does
    }

    bool closed() {
        std::lock_guard<std::mutex> lock(*mutex_);
        return !index_.has_value();
    }

    bool in_memory() const { return in_memory_; }
    const std::shared_ptr<std::mutex>& mutex() const { return mutex_; }

private:
    std::optional<fahras::Index> index_;
    bool in_memory_;
    std::shared_ptr<std::mutex> mutex_;
};

/// A Searcher with its mutex: the index's own for in-memory and read-only indexes (the searcher then
/// shares the index's Xapian handle), its own otherwise.
class PySearcher {
public:
    PySearcher(PyIndex& index, const fahras::RankingOptions& ranking) {
        bool shares_handle = false;
        std::optional<fahras::Searcher> searcher = index.run([&](fahras::Index& i) {
            shares_handle = index.in_memory() || !i.writable();
            return std::optional<fahras::Searcher>(fahras::Searcher(i, ranking));
        });
        searcher_.emplace(std::move(*searcher));
        mutex_ = shares_handle ? index.mutex() : std::make_shared<std::mutex>();
    }

    template <class F>
    auto run(F&& f) {
        py::gil_scoped_release nogil;
        std::lock_guard<std::mutex> lock(*mutex_);
        return f(*searcher_);
    }

private:
    std::optional<fahras::Searcher> searcher_;
    std::shared_ptr<std::mutex> mutex_;
};

/// A JsonlReader over a file it owns.
class PyJsonlReader {
public:
    PyJsonlReader(const std::string& path, std::string encoding) : path_(path) {
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec)) raise_os_error(EISDIR);
        errno = 0;
        file_.open(path, std::ios::binary);
        if (!file_) raise_os_error(errno ? errno : ENOENT);
        reader_.emplace(file_, std::move(encoding));
    }

    std::optional<fahras::Article> next() {
        py::gil_scoped_release nogil;
        std::lock_guard<std::mutex> lock(mutex_);
        if (!reader_) return std::nullopt;
        fahras::Article article;
        if (!reader_->next(article)) return std::nullopt;
        return article;
    }

    std::uint64_t line_number() {
        std::lock_guard<std::mutex> lock(mutex_);
        return reader_ ? reader_->line_number() : last_line_;
    }

    void close() {
        py::gil_scoped_release nogil;
        std::lock_guard<std::mutex> lock(mutex_);
        if (reader_) last_line_ = reader_->line_number();
        reader_.reset();
        file_.close();
    }

private:
    [[noreturn]] void raise_os_error(int error) {
        errno = error;
        PyErr_SetFromErrnoWithFilename(PyExc_OSError, path_.c_str());
        throw py::error_already_set();
    }

    std::string path_;
    std::ifstream file_;  // declared before reader_, which keeps a reference to it
    std::optional<fahras::JsonlReader> reader_;
    std::uint64_t last_line_ = 0;
    std::mutex mutex_;
};

}  // namespace

PYBIND11_MODULE(_fahras, m) {
    m.doc() = R"doc(Compiled core of fahras, Arabic full-text search on Xapian.

Use the fahras package instead: it wraps this module in dataclasses and keyword arguments. Values
cross this boundary as dicts; options are read from any object with the dataclasses' attributes.)doc";
    m.attr("__version__") = fahras::version();
    {
        // The Python dataclass takes its defaults from here, so the two cannot drift apart.
        const fahras::RankingOptions r;
        py::dict d;
        d["k1"] = r.k1;
        d["b"] = r.b;
        d["length_norm_floor"] = r.length_norm_floor;
        d["form_weight"] = r.form_weight;
        d["strip_weight"] = r.strip_weight;
        d["stem_weight"] = r.stem_weight;
        m.attr("RANKING_DEFAULTS") = d;
    }

    register_exceptions(m);
    intern_result_keys();

    // --- Analyzer --------------------------------------------------------------------------------
    py::class_<fahras::Analyzer>(m, "Analyzer", R"doc(The analysis pipeline (immutable, thread-safe).)doc")
        .def(py::init([](py::handle options) { return fahras::Analyzer(analyzer_options(options)); }),
             "options"_a, R"doc(Builds an analyzer from an AnalyzerOptions-like object.)doc")
        .def(
            "normalize",
            [](const fahras::Analyzer& a, std::string_view s) {
                std::string out;
                {
                    py::gil_scoped_release nogil;
                    out = a.normalize(s);
                }
                return utf8(out);
            },
            "text"_a, R"doc(Normalizes a whole text (not split into words).)doc")
        .def(
            "analyze",
            [](const fahras::Analyzer& a, std::string_view s) {
                std::vector<fahras::Token> tokens;
                {
                    py::gil_scoped_release nogil;
                    tokens = a.analyze(s);
                }
                return token_dicts(s, tokens);
            },
            "text"_a,
            R"doc(The words of a text as Token keyword dicts; start/end are code point offsets into text.)doc")
        .def("is_stopword", &fahras::Analyzer::is_stopword, "normalized_word"_a,
             R"doc(True if the already normalized word is a stopword.)doc")
        .def_property_readonly("id", &fahras::Analyzer::id,
                               R"doc(Name and version of the analysis, as stored in indexes.)doc")
        .def_property_readonly(
            "options", [](const fahras::Analyzer& a) { return analyzer_options_dict(a.options()); },
            R"doc(The options as AnalyzerOptions keyword dicts (normalizer nested).)doc");

    // --- Index -----------------------------------------------------------------------------------
    py::class_<PyIndex>(m, "Index", R"doc(A fahras index (not thread-safe in C++; guarded by a mutex here).)doc")
        .def_static(
            "open",
            [](const std::string& path, const std::string& mode, py::handle options) {
                const fahras::OpenMode m = open_mode(mode);
                fahras::IndexOptions o = index_options(options);
                py::gil_scoped_release nogil;
                return std::make_unique<PyIndex>(fahras::Index::open(path, m, std::move(o)), false);
            },
            "path"_a, "mode"_a, "options"_a,
            R"doc(Opens an index directory; mode is "create_or_open", "read_only" or "overwrite".)doc")
        .def_static(
            "in_memory",
            [](py::handle options) {
                fahras::IndexOptions o = index_options(options);
                py::gil_scoped_release nogil;
                return std::make_unique<PyIndex>(fahras::Index::in_memory(std::move(o)), true);
            },
            "options"_a, R"doc(A writable index in memory.)doc")
        .def(
            "add",
            [](PyIndex& self, py::handle article) {
                const fahras::Article a = document_from(article);
                self.run([&](fahras::Index& i) { i.add(a); });
            },
            "article"_a,
            R"doc(Adds a document dict or an Article-like object, replacing any article with the same id.)doc")
        .def(
            "add_batch",
            [](PyIndex& self, py::iterable articles) {
                std::vector<fahras::Article> batch;
                for (py::handle a : articles) batch.push_back(document_from(a));
                self.run([&](fahras::Index& i) { i.add_batch(batch); });
            },
            "articles"_a, R"doc(Adds many document dicts or Article-like objects, analysing them on several threads.)doc")
        .def(
            "add_many",
            [](PyIndex& self, py::iterable documents, std::size_t batch_size) {
                if (batch_size == 0) throw fahras::InvalidArgumentError("batch_size must be at least 1");
                // Documents are converted with the GIL held, a batch at a time; each batch is then
                // indexed without it, so other Python threads run while the analysis threads work.
                std::vector<fahras::Article> batch;
                batch.reserve(std::min<std::size_t>(batch_size, 4096));  // a huge batch_size grows as it fills
                std::size_t added = 0;
                auto flush = [&] {
                    self.run([&](fahras::Index& i) { i.add_batch(batch); });
                    added += batch.size();
                    batch.clear();
                };
                for (py::handle d : documents) {
                    batch.push_back(document_from(d));
                    if (batch.size() >= batch_size) flush();
                }
                if (!batch.empty()) flush();
                return added;
            },
            "documents"_a, "batch_size"_a,
            R"doc(Adds document dicts or Article-like objects from any iterable, batch_size at a time; returns how many.)doc")
        .def(
            "remove",
            [](PyIndex& self, const std::string& id) { return self.run([&](fahras::Index& i) { return i.remove(id); }); },
            "id"_a, R"doc(Deletes the article with this id; False if there was none.)doc")
        .def(
            "commit", [](PyIndex& self) { self.run([](fahras::Index& i) { i.commit(); }); },
            R"doc(Makes every change so far durable and visible to readers that reopen.)doc")
        .def(
            "reopen", [](PyIndex& self) { self.run([](fahras::Index& i) { i.reopen(); }); },
            R"doc(Sees the latest commit.)doc")
        .def(
            "size", [](PyIndex& self) { return self.run([](fahras::Index& i) { return i.size(); }); },
            R"doc(Number of articles.)doc")
        .def(
            "stats",
            [](PyIndex& self) {
                const fahras::IndexStats s = self.run([](fahras::Index& i) { return i.stats(); });
                return py::dict("documents"_a = s.documents, "distinct_terms"_a = s.distinct_terms,
                                "average_length"_a = s.average_length, "analyzer_id"_a = utf8(s.analyzer_id),
                                "path"_a = utf8(s.path));
            },
            R"doc(Counts and settings of the index as IndexStats keyword dicts.)doc")
        .def(
            "get",
            [](PyIndex& self, const std::string& id) -> py::object {
                const std::optional<fahras::Article> a = self.run([&](fahras::Index& i) { return i.get(id); });
                if (!a) return py::none();
                return article_dict(*a);
            },
            "id"_a, R"doc(The stored article as Article keyword dicts, or None.)doc")
        .def_property_readonly(
            "writable", [](PyIndex& self) { return self.run([](fahras::Index& i) { return i.writable(); }); },
            R"doc(True if opened for writing.)doc")
        .def_property_readonly(
            "analyzer", [](PyIndex& self) { return self.run([](fahras::Index& i) { return i.analyzer(); }); },
            R"doc(The analyzer of documents and queries of this index.)doc")
        .def("close", &PyIndex::close,
             R"doc(Releases the index (a writable one commits first, as its destructor does).)doc")
        .def_property_readonly("closed", &PyIndex::closed, R"doc(True once close() was called.)doc");

    // --- Searcher --------------------------------------------------------------------------------
    py::class_<PySearcher>(m, "Searcher", R"doc(Runs queries against an index.)doc")
        .def(py::init([](PyIndex& index, py::handle ranking) {
                 const fahras::RankingOptions r = ranking_options(ranking);
                 return std::make_unique<PySearcher>(index, r);
             }),
             "index"_a, "ranking"_a, R"doc(A searcher over index with RankingOptions-like ranking.)doc")
        .def(
            "search",
            [](PySearcher& self, std::string query, std::uint32_t limit, std::uint32_t offset, const std::string& sort,
               std::string date_from, std::string date_to, std::vector<std::string> sources, bool fields,
               bool snippets, std::uint32_t snippet_length, std::string highlight_open, std::string highlight_close,
               bool escape_html, bool facets, bool suggest) {
                fahras::SearchRequest request;
                request.query = std::move(query);
                request.limit = limit;
                request.offset = offset;
                request.sort = sort_order(sort);
                request.date_from = std::move(date_from);
                request.date_to = std::move(date_to);
                request.sources = std::move(sources);
                request.stored_fields = fields;
                request.snippets = snippets;
                request.snippet_length = snippet_length;
                request.highlight_open = std::move(highlight_open);
                request.highlight_close = std::move(highlight_close);
                request.snippet_format = escape_html ? fahras::SnippetFormat::HTML : fahras::SnippetFormat::PLAIN;
                request.facets = facets;
                request.suggest = suggest;
                const fahras::SearchResults results =
                    self.run([&](fahras::Searcher& s) { return s.search(request); });
                return results_dict(results);
            },
            "query"_a, "limit"_a, "offset"_a, "sort"_a, "date_from"_a, "date_to"_a, "sources"_a, "fields"_a, "snippets"_a,
            "snippet_length"_a, "highlight_open"_a, "highlight_close"_a, "escape_html"_a, "facets"_a, "suggest"_a,
            R"doc(Runs one query; returns SearchResults keyword dicts (hits as Hit keyword dicts).)doc")
        .def(
            "reopen", [](PySearcher& self) { self.run([](fahras::Searcher& s) { s.reopen(); }); },
            R"doc(Sees the index's latest commit.)doc")
        .def(
            "_time_search",
            [](PySearcher& self, std::string query, std::uint32_t limit, bool fields, bool snippets, bool suggest,
               unsigned repeat) {
                fahras::SearchRequest request;
                request.query = std::move(query);
                request.limit = limit;
                request.stored_fields = fields;
                request.snippets = snippets;
                request.suggest = suggest;
                return self.run([&](fahras::Searcher& s) {
                    double best = 0;
                    for (unsigned i = 0; i < std::max(repeat, 1u); ++i) {
                        const auto start = std::chrono::steady_clock::now();
                        const fahras::SearchResults results = s.search(request);
                        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
                        if (i == 0 || took.count() < best) best = took.count();
                    }
                    return best;
                });
            },
            "query"_a, "limit"_a, "fields"_a, "snippets"_a, "suggest"_a, "repeat"_a,
            R"doc(For bench/python_speed.py: the fastest of repeat runs of the C++ search alone, in seconds.)doc");

    // --- Ingest ----------------------------------------------------------------------------------
    py::class_<PyJsonlReader>(m, "JsonlReader", R"doc(Reads one article per line of a JSON Lines file.)doc")
        .def(py::init<const std::string&, std::string>(), "path"_a, "encoding"_a,
             R"doc(Opens path; raises OSError if it cannot be read.)doc")
        .def(
            "next",
            [](PyJsonlReader& self) -> py::object {
                const std::optional<fahras::Article> a = self.next();
                if (!a) return py::none();
                return article_dict(*a);
            },
            R"doc(The next article as Article keyword dicts, or None at the end.)doc")
        .def_property_readonly("line_number", &PyJsonlReader::line_number,
                               R"doc(1-based number of the last line read.)doc")
        .def("close", &PyJsonlReader::close, R"doc(Closes the file.)doc");

    m.def(
        "read_text_article",
        [](const std::string& path, const std::string& id, const std::string& encoding) {
            fahras::Article a;
            {
                py::gil_scoped_release nogil;
                a = fahras::read_text_article(path, id, encoding);
            }
            return article_dict(a);
        },
        "path"_a, "id"_a, "encoding"_a,
        R"doc(A plain-text article file (title on the first non-empty line) as Article keyword dicts.)doc");

    m.def(
        "to_utf8",
        [](const py::bytes& bytes, const std::string& encoding) {
            std::string_view view = bytes;  // the bytes object is immutable and outlives the call
            std::string out;
            {
                py::gil_scoped_release nogil;
                out = fahras::to_utf8(view, encoding);
            }
            return utf8(out);
        },
        "data"_a, "encoding"_a,
        R"doc(Decodes bytes in a legacy encoding ("windows-1256", "iso-8859-6", "utf-8", ...) to str.)doc");

    m.def(
        "is_valid_utf8", [](const py::bytes& bytes) { return fahras::is_valid_utf8(std::string_view(bytes)); },
        "data"_a, R"doc(True if data is valid UTF-8.)doc");
}
