#include "search/suggest.hpp"

#include "analysis/utf8.hpp"
#include "terms/scheme.hpp"
#include "terms/vocabulary.hpp"

#include <algorithm>
#include <unordered_map>

namespace fahras::detail {

namespace {

// The spelling of @p word's folded group that most documents write (ترامب over ترامپ), looked up
// through the expander's vocabulary reader (every shard, and its cache).
std::string most_written(const Analyzer& analyzer, QueryExpander& expander, const std::string& word) {
    std::string best = word;
    Xapian::doccount best_freq = expander.frequency(word);
    for (const VocabularyEntry& e : expander.filed_under(word_key(analyzer.fold(word)))) {
        if (e.kind != FormKind::WHOLE) continue;
        const Xapian::doccount f = expander.frequency(e.form);
        if (f > best_freq) best = e.form, best_freq = f;
    }
    return best;
}

}  // namespace

std::size_t edit_distance(const std::u32string& a, const std::u32string& b, std::size_t limit) {
    if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        std::size_t best = row[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
            best = std::min(best, row[j]);
        }
        if (best > limit) return limit + 1;
    }
    return row[b.size()];
}

std::string suggest_word(const Analyzer& analyzer, const Xapian::Database& db, const std::string& word) {
    const std::u32string w = code_points(analyzer.fold(word));
    if (w.size() < 3 || needs_escape(word)) return {};
    const std::size_t limit = w.size() <= 4 ? 1 : 2;
    // Candidates share the word's first letters as written: its first three, then (if none was
    // close enough) its first two; a typo in the first two letters is not looked for.
    const std::u32string letters = code_points(word);
    std::string best;
    std::size_t best_distance = limit + 1;
    Xapian::doccount best_freq = 0;
    for (std::size_t shared : {std::size_t(3), std::size_t(2)}) {
        std::string prefix;
        for (std::size_t i = 0; i < shared && i < letters.size(); ++i) append_utf8(prefix, letters[i]);
        std::size_t scanned = 0;
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix) && scanned < kMaxSuggestionScan;
             ++t, ++scanned) {
            const std::string term = *t;
            const std::u32string c = code_points(analyzer.fold(term));
            const std::size_t d = edit_distance(w, c, limit);
            if (d == 0 || d > limit) continue;
            const Xapian::doccount freq = t.get_termfreq();
            if (d < best_distance || (d == best_distance && freq > best_freq)) best = term, best_distance = d, best_freq = freq;
        }
        if (!best.empty()) break;
    }
    return best;
}

std::string suggest_query(const Analyzer& analyzer, QueryExpander& expander, std::string_view query_text,
                          const std::vector<QueryWord>& words) {
    std::unordered_map<std::string, std::string> replacement;  // unknown written word → suggestion
    for (const QueryWord& w : words) {
        if (w.attested || replacement.count(w.written)) continue;
        const std::string better = suggest_word(analyzer, expander.database(), w.written);
        if (!better.empty()) replacement.emplace(w.written, most_written(analyzer, expander, better));
    }
    if (replacement.empty()) return {};
    // Replace whole words at their spans in the text the user typed (never a substring of another word).
    std::string out;
    std::size_t last = 0;
    analyzer.for_each_token(query_text, [&](const TokenView& t) {
        const auto it = replacement.find(std::string(t.normalized));
        if (it == replacement.end()) return;
        out.append(query_text.substr(last, t.begin - last));
        out.append(it->second);
        last = t.end;
    });
    out.append(query_text.substr(last));
    return out;
}

}  // namespace fahras::detail
