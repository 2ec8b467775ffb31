// The term scheme (lib/terms): the index-time half (build_document, the vocabulary keys) and the
// query-time half (QueryExpander) side by side, and checked against each other. Tables are written
// like Xapian's tests/api_termgen.cc: options, article, expected terms as term:wdf[positions].
#include "terms/document_terms.hpp"
#include "terms/query_terms.hpp"
#include "terms/scheme.hpp"
#include "terms/vocabulary.hpp"
#include "terms/word_positions.hpp"

#include "index/shards.hpp"
#include "index_support.hpp"
#include "test_support.hpp"
#include "vocabulary_support.hpp"

#include <fahras/analyzer.hpp>
#include <fahras/index.hpp>

#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using fahras::Analyzer;
using fahras::AnalyzerOptions;
using fahras::Article;
using fahras::IndexOptions;
using fahras::detail::FormKind;
using fahras::detail::Tier;

namespace {

std::string sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    std::string joined;
    for (const auto& s : v) joined += (joined.empty() ? "" : " ") + s;
    return joined;
}

// Every term of @p doc as term:wdf, followed by [p1,p2] when it has positions, in Xapian's table or
// in the compact list (for a word: both at once would show twice); sorted, space-separated.
std::string term_table(const Xapian::Document& doc) {
    std::vector<std::string> out;
    const std::string compact = doc.get_value(fahras::detail::kSlotPositions);
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string term = *t;  // kept: word_of_term views it
        std::string s = term + ":" + std::to_string(t.get_wdf());
        std::string positions;
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
            positions += (positions.empty() ? "" : ",") + std::to_string(*p);
        const std::string_view word = fahras::detail::word_of_term(term);
        if (!compact.empty() && !word.empty()) {
            const std::vector<std::vector<std::uint32_t>> slots(1, std::vector<std::uint32_t>(1, fahras::detail::word_hash(word)));
            std::vector<std::vector<Xapian::termpos>> found;
            REQUIRE(fahras::detail::WordPositionsReader(compact).positions(slots, found));
            for (const Xapian::termpos p : found[0]) positions += (positions.empty() ? "" : ",") + std::to_string(p);
        }
        if (!positions.empty()) s += "[" + positions + "]";
        out.push_back(s);
    }
    return sorted(out);
}

std::string keys_table(const Analyzer& analyzer, const std::string& word) {
    std::vector<std::pair<std::string, FormKind>> keys;
    fahras::detail::vocabulary_keys(analyzer, word, keys);
    std::vector<std::string> out;
    for (const auto& [key, kind] : keys) out.push_back(key + ":" + std::to_string(static_cast<int>(kind)));
    return sorted(out);
}


fahras::detail::WordForms expand(const Analyzer& analyzer, const Xapian::Database& db, const std::string& word,
                                 const fahras::RankingOptions& ranking = {}) {
    const std::vector<Xapian::Database> shards{db};
    fahras::detail::QueryExpander expander(analyzer, ranking, db, shards);
    fahras::detail::WordForms forms;
    analyzer.for_each_token(word, [&](const fahras::TokenView& t) { forms = expander.expand(t); });
    return forms;
}

std::string joined(const std::vector<std::string>& v) { return sorted(v); }

}  // namespace

