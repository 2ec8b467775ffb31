#include "search/query_builder.hpp"

#include "index/terms.hpp"
#include "search/sequence_source.hpp"
#include "search/word_source.hpp"
#include "terms/scheme.hpp"

#include <algorithm>
#include <limits>

namespace fahras::detail {

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
    if (parts.empty()) return Xapian::Query();
    if (parts.size() == 1) return parts[0];
    return Xapian::Query(op, parts.begin(), parts.end());
}

bool is_filter_field(const std::string& field) { return field == "author" || field == "source"; }

namespace {

constexpr Xapian::termcount kMaxWildcardExpansion = 100;  // search.hpp documents it
constexpr std::size_t kFullNameMinWords = 2;
constexpr std::size_t kFullNameMaxWords = 5;

Xapian::Query unweighted(const Xapian::Query& q) {
    return q.empty() ? q : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0);
}

bool is_binary(QueryNode::Kind k) {
    return k == QueryNode::Kind::AND || k == QueryNode::Kind::OR || k == QueryNode::Kind::AND_NOT;
}

// The OR of the terms of @p forms' tiers from EXACT up to @p last, in the field of @p prefix.
Xapian::Query any_form(const WordForms& forms, std::string_view prefix, Tier last) {
    std::vector<Xapian::Query> terms;
    for (std::size_t t = 0; t <= static_cast<std::size_t>(last); ++t)
        for (const std::string& f : forms.tiers[t]) terms.emplace_back(word_term(prefix, f));
    return terms.empty() ? Xapian::Query(Xapian::Query::MatchNothing) : combine(Xapian::Query::OP_OR, terms);
}

// What a phrase or full name matches of each word: any of its forms through the split tier (never
// its stem family), as queries in the field of @p prefix, and as the words the positions are read for.
std::vector<Xapian::Query> sequence_slots(const std::vector<WordForms>& words, std::string_view prefix) {
    std::vector<Xapian::Query> slots;
    for (const WordForms& w : words) slots.push_back(any_form(w, prefix, Tier::SPLIT));
    return slots;
}

std::vector<std::vector<std::string>> sequence_forms(const std::vector<WordForms>& words) {
    std::vector<std::vector<std::string>> forms;
    for (const WordForms& w : words) {
        std::vector<std::string>& f = forms.emplace_back();
        for (std::size_t t = 0; t <= static_cast<std::size_t>(Tier::SPLIT); ++t) f.insert(f.end(), w.tiers[t].begin(), w.tiers[t].end());
    }
    return forms;
}

// A sequence in the field of @p prefix lies below this position: the title's end for title:.
Xapian::termpos positions_below(std::string_view prefix) {
    return prefix.empty() ? std::numeric_limits<Xapian::termpos>::max() : kBodyPositionOffset;
}

}  // namespace

Xapian::Query QueryBuilder::build_query(const QueryNode& tree) {
    // A group of one (kept, not excluded) is its child's query.
    root_ = &tree;
    while (root_->kind == QueryNode::Kind::GROUP && root_->children.size() == 1 &&
           root_->children[0].modifier != QueryNode::Modifier::EXCLUDED)
        root_ = &root_->children[0];
    Xapian::Query q = build(tree, false);
    if (q.empty() && dropped_stopword_ && !content_word_) {
        // Nothing but stopwords: search them after all (a query of على, or من هو).
        keep_stopwords_ = true;
        results_.ignored.clear();
        words.clear();
        deferred_ = DeferredSequence();
        q = build(tree, false);
    }
    return q;
}

Xapian::Query QueryBuilder::build(const QueryNode& node, bool negated) {
    switch (node.kind) {
        case QueryNode::Kind::WORDS: return plain_words(node, negated);
        case QueryNode::Kind::PHRASE: return phrase(node, negated);
        case QueryNode::Kind::GROUP: return group(node, negated);
        case QueryNode::Kind::AND:
        case QueryNode::Kind::OR:
        case QueryNode::Kind::AND_NOT: return binary_chain(node, negated);
    }
    return Xapian::Query();
}

