#include "search/query_parser.hpp"

#include "analysis/utf8.hpp"

#include <fahras/error.hpp>

#include <unicode/uchar.h>

#include <algorithm>
#include <array>

namespace fahras::detail {

namespace {

struct Lexeme {
    enum class Type { WORD, QUOTE, OPEN, CLOSE, AND, OR, NOT, END };
    Type type = Type::END;
    std::string text;
    char sign = 0;  // '+' or '-' before a word, quote or parenthesis
    std::size_t pos = 0;  // byte offset of the lexeme (of its sign, if any) in the query
};

// Quote marks that open or close a phrase: ASCII, Arabic guillemets and typographic quotes.
constexpr std::array<std::string_view, 5> kQuotes = {"\"", "\u00AB", "\u00BB", "\u201C", "\u201D"};

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Bytes of the white space at @p pos of @p q, 0 if none: ASCII spaces and every Unicode White_Space
// code point (U+00A0 no-break space, U+2009 thin space, U+202F, U+3000 ...), which separate query
// words as the tokenizer separates words in text.
std::size_t space_at(std::string_view q, std::size_t pos) {
    if (pos >= q.size()) return 0;
    if (static_cast<unsigned char>(q[pos]) < 0x80) return is_ascii_space(q[pos]) ? 1 : 0;
    std::size_t end = pos;
    bool valid = true;
    const char32_t cp = decode_utf8(q, end, valid);
    return valid && u_isUWhiteSpace(static_cast<UChar32>(cp)) ? end - pos : 0;
}

class Lexer {
public:
    explicit Lexer(std::string_view q) : q_(q) {}

    std::size_t quote_at(std::size_t pos) const {
        for (std::string_view quote : kQuotes)
            if (q_.compare(pos, quote.size(), quote) == 0) return quote.size();
        return 0;
    }

    // Inside a phrase: everything up to the closing quote (or the end: phrase_closed false).
    std::string phrase_text() {
        std::string text;
        phrase_closed = true;
        while (pos_ < q_.size()) {
            if (std::size_t n = quote_at(pos_)) {
                pos_ += n;
                return text;
            }
            text.push_back(q_[pos_++]);
        }
        phrase_closed = false;
        return text;
    }

    bool phrase_closed = true;

    Lexeme next() {
        while (std::size_t n = space_at(q_, pos_)) pos_ += n;
        Lexeme lx;
        lx.pos = pos_;
        if (pos_ >= q_.size()) return lx;
        if ((q_[pos_] == '+' || q_[pos_] == '-') && pos_ + 1 < q_.size() && !space_at(q_, pos_ + 1)) {
            lx.sign = q_[pos_++];
        }
        if (std::size_t n = quote_at(pos_)) {
            pos_ += n;
            lx.type = Lexeme::Type::QUOTE;
            return lx;
        }
        if (q_[pos_] == '(') { ++pos_; lx.type = Lexeme::Type::OPEN; return lx; }
        if (q_[pos_] == ')') { ++pos_; lx.type = Lexeme::Type::CLOSE; return lx; }
        const std::size_t start = pos_;
        while (pos_ < q_.size() && !space_at(q_, pos_) && q_[pos_] != '(' && q_[pos_] != ')' && !quote_at(pos_)) ++pos_;
        lx.text.assign(q_.substr(start, pos_ - start));
        lx.type = Lexeme::Type::WORD;
        if (!lx.sign) {
            if (lx.text == "AND") lx.type = Lexeme::Type::AND;
            else if (lx.text == "OR") lx.type = Lexeme::Type::OR;
            else if (lx.text == "NOT") lx.type = Lexeme::Type::NOT;
        }
        return lx;
    }

    std::size_t position() const { return pos_; }

private:
    std::string_view q_;
    std::size_t pos_ = 0;
};

class Parser {
public:
    Parser(std::string_view q, bool strict) : query_(q), strict_(strict), lexer_(q) { advance(); }

