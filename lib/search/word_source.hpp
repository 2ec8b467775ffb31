// One query word's nested form sets scored in one pass over its forms' posting lists.
//
// The builder (query_builder.cpp) ranks a word by nested sets of its forms, each set one BM25 term
// (one idf, the summed wdf of its forms) with its own weight. As Xapian synonym sets, every form's
// posting list is read once per set holding it: up to five times. This source reads each once and
// computes the same sum, so the rankings stay those of the synonym sets (test_word_source checks the
// scores against them). It runs on local databases only: a remote shard's server could not build it,
// and gets the synonym sets instead.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace fahras::detail {

/// What a word's nested sets need to be scored: the forms each set adds (as terms), each set's
/// weight, and the statistics of the whole index (all shards), which Xapian would use.
struct NestedSets {
    std::vector<std::vector<std::string>> ring_terms;  ///< ring i: the terms set i adds to set i - 1
    std::vector<std::vector<double>> ring_frequencies;  ///< documents holding each of those terms (whole index)
    std::vector<double> set_weights;                    ///< weight of set i (rings 0..i), before idf
    double k1 = 1.2, b = 0.75, min_normlen = 0.5;       ///< BM25 parameters, as given to Xapian
};

/// The nested sets of @p sets as one posting source over @p db (the whole index: its statistics give
/// each set's idf and the average length). The query owns the source.
Xapian::Query nested_sets_query(const NestedSets& sets, const Xapian::Database& db);

/// The same sets as Xapian synonym sets, each holding the rings before it, scaled by its weight:
/// what remote shards run, and what the source is tested against.
Xapian::Query nested_synonym_query(const NestedSets& sets);

}  // namespace fahras::detail
