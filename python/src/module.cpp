/** @file module.cpp
 *  @brief _fahras: the compiled half of the fahras Python package.
 *
 *  The module is kept thin: behaviour stays in the C++ classes, option structs are bound field by field
 *  (options.cpp), results cross as dicts (convert.cpp) and the Pythonic layer (dataclasses, keyword
 *  arguments, context managers, iterators) lives in fahras/. Token offsets are byte offsets in C++ and
 *  code point offsets in Python, so that text[token.start:token.end] is the original word.
 */
#include "bindings.hpp"
#include "convert.hpp"
#include "errors.hpp"

#include <fahras/fahras.hpp>

namespace py = pybind11;

PYBIND11_MODULE(_fahras, m) {
    m.doc() = R"doc(Compiled core of fahras, Arabic full-text search on Xapian.

Use the fahras package instead: it wraps this module in dataclasses and keyword arguments.)doc";
    m.attr("__version__") = fahras::version();
    m.attr("MAX_ID_BYTES") = fahras::kMaxIdBytes;
    fahras_python::register_exceptions(m);
    fahras_python::intern_result_keys();
    fahras_python::bind_options(m);
    fahras_python::bind_analysis(m);
    fahras_python::bind_index(m);
    fahras_python::bind_ingest(m);
}
