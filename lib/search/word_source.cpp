#include "search/word_source.hpp"

#include "search/query_builder.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <queue>
#include <stdexcept>

namespace fahras::detail {

namespace {

// Xapian 1.4's BM25 idf (BM25Weight::init) of a term or synonym set in @p n of @p total documents.
double bm25_idf(double n, double total) {
    double tw = (total - n + 0.5) / (n + 0.5);
    if (tw < 2) tw = tw * 0.5 + 1;  // a term in most documents keeps a little weight
    return std::log(tw);
}

// Xapian's estimate of the documents holding one of two sets of @p a and @p b documents (independent
// sets, as its OR and synonym posting lists estimate).
double union_estimate(double a, double b, double total) { return total > 0 ? a + b - a * b / total : a + b; }

// The document frequency Xapian 1.4 gives a synonym set of terms with @p frequencies: it
// joins the two rarest first (OrContext builds its OR tree as a Huffman tree) and rounds each join
// to a whole count. Matching it keeps scores equal to those of remote shards, which get the synonym
// sets themselves; a set of 18 documents differs by 12 % otherwise.
double synonym_frequency(const std::vector<double>& frequencies, double total) {
    std::priority_queue<double, std::vector<double>, std::greater<double>> heap(frequencies.begin(), frequencies.end());
    if (heap.empty()) return 0;
    while (heap.size() > 1) {
        const double r = heap.top();
        heap.pop();
        const double l = heap.top();
        heap.pop();
        heap.push(std::floor(union_estimate(l, r, total) + 0.5));
    }
    return heap.top();
}

constexpr std::size_t kMaxRings = 8;  // the builder makes five

// Per set: BM25's (k1 + 1) × weight × idf, from the statistics of the whole index, and each term's
// frequency there.
struct SetScale {
    double k1, b, min_normlen, len_factor, total;
    std::vector<double> termweight;
    std::vector<std::vector<double>> frequencies;
};

class NestedSetsSource : public Xapian::PostingSource {
public:
    NestedSetsSource(std::vector<std::vector<std::string>> rings, std::shared_ptr<const SetScale> scale)
        : rings_(std::move(rings)), scale_(std::move(scale)) {}

    Xapian::PostingSource* clone() const override { return new NestedSetsSource(rings_, scale_); }
    std::string name() const override { return "fahras::NestedSetsSource"; }

    void init(const Xapian::Database& db) override {
        lists_.clear();
        heap_ = Heap();
        current_.clear();
        started_ = false;
        double est = 0, max_weight = 0, wdf_bound = 0;
        const double n = db.get_doccount();
        // The frequencies are the whole index's: a shard of it gets its share (estimates only).
        const SetScale& s = *scale_;
        const double share = s.total > 0 ? std::min(1.0, n / s.total) : 1.0;
        double most = 0, sum = 0;
        // The forms in term order: a lookup then more often finds the B-tree block of the one before it
        // at hand (Xapian's cursor keeps its path): 12 % fewer block reads over the arqa-dev questions.
        std::vector<std::pair<const std::string*, std::size_t>> forms;  // (term, ring)
        for (std::size_t r = 0; r < rings_.size(); ++r)
            for (std::size_t t = 0; t < rings_[r].size(); ++t) {
                const double tf = s.frequencies[r][t] * share;
                if (tf <= 0) continue;  // also every form of an empty shard: nothing to open
                most = std::max(most, tf);
                sum += tf;
                est = union_estimate(est, tf, n);
                forms.emplace_back(&rings_[r][t], r);
            }
        std::sort(forms.begin(), forms.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });
        double ring_wdf_bound[kMaxRings] = {};
        for (const auto& [term, r] : forms) {
            ring_wdf_bound[r] += db.get_wdf_upper_bound(*term);
            lists_.push_back({db.postlist_begin(*term), db.postlist_end(*term), r});
        }
        for (std::size_t r = 0; r < rings_.size(); ++r) {
            wdf_bound += ring_wdf_bound[r];
            // Set r's best: every form at its largest wdf in the shortest document.
            const double normlen =
                std::max(std::max(wdf_bound, static_cast<double>(db.get_doclength_lower_bound())) * s.len_factor,
                         s.min_normlen);
            if (wdf_bound > 0)
                max_weight += s.termweight[r] * wdf_bound / (s.k1 * (normlen * s.b + (1 - s.b)) + wdf_bound);
        }
        termfreq_min_ = share < 1.0 ? 0 : static_cast<Xapian::doccount>(most);
        termfreq_max_ = share < 1.0 ? db.get_doccount() : static_cast<Xapian::doccount>(std::min(sum, n));
        termfreq_est_ = static_cast<Xapian::doccount>(est + 0.5);
        set_maxweight(max_weight);
    }

    Xapian::doccount get_termfreq_min() const override { return termfreq_min_; }
    Xapian::doccount get_termfreq_est() const override { return termfreq_est_; }
    Xapian::doccount get_termfreq_max() const override { return termfreq_max_; }

