// The one-pass posting source of a word's nested form sets (search/word_source.hpp) against the
// Xapian synonym sets it stands for (nested_synonym_query, what remote shards run): the same
// documents, the same scores, on one database and on several shards searched as one.
#include "search/word_source.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <map>
#include <string>
#include <vector>

using fahras::detail::NestedSets;
using fahras::detail::nested_sets_query;
using fahras::detail::nested_synonym_query;

namespace {

// Documents holding the forms of one word (كيري, its clitic and article forms, a stem relative)
// with other words around them, in lengths from 3 to 40 words.
void fill(Xapian::WritableDatabase& db, unsigned first, unsigned count) {
    const std::vector<std::string> forms = {"كيري", "وكيري", "لكيري", "الكيري", "كيريون"};
    const std::vector<std::string> others = {"قال", "وزير", "الخارجية", "اليوم", "في", "مؤتمر", "صحفي"};
    for (unsigned d = first; d < first + count; ++d) {
        Xapian::Document doc;
        for (std::size_t f = 0; f < forms.size(); ++f)
            if ((d * (f + 3)) % 7 < 2 + f % 2) doc.add_term(forms[f], 1 + (d + f) % 4);
        for (unsigned w = 0; w < 3 + (d * 13) % 38; ++w) doc.add_term(others[(d + w) % others.size()]);
        db.add_document(doc);
    }
}

NestedSets word_sets() {
    NestedSets sets;
    sets.ring_terms = {{"كيري"}, {"وكيري", "لكيري"}, {"الكيري"}, {"كيريون", "كيريات"}};  // كيريات: in no document
    sets.set_weights = {0.2, 1.0, 0.3, 0.7};
    sets.k1 = 1.2;
    sets.b = 0.8;
    sets.min_normlen = 0.5;
    return sets;
}

std::map<Xapian::docid, double> scores(const Xapian::Database& db, const Xapian::Query& q, const NestedSets& s) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BM25Weight(s.k1, 0, 1, s.b, s.min_normlen));
    std::map<Xapian::docid, double> out;
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) out[*it] = it.get_weight();
    return out;
}

NestedSets with_frequencies(NestedSets sets, const Xapian::Database& db) {
    sets.ring_frequencies.clear();
    for (const auto& ring : sets.ring_terms) {
        sets.ring_frequencies.emplace_back();
        for (const std::string& t : ring) sets.ring_frequencies.back().push_back(db.get_termfreq(t));
    }
    return sets;
}

void check_same(const Xapian::Database& db) {
    const NestedSets sets = with_frequencies(word_sets(), db);
    const auto expected = scores(db, nested_synonym_query(sets), sets);
    const auto got = scores(db, nested_sets_query(sets, db), sets);
    REQUIRE(expected.size() > 20);
    REQUIRE(got.size() == expected.size());
    for (const auto& [doc, weight] : expected) {
        REQUIRE(got.count(doc) == 1);
        CHECK(got.at(doc) == doctest::Approx(weight).epsilon(1e-9));
    }
}

}  // namespace

TEST_CASE("the one-pass source scores a word's nested sets as Xapian's synonym sets do") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    fill(db, 1, 60);
    check_same(db);
}

TEST_CASE("the one-pass source on several shards searched as one uses the whole index's statistics") {
    Xapian::WritableDatabase a(std::string(), Xapian::DB_BACKEND_INMEMORY), b(std::string(), Xapian::DB_BACKEND_INMEMORY);
    fill(a, 1, 35);
    fill(b, 36, 25);
    Xapian::Database both;
    both.add_database(a);
    both.add_database(b);
    check_same(both);
}

TEST_CASE("a document holding forms of several rings counts their wdf together, as one word") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    fill(db, 1, 40);
    Xapian::Document doc;  // كيري twice and وكيري twice: one word written four times
    doc.add_term("كيري", 2);
    doc.add_term("وكيري", 2);
    doc.add_term("قال", 6);
    const Xapian::docid id = db.add_document(doc);
    const NestedSets sets = with_frequencies(word_sets(), db);
    const auto expected = scores(db, nested_synonym_query(sets), sets);
    const auto got = scores(db, nested_sets_query(sets, db), sets);
    CHECK(got.at(id) == doctest::Approx(expected.at(id)).epsilon(1e-9));
}

TEST_CASE("skip_to lands on the next document holding a form, as the filter of an AND needs") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    fill(db, 1, 60);
    const NestedSets sets = with_frequencies(word_sets(), db);
    // AND with a rarer word: the matcher skips the source to that word's documents.
    const Xapian::Query other("صحفي");
    const auto expected = scores(db, Xapian::Query(Xapian::Query::OP_AND, nested_synonym_query(sets), other), sets);
    const auto got = scores(db, Xapian::Query(Xapian::Query::OP_AND, nested_sets_query(sets, db), other), sets);
    REQUIRE(!expected.empty());
    CHECK(got.size() == expected.size());
    for (const auto& [doc, weight] : expected) CHECK(got.count(doc) == 1);
}

TEST_CASE("more rings than the source holds is a programming error, not a wrong score") {
    NestedSets sets;
    sets.ring_terms.assign(9, {"كيري"});
    sets.ring_frequencies.assign(9, {1});
    sets.set_weights.assign(9, 1.0);
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    CHECK_THROWS_AS(nested_sets_query(sets, db), std::logic_error);
}
