#include "search/sequence_source.hpp"

#include "terms/scheme.hpp"
#include "terms/word_positions.hpp"

#include <algorithm>

namespace fahras::detail {

namespace {

class SequenceSource : public Xapian::PostingSource {
public:
    SequenceSource(std::vector<std::vector<std::uint32_t>> slots, Xapian::termpos window, Xapian::termpos below)
        : slots_(std::move(slots)), window_(window), below_(below) {}

    Xapian::PostingSource* clone() const override { return new SequenceSource(slots_, window_, below_); }
    std::string name() const override { return "fahras::SequenceSource"; }

    void init(const Xapian::Database& db) override {
        db_ = db;
        values_ = db.valuestream_begin(kSlotPositions);
        docid_ = 0;
        started_ = false;
        // Estimated as every document, so that an AND tries its words first and checks this last.
        termfreq_ = db.get_doccount();
    }
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return termfreq_; }
    Xapian::doccount get_termfreq_max() const override { return termfreq_; }

    void next(double) override { advance(docid_ + 1); }
    void skip_to(Xapian::docid did, double) override {
        if (!started_ || did > docid_) advance(did);
    }
    // What an AND calls for the documents its other lists agree on: read this document's list only.
    bool check(Xapian::docid did, double) override {
        started_ = true;
        docid_ = did;
        values_.skip_to(did);
        if (values_ != db_.valuestream_end(kSlotPositions) && values_.get_docid() == did && passes(*values_)) return true;
        return false;  // not here; next() or skip_to() moves on from did
    }
    bool at_end() const override { return started_ && docid_ == 0; }
    Xapian::docid get_docid() const override { return docid_; }
    double get_weight() const override { return 0.0; }
    std::string get_description() const override { return "fahras::SequenceSource"; }

private:
    void advance(Xapian::docid from) {
        started_ = true;
        const Xapian::ValueIterator end = db_.valuestream_end(kSlotPositions);
        for (values_.skip_to(from); values_ != end; ++values_)
            if (passes(*values_)) {
                docid_ = values_.get_docid();
                return;
            }
        docid_ = 0;
    }

    bool passes(const std::string& encoded) {
        // An unreadable list passes nothing: the phrase is then missed, never matched wrongly.
        return WordPositionsReader(encoded).positions(slots_, positions_) && in_sequence(positions_, window_, below_);
    }

    std::vector<std::vector<std::uint32_t>> slots_;
    Xapian::termpos window_, below_;
    Xapian::Database db_;
    Xapian::ValueIterator values_;
    Xapian::docid docid_ = 0;
    bool started_ = false;
    Xapian::doccount termfreq_ = 0;
    std::vector<std::vector<Xapian::termpos>> positions_;
};

}  // namespace

Xapian::Query compact_sequence_query(const std::vector<std::vector<std::string>>& slots, Xapian::termpos window,
                                     Xapian::termpos below) {
    return Xapian::Query((new SequenceSource(slot_hashes(slots), window, below))->release());
}

}  // namespace fahras::detail
