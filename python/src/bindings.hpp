/** @file bindings.hpp
 *  @brief The parts of _fahras, one function per concept, called by module.cpp in this order.
 */
#pragma once

#include <pybind11/pybind11.h>

namespace fahras_python {

/** @brief NormalizerOptions, AnalyzerOptions, IndexOptions, RankingOptions, SearchRequest, ShardLocation:
 *  the C++ structs with def_readwrite fields (options.cpp). */
void bind_options(pybind11::module_& m);

/** @brief Analyzer (analysis.cpp). */
void bind_analysis(pybind11::module_& m);

/** @brief Index and Searcher, each guarded by a mutex (index.cpp). */
void bind_index(pybind11::module_& m);

/** @brief ArticleReader, JsonlReader, read_text_article, to_utf8, is_valid_utf8 (ingest.cpp). */
void bind_ingest(pybind11::module_& m);

}  // namespace fahras_python
