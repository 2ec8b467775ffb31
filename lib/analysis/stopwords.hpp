// Arabic stopwords, normalized with the analyzer's own normalizer so both always agree (stage 5).
#pragma once

#include "analysis/normalizer.hpp"

#include <bitset>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_set>

namespace fahras::detail {

class Stopwords {
public:
    explicit Stopwords(const Normalizer& normalizer);
    bool contains(std::string_view normalized) const {
        // Most words are not stopwords: a bitmap of (length, last byte) answers "no" without hashing.
        if (normalized.empty() || normalized.size() > longest_ || !filter_[filter_bit(normalized)]) return false;
        return words_.count(normalized) != 0;
    }
    std::size_t size() const { return words_.size(); }

private:
    std::deque<std::string> storage_;  // owns the bytes the views in words_ point to
    std::unordered_set<std::string_view> words_;
    std::size_t longest_ = 0;
    static std::size_t filter_bit(std::string_view w) {
        return (w.size() * 256 + static_cast<unsigned char>(w.back())) % kFilterBits;
    }
    static constexpr std::size_t kFilterBits = 8192;
    std::bitset<kFilterBits> filter_;
};

}  // namespace fahras::detail
