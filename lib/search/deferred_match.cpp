#include "search/deferred_match.hpp"

#include "terms/scheme.hpp"
#include "terms/word_positions.hpp"

#include <algorithm>
#include <limits>

namespace fahras::detail {

namespace {

// For a phrase, passes the articles holding its words in sequence. For a full name (pass A), leaves
// out the articles holding every name word apart, noting their ids for pass B, and passes the others
// (a word missing, or the words in sequence).
class SequenceDecider : public Xapian::MatchDecider {
public:
    explicit SequenceDecider(const DeferredSequence& plan)
        : bonus_(plan.kind == DeferredSequence::Kind::BONUS), slots_(slot_hashes(plan.slots)), window_(plan.window),
          below_(plan.below) {}

    bool operator()(const Xapian::Document& doc) const override {
        // An unreadable list: a phrase is missed, never matched wrongly; a name keeps the bonus.
        if (!WordPositionsReader(doc.get_value(kSlotPositions)).positions(slots_, positions_)) return bonus_;
        if (std::any_of(positions_.begin(), positions_.end(), [](const auto& p) { return p.empty(); })) return bonus_;
        if (in_sequence(positions_, window_, below_)) return true;
        if (bonus_) left_out.push_back(doc.get_value(kSlotId));
        return false;
    }

    mutable std::vector<std::string> left_out;  // full name: ids of the articles left out

private:
    bool bonus_;
    std::vector<std::vector<std::uint32_t>> slots_;
    Xapian::termpos window_, below_;
    mutable std::vector<std::vector<Xapian::termpos>> positions_;
};

}  // namespace

RankedDocuments ranked_documents(const Xapian::MSet& mset) {
    RankedDocuments out;
    out.estimated = mset.get_matches_estimated();
    for (auto it = mset.begin(); it != mset.end(); ++it) out.items.push_back({it.get_weight(), *it, it.get_document()});
    return out;
}

RankedDocuments deferred_full_name_match(const Xapian::Database& db, const Xapian::Query& with_bonus,
                                         const Xapian::Query& words, const DeferredSequence& plan,
                                         const std::function<void(Xapian::Enquire&)>& configure,
                                         Xapian::doccount first, Xapian::doccount count,
                                         Xapian::doccount check_at_least) {
    const Xapian::doccount wanted = first + count;
    const SequenceDecider decider(plan);
    Xapian::Enquire a(db);
    a.set_query(with_bonus);
    configure(a);
    const Xapian::MSet in_a = a.get_mset(0, wanted, check_at_least, nullptr, &decider);
    // A document the decider never saw had, with the unchecked bonus, less weight than the k-th
    // at the time: without the bonus it cannot rank either. So pass B needs the ones it left out.
    Xapian::MSet in_b;
    if (!decider.left_out.empty()) {
        std::vector<Xapian::Query> ids;
        for (const std::string& id : decider.left_out) ids.emplace_back(std::string(kPrefixId) + id);
        Xapian::Enquire b(db);
        b.set_query(Xapian::Query(Xapian::Query::OP_FILTER, words, Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end())));
        configure(b);
        in_b = b.get_mset(0, wanted, check_at_least);
    }
    RankedDocuments a_docs = ranked_documents(in_a), b_docs = ranked_documents(in_b);
    RankedDocuments out;
    out.estimated = a_docs.estimated + b_docs.estimated;
    std::vector<RankedDocument>& all = a_docs.items;
    all.insert(all.end(), b_docs.items.begin(), b_docs.items.end());
    // Xapian's order: weight, then docid.
    std::sort(all.begin(), all.end(), [](const RankedDocument& x, const RankedDocument& y) {
        return x.weight != y.weight ? x.weight > y.weight : x.docid < y.docid;
    });
    for (std::size_t i = first; i < all.size() && i < wanted; ++i) out.items.push_back(std::move(all[i]));
    return out;
}

RankedDocuments deferred_phrase_match(const Xapian::Database& db, const Xapian::Query& words, const DeferredSequence& plan,
                                      const std::function<void(Xapian::Enquire&)>& configure, Xapian::doccount first,
                                      Xapian::doccount count, Xapian::doccount check_at_least) {
    const SequenceDecider decider(plan);
    Xapian::Enquire enquire(db);
    enquire.set_query(words);
    configure(enquire);
    return ranked_documents(enquire.get_mset(first, count, check_at_least, nullptr, &decider));
}

}  // namespace fahras::detail
