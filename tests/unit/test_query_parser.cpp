// The query parser (lib/search/query_parser): the search-box syntax into a tree, before analysis.
// Each row is a query and its tree in a compact notation:
//   w[text]  words      p[text]  phrase      field:w[..] / field:p[..]  field items
//   +x -x    required / excluded            (a b)  a run of items      AND(a, b) OR(a, b) NOT(a, b)
// and the failure paths: unbalanced quotes and parentheses, deep nesting, huge queries, stray operators.
#include "search/query_parser.hpp"

#include <fahras/error.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using fahras::detail::kMaxQueryDepth;
using fahras::detail::kMaxQueryItems;
using fahras::detail::kMaxQueryTreeDepth;
using fahras::detail::parse_query;
using fahras::detail::QueryNode;

namespace {

std::string dump(const QueryNode& n) {
    std::string s;
    if (n.modifier == QueryNode::Modifier::REQUIRED) s += '+';
    if (n.modifier == QueryNode::Modifier::EXCLUDED) s += '-';
    const std::string field = n.field.empty() ? "" : n.field + ":";
    switch (n.kind) {
        case QueryNode::Kind::WORDS: return s + field + "w[" + n.text + "]";
        case QueryNode::Kind::PHRASE: return s + field + "p[" + n.text + "]";
        case QueryNode::Kind::GROUP: {
            s += "(";
            for (std::size_t i = 0; i < n.children.size(); ++i) s += (i ? " " : "") + dump(n.children[i]);
            return s + ")";
        }
        case QueryNode::Kind::AND:
        case QueryNode::Kind::OR:
        case QueryNode::Kind::AND_NOT: {
            const char* op = n.kind == QueryNode::Kind::AND ? "AND" : n.kind == QueryNode::Kind::OR ? "OR" : "NOT";
            REQUIRE(n.children.size() == 2);
            return s + op + "(" + dump(n.children[0]) + ", " + dump(n.children[1]) + ")";
        }
    }
    return s + "?";
}

std::string parse(const std::string& query) {
    bool truncated = true;
    const QueryNode root = parse_query(query, truncated);
    CHECK_FALSE(truncated);
    return dump(root);
}

// Every WORDS and PHRASE text of the tree, in order.
void collect_texts(const QueryNode& n, std::vector<std::string>& out) {
    if (n.kind == QueryNode::Kind::WORDS || n.kind == QueryNode::Kind::PHRASE) out.push_back(n.text);
    for (const QueryNode& c : n.children) collect_texts(c, out);
}

std::size_t depth(const QueryNode& n) {
    std::size_t d = 0;
    for (const QueryNode& c : n.children) d = std::max(d, depth(c));
    return d + 1;
}

struct Row {
    const char* query;
    const char* tree;
};

void check_rows(const std::vector<Row>& rows) {
    for (const Row& row : rows) {
        const std::string query = row.query;
        CAPTURE(query);
        CHECK(parse(row.query) == row.tree);
    }
}

}  // namespace

TEST_CASE("words: one word is a leaf, several are a run") {
    check_rows({
        {"كيري", "w[كيري]"},
        {"كيري لافروف", "(w[كيري] w[لافروف])"},
        {"  كيري \t لافروف\n", "(w[كيري] w[لافروف])"},
        {"كِيري", "w[كِيري]"},  // the parser keeps the text as written; analysis comes later
        {"and كيري", "(w[and] w[كيري])"},  // only upper-case AND, OR, NOT are operators
    });
}

TEST_CASE("phrases: ASCII quotes, guillemets and typographic quotes") {
    check_rows({
        {"\"جون كيري\"", "p[جون كيري]"},
        {"«جون كيري»", "p[جون كيري]"},
        {"“جون كيري”", "p[جون كيري]"},
        {"لافروف \"جون كيري\" جنيف", "(w[لافروف] p[جون كيري] w[جنيف])"},
        {"لافروف«جون كيري»جنيف", "(w[لافروف] p[جون كيري] w[جنيف])"},  // a quote also ends a word
        {"\"\"", "p[]"},
    });
}

