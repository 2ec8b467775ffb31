// Arabic stopwords, normalized with the analyzer's own normalizer so both always agree (stage 5).
#pragma once

#include "analysis/normalizer.hpp"

#include <deque>
#include <string>
#include <string_view>
#include <unordered_set>

namespace fahras::detail {

class Stopwords {
public:
    explicit Stopwords(const Normalizer& normalizer);
    bool contains(std::string_view normalized) const {
        return normalized.size() <= longest_ && words_.count(normalized) != 0;
    }
    std::size_t size() const { return words_.size(); }

private:
    std::deque<std::string> storage_;  // owns the bytes the views in words_ point to
    std::unordered_set<std::string_view> words_;
    std::size_t longest_ = 0;
};

}  // namespace fahras::detail
