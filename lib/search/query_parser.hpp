// Query parser: the search-box syntax into a small tree, before any analysis. The searcher turns the
// tree into a Xapian::Query, running the analyzer on each word. Never throws on user input unless
// asked to be strict: unbalanced quotes and parentheses close at the end, stray operators and ')' are ignored.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::detail {

struct QueryNode {
    enum class Kind { WORDS, PHRASE, AND, OR, AND_NOT, GROUP };
    enum class Modifier { OPTIONAL, REQUIRED, EXCLUDED };

    Kind kind = Kind::GROUP;
    Modifier modifier = Modifier::OPTIONAL;
    std::string text;   // WORDS and PHRASE: the raw text, analysed later
    std::string field;  // "", "title", "author" or "source"
    std::vector<QueryNode> children;  // GROUP: items; AND, OR, AND_NOT: two operands
};

/// Deepest nesting of parentheses honoured; deeper ones are read as plain text.
inline constexpr int kMaxQueryDepth = 32;
/// Query items (words, phrases, parentheses and operators) beyond this many are ignored, so a
/// 10,000-word query stays fast.
inline constexpr std::size_t kMaxQueryItems = 256;
/// Deepest the parsed tree can be, whatever the input, so that code walking it recursively (the
/// searcher's query builder, the tree's destructor) needs a small, fixed stack. Per level of
/// parentheses: a run, an AND_NOT, and an AND and an OR chain, each a balanced tree of at most
/// kMaxQueryItems operands (log2 256 = 8 levels); the leaves add one.
inline constexpr std::size_t kMaxQueryTreeDepth = (kMaxQueryDepth + 1) * (2 + 2 * 8) + 1;

/// Parses @p query. @p truncated is set when items beyond kMaxQueryItems were dropped. With @p strict,
/// an unclosed quote or parenthesis, a stray ')', an operator without an operand on either side and
/// nesting beyond kMaxQueryDepth are a QuerySyntaxError naming the character at fault, instead of
/// being closed or dropped.
QueryNode parse_query(std::string_view query, bool& truncated, bool strict = false);

}  // namespace fahras::detail