TEST_CASE("+required and -excluded words, phrases and groups") {
    check_rows({
        {"+كيري", "(+w[كيري])"},
        {"+كيري -جنيف", "(+w[كيري] -w[جنيف])"},
        {"لافروف +كيري -جنيف", "(w[لافروف] +w[كيري] -w[جنيف])"},
        {"+\"جون كيري\"", "(+p[جون كيري])"},
        {"-«جون كيري» لافروف", "(-p[جون كيري] w[لافروف])"},
        {"-(كيري لافروف) جنيف", "(-(w[كيري] w[لافروف]) w[جنيف])"},
        {"- كيري", "(w[-] w[كيري])"},  // a sign followed by a space is not a sign
        {"كيري -", "(w[كيري] w[-])"},
        {"e-mail", "w[e-mail]"},  // a hyphen inside a word is part of it
    });
}

TEST_CASE("AND, OR, NOT: binary, AND and NOT bind tighter than OR, chains are balanced trees") {
    check_rows({
        {"كيري AND جنيف", "AND(w[كيري], w[جنيف])"},
        {"كيري OR لافروف", "OR(w[كيري], w[لافروف])"},
        {"كيري NOT جنيف", "NOT(w[كيري], w[جنيف])"},
        {"a OR b AND c", "OR(w[a], AND(w[b], w[c]))"},
        {"a AND b OR c", "OR(AND(w[a], w[b]), w[c])"},
        {"a AND b AND c", "AND(AND(w[a], w[b]), w[c])"},
        {"a NOT b NOT c", "NOT(w[a], OR(w[b], w[c]))"},  // a without b and without c
        {"a AND b AND c AND d", "AND(AND(w[a], w[b]), AND(w[c], w[d]))"},
        {"a OR b OR c OR d OR e", "OR(OR(OR(w[a], w[b]), w[c]), OR(w[d], w[e]))"},
        {"a NOT b AND c", "NOT(AND(w[a], w[c]), w[b])"},
        {"a AND AND b", "AND(w[a], w[b])"},  // the empty operand between two operators is dropped
        {"a b OR c d", "OR((w[a] w[b]), (w[c] w[d]))"},
        {"+AND", "(+w[AND])"},  // a signed operator is a word
    });
}

TEST_CASE("parentheses group sub-queries") {
    check_rows({
        {"(كيري OR لافروف) AND جنيف", "AND(OR(w[كيري], w[لافروف]), w[جنيف])"},
        {"جنيف (كيري OR لافروف)", "(w[جنيف] OR(w[كيري], w[لافروف]))"},
        {"((كيري))", "w[كيري]"},
        {"(a (b OR c)) NOT d", "NOT((w[a] OR(w[b], w[c])), w[d])"},
        {"+(a OR b) -c", "(+OR(w[a], w[b]) -w[c])"},
    });
}

TEST_CASE("fields: title:, author:, source: with words and phrases") {
    check_rows({
        {"title:كيري", "title:w[كيري]"},
        {"author:رويترز", "author:w[رويترز]"},
        {"source:okaz", "source:w[okaz]"},
        {"title:\"جون كيري\"", "title:p[جون كيري]"},
        {"title:«جون كيري»", "title:p[جون كيري]"},
        {"source:\"الشرق الأوسط\"", "source:p[الشرق الأوسط]"},
        {"title: كيري", "(w[title:] w[كيري])"},  // a field name with a space after it is a plain word
        {"title: AND كيري", "AND(w[title:], w[كيري])"},  // ... and never takes the next operator
        {"title: (كيري لافروف)", "(w[title:] (w[كيري] w[لافروف]))"},  // ... or parenthesis
        {"title: \"جون كيري\"", "(w[title:] p[جون كيري])"},
        {"كيري source:okaz", "(w[كيري] source:w[okaz])"},
        {"كيري -source:okaz", "(w[كيري] -source:w[okaz])"},
        {"+title:كيري لافروف", "(+title:w[كيري] w[لافروف])"},
        {"كيري AND author:رويترز", "AND(w[كيري], author:w[رويترز])"},
        {"url:x", "w[url:x]"},  // not a field: a plain word
        {"TITLE:x", "w[TITLE:x]"},
        {"title:", "w[title:]"},
    });
}

TEST_CASE("unbalanced quotes and parentheses close at the end of the query") {
    check_rows({
        {"\"جون كيري", "p[جون كيري]"},
        {"لافروف «جون كيري", "(w[لافروف] p[جون كيري])"},
        {"\"", "p[]"},
        {"(كيري لافروف", "(w[كيري] w[لافروف])"},
        {"((كيري", "w[كيري]"},
        {"(كيري OR لافروف", "OR(w[كيري], w[لافروف])"},
        {"كيري)", "w[كيري]"},  // a stray ')' is skipped
        {"كيري) لافروف", "(w[كيري] w[لافروف])"},
        {")))", "()"},
        {"(", "()"},
        {"title:\"جون كيري", "title:p[جون كيري]"},
        {"(\"جون كيري)\"", "p[جون كيري)]"},  // inside a phrase, ')' is text
    });
}

