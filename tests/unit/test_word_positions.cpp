// Compact word positions (terms/word_positions.hpp, search/sequence_source.hpp): the encoder against
// the reader, the sequence test against a brute-force search, and phrases, title phrases and the
// full-name bonus on compact positions against the same queries on Xapian's position table.
#include "terms/word_positions.hpp"

#include "index_support.hpp"
#include "test_support.hpp"

#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using fahras::detail::WordPositionsReader;
using fahras::detail::WordPositionsWriter;
using fahras::detail::in_sequence;
using fahras::detail::slot_hashes;

namespace {

using Positions = std::vector<std::vector<Xapian::termpos>>;

// Is there p0 < p1 < ... with p_last - p0 + 1 <= window, all below @p below? Every combination.
bool brute_force(const Positions& slots, Xapian::termpos window, Xapian::termpos below, std::size_t i = 0,
                 Xapian::termpos first = 0, Xapian::termpos last = 0) {
    if (i == slots.size()) return last - first + 1 <= window && last < below;
    for (const Xapian::termpos p : slots[i])
        if (i == 0 ? brute_force(slots, window, below, 1, p, p) : p > last && brute_force(slots, window, below, i + 1, first, p))
            return true;
    return false;
}

// A list as scheme 3 wrote it (version 1): varint n, the sorted hashes in 4 bytes each, then per hash
// its positions' byte length and their varint gaps from 0.
std::string version_1(const std::map<std::string, std::set<Xapian::termpos>>& words) {
    auto varint = [](std::string& out, std::uint64_t v) {
        for (; v >= 0x80; v >>= 7) out.push_back(static_cast<char>((v & 0x7F) | 0x80));
        out.push_back(static_cast<char>(v));
    };
    std::map<std::uint32_t, std::set<Xapian::termpos>> by_hash;
    for (const auto& [w, positions] : words) by_hash[fahras::detail::word_hash(w)].insert(positions.begin(), positions.end());
    std::string out;
    varint(out, by_hash.size());
    for (const auto& [h, _] : by_hash)
        for (int k = 0; k < 4; ++k) out.push_back(static_cast<char>((h >> (8 * k)) & 0xFF));
    for (const auto& [h, positions] : by_hash) {
        std::string list;
        Xapian::termpos last = 0;
        for (const Xapian::termpos p : positions) varint(list, p - last), last = p;
        varint(out, list.size());
        out += list;
    }
    return out;
}

}  // namespace

TEST_CASE("version 1 lists (indexes of scheme 3) read as before, and version 2 takes fewer bytes") {
    std::mt19937 rng(static_cast<std::uint32_t>(fahras::test::property_seed("word positions version 1")));
    std::size_t v1_bytes = 0, v2_bytes = 0;
    for (int round = 0; round < 100; ++round) {
        std::map<std::string, std::set<Xapian::termpos>> truth;
        WordPositionsWriter writer;
        const int tokens = 1 + static_cast<int>(rng() % 400);
        for (int k = 0; k < tokens; ++k) {
            const std::string w = "w" + std::to_string(rng() % 150);
            // A title of a few words, then the body: the layout documents have.
            const Xapian::termpos p = k < 8 ? static_cast<Xapian::termpos>(k + 1) : 10000 + static_cast<Xapian::termpos>(k);
            writer.add(w, p);
            truth[w].insert(p);
        }
        const std::string v1 = version_1(truth), v2 = writer.encode();
        v1_bytes += v1.size();
        v2_bytes += v2.size();
        for (const std::string* encoded : {&v1, &v2})
            for (const auto& [w, positions] : truth) {
                Positions got;
                REQUIRE(WordPositionsReader(*encoded).positions(slot_hashes({{w}}), got));
                CHECK(got[0] == std::vector<Xapian::termpos>(positions.begin(), positions.end()));
            }
    }
    MESSAGE("version 1: " << v1_bytes << " bytes, version 2: " << v2_bytes);
    CHECK(v2_bytes < v1_bytes * 9 / 10);
}