// `a AND b AND c ...` parses left-deep: walk the left spine in a loop rather than recursing once per
// operator, so that no query, however long, can exhaust the stack.
Xapian::Query QueryBuilder::binary_chain(const QueryNode& node, bool negated) {
    std::vector<const QueryNode*> spine;
    const QueryNode* n = &node;
    while (is_binary(n->kind) && n->children.size() == 2) {
        spine.push_back(n);
        n = &n->children[0];
    }
    Xapian::Query a = build(*n, negated);
    for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
        const QueryNode& op = **it;
        const bool right_negated = negated != (op.kind == QueryNode::Kind::AND_NOT);
        Xapian::Query b = build(op.children[1], right_negated);
        if (a.empty()) {
            a = op.kind == QueryNode::Kind::AND_NOT ? Xapian::Query() : b;
            continue;
        }
        if (b.empty()) continue;
        const auto xop = op.kind == QueryNode::Kind::AND  ? Xapian::Query::OP_AND
                         : op.kind == QueryNode::Kind::OR ? Xapian::Query::OP_OR
                                                          : Xapian::Query::OP_AND_NOT;
        a = Xapian::Query(xop, a, b);
    }
    return a;
}

// The word's forms as nested sets, each holding the one before it, each with its own weight:
//   own spelling ⊂ word (spellings, conjunctions, prepositions) ⊂ + article ⊂ + split ⊂ + stem family.
// Each set counts as one term (one idf, one wdf for all its forms, as if the index had folded them).
// A document writing the query's own spelling scores in every set, one writing only a stem relative
// in the last. A set that adds no form to the one before it adds its weight to that one (the same
// score, one posting list fewer). On local databases one posting source scores all the sets in one
// pass over the forms (word_source.hpp); remote shards get the sets as Xapian synonym sets.
Xapian::Query QueryBuilder::word_forms(const WordForms& forms, std::string_view prefix) {
    NestedSets sets;
    std::vector<std::string> seen;
    auto add_ring = [&](std::vector<std::string> ring, double weight) {
        // A set that adds no form scores as the one before it: its weight goes to that one.
        if (ring.empty() && !sets.set_weights.empty()) sets.set_weights.back() += weight;
        else sets.ring_terms.push_back(std::move(ring)), sets.set_weights.push_back(weight);
    };
    std::vector<std::string> own_spelling;
    const std::string* exact = forms[Tier::EXACT].empty() ? nullptr : &forms[Tier::EXACT][0];
    if (exact) own_spelling.push_back(*exact);
    for (const std::string& f : forms[Tier::CLITIC])
        if (exact && f.size() > exact->size() && f.compare(f.size() - exact->size(), std::string::npos, *exact) == 0)
            own_spelling.push_back(f);
    seen = own_spelling;
    add_ring(std::move(own_spelling), ranking_.exact_weight);
    auto extend = [&](std::initializer_list<Tier> tiers, double weight) {
        std::vector<std::string> ring;
        for (Tier t : tiers)
            for (const std::string& f : forms[t])
                if (std::find(seen.begin(), seen.end(), f) == seen.end()) seen.push_back(f), ring.push_back(f);
        add_ring(std::move(ring), weight);
    };
    extend({Tier::VARIANT, Tier::CLITIC}, ranking_.form_weight);
    extend({Tier::ARTICLE}, ranking_.article_weight);
    extend({Tier::SPLIT}, ranking_.strip_weight);
    extend({Tier::STEM}, ranking_.stem_weight);
    if (seen.empty()) return Xapian::Query(Xapian::Query::MatchNothing);
    for (auto& ring : sets.ring_terms) {
        sets.ring_frequencies.emplace_back();
        for (std::string& f : ring) {
            sets.ring_frequencies.back().push_back(expander_.frequency(f, prefix));
            f = word_term(prefix, f);
        }
    }
    if (one_pass_words_) {
        sets.k1 = ranking_.k1;
        sets.b = ranking_.b;
        sets.min_normlen = ranking_.length_norm_floor;
        return nested_sets_query(sets, expander_.database());
    }
    return nested_synonym_query(sets);
}

Xapian::Query QueryBuilder::word(const TokenView& t, std::string_view prefix, bool negated) {
    const WordForms forms = expander_.expand(t);
    if (!negated)
        for (const auto& tier : forms.tiers) match_.words.insert(tier.begin(), tier.end());
    Xapian::Query q = word_forms(forms, {});
    // title:word ranks by the word's weight and keeps the documents whose title holds one of its forms.
    if (!prefix.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, any_form(forms, prefix, Tier::STEM));
    return q;
}