TEST_CASE("stray operators are dropped, their operands kept") {
    struct R {
        const char* query;
        std::vector<std::string> texts;
    };
    const R rows[] = {
        {"AND كيري", {"كيري"}},
        {"كيري AND", {"كيري"}},
        {"OR", {}},
        {"NOT", {}},
        {"NOT كيري", {"كيري"}},
        {"OR OR كيري AND AND لافروف NOT", {"كيري", "لافروف"}},
        {"( AND )", {}},
        {"كيري (OR) لافروف", {"كيري", "لافروف"}},
    };
    for (const R& row : rows) {
        const std::string query = row.query;
        CAPTURE(query);
        bool truncated = true;
        const QueryNode root = parse_query(row.query, truncated);
        CHECK_FALSE(truncated);
        std::vector<std::string> texts;
        collect_texts(root, texts);
        CHECK(texts == row.texts);
    }
}

TEST_CASE("an empty or blank query is an empty run") {
    check_rows({{"", "()"}, {"   \t\n", "()"}});
}

TEST_CASE("100 nested parentheses: parsed to the depth limit, the word kept, no stack overflow") {
    const std::string query = std::string(100, '(') + "كيري" + std::string(100, ')');
    bool truncated = true;
    const QueryNode root = parse_query(query, truncated);
    CHECK_FALSE(truncated);
    CHECK(dump(root) == "w[كيري]");

    // Groups that do not collapse: each level holds two items, so the tree shows the real depth.
    std::string nested = "x";
    for (int i = 0; i < 100; ++i) nested = "(a " + nested + ")";
    const QueryNode deep = parse_query(nested, truncated);
    CHECK(depth(deep) <= static_cast<std::size_t>(kMaxQueryDepth) + 2);
    std::vector<std::string> texts;
    collect_texts(deep, texts);
    CHECK(texts.size() == 101);  // every word is still there, below the limit as plain items
    CHECK(texts.back() == "x");

    // Far deeper input must not exhaust the stack either.
    const std::string huge = std::string(100000, '(') + "كيري" + std::string(100000, ')');
    const QueryNode h = parse_query(huge, truncated);
    CHECK(depth(h) <= static_cast<std::size_t>(kMaxQueryDepth) + 2);
}

TEST_CASE("query size limit: at most kMaxQueryItems items, the truncated flag says so") {
    auto words = [](std::size_t n) {
        std::string q;
        for (std::size_t i = 0; i < n; ++i) q += "w" + std::to_string(i) + " ";
        return q;
    };
    bool truncated = true;
    std::vector<std::string> texts;
    collect_texts(parse_query(words(kMaxQueryItems), truncated), texts);
    CHECK_FALSE(truncated);
    CHECK(texts.size() == kMaxQueryItems);

    texts.clear();
    collect_texts(parse_query(words(kMaxQueryItems + 1), truncated), texts);
    CHECK(truncated);
    CHECK(texts.size() == kMaxQueryItems);
    CHECK(texts.front() == "w0");
}

TEST_CASE("a 10,000-word query is truncated and parsed fast") {
    std::string query;
    for (int i = 0; i < 10000; ++i) query += (i % 3 ? "كيري " : "(لافروف OR \"جون كيري\") ");
    const auto start = std::chrono::steady_clock::now();
    bool truncated = false;
    const QueryNode root = parse_query(query, truncated);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(truncated);
    CHECK(seconds < 1.0);
    std::vector<std::string> texts;
    collect_texts(root, texts);
    CHECK(!texts.empty());
    CHECK(texts.size() <= kMaxQueryItems);
}

TEST_CASE("operators count against kMaxQueryItems: 'x AND AND AND ...' is truncated") {
    std::string query = "كيري";
    for (int i = 0; i < 40000; ++i) query += " AND";  // 160 KB: it crashed the CLI (a 40,000-deep tree)
    bool truncated = false;
    const QueryNode root = parse_query(query, truncated);
    CHECK(truncated);
    CHECK(dump(root) == "w[كيري]");

    std::string ops;
    for (std::size_t i = 0; i < kMaxQueryItems; ++i) ops += "OR ";
    parse_query(ops, truncated);
    CHECK_FALSE(truncated);  // exactly kMaxQueryItems items
    parse_query(ops + "OR", truncated);
    CHECK(truncated);
}