TEST_CASE("the reader gives back each word's positions as written, merged per slot") {
    std::mt19937 rng(static_cast<std::uint32_t>(fahras::test::property_seed("word positions round trip")));
    for (int round = 0; round < 200; ++round) {
        std::map<std::string, std::set<Xapian::termpos>> truth;
        WordPositionsWriter writer;
        const int words = 1 + static_cast<int>(rng() % 300);
        for (int k = 0; k < words; ++k) {
            const std::string w = "w" + std::to_string(rng() % 120);
            const Xapian::termpos p = 1 + rng() % 20000;  // title and body ranges, gaps of every size
            writer.add(w, p);
            truth[w].insert(p);
        }
        const std::string encoded = writer.encode();
        CAPTURE(round);
        for (const auto& [w, expected] : truth) {
            Positions got;
            REQUIRE(WordPositionsReader(encoded).positions(slot_hashes({{w}, {w, "absent"}}), got));
            CHECK(std::vector<Xapian::termpos>(expected.begin(), expected.end()) == got[0]);
            CHECK(got[1] == got[0]);
        }
        Positions none;
        REQUIRE(WordPositionsReader(encoded).positions(slot_hashes({{"absent"}}), none));
        CHECK(none[0].empty());
        // Two words in one slot: the union of their positions, sorted.
        const auto a = truth.begin(), b = std::prev(truth.end());
        std::set<Xapian::termpos> both(a->second);
        both.insert(b->second.begin(), b->second.end());
        Positions merged;
        REQUIRE(WordPositionsReader(encoded).positions(slot_hashes({{a->first, b->first}}), merged));
        CHECK(std::vector<Xapian::termpos>(both.begin(), both.end()) == merged[0]);
        // A slot of many forms (a word's tiers), some held and some not, in a second slot as well:
        // every held form's positions, whichever of the document's words lie between them.
        std::vector<std::string> many;
        std::set<Xapian::termpos> union_of_held;
        for (const auto& [w, positions] : truth)
            if (rng() % 3 == 0) many.push_back(w), union_of_held.insert(positions.begin(), positions.end());
        for (int k = 0; k < 40; ++k) many.push_back("absent" + std::to_string(k));
        Positions wide;
        REQUIRE(WordPositionsReader(encoded).positions(slot_hashes({{a->first}, many}), wide));
        CHECK(std::vector<Xapian::termpos>(a->second.begin(), a->second.end()) == wide[0]);
        CHECK(std::vector<Xapian::termpos>(union_of_held.begin(), union_of_held.end()) == wide[1]);
    }
}

TEST_CASE("a truncated or garbled list is refused or read within its bounds, never past them") {
    WordPositionsWriter writer;
    for (Xapian::termpos p = 1; p < 400; p += 3) writer.add("w" + std::to_string(p % 37), p * 31);
    const std::string encoded = writer.encode();
    std::vector<std::string> words;
    for (int k = 0; k < 37; ++k) words.push_back("w" + std::to_string(k));
    const auto slots = slot_hashes({words});
    Positions out;
    CHECK(WordPositionsReader(encoded).positions(slots, out));
    CHECK(out[0].size() == 133);
    for (std::size_t cut = 0; cut < encoded.size(); ++cut) CHECK_FALSE(WordPositionsReader(encoded.substr(0, cut)).positions(slots, out));
    std::mt19937 rng(7);
    for (int k = 0; k < 500; ++k) {
        std::string bad = encoded;
        bad[rng() % bad.size()] = static_cast<char>(rng());
        (void)WordPositionsReader(bad).positions(slots, out);  // under ASan: no read out of bounds
    }
    CHECK_FALSE(WordPositionsReader("").positions(slots, out));
}

TEST_CASE("in_sequence finds what an exhaustive search finds") {
    std::mt19937 rng(static_cast<std::uint32_t>(fahras::test::property_seed("in_sequence")));
    int found = 0;
    for (int round = 0; round < 3000; ++round) {
        Positions slots(2 + rng() % 3);
        for (auto& s : slots) {
            std::set<Xapian::termpos> p;
            for (unsigned k = rng() % 6; k > 0; --k) p.insert(1 + rng() % 30);
            s.assign(p.begin(), p.end());
        }
        const Xapian::termpos window = static_cast<Xapian::termpos>(slots.size() + rng() % 4);
        const Xapian::termpos below = rng() % 3 == 0 ? 1 + rng() % 30 : 1000;
        CAPTURE(round);
        const bool expected = brute_force(slots, window, below);
        CHECK(in_sequence(slots, window, below) == expected);
        found += expected;
    }
    CHECK(found > 100);  // the rounds hold both answers (about one in ten is true)
    CHECK(found < 2900);
    CHECK(in_sequence({{3}, {4}}, 2, 1000));
    CHECK_FALSE(in_sequence({{4}, {3}}, 2, 1000));   // order counts
    CHECK_FALSE(in_sequence({{3}, {5}}, 2, 1000));   // one word between: not adjacent
    CHECK(in_sequence({{3}, {5}}, 3, 1000));         // ... but within a window of 3
    CHECK_FALSE(in_sequence({{3}, {4}}, 2, 4));      // the last word at or past `below`
}