    void next(double) override {
        start();
        for (std::size_t i : current_) advance(i, 0);
        settle();
    }

    void skip_to(Xapian::docid did, double) override {
        start();
        if (!current_.empty() && docid_ >= did) return;
        for (std::size_t i : current_) advance(i, did);
        while (!heap_.empty() && heap_.top().first < did) {
            const std::size_t i = heap_.top().second;
            heap_.pop();
            advance(i, did);
        }
        settle();
    }

    bool at_end() const override { return started_ && current_.empty(); }
    Xapian::docid get_docid() const override { return docid_; }

    double get_weight() const override {
        const SetScale& s = *scale_;
        double wdf = 0, score = 0;
        double ring_wdf[kMaxRings] = {};
        for (std::size_t i : current_) ring_wdf[lists_[i].ring] += lists_[i].it.get_wdf();
        const double len = lists_[current_.front()].it.get_doclength();
        const double normlen = std::max(len * s.len_factor, s.min_normlen);
        const double k = s.k1 * (normlen * s.b + (1 - s.b));
        for (std::size_t r = 0; r < rings_.size(); ++r) {
            wdf += ring_wdf[r];
            const double w = std::min(wdf, len);  // as Xapian caps a synonym's wdf
            if (w > 0) score += s.termweight[r] * w / (k + w);
        }
        return score;
    }

private:
    struct List {
        Xapian::PostingIterator it, end;
        std::size_t ring;
    };
    using Entry = std::pair<Xapian::docid, std::size_t>;
    using Heap = std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>>;

    void start() {
        if (started_) return;
        started_ = true;
        for (std::size_t i = 0; i < lists_.size(); ++i)
            if (lists_[i].it != lists_[i].end) heap_.emplace(*lists_[i].it, i);
    }
    // Moves list i forward (to did or past it; one step for did 0) and back into the heap unless ended.
    void advance(std::size_t i, Xapian::docid did) {
        List& l = lists_[i];
        if (did == 0) ++l.it;
        else l.it.skip_to(did);
        if (l.it != l.end) heap_.emplace(*l.it, i);
    }
    // Takes every list at the smallest docid out of the heap: they are the current document's.
    void settle() {
        current_.clear();
        if (heap_.empty()) return;
        docid_ = heap_.top().first;
        while (!heap_.empty() && heap_.top().first == docid_) {
            current_.push_back(heap_.top().second);
            heap_.pop();
        }
    }

    std::vector<std::vector<std::string>> rings_;
    std::shared_ptr<const SetScale> scale_;
    std::vector<List> lists_;
    Heap heap_;
    std::vector<std::size_t> current_;  // the lists at docid_
    Xapian::docid docid_ = 0;
    bool started_ = false;
    Xapian::doccount termfreq_min_ = 0, termfreq_est_ = 0, termfreq_max_ = 0;
};

}  // namespace

Xapian::Query nested_sets_query(const NestedSets& sets, const Xapian::Database& db) {
    if (sets.ring_terms.size() > kMaxRings || sets.ring_frequencies.size() != sets.ring_terms.size())
        throw std::logic_error("nested_sets_query: at most 8 rings, each with its frequencies");
    auto scale = std::make_shared<SetScale>();
    scale->k1 = sets.k1;
    scale->b = sets.b;
    scale->min_normlen = sets.min_normlen;
    const double avlen = db.get_avlength();
    scale->len_factor = avlen > 0 ? 1 / avlen : 0;
    const double total = db.get_doccount();
    scale->total = total;
    scale->frequencies = sets.ring_frequencies;
    std::vector<double> set_frequencies;
    for (std::size_t r = 0; r < sets.ring_terms.size(); ++r) {
        set_frequencies.insert(set_frequencies.end(), sets.ring_frequencies[r].begin(), sets.ring_frequencies[r].end());
        const double set_frequency = synonym_frequency(set_frequencies, total);
        const double weight = r < sets.set_weights.size() ? sets.set_weights[r] : 0;
        scale->termweight.push_back(set_frequency > 0 ? (sets.k1 + 1) * weight * bm25_idf(set_frequency, total) : 0);
    }
    auto* source = new NestedSetsSource(sets.ring_terms, scale);
    return Xapian::Query(source->release());
}

Xapian::Query nested_synonym_query(const NestedSets& sets) {
    std::vector<Xapian::Query> parts, cumulative;
    for (std::size_t i = 0; i < sets.ring_terms.size(); ++i) {
        for (const std::string& term : sets.ring_terms[i]) cumulative.emplace_back(term);
        if (cumulative.empty() || i >= sets.set_weights.size() || sets.set_weights[i] <= 0) continue;
        parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, combine(Xapian::Query::OP_SYNONYM, cumulative),
                           sets.set_weights[i]);
    }
    return parts.empty() ? Xapian::Query(Xapian::Query::MatchNothing) : combine(Xapian::Query::OP_OR, parts);
}

}  // namespace fahras::detail
