// Snippets: a window of the original text around the query's matches, with each matched word wrapped
// in markers exactly as it was written (clitics, harakat and all).
#pragma once

#include <fahras/analyzer.hpp>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace fahras::detail {

/// What counts as a match in a document word: its written form is one of the forms the query
/// expanded to (`words`) or starts with one of `prefixes` (word* queries).
struct MatchTerms {
    std::unordered_set<std::string> words;
    std::vector<std::string> prefixes;
    bool empty() const { return words.empty() && prefixes.empty(); }
    bool matches_word(std::string_view word) const;
};

struct SnippetStyle {
    std::size_t length = 200;  // approximate length in characters
    std::string open = "<b>";
    std::string close = "</b>";
    bool escape_html = true;  // the text (never the markers) with & < > " ' as HTML character references
};

/// Appends @p text to @p out, as HTML text (& < > " ' escaped) when @p html.
void append_snippet_text(std::string& out, std::string_view text, bool html);

/// The best window of @p text (most distinct matched words) with matches highlighted; the start of
/// the text when nothing matches. "…" marks cut ends.
std::string make_snippet(const Analyzer& analyzer, std::string_view text, const MatchTerms& terms,
                         const SnippetStyle& style);

}  // namespace fahras::detail