namespace {

// News-style articles written for this test from a few names and words, so that phrases, their
// reversals, names behind proclitics and title phrases all occur.
std::vector<fahras::Article> generated_articles(std::uint64_t seed) {
    const std::vector<std::string> words = {"سيرغي", "لافروف", "وسيرغي", "جون", "كيري", "وكيري", "لكيري", "الرئيس",
                                            "فلاديمير", "بوتين", "موسكو", "واشنطن", "في", "من", "قال", "وزير",
                                            "الخارجية", "الروسي", "الأمريكي", "محادثات", "اليوم", "بن", "سلمان", "محمد"};
    std::mt19937_64 rng(seed);
    auto text = [&](int n) {
        std::string t;
        for (int k = 0; k < n; ++k) t += (k ? " " : "") + words[rng() % words.size()];
        return t;
    };
    std::vector<fahras::Article> articles;
    // Every third body and every fifth title also writes one of these in sequence.
    const std::vector<std::string> names = {"سيرغي لافروف", "جون كيري", "الرئيس فلاديمير بوتين", "محمد بن سلمان",
                                            "وزير الخارجية الروسي", "كيري في موسكو", "قال في اليوم"};
    for (int d = 0; d < 300; ++d) {
        fahras::Article a;
        a.id = "g" + std::to_string(d);
        a.title = text(2 + static_cast<int>(rng() % 6));
        if (d % 5 == 0) a.title += " " + names[rng() % names.size()];
        a.body = text(5 + static_cast<int>(rng() % 30));
        if (d % 3 == 0) a.body += " " + names[rng() % names.size()] + " " + text(static_cast<int>(rng() % 30));
        a.source = std::vector<std::string>{"الرياض", "عكاظ", "الحياة"}[rng() % 3];
        a.date = "2015-0" + std::to_string(1 + rng() % 9) + "-1" + std::to_string(rng() % 10);
        articles.push_back(a);
    }
    return articles;
}

}  // namespace

TEST_CASE("phrases, title phrases and full names rank alike on compact positions and on Xapian's") {
    const std::uint64_t seed = fahras::test::property_seed("compact phrases");
    fahras::IndexOptions xapian;
    xapian.compact_positions = false;
    fahras::Index compact_index = fahras::Index::in_memory();
    fahras::Index xapian_index = fahras::Index::in_memory(xapian);
    const auto articles = generated_articles(seed);
    for (const auto& a : articles) {
        compact_index.add(a);
        xapian_index.add(a);
    }
    compact_index.commit();
    xapian_index.commit();
    const std::vector<std::string> queries = {
        "\"سيرغي لافروف\"", "\"لافروف سيرغي\"", "\"جون كيري\"", "\"كيري جون\"", "\"وزير الخارجية الروسي\"",
        "\"الرئيس فلاديمير بوتين\"", "\"محمد بن سلمان\"", "\"قال في اليوم\"", "title:\"جون كيري\"",
        "title:\"الرئيس بوتين\"", "سيرغي لافروف", "فلاديمير بوتين", "جون كيري", "محمد بن سلمان",
        "وزير الخارجية الأمريكي", "\"كيري في موسكو\"", "\"لافروف\" كيري"};
    std::size_t matched = 0, phrase_hits = 0;
    for (const std::string& q : queries) {
        CAPTURE(q);
        const auto a = fahras::test::scored_hits(compact_index, q), b = fahras::test::scored_hits(xapian_index, q);
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i].first == b[i].first);
            CHECK(a[i].second == doctest::Approx(b[i].second).epsilon(1e-9));
        }
        // Reversed names and title:"الرئيس بوتين" occur only by chance; the rest are written in the articles.
        const bool by_chance = q == "\"لافروف سيرغي\"" || q == "\"كيري جون\"" || q == "title:\"الرئيس بوتين\"";
        if (!by_chance) CHECK_FALSE(a.empty());
        matched += !a.empty();
        if (q[0] == '"') phrase_hits += a.size();
    }
    CHECK(matched >= queries.size() - 3);
    // A phrase is narrower than its words: the filter does filter.
    CHECK(fahras::test::scored_hits(compact_index, "\"سيرغي لافروف\"").size() <
          fahras::test::scored_hits(compact_index, "سيرغي لافروف").size());
    CHECK(phrase_hits > 0);
}

