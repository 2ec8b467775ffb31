#include "search/also_written.hpp"

#include "analysis/utf8.hpp"
#include "terms/vocabulary.hpp"

#include <algorithm>
#include <unordered_set>

namespace fahras::detail {

namespace {

constexpr char32_t kAlef = U'\u0627';
constexpr char32_t kWaw = U'\u0648';
constexpr char32_t kYeh = U'\u064A';
constexpr char32_t kLongVowels[] = {kAlef, kWaw, kYeh};

// Letters that render one foreign sound, so that two newsrooms transliterate it differently:
// g as ج, غ, ك or ق (جوجل / غوغل), t as ت or ط, s as س or ص, d as د or ض, z as ز, ذ or ظ.
// Folded letters only (ڤ, گ, پ are already ف, ك, ب).
constexpr char32_t kSoundClasses[][4] = {
    {U'\u062C', U'\u063A', U'\u0643', U'\u0642'},  // ج غ ك ق
    {U'\u062A', U'\u0637', 0, 0},                  // ت ط
    {U'\u0633', U'\u0635', 0, 0},                  // س ص
    {U'\u062F', U'\u0636', 0, 0},                  // د ض
    {U'\u0632', U'\u0630', U'\u0638', 0},          // ز ذ ظ
};

constexpr char32_t kLam = U'\u0644';

bool is_long_vowel(char32_t c) { return c == kAlef || c == kWaw || c == kYeh; }

std::string utf8_of(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) append_utf8(out, c);
    return out;
}

// The folded words one name-like edit from @p w. The first and last letters stay: a letter put
// before a word is a proclitic (the expander's business), one after it a suffix (مصر / مصري,
// ميركل / ميركلي), and neither is a spelling of the same name.
void name_edits(const std::u32string& w, std::vector<std::pair<std::u32string, NameEdit>>& out) {
    const std::size_t n = w.size();
    for (std::size_t i = 1; i < n; ++i)  // a long vowel put in before letter i
        for (char32_t v : kLongVowels)
            if (w[i] != v && w[i - 1] != v) out.push_back({w.substr(0, i) + v + w.substr(i), NameEdit::VOWEL_IN});
    for (std::size_t i = 1; i + 1 < n; ++i) {
        if (is_long_vowel(w[i])) {
            out.push_back({w.substr(0, i) + w.substr(i + 1), NameEdit::VOWEL_OUT});
            for (char32_t v : kLongVowels)
                if (v != w[i]) out.push_back({w.substr(0, i) + v + w.substr(i + 1), NameEdit::VOWEL_SWAP});
        }
    }
    for (std::size_t i = 0; i < n; ++i)
        for (const auto& cls : kSoundClasses)
            if (std::find(std::begin(cls), std::end(cls), w[i]) != std::end(cls))
                for (char32_t c : cls)
                    if (c != 0 && c != w[i]) {
                        std::u32string v = w;
                        v[i] = c;
                        out.push_back({v, NameEdit::CONSONANT_SWAP});
                    }
}

// Documents holding a key's forms alone (WHOLE) and behind the article (ARTICLE), each summed
// over its forms; the written spelling held most often, and whether one of them is already searched.
struct KeyCounts {
    Xapian::doccount whole = 0, article = 0, best = 0;
    std::string best_form;
    bool searched = false;
};

KeyCounts key_counts(QueryExpander& expander, const std::string& folded, const std::unordered_set<std::string>& searched) {
    KeyCounts k;
    for (const VocabularyEntry& e : expander.filed_under(word_key(folded))) {
        if (e.kind == FormKind::CLITIC) continue;
        const Xapian::doccount f = expander.frequency(e.form);
        if (e.kind == FormKind::ARTICLE) {
            k.article += f;
            continue;
        }
        k.searched = k.searched || searched.count(e.form);
        k.whole += f;
        if (f > k.best) k.best = f, k.best_form = e.form;
    }
    return k;
}

bool name_like(Xapian::doccount whole, Xapian::doccount article) {
    return static_cast<double>(article) <= kAlsoWrittenMaxArticleShare * static_cast<double>(whole + article);
}

}  // namespace

bool offer_rule(const SpellingCandidate& c, double min_ratio) {
    return c.group >= kAlsoWrittenMinDocuments &&
           static_cast<double>(c.group) >= min_ratio * static_cast<double>(c.word_group) &&
           name_like(c.group, c.article) && name_like(c.word_group, c.word_article);
}

std::vector<SpellingCandidate> spelling_candidates(const Analyzer& analyzer, QueryExpander& expander,
                                                  const std::string& written, bool offers_only) {
    std::vector<SpellingCandidate> out;
    if (analyzer.is_stopword(written)) return out;
    std::unordered_set<std::string> searched;  // every form the query word already matches
    bool stopword = false;
    std::string folded;
    analyzer.for_each_token(written, [&](const TokenView& t) {
        if (!folded.empty()) return;  // one word (a query word is one token)
        folded = std::string(t.folded);
        stopword = t.stopword;
        const WordForms forms = expander.expand(t);
        for (const auto& tier : forms.tiers) searched.insert(tier.begin(), tier.end());
    });
    const std::u32string w = code_points(folded);
    if (stopword || w.size() < kMinAlsoWrittenLetters || searched.empty()) return out;
    // A word written with the article cannot be told from a common word by the article test below
    // (المالكي and الملكي both always carry it), and its look-alikes are mostly adjectives and nouns
    // (الملكي, الصادر, الحراري, البشر were 5 of the 6 offers on names-dev): it gets none.
    if (w[0] == kAlef && w[1] == kLam) return out;

    const KeyCounts own = key_counts(expander, folded, searched);
    const Xapian::doccount word_group = std::max(own.whole, expander.frequency(written));
    // offer_rule needs the query word name-like too (mostly written without the article): a common
    // noun fails it whatever its look-alikes, and its edits (dozens of lookups) can be spared.
    if (offers_only && !name_like(word_group, own.article)) return out;

    std::vector<std::pair<std::u32string, NameEdit>> edits;
    name_edits(w, edits);
    std::unordered_set<std::u32string> seen;
    for (const auto& [key, edit] : edits) {
        if (!seen.insert(key).second) continue;
        const KeyCounts k = key_counts(expander, utf8_of(key), searched);
        // A word the query already searches (its own stem family, say) is no other spelling; nor is
        // a stopword (على is not a spelling of anything).
        if (k.best == 0 || k.searched || analyzer.is_stopword(k.best_form)) continue;
        SpellingCandidate c;
        c.spelling = k.best_form;
        c.edit = edit;
        c.documents = k.best;
        c.group = k.whole;
        c.word_group = word_group;
        c.article = k.article;
        c.word_article = own.article;
        c.offered = offer_rule(c);
        out.push_back(std::move(c));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const SpellingCandidate& a, const SpellingCandidate& b) { return a.group > b.group; });
    return out;
}

std::vector<AlsoWritten> also_written(const Analyzer& analyzer, QueryExpander& expander,
                                      const std::vector<QueryWord>& words) {
    std::vector<AlsoWritten> out;
    std::unordered_set<std::string> done;
    for (const QueryWord& w : words) {
        if (!w.attested || !done.insert(w.written).second) continue;
        std::size_t taken = 0;
        for (const SpellingCandidate& c : spelling_candidates(analyzer, expander, w.written, true)) {
            if (!c.offered || taken == kMaxAlsoWrittenPerWord) continue;
            out.push_back({w.written, c.spelling, c.documents});
            ++taken;
        }
    }
    return out;
}

}  // namespace fahras::detail
