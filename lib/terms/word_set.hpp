#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::detail {

/// The distinct words a writer has seen, for VocabularyBatch: one probe of a flat table per word
/// instead of std::unordered_set's chain of nodes. Nearly every word of a document has been seen
/// before, and the node set's cache misses were 8.5 % of a bulk build's CPU (perf, arqa-dev). A slot
/// keeps the word's hash beside its place in one arena, so a lookup reads the text only on a hash match.
class WordSet {
public:
    /// Adds @p word; true when it was not in the set.
    bool insert(std::string_view word);
    std::size_t size() const { return size_; }

private:
    struct Slot {
        std::uint64_t hash = 0;
        std::size_t offset = 0;  // as wide as the arena can grow: the slot is 24 bytes either way
        std::uint32_t length = 0;
        bool used = false;
    };
    std::string_view word_at(const Slot& s) const { return std::string_view(arena_).substr(s.offset, s.length); }
    void grow();

    std::vector<Slot> slots_;
    std::string arena_;  // every word, back to back
    std::size_t size_ = 0;
};

}  // namespace fahras::detail
