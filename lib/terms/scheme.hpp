// The term scheme's names: prefixes, value slots, metadata keys and the one function that spells a
// word's term. Index-time terms (document_terms.hpp) and query-time terms (query_terms.hpp) both build
// every term through here, so the two halves cannot drift apart.
//
// The scheme (docs/design.md, "Term scheme"): the index keeps each word once, as written (harakat,
// tatweel and invisible marks removed, letters not folded), with its position. How a query word
// relates to the index's words — spelling variants, proclitics, the article, the stem — is decided at
// query time from the vocabulary map (vocabulary.hpp) that each commit keeps up to date.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace fahras::detail {

// Unprefixed terms are the words of title and body, as written. A word that starts with an ASCII
// capital (possible with fold_latin off) gets kEscape in front, Xapian's convention, so that no
// word can ever read as a prefixed term (a body word "Qabc" is not the id term of article "abc").
inline constexpr std::string_view kPrefixTitle = "S";   // title words, positions, wdf 0 (title: queries)
inline constexpr std::string_view kPrefixAuthor = "A";  // author words, wdf 0 (author: filter)
inline constexpr std::string_view kPrefixSource = "K";  // whole source name, normalized (source: filter)
inline constexpr std::string_view kPrefixId = "Q";      // the external id, one per document
inline constexpr char kEscape = ':';

inline constexpr Xapian::valueno kSlotDate = 0;    // date as YYYYMMDDhhmmss, for ranges and sorting
inline constexpr Xapian::valueno kSlotSource = 1;  // source key, for facet counts
inline constexpr Xapian::valueno kSlotId = 2;      // external id, read without the stored record
inline constexpr Xapian::valueno kSlotPositions = 3;  // compact word positions (word_positions.hpp)

// Metadata keys recording how the index was built.
inline constexpr const char* kMetaAnalyzer = "fahras.analyzer";
inline constexpr const char* kMetaScheme = "fahras.scheme";
inline constexpr const char* kMetaPositions = "fahras.positions";
inline constexpr const char* kMetaStoreText = "fahras.store_text";

/// Version of the term scheme; an index recording one this fahras cannot read is refused (rebuild it).
/// 1 (unrecorded): every word as 2–4 folded terms plus a stem term. 2: one term per word as written,
/// the vocabulary map in metadata. 3: the same terms with compact positions (kPositionsCompact),
/// which a reader of scheme 2 would silently take for none. 4 (written now, whatever the positions,
/// which kMetaPositions records): stored records packed (packed_text.hpp) and compact position lists
/// of version 2 (word_positions.hpp), which a reader of 2 or 3 would read as empty. This fahras reads
/// 2, 3 and 4 alike, and a writer opening a 2 or 3 marks it 4, since what it adds is written the new way.
inline constexpr const char* kSchemeVersion = "4";
inline constexpr const char* kSchemeReadable[] = {"2", "3", "4"};

// Values of kMetaPositions: none, Xapian's position table, or compact lists in kSlotPositions.
inline constexpr const char* kPositionsNone = "0";
inline constexpr const char* kPositionsXapian = "1";
inline constexpr const char* kPositionsCompact = "compact";

// Xapian rejects terms over 245 bytes; longer "words" (URLs without separators, base64) are skipped.
inline constexpr std::size_t kMaxTermBytes = 200;

// Gap between title and body positions so that no phrase spans the two.
inline constexpr Xapian::termpos kBodyPositionOffset = 10000;

inline bool needs_escape(std::string_view word) { return !word.empty() && word[0] >= 'A' && word[0] <= 'Z'; }

/// The term of @p word in the field of @p prefix ("" for title and body words), into @p out.
inline void word_term(std::string_view prefix, std::string_view word, std::string& out) {
    out.assign(prefix);
    if (prefix.empty() && needs_escape(word)) out.push_back(kEscape);
    out.append(word);
}

inline std::string word_term(std::string_view prefix, std::string_view word) {
    std::string out;
    word_term(prefix, word, out);
    return out;
}

/// The word of an unprefixed term, or "" for a prefixed term (id, source, title, author).
inline std::string_view word_of_term(std::string_view term) {
    if (term.empty()) return term;
    if (term[0] == kEscape) return term.substr(1);
    if (term[0] >= 'A' && term[0] <= 'Z') return {};
    return term;
}

}  // namespace fahras::detail
