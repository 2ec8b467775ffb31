#include "terms/word_set.hpp"

#include <functional>

namespace fahras::detail {

bool WordSet::insert(std::string_view word) {
    if (2 * (size_ + 1) > slots_.size()) grow();  // at most half full: short probe runs
    const std::uint64_t hash = std::hash<std::string_view>()(word);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        Slot& s = slots_[i];
        if (!s.used) {
            s = {hash, arena_.size(), static_cast<std::uint32_t>(word.size()), true};
            arena_.append(word);
            ++size_;
            return true;
        }
        if (s.hash == hash && word_at(s) == word) return false;
    }
}

void WordSet::grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : 2 * old.size(), Slot());
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
        if (!s.used) continue;
        std::size_t i = s.hash & mask;
        while (slots_[i].used) i = (i + 1) & mask;
        slots_[i] = s;
    }
}

}  // namespace fahras::detail