TEST_CASE("build_document: one term per word as written, table-style") {
    struct Row {
        const char* name;
        AnalyzerOptions analyzer;
        IndexOptions options;
        Article article;
        std::vector<std::string> terms;  // term:wdf[positions], any order
    };
    IndexOptions defaults;
    IndexOptions xapian;
    xapian.compact_positions = false;
    IndexOptions no_positions;
    no_positions.positions = false;
    IndexOptions heavy_title;
    heavy_title.title_weight = 3;
    IndexOptions zero_title;
    zero_title.title_weight = 0;  // read as 1: a title word counts at least once
    const std::string long_word(201, 'a');

    const Row rows[] = {
        {"every field: words as written with positions, title again under S (wdf 0), author A, source K, id Q",
         {},
         xapian,
         {"n1", "كيري", "ولافروف كيري", "موسكو: رويترز", "Al Riyadh", "https://x", "2015-07-21", {}},
         {"كيري:3[1,10002]", "Sكيري:0[1]", "ولافروف:1[10001]", "Aموسكو:0", "Aرويترز:0", "Kal riyadh:0", "Qn1:0"}},
        {"compact positions (the default): the same positions in the article's list; the title's copy needs none",
         {},
         defaults,
         {"n1", "كيري", "ولافروف كيري", "موسكو: رويترز", "Al Riyadh", "https://x", "2015-07-21", {}},
         {"كيري:3[1,10002]", "Sكيري:0", "ولافروف:1[10001]", "Aموسكو:0", "Aرويترز:0", "Kal riyadh:0", "Qn1:0"}},
        {"without positions the same terms have none",
         {},
         no_positions,
         {"n1", "", "ولافروف كيري", "", "", "", "", {}},
         {"ولافروف:1", "كيري:1", "Qn1:0"}},
        {"a title word counts title_weight times; title and body positions are 10000 apart",
         {},
         heavy_title,
         {"n2", "جون", "جون", "", "", "", "", {}},
         {"جون:4[1,10001]", "Sجون:0", "Qn2:0"}},
        {"title_weight 0 still counts a title word once",
         {},
         zero_title,
         {"n2", "جون", "", "", "", "", "", {}},
         {"جون:1[1]", "Sجون:0", "Qn2:0"}},
        {"proclitics stay on: للافروف is one term",
         {},
         defaults,
         {"n3", "للافروف", "", "", "", "", "", {}},
         {"للافروف:2[1]", "Sللافروف:0", "Qn3:0"}},
        {"a repeated word and a stopword (indexed, so +في can match; without positions, which a phrase steps over)",
         {},
         defaults,
         {"n5", "", "كيري في كيري", "", "", "", "", {}},
         {"كيري:2[10001,10003]", "في:1", "Qn5:0"}},
        {"harakat and tatweel go; alef maksura and Persian kaf stay as written",
         {},
         defaults,
         {"n6", "", "كِيري كيـــري كيرى کيري", "", "", "", "", {}},
         {"كيري:2[10001,10002]", "كيرى:1[10003]", "کيري:1[10004]", "Qn6:0"}},
        {"hamza forms stay as written",
         {},
         defaults,
         {"n7", "", "أوباما اوباما", "", "", "", "", {}},
         {"أوباما:1[10001]", "اوباما:1[10002]", "Qn7:0"}},
        {"a word over 200 bytes is skipped but keeps its position",
         {},
         defaults,
         {"n8", "", long_word + " كيري", "", "", "", "", {}},
         {"كيري:1[10002]", "Qn8:0"}},
        {"an article with only an id has only its id term",
         {},
         defaults,
         {"n9", "", "", "", "", "", "", {{"k", "v"}}},
         {"Qn9:0"}},
    };
    for (const Row& row : rows) {
        const std::string name = row.name;
        CAPTURE(name);
        const Analyzer analyzer(row.analyzer);
        CHECK(term_table(fahras::detail::build_document(analyzer, row.options, row.article)) == sorted(row.terms));
    }
}

TEST_CASE("build_document: with fold_latin off, a capitalised word never reads as a prefixed term") {
    AnalyzerOptions keep_case;
    keep_case.normalizer.fold_latin = false;
    const Analyzer analyzer(keep_case);
    // Every prefix letter of the scheme (and the rest of the alphabet): the word gets ':' in front.
    for (char c = 'A'; c <= 'Z'; ++c) {
        const std::string word = std::string(1, c) + "abc";
        CAPTURE(word);
        Article a;
        a.id = "abc";
        a.body = word;
        const std::string table = term_table(fahras::detail::build_document(analyzer, IndexOptions{}, a));
        CHECK(table == sorted({":" + word + ":1[10001]", "Qabc:0"}));
        CHECK(fahras::detail::word_of_term(":" + word) == word);
        CHECK(fahras::detail::word_of_term(word).empty());
    }
}

