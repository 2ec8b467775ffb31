// Phrases and the full-name bonus on an index that keeps compact word positions (word_positions.hpp):
// a posting source that passes the documents whose position list holds one form of each word, in
// order, within the window. It is a filter (weight 0): the query ANDs it with the words themselves,
// which give the weight and bring it only documents that hold every word. Local databases only.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace fahras::detail {

/// Documents where one of the forms of each slot (words, as written) stand in order within
/// @p window positions, all below @p below (kBodyPositionOffset: in the title).
Xapian::Query compact_sequence_query(const std::vector<std::vector<std::string>>& slots, Xapian::termpos window,
                                     Xapian::termpos below);

}  // namespace fahras::detail
