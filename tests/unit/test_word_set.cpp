#include "terms/word_set.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <unordered_set>

using fahras::detail::WordSet;

TEST_CASE("a word is new once, whatever its length or letters") {
    WordSet set;
    CHECK(set.insert("كيري"));
    CHECK_FALSE(set.insert("كيري"));
    CHECK(set.insert("كيرى"));  // another spelling is another word
    CHECK(set.insert("وكيري"));
    CHECK(set.insert("ك"));
    CHECK_FALSE(set.insert("ك"));
    CHECK(set.insert("كي"));  // a word that begins another is a word of its own
    CHECK(set.size() == 5);
}

TEST_CASE("the set agrees with std::unordered_set over many words, across every growth") {
    std::mt19937 rng(12);
    const std::string letters[] = {"ا", "ب", "ت", "ل", "م", "ن", "و", "ي", "ى", "ة", "x"};
    WordSet set;
    std::unordered_set<std::string> reference;
    for (int i = 0; i < 60000; ++i) {
        std::string word;
        const int n = 1 + static_cast<int>(rng() % 6);  // short words repeat often: many hits
        for (int k = 0; k < n; ++k) word += letters[rng() % 11];
        REQUIRE(set.insert(word) == reference.insert(word).second);
    }
    CHECK(set.size() == reference.size());
    for (const std::string& word : reference) CHECK_FALSE(set.insert(word));
}