TEST_CASE("vocabulary_keys: a word is filed under its fold, each proclitic-free form and their stems") {
    const Analyzer analyzer;
    // kinds: 0 the word itself (any spelling), 1 behind a conjunction or preposition, 2 behind the article
    CHECK(keys_table(analyzer, "كيرى") == "vwكيري:0");
    CHECK(keys_table(analyzer, "ولافروف") == sorted({"vwولافروف:0", "vwلافروف:1", "vwافروف:1"}));
    CHECK(keys_table(analyzer, "الكاميرون") == sorted({"vwالكاميرون:0", "vwكاميرون:2", "vsكامير:2", "vsالكامير:0"}));
    CHECK(keys_table(analyzer, "أوباما") == "vwاوباما:0");
    CHECK(keys_table(analyzer, "للصدر") == sorted({"vwللصدر:0", "vwالصدر:1", "vwصدر:2", "vwلصدر:1"}));
    CHECK(keys_table(analyzer, "المعلمون") == sorted({"vwالمعلمون:0", "vwمعلمون:2", "vsمعلم:2", "vsالمعلم:0"}));
}

TEST_CASE("vocabulary entries: encoded, decoded and merged without duplicates") {
    std::string a, b;
    fahras::detail::append_entry(a, FormKind::CLITIC, "وكيري");
    fahras::detail::append_entry(a, FormKind::WHOLE, "كيري");
    fahras::detail::append_entry(b, FormKind::WHOLE, "كيري");
    fahras::detail::append_entry(b, FormKind::WHOLE, "كيرى");
    std::vector<fahras::detail::VocabularyEntry> entries;
    fahras::detail::decode_entries(fahras::detail::merge_entries(a, b), entries);
    std::vector<std::string> forms;
    for (const auto& e : entries) forms.push_back(e.form + ":" + std::to_string(static_cast<int>(e.kind)));
    CHECK(sorted(forms) == sorted({"كيري:0", "كيرى:0", "وكيري:1"}));
    entries.clear();
    fahras::detail::decode_entries(std::string("\x39garbage\0", 9), entries);  // unknown kind: skipped
    fahras::detail::decode_entries(std::string("0unterminated"), entries);     // no NUL: ignored
    CHECK(entries.empty());
}

TEST_CASE("QueryExpander: the tiers of a word, found through the vocabulary") {
    const Analyzer analyzer;
    const auto db = fahras::test::vocabulary_database(analyzer, {"كيري وكيري", "كيرى لكيري", "الكاميرون", "كاميرون", "كاميرون", "بالرئيس الرئيس رئيس"});
    const auto kerry = expand(analyzer, db, "كيري");
    CHECK(joined(kerry[Tier::EXACT]) == "كيري");
    CHECK(joined(kerry[Tier::VARIANT]) == "كيرى");
    CHECK(joined(kerry[Tier::CLITIC]) == sorted({"وكيري", "لكيري"}));
    const auto cameron = expand(analyzer, db, "كاميرون");
    CHECK(joined(cameron[Tier::EXACT]) == "كاميرون");
    CHECK(joined(cameron[Tier::ARTICLE]) == "الكاميرون");
    const auto cameroon = expand(analyzer, db, "الكاميرون");
    CHECK(joined(cameroon[Tier::EXACT]) == "الكاميرون");
    CHECK(joined(cameroon[Tier::SPLIT]) == "كاميرون");  // the whole word first, the split below it
    const auto president = expand(analyzer, db, "بالرئيس");
    CHECK(joined(president[Tier::SPLIT]) == sorted({"الرئيس", "رئيس"}));
    CHECK(expand(analyzer, db, "غائب").attested() == false);
}

TEST_CASE("QueryExpander: a proclitic is believed only where the index does not hold the whole far more often") {
    const Analyzer analyzer;
    std::vector<std::string> bodies(12, "بوتين لبنان");  // the names, often
    bodies.push_back("الوتين شريان");                    // the aorta, once
    bodies.push_back("بنان");                           // fingertips, once
    const auto db = fahras::test::vocabulary_database(analyzer, bodies);
    // بوتين is not ب + وتين, لبنان is not ل + بنان: no split, and the rare word does not take the name.
    CHECK(expand(analyzer, db, "بوتين")[Tier::SPLIT].empty());
    CHECK(expand(analyzer, db, "لبنان")[Tier::SPLIT].empty());
    CHECK(expand(analyzer, db, "وتين")[Tier::CLITIC].empty());
    CHECK(expand(analyzer, db, "بنان")[Tier::CLITIC].empty());
    CHECK(joined(expand(analyzer, db, "وتين")[Tier::ARTICLE]) == "الوتين");
    // With the ratio off every segmentation is believed, as before the vocabulary decided.
    fahras::RankingOptions believe_all;
    believe_all.clitic_ratio = 0;
    CHECK(joined(expand(analyzer, db, "وتين", believe_all)[Tier::CLITIC]) == "بوتين");
}

