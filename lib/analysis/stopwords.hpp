// Arabic stopwords, normalized with the analyzer's own normalizer so both always agree (stage 5).
#pragma once

#include "analysis/normalizer.hpp"

#include <string>
#include <string_view>
#include <unordered_set>

namespace fahras::detail {

class Stopwords {
public:
    explicit Stopwords(const Normalizer& normalizer);
    bool contains(std::string_view normalized) const { return words_.count(std::string(normalized)) != 0; }
    std::size_t size() const { return words_.size(); }

private:
    std::unordered_set<std::string> words_;
};

}  // namespace fahras::detail