TEST_CASE("the tree depth is at most kMaxQueryTreeDepth whatever the input") {
    auto repeat = [](const std::string& s, std::size_t bytes) {
        std::string out;
        while (out.size() < bytes) out += s;
        return out;
    };
    const std::size_t kBytes = 200 * 1024;
    const std::vector<std::string> queries = {
        "كيري" + repeat(" AND", kBytes),
        repeat("كيري AND ", kBytes),
        repeat("كيري OR ", kBytes),
        repeat("NOT كيري ", kBytes),
        repeat("a NOT b AND c OR ", kBytes),
        repeat("(a AND ", kBytes),
        repeat("(a OR b NOT ", kBytes),
        repeat("(", kBytes) + repeat("a AND b OR ", kBytes),
        repeat("((a b) AND (c OR d) NOT ", kBytes),
        repeat("-(+a ", kBytes),
    };
    std::size_t deepest = 0;
    for (const std::string& query : queries) {
        CAPTURE(query.substr(0, 40));
        bool truncated = false;
        const QueryNode root = parse_query(query, truncated);
        CHECK(truncated);
        const std::size_t d = depth(root);
        CHECK(d <= kMaxQueryTreeDepth);
        deepest = std::max(deepest, d);
    }
    MESSAGE("deepest tree: " << deepest << " levels (bound " << kMaxQueryTreeDepth << ")");
}

TEST_CASE("non-ASCII spaces separate query words and operators like ASCII ones") {
    for (const char* space : {"\u00A0", "\u2009", "\u202F", "\u3000", "\u2002", "\u205F", "\u1680", "\u2028", "\u0085"}) {
        const std::string sp = space;
        CAPTURE(sp);
        CHECK(parse("كيري" + sp + "لافروف") == "(w[كيري] w[لافروف])");
        CHECK(parse("كيري" + sp + "AND" + sp + "لافروف") == "AND(w[كيري], w[لافروف])");
        CHECK(parse("title:كيري" + sp + "لافروف") == "(title:w[كيري] w[لافروف])");
        CHECK(parse(sp + "+كيري" + sp) == "(+w[كيري])");
        CHECK(parse(sp) == "()");
    }
    CHECK(parse("\u0643\u200B\u064A") == "w[\u0643\u200B\u064A]");  // a zero-width space is no space: the analyzer drops it
}

TEST_CASE("strict syntax: malformed queries are a QuerySyntaxError naming the character at fault") {
    struct R {
        const char* query;
        const char* message;  // a part of the message
    };
    const R rows[] = {
        {"\"جون كيري", "character 1: the quote is never closed"},
        {"كيري «جون", "character 6: the quote is never closed"},
        {"title:\"جون", "character 7: the quote is never closed"},
        {"(كيري لافروف", "character 1: '(' is never closed"},
        {"كيري)", "character 5: ')' closes no '('"},
        {"AND كيري", "character 1: 'AND' has nothing on its left"},
        {"كيري OR", "character 6: 'OR' has nothing on its right"},
        {"كيري AND AND لافروف", "character 6: 'AND' has nothing on its right"},
        {"NOT كيري", "character 1: 'NOT' has nothing on its left"},
        {"(كيري AND)", "character 7: 'AND' has nothing on its right"},
    };
    for (const R& row : rows) {
        const std::string query = row.query;
        CAPTURE(query);
        bool truncated = false;
        try {
            parse_query(row.query, truncated, true);
            FAIL("no QuerySyntaxError");
        } catch (const fahras::QuerySyntaxError& e) {
            CHECK_MESSAGE(std::string(e.what()).find(row.message) != std::string::npos, e.what());
        }
        CHECK_NOTHROW(parse_query(row.query, truncated));  // the default stays lenient
    }
    const std::string deep = std::string(kMaxQueryDepth + 1, '(') + "x" + std::string(kMaxQueryDepth + 1, ')');
    bool truncated = false;
    CHECK_THROWS_AS(parse_query(deep, truncated, true), fahras::QuerySyntaxError);
    // Well-formed queries parse the same in both modes.
    for (const char* ok : {"كيري", "\"جون كيري\" -لافروف", "(a OR b) AND c NOT d", "title:\"جون كيري\" +x", "+AND"}) {
        CAPTURE(ok);
        CHECK(dump(parse_query(ok, truncated, true)) == dump(parse_query(ok, truncated)));
    }
}