// The two halves against each other: every word of every field of a random document is found by a
// query for that word in that field, through terms the document holds, and the query's own spelling
// is among them.
TEST_CASE("property: every query-time term of a word is produced at index time for that word and field") {
    const std::uint64_t seed = fahras::test::property_seed("term scheme property");
    std::mt19937_64 rng(seed);
    const std::vector<std::string> stems = {"كيري", "لافروف", "أوباما", "إيران", "مدرسة", "على", "علي", "بوتين",
                                            "لبنان", "كاميرون", "سيرغي", "ظريف", "مؤتمر", "Kerry", "٢٠١٥"};
    const std::vector<std::string> proclitics = {"", "و", "ف", "ب", "ل", "ال", "وال", "بال", "لل", "فل", "وب"};
    const std::vector<std::string> marks = {"", "\u064E", "\u0640"};  // fatha, tatweel
    const Analyzer analyzer;
    auto random_word = [&] {
        std::string w = proclitics[rng() % proclitics.size()] + stems[rng() % stems.size()];
        if (rng() % 3 == 0) w.insert(2, marks[rng() % marks.size()]);
        return w;
    };
    for (int round = 0; round < 60; ++round) {
        Article a;
        a.id = "r" + std::to_string(round);
        a.title = random_word() + " " + random_word();
        a.body = random_word() + " " + random_word() + " " + random_word();
        a.author = random_word();
        Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
        fahras::detail::VocabularyBatch vocabulary;
        const Xapian::Document doc = fahras::detail::build_document(analyzer, IndexOptions{}, a);
        vocabulary.note_document(analyzer, doc);
        db.add_document(doc);
        vocabulary.flush(db);
        const std::vector<Xapian::Database> shards{db};
        fahras::RankingOptions ranking;
        fahras::detail::QueryExpander expander(analyzer, ranking, db, shards);
        for (const auto& [text, prefix] : {std::pair<std::string, std::string_view>{a.title, {}},
                                           {a.body, {}}, {a.author, fahras::detail::kPrefixAuthor}}) {
            analyzer.for_each_token(text, [&](const fahras::TokenView& t) {
                CAPTURE(seed);
                CAPTURE(text);
                const auto forms = expander.expand(t, prefix);
                REQUIRE(!forms[Tier::EXACT].empty());
                CHECK(forms[Tier::EXACT][0] == std::string(t.normalized));
                for (const auto& tier : forms.tiers)
                    for (const std::string& f : tier) CHECK(db.term_exists(fahras::detail::word_term(prefix, f)));
            });
        }
    }
}

TEST_CASE("VocabularyCompactor: shards built apart merge their vocabularies") {
    const Analyzer analyzer;
    const fahras::test::TempDir dir("vocabulary_merge");
    std::vector<std::string> shard_paths;
    Xapian::Database all;
    for (const char* body : {"كيري", "وكيري", "لكيري"}) {
        const std::string path = dir.path() + "/s" + std::to_string(shard_paths.size());
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
        Article a;
        a.id = path;
        a.body = body;
        fahras::detail::VocabularyBatch vocabulary;
        const Xapian::Document doc = fahras::detail::build_document(analyzer, IndexOptions{}, a);
        vocabulary.note_document(analyzer, doc);
        db.add_document(doc);
        fahras::detail::commit_writer(db, vocabulary);
        all.add_database(Xapian::Database(path));
        shard_paths.push_back(path);
    }
    fahras::detail::VocabularyCompactor merger;
    all.compact(dir.path() + "/merged", 0, 0, merger);
    const Xapian::Database merged(dir.path() + "/merged");
    std::vector<fahras::detail::VocabularyEntry> filed;
    fahras::detail::decode_entries(merged.get_metadata(fahras::detail::word_key("كيري")), filed);
    CHECK(filed.size() == 3);
    const auto forms = expand(analyzer, merged, "كيري");
    CHECK(joined(forms[Tier::EXACT]) == "كيري");
    CHECK(joined(forms[Tier::CLITIC]) == sorted({"وكيري", "لكيري"}));
}