    // a OR b OR c: the operands of a chain are collected, then joined as a balanced tree (depth
    // log2 of their number, not their number: a recursive consumer of the tree cannot overflow).
    QueryNode parse_or(int depth) {
        std::vector<QueryNode> operands;
        operands.push_back(parse_and(depth));
        while (current_.type == Lexeme::Type::OR && count_item()) {
            const Lexeme op = current_;
            if (is_empty(operands.back())) stray_operator(op, "on its left");
            advance();
            operands.push_back(parse_and(depth));
            if (is_empty(operands.back())) stray_operator(op, "on its right");
        }
        return balanced(QueryNode::Kind::OR, std::move(operands));
    }

    bool truncated = false;

private:
    void advance() { current_ = lexer_.next(); }

    // Operators count against kMaxQueryItems like words: "x AND AND AND ..." is bounded too.
    bool count_item() {
        if (++items_ <= kMaxQueryItems) return true;
        truncated = true;
        while (current_.type != Lexeme::Type::END) advance();
        return false;
    }

    static QueryNode binary(QueryNode::Kind kind, QueryNode a, QueryNode b) {
        QueryNode n;
        n.kind = kind;
        n.children.push_back(std::move(a));
        n.children.push_back(std::move(b));
        return n;
    }

    static bool is_empty(const QueryNode& n) { return n.kind == QueryNode::Kind::GROUP && n.children.empty(); }

    // The operands of an AND or OR chain as a balanced binary tree, in order; empty operands (what a
    // stray operator leaves, as in "a AND AND b") are dropped. No operand: an empty run.
    static QueryNode balanced(QueryNode::Kind kind, std::vector<QueryNode> operands) {
        operands.erase(std::remove_if(operands.begin(), operands.end(), is_empty), operands.end());
        return join(kind, operands, 0, operands.size());
    }

    static QueryNode join(QueryNode::Kind kind, std::vector<QueryNode>& operands, std::size_t first, std::size_t last) {
        if (first == last) return QueryNode();
        if (last - first == 1) return std::move(operands[first]);
        const std::size_t mid = first + (last - first + 1) / 2;
        QueryNode left = join(kind, operands, first, mid);
        return binary(kind, std::move(left), join(kind, operands, mid, last));
    }

    // a AND b NOT c AND d is a AND b AND d, without c: (a AND b AND d) NOT c, and with several NOTs
    // their operands are ORed: x NOT c NOT d is x NOT (c OR d). A chain with no positive operand
    // ("NOT c") keeps an empty left side, which matches nothing.
    QueryNode parse_and(int depth) {
        std::vector<QueryNode> positive, negative;
        positive.push_back(parse_group(depth));
        bool previous_empty = is_empty(positive.back());
        while ((current_.type == Lexeme::Type::AND || current_.type == Lexeme::Type::NOT) && count_item()) {
            const Lexeme op = current_;
            const bool is_not = op.type == Lexeme::Type::NOT;
            if (previous_empty) stray_operator(op, "on its left");
            advance();
            (is_not ? negative : positive).push_back(parse_group(depth));
            previous_empty = is_empty(is_not ? negative.back() : positive.back());
            if (previous_empty) stray_operator(op, "on its right");
        }
        QueryNode all = balanced(QueryNode::Kind::AND, std::move(positive));
        QueryNode none = balanced(QueryNode::Kind::OR, std::move(negative));
        if (is_empty(none)) return all;
        return binary(QueryNode::Kind::AND_NOT, std::move(all), std::move(none));
    }

    static QueryNode::Modifier modifier(char sign) {
        if (sign == '+') return QueryNode::Modifier::REQUIRED;
        if (sign == '-') return QueryNode::Modifier::EXCLUDED;
        return QueryNode::Modifier::OPTIONAL;
    }