Xapian::Query QueryBuilder::filter_terms(const QueryNode& node) {
    if (node.field == "source") {
        const std::string key = source_key(analyzer_, node.text);
        if (key.empty()) return Xapian::Query();
        return unweighted(Xapian::Query(word_term(kPrefixSource, key)));
    }
    std::vector<Xapian::Query> parts;  // author: every word must match one of its forms
    analyzer_.for_each_token(node.text, [&](const TokenView& t) {
        parts.push_back(any_form(expander_.expand(t, kPrefixAuthor), kPrefixAuthor, Tier::SPLIT));
    });
    return unweighted(combine(Xapian::Query::OP_AND, parts));
}

// word*: the index's words that start with the prefix as written, alone or behind a proclitic
// sequence (كير* finds كيري and وكيرى), at most the kMaxWildcardExpansion most frequent of them, so
// that "ا*" costs no more than a 100-word query. A prefix that is not one whole word ("*", "؟*",
// "a.b*") is no wildcard: the text is read as words.
Xapian::Query QueryBuilder::wildcard(const QueryNode& node, std::string_view prefix, bool negated) {
    static const char* const kProclitics[] = {
        "", "\u0648", "\u0641", "\u0628", "\u0644", "\u0643", "\u0627\u0644", "\u0648\u0627\u0644",
        "\u0641\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644", "\u0644\u0644",
        "\u0648\u0644\u0644", "\u0641\u0644\u0644", "\u0648\u0628", "\u0641\u0628", "\u0648\u0644",
        "\u0641\u0644", "\u0648\u0628\u0627\u0644", "\u0641\u0628\u0627\u0644"};  // و ف ب ل ك ال وال ...
    const std::string_view stem = std::string_view(node.text).substr(0, node.text.size() - 1);
    std::vector<Token> tokens = analyzer_.analyze(stem);
    if (tokens.size() != 1 || tokens[0].end != stem.size() || tokens[0].normalized.size() > kMaxTermBytes)
        return Xapian::Query();
    const std::string& written = tokens[0].normalized;
    const Xapian::Database& db = expander_.database();
    std::vector<std::pair<Xapian::doccount, std::string>> found;  // (documents, word)
    const bool arabic = !written.empty() && static_cast<unsigned char>(written[0]) >= 0xD8;
    for (const char* proclitic : kProclitics) {
        if (!arabic && *proclitic) break;
        const std::string start = word_term(prefix, proclitic + written);
        for (auto t = db.allterms_begin(start); t != db.allterms_end(start); ++t)
            found.emplace_back(t.get_termfreq(), std::string(*t).substr(prefix.size()));
    }
    if (found.empty()) return Xapian::Query(Xapian::Query::MatchNothing);
    const std::size_t keep = std::min<std::size_t>(found.size(), kMaxWildcardExpansion);
    std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(),
                      [](const auto& x, const auto& y) { return x.first > y.first || (x.first == y.first && x.second < y.second); });
    std::vector<Xapian::Query> terms;
    for (std::size_t i = 0; i < keep; ++i) {
        terms.emplace_back(prefix.empty() ? found[i].second : std::string(prefix) + found[i].second);
        if (!negated) match_.words.insert(std::string(word_of_term(found[i].second)));
    }
    // title:word* matches title terms; it ranks by them too (wdf 0: all title matches rank alike)
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, combine(Xapian::Query::OP_SYNONYM, terms), ranking_.form_weight);
}

Xapian::Query QueryBuilder::plain_words(const QueryNode& node, bool negated) {
    if (is_filter_field(node.field)) return filter_terms(node);
    const std::string_view prefix = node.field == "title" ? kPrefixTitle : std::string_view();
    const bool excluded = negated || node.modifier == QueryNode::Modifier::EXCLUDED;
    if (node.text.size() > 1 && node.text.back() == '*') {
        Xapian::Query q = wildcard(node, prefix, excluded);
        if (!q.empty()) return q;
    }
    const bool optional = node.modifier == QueryNode::Modifier::OPTIONAL;
    std::vector<Xapian::Query> parts;
    analyzer_.for_each_token(node.text, [&](const TokenView& t) {
        if (t.normalized.size() > kMaxTermBytes) return;
        if (t.stopword && optional && !keep_stopwords_) {
            results_.ignored.emplace_back(node.text.substr(t.begin, t.end - t.begin));
            dropped_stopword_ = true;
            return;
        }
        content_word_ = content_word_ || !t.stopword;
        parts.push_back(word(t, prefix, excluded));
        if (!excluded && prefix.empty())
            words.push_back({std::string(t.normalized), parts.back().get_type() != Xapian::Query::LEAF_MATCH_NOTHING});
    });
    return combine(optional ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, parts);
}

