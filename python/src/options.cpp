/** @file options.cpp
 *  @brief The option structs of the C++ API bound field by field (def_readwrite): the fahras package's
 *  dataclasses take their defaults from these and copy their fields into them (fahras/_native.py), so a
 *  field added in C++ needs one line here and one in the dataclass.
 */
#include "bindings.hpp"

#include <fahras/fahras.hpp>

#include <pybind11/stl.h>

#include <string>

namespace py = pybind11;
using namespace py::literals;

namespace fahras_python {

namespace {

std::string invalid_utf8_name(fahras::InvalidUtf8 policy) {
    return policy == fahras::InvalidUtf8::THROW ? "strict" : "replace";
}

fahras::InvalidUtf8 invalid_utf8_policy(const std::string& name) {
    if (name == "replace") return fahras::InvalidUtf8::REPLACE;
    if (name == "strict") return fahras::InvalidUtf8::THROW;
    throw fahras::InvalidArgumentError("invalid_utf8 must be \"replace\" or \"strict\", not \"" + name + "\"");
}

std::string sort_name(fahras::SortOrder order) {
    if (order == fahras::SortOrder::DATE_DESC) return "date";
    if (order == fahras::SortOrder::DATE_ASC) return "date_asc";
    return "relevance";
}

fahras::SortOrder sort_order(const std::string& name) {
    if (name == "relevance") return fahras::SortOrder::RELEVANCE;
    if (name == "date") return fahras::SortOrder::DATE_DESC;
    if (name == "date_asc") return fahras::SortOrder::DATE_ASC;
    throw fahras::InvalidArgumentError("sort must be \"relevance\", \"date\" or \"date_asc\", not \"" + name + "\"");
}

}  // namespace

void bind_options(py::module_& m) {
    using fahras::NormalizerOptions;
    py::class_<NormalizerOptions>(m, "NormalizerOptions", R"doc(fahras::NormalizerOptions.)doc")
        .def(py::init<>())
        .def_readwrite("nfkc", &NormalizerOptions::nfkc)
        .def_readwrite("strip_diacritics", &NormalizerOptions::strip_diacritics)
        .def_readwrite("strip_tatweel", &NormalizerOptions::strip_tatweel)
        .def_readwrite("fold_alef", &NormalizerOptions::fold_alef)
        .def_readwrite("fold_alef_maksura", &NormalizerOptions::fold_alef_maksura)
        .def_readwrite("fold_teh_marbuta", &NormalizerOptions::fold_teh_marbuta)
        .def_readwrite("fold_hamza_carriers", &NormalizerOptions::fold_hamza_carriers)
        .def_readwrite("fold_persian", &NormalizerOptions::fold_persian)
        .def_readwrite("fold_digits", &NormalizerOptions::fold_digits)
        .def_readwrite("fold_latin", &NormalizerOptions::fold_latin);

    using fahras::AnalyzerOptions;
    py::class_<AnalyzerOptions>(m, "AnalyzerOptions", R"doc(fahras::AnalyzerOptions; invalid_utf8 as "replace" or "strict".)doc")
        .def(py::init<>())
        .def_readwrite("normalizer", &AnalyzerOptions::normalizer)
        .def_property(
            "invalid_utf8", [](const AnalyzerOptions& a) { return invalid_utf8_name(a.invalid_utf8); },
            [](AnalyzerOptions& a, const std::string& name) { a.invalid_utf8 = invalid_utf8_policy(name); })
        .def_readwrite("strip_proclitics", &AnalyzerOptions::strip_proclitics)
        .def_readwrite("stem", &AnalyzerOptions::stem);

    using fahras::IndexOptions;
    py::class_<IndexOptions>(m, "IndexOptions", R"doc(fahras::IndexOptions.)doc")
        .def(py::init<>())
        .def_readwrite("analyzer", &IndexOptions::analyzer)
        .def_readwrite("store_text", &IndexOptions::store_text)
        .def_readwrite("positions", &IndexOptions::positions)
        .def_readwrite("compact_positions", &IndexOptions::compact_positions)
        .def_readwrite("threads", &IndexOptions::threads)
        .def_readwrite("title_weight", &IndexOptions::title_weight)
        .def_readwrite("flush_every", &IndexOptions::flush_every)
        .def_readwrite("shards", &IndexOptions::shards)
        .def_readwrite("remote_connect_timeout_ms", &IndexOptions::remote_connect_timeout_ms)
        .def_readwrite("remote_timeout_ms", &IndexOptions::remote_timeout_ms);

    using fahras::RankingOptions;
    py::class_<RankingOptions>(m, "RankingOptions", R"doc(fahras::RankingOptions.)doc")
        .def(py::init<>())
        .def_readwrite("k1", &RankingOptions::k1)
        .def_readwrite("b", &RankingOptions::b)
        .def_readwrite("length_norm_floor", &RankingOptions::length_norm_floor)
        .def_readwrite("form_weight", &RankingOptions::form_weight)
        .def_readwrite("exact_weight", &RankingOptions::exact_weight)
        .def_readwrite("lone_word_exact_weight", &RankingOptions::lone_word_exact_weight)
        .def_readwrite("article_weight", &RankingOptions::article_weight)
        .def_readwrite("strip_weight", &RankingOptions::strip_weight)
        .def_readwrite("stem_weight", &RankingOptions::stem_weight)
        .def_readwrite("clitic_ratio", &RankingOptions::clitic_ratio)
        .def_readwrite("article_ratio", &RankingOptions::article_ratio)
        .def_readwrite("stem_ratio", &RankingOptions::stem_ratio)
        .def_readwrite("phrase_weight", &RankingOptions::phrase_weight)
        .def_readwrite("question_b", &RankingOptions::question_b);

    using fahras::SearchRequest;
    py::class_<SearchRequest>(m, "SearchRequest", R"doc(fahras::SearchRequest; sort as "relevance", "date" or "date_asc".)doc")
        .def(py::init<>())
        .def_readwrite("query", &SearchRequest::query)
        .def_readwrite("offset", &SearchRequest::offset)
        .def_readwrite("limit", &SearchRequest::limit)
        .def_property(
            "sort", [](const SearchRequest& r) { return sort_name(r.sort); },
            [](SearchRequest& r, const std::string& name) { r.sort = sort_order(name); })
        .def_readwrite("date_from", &SearchRequest::date_from)
        .def_readwrite("date_to", &SearchRequest::date_to)
        .def_readwrite("sources", &SearchRequest::sources)
        .def_readwrite("stored_fields", &SearchRequest::stored_fields)
        .def_readwrite("snippets", &SearchRequest::snippets)
        .def_readwrite("snippet_length", &SearchRequest::snippet_length)
        .def_readwrite("highlight_open", &SearchRequest::highlight_open)
        .def_readwrite("highlight_close", &SearchRequest::highlight_close)
        .def_property(
            "escape_html", [](const SearchRequest& r) { return r.snippet_format == fahras::SnippetFormat::HTML; },
            [](SearchRequest& r, bool html) { r.snippet_format = html ? fahras::SnippetFormat::HTML : fahras::SnippetFormat::PLAIN; },
            R"doc(Snippet text HTML-escaped (default) or as stored.)doc")
        .def_readwrite("facets", &SearchRequest::facets)
        .def_readwrite("suggest", &SearchRequest::suggest)
        .def_readwrite("also_written", &SearchRequest::also_written,
                       R"doc(Offer the other spellings the index holds of the query's names.)doc");

    using fahras::ShardLocation;
    py::class_<ShardLocation>(m, "ShardLocation", R"doc(Where one shard of an index lives: a local database directory
(``path``), or a database served by ``xapian-tcpsrv`` on ``host``:``port``.)doc")
        .def(py::init<>())
        .def_readwrite("path", &ShardLocation::path, R"doc(Local database directory (when host is empty).)doc")
        .def_readwrite("host", &ShardLocation::host, R"doc(Remote: the host running xapian-tcpsrv.)doc")
        .def_readwrite("port", &ShardLocation::port, R"doc(Remote: the port it listens on.)doc")
        .def_static("local", &ShardLocation::local, "path"_a, R"doc(A local shard.)doc")
        .def_static("remote", &ShardLocation::remote, "host"_a, "port"_a, R"doc(A shard served by xapian-tcpsrv on host:port.)doc")
        .def_static("parse_remote", &ShardLocation::parse_remote, "host_port"_a,
                    R"doc(A remote shard from "HOST:PORT" or "[IPV6]:PORT"; InvalidArgumentError otherwise.)doc")
        .def_property_readonly("is_remote", &ShardLocation::is_remote, R"doc(True for a remote shard.)doc")
        .def("describe", &ShardLocation::describe, R"doc("PATH" or "HOST:PORT", for messages.)doc")
        .def("__eq__", [](const ShardLocation& a, const ShardLocation& b) {
            return a.path == b.path && a.host == b.host && a.port == b.port;
        })
        .def("__repr__", [](const ShardLocation& s) {
            return s.is_remote() ? "ShardLocation.remote('" + s.host + "', " + std::to_string(s.port) + ")"
                                 : "ShardLocation.local('" + s.path + "')";
        });
}

}  // namespace fahras_python
