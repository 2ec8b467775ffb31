// Compact word positions: one value per document instead of one B-tree entry per (term, document).
//
// Xapian's position table spends about 20 bytes on each (term, document) pair, most of it the entry's
// key, and was half of the index. A document's positions are written here as one string in a value
// slot: the 32-bit hashes of its words, sorted and Rice-coded, then each word's positions. Phrases and the full-name
// bonus read it for the documents that already hold every word (sequence_source.hpp). The encoder
// (index time) and the reader (query time) live side by side; test_word_positions checks one against
// the other and phrases against Xapian's own position table.
//
// Two words of one document with the same hash share their positions: a phrase could then match a
// word the query does not hold at that place, with odds of about one in ten million per word pair.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fahras::detail {

/// The hash a word's positions are filed under (FNV-1a, 32 bits): stable, since indexes store it.
std::uint32_t word_hash(std::string_view word);

/// Collects one document's (word, position) pairs and encodes them.
class WordPositionsWriter {
public:
    void add(std::string_view word, Xapian::termpos position) { entries_.emplace_back(word_hash(word), position); }
    bool empty() const { return entries_.empty(); }
    /// The encoded list (version 2): a 0 byte; varint n; byte k; the n hashes, ascending, as Rice
    /// codes of their gaps (the first from 0) with k low bits, padded to a byte; then for each hash
    /// varint (first position folded: title 2p + 1, body 2(p - kBodyPositionOffset)) × 2 + more, and
    /// if more, varint count - 2 and the other positions as varint gaps. Version 1 (scheme 3's indexes,
    /// still read): varint n; n hashes of 4 bytes, little-endian; per hash varint byte length and the
    /// positions as varint gaps from 0.
    std::string encode();

private:
    std::vector<std::pair<std::uint32_t, Xapian::termpos>> entries_;
};

/// Reads an encoded list (without copying it).
class WordPositionsReader {
public:
    explicit WordPositionsReader(std::string_view encoded);
    /// The positions of every word in @p slots (each a sorted list of hashes), merged and sorted per
    /// slot, into @p out (one list per slot). False if the data is not a valid list.
    bool positions(const std::vector<std::vector<std::uint32_t>>& slots, std::vector<std::vector<Xapian::termpos>>& out) const;

private:
    bool positions_v1(const std::vector<std::vector<std::uint32_t>>& slots, std::vector<std::vector<Xapian::termpos>>& out) const;
    bool positions_v2(const std::vector<std::vector<std::uint32_t>>& slots, std::vector<std::vector<Xapian::termpos>>& out) const;

    std::string_view data_;
};

/// The hashes of each slot's words, sorted and without repeats: what WordPositionsReader::positions takes.
std::vector<std::vector<std::uint32_t>> slot_hashes(const std::vector<std::vector<std::string>>& slots);

/// True when one position from each list, in order, lies within a window of @p window positions
/// (last - first + 1 <= window), every one below @p below: Xapian's OP_PHRASE on the same positions.
bool in_sequence(const std::vector<std::vector<Xapian::termpos>>& slots, Xapian::termpos window, Xapian::termpos below);

}  // namespace fahras::detail
