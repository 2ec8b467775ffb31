#include "terms/query_terms.hpp"

#include "analysis/stemmer.hpp"
#include "terms/scheme.hpp"

#include <algorithm>
#include <unordered_set>

namespace fahras::detail {

namespace {

// A tier holding more forms than this keeps the most frequent ones: a stem family of a common word
// can run to hundreds of forms, and each is a posting list to merge.
constexpr std::size_t kMaxFormsPerTier = 200;

}  // namespace

void LookupCache::clear() {
    frequencies.clear();
    vocabulary.clear();
    expanded.clear();
}

void LookupCache::bound(std::size_t max_terms) {
    if (frequencies.size() > max_terms) clear();
}

bool WordForms::attested() const {
    for (const auto& tier : tiers)
        if (!tier.empty()) return true;
    return false;
}

Xapian::doccount QueryExpander::frequency(const std::string& form, std::string_view prefix) {
    const std::string term = word_term(prefix, form);
    auto [it, inserted] = cache_.frequencies.try_emplace(term, 0);
    if (inserted) it->second = db_.get_termfreq(term);
    return it->second;
}

Xapian::doccount QueryExpander::whole_frequency(const std::vector<VocabularyEntry>& entries, std::string_view prefix) {
    Xapian::doccount n = 0;
    for (const VocabularyEntry& e : entries)
        if (e.kind == FormKind::WHOLE) n += frequency(e.form, prefix);
    return n;
}

bool QueryExpander::believed(FormKind kind, Xapian::doccount with_proclitic, Xapian::doccount without) const {
    const double ratio = kind == FormKind::ARTICLE ? ranking_.article_ratio : ranking_.clitic_ratio;
    return ratio <= 0 || static_cast<double>(with_proclitic) <= ratio * static_cast<double>(without);
}

WordForms QueryExpander::expand(const TokenView& word, std::string_view prefix) {
    // A word's forms depend on its written form and field only: a full name's words, expanded for
    // the words and again for the phrase bonus, are expanded once.
    std::string key(prefix);
    key.push_back('\0');
    key.append(word.normalized);
    auto [it, inserted] = cache_.expanded.try_emplace(std::move(key));
    if (inserted) it->second = expand_uncached(word, prefix);
    return it->second;
}

WordForms QueryExpander::expand_uncached(const TokenView& word, std::string_view prefix) {
    WordForms out;
    std::unordered_set<std::string> used;
    // A stopword is another word than a query word that is none (على, وعلى: not the name علي).
    const std::string written(word.normalized);
    auto is_other_stopword = [&](Tier tier, const std::string& form) {
        if (word.stopword || (tier != Tier::VARIANT && tier != Tier::CLITIC && tier != Tier::ARTICLE)) return false;
        if (analyzer_.is_stopword(form)) return true;
        // behind a proclitic: the word as long as the query's (Arabic letters are two bytes each)
        return (tier == Tier::CLITIC || tier == Tier::ARTICLE) && form.size() > written.size() &&
               analyzer_.is_stopword(std::string_view(form).substr(form.size() - written.size()));
    };
    auto take = [&](Tier tier, const std::string& form) {
        if (frequency(form, prefix) == 0 || used.count(form)) return;
        if (is_other_stopword(tier, form)) return;
        used.insert(form);
        out[tier].push_back(form);
    };
    take(Tier::EXACT, written);

    // The word's own key: its spellings, and the word behind proclitics the index believes.
    const std::vector<VocabularyEntry>& own = vocabulary_.lookup(word_key(word.folded));
    // (at least 1: a word the index holds only behind proclitics believes them all)
    const Xapian::doccount own_whole =
        std::max<Xapian::doccount>({whole_frequency(own, prefix), frequency(written, prefix), 1});
    for (const VocabularyEntry& e : own) {
        if (e.kind == FormKind::WHOLE) take(Tier::VARIANT, e.form);
        else if (believed(e.kind, frequency(e.form, prefix), own_whole))
            take(e.kind == FormKind::ARTICLE ? Tier::ARTICLE : Tier::CLITIC, e.form);
    }

    // The query word as proclitic + remainder, as far as the index attests the remainder and does
    // not hold the whole far more often than the remainder (بوتين stays whole, بالرئيس splits).
    std::string_view stem_base = word.folded;
    for (std::size_t i = 0; i < word.form_count; ++i) {
        const std::string_view rest = word.forms[i];
        const std::vector<VocabularyEntry>& entries = vocabulary_.lookup(word_key(rest));
        const Xapian::doccount rest_whole = whole_frequency(entries, prefix);
        if (rest_whole == 0 || !believed(form_kind(word.folded, rest), own_whole, rest_whole)) continue;
        stem_base = rest;  // forms are longest first: the last believed is the most stripped
        for (const VocabularyEntry& e : entries)
            if (e.kind == FormKind::WHOLE || believed(e.kind, frequency(e.form, prefix), rest_whole)) take(Tier::SPLIT, e.form);
    }

    if (analyzer_.options().stem && ranking_.stem_weight > 0) {
        const std::string_view s = light_stem(stem_base);
        const std::vector<VocabularyEntry>& same_stem = vocabulary_.lookup(stem_key(s));
        const std::vector<VocabularyEntry>& stem_word =
            s != stem_base ? vocabulary_.lookup(word_key(s)) : std::vector<VocabularyEntry>();
        const Xapian::doccount base =
            std::max<Xapian::doccount>(1, whole_frequency(stem_word, prefix) + whole_frequency(same_stem, prefix));
        // A word far more frequent than the rest of its stem family is a word of its own (سلمان, not
        // سلم + ان): it gets no family.
        Xapian::doccount stem_alone = 0;  // the stem as a word of its own, behind any proclitic
        for (const VocabularyEntry& e : stem_word) stem_alone += frequency(e.form, prefix);
        const bool family_believed = s == stem_base || ranking_.stem_ratio <= 0 ||
                                     static_cast<double>(own_whole) <= ranking_.stem_ratio * static_cast<double>(stem_alone);
        if (family_believed) {
            for (const auto* entries : {&stem_word, &same_stem})
                for (const VocabularyEntry& e : *entries)
                    if (e.kind == FormKind::WHOLE || believed(e.kind, frequency(e.form, prefix), base))
                        take(Tier::STEM, e.form);
        }
    }

    for (auto& tier : out.tiers) {
        if (tier.size() <= kMaxFormsPerTier) continue;
        std::stable_sort(tier.begin(), tier.end(),
                         [&](const std::string& a, const std::string& b) { return frequency(a, prefix) > frequency(b, prefix); });
        tier.resize(kMaxFormsPerTier);
    }
    return out;
}

}  // namespace fahras::detail