// PHRASE over the OR of each word's forms (never its stem family: a phrase means these words), in a
// window of @p window positions: stopwords keep no positions in the index, so a phrase holding them
// matches its other words in order with room for the stopwords between.
// With compact positions the same: the AND of the words (their weights, the documents to check),
// filtered by the documents' position lists.
Xapian::Query QueryBuilder::sequence(const std::vector<WordForms>& words, std::string_view prefix, std::size_t window) {
    const std::vector<Xapian::Query> slots = sequence_slots(words, prefix);
    if (slots.size() == 1) return slots[0];
    const auto span = static_cast<Xapian::termpos>(std::max(window, slots.size()));
    if (positions_ == PositionStore::XAPIAN) {
        // PHRASE as a filter of the words' AND, not alone: the same weight, and Xapian 1.4.22 gives an
        // OR holding a bare PHRASE the phrase's weight in documents without it once the OR is under
        // OP_FILTER (a source or date filter); test_word_positions checks filtered full names.
        Xapian::Query phrase(Xapian::Query::OP_PHRASE, slots.begin(), slots.end(), span);
        return Xapian::Query(Xapian::Query::OP_FILTER, combine(Xapian::Query::OP_AND, slots), phrase);
    }
    return Xapian::Query(Xapian::Query::OP_FILTER, combine(Xapian::Query::OP_AND, slots),
                         compact_sequence_query(sequence_forms(words), span, positions_below(prefix)));
}

Xapian::Query QueryBuilder::phrase(const QueryNode& node, bool negated) {
    if (is_filter_field(node.field)) return filter_terms(node);
    const std::string prefix = node.field == "title" ? std::string(kPrefixTitle) : std::string();
    std::vector<Xapian::Query> parts;
    std::vector<WordForms> forms, positioned;  // every word; the words that are no stopword
    std::size_t window = 0;
    analyzer_.for_each_token(node.text, [&](const TokenView& t) {
        if (t.normalized.size() > kMaxTermBytes) return;
        ++window;
        forms.push_back(expander_.expand(t));
        if (!t.stopword) positioned.push_back(forms.back());
        if (!negated)
            for (std::size_t k = 0; k <= static_cast<std::size_t>(Tier::SPLIT); ++k)
                match_.words.insert(forms.back().tiers[k].begin(), forms.back().tiers[k].end());
        parts.push_back(word_forms(forms.back(), {}));
    });
    if (parts.empty()) return Xapian::Query();
    Xapian::Query all = combine(Xapian::Query::OP_AND, parts);
    if (parts.size() == 1 && prefix.empty()) return all;
    if (positions_ == PositionStore::NONE) {  // no positions: all the words, and in the title when asked
        return prefix.empty() ? all : Xapian::Query(Xapian::Query::OP_FILTER, all, combine(Xapian::Query::OP_AND, [&] {
            std::vector<Xapian::Query> in_title;
            for (const WordForms& w : forms) in_title.push_back(any_form(w, prefix, Tier::SPLIT));
            return in_title;
        }()));
    }
    // Ranked by the words' weights; matched only where they stand in sequence (in the title for title:).
    if (positioned.empty()) return all;  // only stopwords: all of them, anywhere
    if (defer_phrase_ && &node == root_ && !negated && positioned.size() >= 2) {
        deferred_ = DeferredSequence();
        deferred_.slots = sequence_forms(positioned);
        deferred_.window = static_cast<Xapian::termpos>(std::max(window, positioned.size()));
        deferred_.below = positions_below(prefix);
        // The words in the field (the title for title:); their order is the caller's to check.
        return Xapian::Query(Xapian::Query::OP_FILTER, all, combine(Xapian::Query::OP_AND, sequence_slots(positioned, prefix)));
    }
    return Xapian::Query(Xapian::Query::OP_FILTER, all, sequence(positioned, prefix, window));
}

