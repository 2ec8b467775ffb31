/** @file errors.cpp
 *  @brief fahras::Error and its subclasses as Python exceptions. Misuse errors are also ValueError
 *  (FieldTypeError also TypeError), runtime failures also OSError, so callers can catch them either way.
 */
#include "errors.hpp"

#include <fahras/error.hpp>

#include <string>

namespace py = pybind11;

namespace fahras_python {

namespace {

struct PyExceptions {
    PyObject* error = nullptr;
    PyObject* invalid_argument = nullptr;
    PyObject* encoding = nullptr;
    PyObject* query_syntax = nullptr;
    PyObject* record = nullptr;
    PyObject* field_type = nullptr;
    PyObject* index = nullptr;
    PyObject* index_not_found = nullptr;
    PyObject* corrupt_index = nullptr;
    PyObject* index_locked = nullptr;
    PyObject* analyzer_mismatch = nullptr;
    PyObject* input_file = nullptr;
    PyObject* remote = nullptr;
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

// The message as a str; a stray invalid byte becomes U+FFFD rather than a UnicodeDecodeError.
py::str message_of(const std::exception& err) {
    const std::string what = err.what();
    PyObject* text = PyUnicode_DecodeUTF8(what.data(), static_cast<Py_ssize_t>(what.size()), "replace");
    if (!text) throw py::error_already_set();
    return py::reinterpret_steal<py::str>(text);
}

void set_error(PyObject* type, const std::exception& err) { PyErr_SetObject(type, message_of(err).ptr()); }

// Raises @p type(message) with the record's file and line as attributes.
void set_record_error(PyObject* type, const fahras::RecordError& err) {
    py::object instance = py::reinterpret_borrow<py::object>(type)(message_of(err));
    instance.attr("file") = err.file().empty() ? py::object(py::none()) : py::object(py::str(err.file()));
    instance.attr("line") = err.line();
    PyErr_SetObject(type, instance.ptr());
}

}  // namespace

void register_exceptions(py::module_& m) {
    PyExceptions& e = exceptions;
    auto bases = [](auto... types) { return py::make_tuple(py::handle(types)...); };
    e.error = add_exception(m, "Error", bases(PyExc_Exception), R"doc(Base of every exception fahras raises.)doc");
    e.invalid_argument = add_exception(
        m, "InvalidArgumentError", bases(e.error, PyExc_ValueError),
        R"doc(The caller passed something invalid (bad option, empty id, closed index); also a ValueError.)doc");
    e.encoding = add_exception(m, "EncodingError", bases(e.invalid_argument),
                               R"doc(Text is not valid in the encoding it claims.)doc");
    e.query_syntax = add_exception(m, "QuerySyntaxError", bases(e.invalid_argument),
                                   R"doc(A query could not be understood (strict parsing only).)doc");
    e.record = add_exception(m, "RecordError", bases(e.invalid_argument),
                             R"doc(A record (a JSON line, an array element, a dict) that does not make an article.

Attributes: ``file`` (the file it came from, "ARCHIVE(ENTRY)" inside a zip archive, or None) and
``line`` (1-based line where the record starts, 0 when unknown).)doc");
    e.field_type = add_exception(m, "FieldTypeError", bases(e.record, PyExc_TypeError),
                                 R"doc(A field of a record has the wrong type (a title that is a number); also a TypeError.)doc");
    e.index = add_exception(
        m, "IndexAccessError", bases(e.error, PyExc_OSError),
        R"doc(A runtime failure of the index: I/O, missing path, corruption, lock held by another writer; also an OSError.

This is fahras::IndexError in C++; it is renamed so that it does not shadow the builtin IndexError.)doc");
    e.index_not_found = add_exception(m, "IndexNotFoundError", bases(e.index, PyExc_FileNotFoundError),
                                      R"doc(The path does not hold a fahras index; also a FileNotFoundError.)doc");
    e.corrupt_index = add_exception(m, "CorruptIndexError", bases(e.index),
                                    R"doc(The index files are damaged; restore from a backup or rebuild.)doc");
    e.index_locked = add_exception(m, "IndexLockedError", bases(e.index),
                                   R"doc(Another writer holds the write lock of this index.)doc");
    e.analyzer_mismatch = add_exception(m, "AnalyzerMismatchError", bases(e.index),
                                        R"doc(The index was built by a different analyzer; rebuild it.)doc");
    e.input_file = add_exception(m, "InputFileError", bases(e.index),
                                 R"doc(An input file cannot be read at all: missing, a directory, not a zip archive.)doc");
    e.remote = add_exception(m, "RemoteError", bases(e.index),
                             R"doc(A remote shard (xapian-tcpsrv) could not be reached, refused the request or did not answer in time.)doc");

    py::register_exception_translator([](std::exception_ptr p) {
        const PyExceptions& x = exceptions;
        try {
            if (p) std::rethrow_exception(p);
        } catch (const fahras::FieldTypeError& err) {
            set_record_error(x.field_type, err);
        } catch (const fahras::RecordError& err) {
            set_record_error(x.record, err);
        } catch (const fahras::EncodingError& err) {
            set_error(x.encoding, err);
        } catch (const fahras::QuerySyntaxError& err) {
            set_error(x.query_syntax, err);
        } catch (const fahras::InvalidArgumentError& err) {
            set_error(x.invalid_argument, err);
        } catch (const fahras::IndexNotFoundError& err) {
            set_error(x.index_not_found, err);
        } catch (const fahras::CorruptIndexError& err) {
            set_error(x.corrupt_index, err);
        } catch (const fahras::IndexLockedError& err) {
            set_error(x.index_locked, err);
        } catch (const fahras::AnalyzerMismatchError& err) {
            set_error(x.analyzer_mismatch, err);
        } catch (const fahras::InputFileError& err) {
            set_error(x.input_file, err);
        } catch (const fahras::RemoteError& err) {
            set_error(x.remote, err);
        } catch (const fahras::IndexError& err) {
            set_error(x.index, err);
        } catch (const fahras::Error& err) {
            set_error(x.error, err);
        }
    });
}

}  // namespace fahras_python
