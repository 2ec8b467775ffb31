#include "search/snippet.hpp"

#include "analysis/utf8.hpp"

#include <vector>

namespace fahras::detail {

bool MatchTerms::matches_word(std::string_view word) const {
    if (words.count(std::string(word))) return true;
    for (const std::string& p : prefixes)
        if (word.substr(0, p.size()) == p) return true;
    return false;
}

void append_snippet_text(std::string& out, std::string_view text, bool html) {
    if (!html) {
        out.append(text);
        return;
    }
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(c);
        }
    }
}

namespace {

struct Word {
    std::size_t begin, end;  // bytes in the original text
    std::size_t chars;       // code points before `begin`
    int match;               // index of the matched query form, -1 if none
};

constexpr const char* kEllipsis = "\u2026";

}  // namespace

std::string make_snippet(const Analyzer& analyzer, std::string_view text, const MatchTerms& terms,
                         const SnippetStyle& style) {
    std::vector<Word> words;
    std::vector<std::string> matched_forms;  // distinct query forms seen, to prefer varied windows
    std::size_t chars = 0;
    std::size_t counted_to = 0;
    analyzer.for_each_token(text, [&](const TokenView& t) {
        chars += count_code_points(text.substr(counted_to, t.begin - counted_to));
        counted_to = t.begin;
        int match = -1;
        auto note = [&](std::string_view form) {
            for (std::size_t i = 0; i < matched_forms.size(); ++i)
                if (matched_forms[i] == form) return static_cast<int>(i);
            matched_forms.emplace_back(form);
            return static_cast<int>(matched_forms.size() - 1);
        };
        // The query's forms are the index's written words, so a document word matches as written.
        if (terms.matches_word(t.normalized)) match = note(t.bare);
        words.push_back({t.begin, t.end, chars, match});
    });
    if (words.empty()) return {};

    // Choose the window start (a word) whose next `length` characters hold the most distinct matches.
    std::size_t best_start = 0;
    std::size_t best_score = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (words[i].match < 0) continue;
        // Start a little before the match, for context.
        std::size_t start = i;
        while (start > 0 && words[i].chars - words[start - 1].chars < style.length / 4) --start;
        std::vector<bool> seen(matched_forms.size());
        std::size_t score = 0;
        for (std::size_t j = start; j < words.size() && (j == start || words[j].chars - words[start].chars < style.length); ++j)
            if (words[j].match >= 0 && !seen[words[j].match]) seen[words[j].match] = true, ++score;
        if (score > best_score) best_score = score, best_start = start;
    }

    std::string out;
    if (best_start > 0) out += kEllipsis;
    // From the start of the text when the window starts at its first word (keeping a leading « or
    // quote); the window holds at least its first word, however small the length asked for.
    std::size_t last = best_start == 0 ? 0 : words[best_start].begin;
    std::size_t j = best_start;
    for (; j < words.size() && (j == best_start || words[j].chars - words[best_start].chars < style.length); ++j) {
        const Word& w = words[j];
        if (w.match < 0) continue;
        append_snippet_text(out, text.substr(last, w.begin - last), style.escape_html);
        out += style.open;
        append_snippet_text(out, text.substr(w.begin, w.end - w.begin), style.escape_html);
        out += style.close;
        last = w.end;
    }
    // To the end of the text when the window reaches its last word (keeping a final full stop).
    const std::size_t end = j == words.size() ? text.size() : words[j - 1].end;
    append_snippet_text(out, text.substr(last, end - last), style.escape_html);
    if (j < words.size()) out += kEllipsis;
    // Line breaks in a snippet only get in the way of display (the markers are the caller's, kept as given).
    for (char& c : out)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return out;
}

}  // namespace fahras::detail
