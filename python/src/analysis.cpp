/** @file analysis.cpp
 *  @brief fahras::Analyzer in Python. It is immutable and thread-safe, so it needs no guard.
 */
#include "bindings.hpp"
#include "convert.hpp"

#include <fahras/analyzer.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace py = pybind11;
using namespace py::literals;

namespace fahras_python {

void bind_analysis(py::module_& m) {
    py::class_<fahras::Analyzer>(m, "Analyzer", R"doc(The analysis pipeline (immutable, thread-safe).)doc")
        .def(py::init<fahras::AnalyzerOptions>(), "options"_a, R"doc(Builds an analyzer from AnalyzerOptions.)doc")
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
            "text"_a, R"doc(The words of a text as Token keyword dicts; start/end are code point offsets into text.)doc")
        .def("is_stopword", &fahras::Analyzer::is_stopword, "word"_a,
             R"doc(True if the word (as written or normalized) is a stopword; ى and ي stay apart, so the name علي is none.)doc")
        .def_property_readonly("id", &fahras::Analyzer::id, R"doc(Name and version of the analysis, as stored in indexes.)doc")
        .def_property_readonly("options", &fahras::Analyzer::options, R"doc(The AnalyzerOptions it was built with.)doc");
}

}  // namespace fahras_python