    // A run of items with no operator between them: words, phrases, field terms, (sub-queries).
    QueryNode parse_group(int depth) {
        QueryNode group;
        while (true) {
            const Lexeme lx = current_;
            if (lx.type == Lexeme::Type::END || lx.type == Lexeme::Type::AND || lx.type == Lexeme::Type::OR ||
                lx.type == Lexeme::Type::NOT || (lx.type == Lexeme::Type::CLOSE && depth > 0))
                break;
            if (!count_item()) break;
            QueryNode item;
            if (lx.type == Lexeme::Type::CLOSE) {  // a stray ')' at top level: skip it
                if (strict_) fail(lx.pos, "')' closes no '('");
                advance();
                continue;
            } else if (lx.type == Lexeme::Type::OPEN && depth < kMaxQueryDepth) {
                advance();
                item = parse_or(depth + 1);
                if (current_.type == Lexeme::Type::CLOSE) advance();
                else if (strict_ && !truncated) fail(lx.pos, "'(' is never closed");
            } else if (lx.type == Lexeme::Type::OPEN) {
                if (strict_) fail(lx.pos, "parentheses nested deeper than " + std::to_string(kMaxQueryDepth));
                advance();  // too deep: the parenthesis is ignored
                continue;
            } else if (lx.type == Lexeme::Type::QUOTE) {
                item.kind = QueryNode::Kind::PHRASE;
                item.text = lexer_.phrase_text();
                if (strict_ && !lexer_.phrase_closed) fail(lx.pos, "the quote is never closed");
                advance();
            } else {
                item = word_item(lx.text);
            }
            item.modifier = modifier(lx.sign);
            group.children.push_back(std::move(item));
        }
        if (group.children.size() == 1 && group.children[0].modifier == QueryNode::Modifier::OPTIONAL) {
            QueryNode only = std::move(group.children[0]);
            return only;
        }
        return group;
    }

    // word, or field:word, or field:"phrase" (the quote right after the colon). A field name followed by
    // a space or the end ("title: كيري") is no field: "title:" is read as a word like any other (Xapian's
    // QueryParser does the same), so it never takes the next word, operator or parenthesis with it.
    QueryNode word_item(const std::string& text) {
        QueryNode item;
        item.kind = QueryNode::Kind::WORDS;
        item.text = text;
        for (const char* field : {"title", "author", "source"}) {
            const std::string prefix = std::string(field) + ":";
            if (text.compare(0, prefix.size(), prefix) != 0) continue;
            if (text.size() > prefix.size()) {
                item.field = field;
                item.text = text.substr(prefix.size());
            } else if (lexer_.quote_at(lexer_.position())) {
                item.field = field;
                item.kind = QueryNode::Kind::PHRASE;
                const Lexeme quote = lexer_.next();  // the opening quote
                item.text = lexer_.phrase_text();
                if (strict_ && !lexer_.phrase_closed) fail(quote.pos, "the quote is never closed");
            }
            break;
        }
        advance();
        return item;
    }

    // Strict syntax only: QuerySyntaxError naming the character (1-based, in code points) at fault.
    [[noreturn]] void fail(std::size_t byte, const std::string& what) const {
        throw QuerySyntaxError("query syntax error at character " +
                               std::to_string(count_code_points(query_.substr(0, byte)) + 1) + ": " + what +
                               "; fix the query, or search without strict_syntax to have it read leniently");
    }

    void stray_operator(const Lexeme& op, const char* side) const {
        if (!strict_ || truncated) return;  // (an operand cut off by kMaxQueryItems is no syntax error)
        const char* name = op.type == Lexeme::Type::AND ? "AND" : op.type == Lexeme::Type::OR ? "OR" : "NOT";
        fail(op.pos, std::string("'") + name + "' has nothing " + side);
    }

    std::string_view query_;
    bool strict_;
    Lexer lexer_;
    Lexeme current_;
    std::size_t items_ = 0;
};

}  // namespace

QueryNode parse_query(std::string_view query, bool& truncated, bool strict) {
    Parser parser(query, strict);
    QueryNode root = parser.parse_or(0);
    truncated = parser.truncated;
    return root;
}

}  // namespace fahras::detail