namespace {

// The hits of @p request in rank order, as (id, score), and the facet counts after them.
std::vector<std::pair<std::string, double>> ranked(const fahras::Index& index, const fahras::SearchRequest& request) {
    const fahras::SearchResults results = fahras::Searcher(index).search(request);
    std::vector<std::pair<std::string, double>> out;
    for (const fahras::Hit& h : results.hits) out.emplace_back(h.id, h.score);
    for (const auto& [source, n] : results.source_counts) out.emplace_back("facet " + source, static_cast<double>(n));
    return out;
}

// Two rankings agree: the same scores rank by rank (to 1e-9), and the same article wherever its
// score is not tied with a neighbour's (two passes may add the same weights in another order, so
// articles whose scores differ by rounding may swap).
void check_same_ranking(const std::vector<std::pair<std::string, double>>& a,
                        const std::vector<std::pair<std::string, double>>& b) {
    REQUIRE(a.size() == b.size());
    auto tied = [&](std::size_t i, std::size_t j) { return j < b.size() && std::abs(b[i].second - b[j].second) < 1e-9; };
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].second == doctest::Approx(b[i].second).epsilon(1e-9));
        if (!tied(i, i + 1) && !(i > 0 && tied(i, i - 1))) CHECK(a[i].first == b[i].first);
    }
}

}  // namespace

TEST_CASE("full names and phrases on compact positions, checked only where they could rank: every page, filter, facet and sort as on Xapian's") {
    fahras::IndexOptions xapian;
    xapian.compact_positions = false;
    fahras::Index compact_index = fahras::Index::in_memory();
    fahras::Index xapian_index = fahras::Index::in_memory(xapian);
    std::set<std::string> filtered_in;  // the articles variant 2's source and date filters keep
    for (const auto& a : generated_articles(fahras::test::property_seed("deferred full names"))) {
        compact_index.add(a);
        xapian_index.add(a);
        if ((a.source == "عكاظ" || a.source == "الحياة") && a.date >= "2015-03-01") filtered_in.insert(a.id);
    }
    compact_index.commit();
    xapian_index.commit();
    std::size_t compared = 0;
    for (const std::string q : {"سيرغي لافروف", "جون كيري", "فلاديمير بوتين", "محمد بن سلمان", "الرئيس فلاديمير بوتين",
                                "وزير الخارجية الروسي", "كيري لافروف", "موسكو واشنطن", "\"سيرغي لافروف\"",
                                "\"محمد بن سلمان\"", "\"قال في اليوم\"", "title:\"جون كيري\"", "+\"جون كيري\""}) {
        for (const auto& [offset, limit] : std::vector<std::pair<std::uint32_t, std::uint32_t>>{{0, 1}, {0, 3}, {0, 10}, {4, 5}, {20, 7}, {0, 1000}}) {
            fahras::SearchRequest r;
            r.query = q;
            r.offset = offset;
            r.limit = limit;
            r.snippets = false;
            for (int variant = 0; variant < 4; ++variant) {
                fahras::SearchRequest v = r;
                if (variant == 1) v.facets = true;
                if (variant == 2) {
                    v.sources = {"عكاظ", "الحياة"};
                    v.date_from = "2015-03-01";
                }
                if (variant == 3) v.sort = fahras::SortOrder::DATE_DESC;
                CAPTURE(q);
                CAPTURE(offset);
                CAPTURE(limit);
                CAPTURE(variant);
                const auto a = ranked(compact_index, v);
                compared += a.size();
                // Every page is that part of the whole ranking.
                fahras::SearchRequest whole = v;
                whole.offset = 0;
                whole.limit = 1000;
                auto expected = ranked(compact_index, whole);
                if (offset == 0 && limit == 1000 && variant != 2) {
                    // The whole ranking is Xapian's phrase on its own positions. Not smaller pages:
                    // pruning there, Xapian 1.4.22 loses articles that its whole ranking holds; nor
                    // filters: under one it gives the phrase's weight to articles without the phrase
                    // (docs/design.md, "Positions").
                    check_same_ranking(a, ranked(xapian_index, v));
                }
                if (variant == 2) {
                    // Filters choose articles, they do not change scores.
                    fahras::SearchRequest unfiltered = whole;
                    unfiltered.sources.clear();
                    unfiltered.date_from.clear();
                    expected.clear();
                    for (const auto& hit : ranked(compact_index, unfiltered))
                        if (filtered_in.count(hit.first)) expected.push_back(hit);
                }
                std::size_t facets = 0;  // facet rows follow the hits; only the hits are paged
                while (facets < expected.size() && expected[expected.size() - 1 - facets].first.rfind("facet ", 0) == 0) ++facets;
                std::vector<std::pair<std::string, double>> page(expected.begin() + std::min<std::size_t>(offset, expected.size() - facets),
                                                                 expected.end() - static_cast<std::ptrdiff_t>(facets));
                if (page.size() > limit) page.resize(limit);
                page.insert(page.end(), expected.end() - static_cast<std::ptrdiff_t>(facets), expected.end());
                check_same_ranking(a, page);
            }
        }
    }
    CHECK(compared > 1000);
}