// A query of 2 to 5 plain words, none a stopword, reads as a full name (سيرغي لافروف): documents
// writing the words in that order, the first behind any proclitic, earn a bonus. Questions hold
// question words and stopwords, so they get none (the bonus was measured to cost them).
Xapian::Query QueryBuilder::full_name_bonus(const QueryNode& node) {
    if (positions_ == PositionStore::NONE || ranking_.phrase_weight <= 0) return Xapian::Query();
    std::vector<WordForms> names;
    bool plain = true;
    for (const QueryNode& child : node.children) {
        if (child.kind != QueryNode::Kind::WORDS || !child.field.empty() ||
            child.modifier != QueryNode::Modifier::OPTIONAL || child.text.back() == '*') {
            plain = false;
            break;
        }
        analyzer_.for_each_token(child.text, [&](const TokenView& t) {
            if (t.stopword || t.normalized.size() > kMaxTermBytes) plain = false;
            else if (plain) names.push_back(expander_.expand(t));
        });
        if (!plain || names.size() > kFullNameMaxWords) return Xapian::Query();
    }
    if (!plain || names.size() < kFullNameMinWords) return Xapian::Query();
    for (std::size_t i = 1; i < names.size(); ++i) {  // proclitics on the first word only
        names[i][Tier::CLITIC].clear();
        names[i][Tier::SPLIT].clear();
    }
    if (defer_full_name_ && &node == root_) {
        // The weight PHRASE would give (the sum of the words' weights), for every document holding
        // the words; the caller keeps it only where they stand in sequence.
        deferred_ = DeferredSequence();
        deferred_.kind = DeferredSequence::Kind::BONUS;
        deferred_.slots = sequence_forms(names);
        deferred_.window = static_cast<Xapian::termpos>(names.size());
        deferred_.below = positions_below({});
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, combine(Xapian::Query::OP_AND, sequence_slots(names, {})),
                             ranking_.phrase_weight);
    }
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, sequence(names, {}, names.size()), ranking_.phrase_weight);
}

Xapian::Query QueryBuilder::group(const QueryNode& node, bool negated) {
    std::vector<Xapian::Query> required, optional, excluded, filters;
    for (const QueryNode& child : node.children) {
        const bool excl = child.modifier == QueryNode::Modifier::EXCLUDED;
        Xapian::Query q = build(child, negated || excl);
        if (q.empty()) continue;
        if (excl) excluded.push_back(q);
        else if (is_filter_field(child.field)) filters.push_back(q);
        else if (child.modifier == QueryNode::Modifier::REQUIRED) required.push_back(q);
        else optional.push_back(q);
    }
    if (!negated && optional.size() >= kFullNameMinWords && required.empty()) {
        Xapian::Query bonus = full_name_bonus(node);
        if (!bonus.empty()) {
            if (!deferred_.slots.empty() && &node == root_) deferred_.words = combine(Xapian::Query::OP_OR, optional);
            optional.push_back(bonus);
        }
    }
    Xapian::Query q = combine(Xapian::Query::OP_AND, required);
    Xapian::Query opt = combine(Xapian::Query::OP_OR, optional);
    if (q.empty()) q = opt;
    else if (!opt.empty()) q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, opt);
    if (!filters.empty()) {
        Xapian::Query f = combine(Xapian::Query::OP_AND, filters);
        q = q.empty() ? f : Xapian::Query(Xapian::Query::OP_FILTER, q, f);
    }
    if (!excluded.empty() && !q.empty())
        q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, combine(Xapian::Query::OP_OR, excluded));
    return q;
}

namespace {

// Counts the ranked words under @p node (filters and excluded parts do not rank) and notes a stopword.
void count_ranked_words(const Analyzer& analyzer, const QueryNode& node, std::size_t& words, bool& stopword) {
    if (node.modifier == QueryNode::Modifier::EXCLUDED || is_filter_field(node.field)) return;
    if (node.kind == QueryNode::Kind::WORDS || node.kind == QueryNode::Kind::PHRASE) {
        analyzer.for_each_token(node.text, [&](const TokenView& t) {
            ++words;
            stopword = stopword || t.stopword;
        });
        return;
    }
    const std::size_t ranked = node.kind == QueryNode::Kind::AND_NOT ? 1 : node.children.size();
    for (std::size_t i = 0; i < ranked && i < node.children.size(); ++i)
        count_ranked_words(analyzer, node.children[i], words, stopword);
}

}  // namespace

bool reads_as_question(const Analyzer& analyzer, const QueryNode& tree) {
    std::size_t words = 0;
    bool stopword = false;
    count_ranked_words(analyzer, tree, words, stopword);
    return words > kFullNameMaxWords || stopword;
}

bool is_lone_word(const Analyzer& analyzer, const QueryNode& tree) {
    std::size_t words = 0;
    bool stopword = false;
    count_ranked_words(analyzer, tree, words, stopword);
    return words == 1;
}

}  // namespace fahras::detail
