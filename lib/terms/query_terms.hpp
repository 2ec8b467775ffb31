// Query-time half of the term scheme: the written forms of the index that a query word stands for,
// in tiers from the query's own spelling down to its stem family. document_terms.hpp is the other half.
//
// A query word q (written, folded qf) finds, through the vocabulary map:
//   exact    q itself;
//   variant  the other spellings of qf (أوباما/اوباما, على/علي, كيرى/كيري);
//   clitic   qf behind a conjunction or preposition (وكيري, لكيري);
//   article  qf behind the article (الكاميرون for كاميرون);
//   split    the forms of a remainder when q itself looks like proclitic + word (بالرئيس → الرئيس);
//   stem     the forms sharing the light stem of the remainder the query believes in.
// A segmentation p + r is believed only when the index does not hold p + r far more often than r: so
// بوتين is not ب + وتين, and لبنان is not ل + بنان, while وكيري is و + كيري. The ratio is a RankingOption.
#pragma once

#include <fahras/analyzer.hpp>
#include <fahras/search.hpp>

#include "terms/vocabulary.hpp"

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace fahras::detail {

enum class Tier { EXACT, VARIANT, CLITIC, ARTICLE, SPLIT, STEM };
inline constexpr std::size_t kTierCount = 6;

/// The written forms of one query word, by tier (forms no document holds are left out).
struct WordForms {
    std::vector<std::string> tiers[kTierCount];
    const std::vector<std::string>& operator[](Tier t) const { return tiers[static_cast<std::size_t>(t)]; }
    std::vector<std::string>& operator[](Tier t) { return tiers[static_cast<std::size_t>(t)]; }
    /// True when some document holds one of the forms.
    bool attested() const;
};

/// What expanding query words reads from one snapshot of the index: valid until the database is
/// reopened onto another commit, or written to (an in-memory index is searched as it is written).
struct LookupCache {
    std::unordered_map<std::string, Xapian::doccount> frequencies;  // term → documents holding it
    VocabularyCache vocabulary;                                      // metadata key → entries
    std::unordered_map<std::string, WordForms> expanded;             // field prefix, NUL, written word → forms

    void clear();
    /// Clears the cache once it holds more than @p max_terms frequencies (entries of every kind grow
    /// with the distinct query words, so this bounds them all: about 20 MB at the Searcher's bound).
    void bound(std::size_t max_terms);
};

/// Expands query words against the index, each lookup once for as long as its cache is kept.
class QueryExpander {
public:
    /// An expander with a cache of its own, for one search.
    QueryExpander(const Analyzer& analyzer, const RankingOptions& ranking, const Xapian::Database& db,
                  const std::vector<Xapian::Database>& shards)
        : QueryExpander(analyzer, ranking, db, shards, own_) {}
    /// An expander that reads and fills @p cache, which must come from the same snapshot of @p db.
    QueryExpander(const Analyzer& analyzer, const RankingOptions& ranking, const Xapian::Database& db,
                  const std::vector<Xapian::Database>& shards, LookupCache& cache)
        : analyzer_(analyzer), ranking_(ranking), db_(db), cache_(cache), vocabulary_(shards, cache.vocabulary) {}
    QueryExpander(const QueryExpander&) = delete;
    QueryExpander& operator=(const QueryExpander&) = delete;

    /// The forms of @p word (a token of the query) in the field of @p prefix ("" for title and body).
    WordForms expand(const TokenView& word, std::string_view prefix = {});

    /// The entries filed under a vocabulary key (word_key or stem_key), over every shard, cached.
    const std::vector<VocabularyEntry>& filed_under(const std::string& key) { return vocabulary_.lookup(key); }

    /// The database the words are looked up in.
    const Xapian::Database& database() const { return db_; }

    /// Documents holding @p form in the field of @p prefix.
    Xapian::doccount frequency(const std::string& form, std::string_view prefix = {});

private:
    // Documents holding any of the WHOLE forms filed under a folded key (the word's own spellings).
    Xapian::doccount whole_frequency(const std::vector<VocabularyEntry>& entries, std::string_view prefix);
    WordForms expand_uncached(const TokenView& word, std::string_view prefix);
    bool believed(FormKind kind, Xapian::doccount with_proclitic, Xapian::doccount without) const;

    const Analyzer& analyzer_;
    const RankingOptions& ranking_;
    const Xapian::Database& db_;
    LookupCache own_;  // unused when the expander was given a cache
    LookupCache& cache_;
    VocabularyReader vocabulary_;
};

}  // namespace fahras::detail
