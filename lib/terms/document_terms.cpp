#include "terms/document_terms.hpp"

#include "index/terms.hpp"
#include "terms/scheme.hpp"
#include "terms/word_positions.hpp"

#include <algorithm>

namespace fahras::detail {

namespace {

// Adds one field's words. A reused buffer for the term: Xapian::Document::add_posting copies it.
class FieldIndexer {
public:
    FieldIndexer(const Analyzer& analyzer, Xapian::Document& doc, const IndexOptions& options)
        : analyzer_(analyzer), doc_(doc), positions_(options.positions && !options.compact_positions),
          compact_(options.positions && options.compact_positions) {}

    // Words of title or body: unprefixed with @p wdf; with @p field_prefix again at wdf 0.
    void add_words(std::string_view text, Xapian::termcount wdf, Xapian::termpos offset, std::string_view field_prefix) {
        analyzer_.for_each_word(text, [&](std::string_view word, std::uint32_t position, std::size_t, std::size_t,
                                          bool stopword) {
            if (word.size() > kMaxTermBytes) return;
            const Xapian::termpos at = offset + position + 1;  // Xapian positions start at 1
            if (wdf) {
                word_term({}, word, term_);
                // Stopwords keep no positions: they are in nearly every document, so their position
                // lists were the largest part of the position table; a phrase steps over them.
                if (positions_ && !stopword) doc_.add_posting(term_, at, wdf);
                else doc_.add_term(term_, wdf);
                if (compact_ && !stopword) compact_positions_.add(word, at);
            }
            if (!field_prefix.empty()) {
                word_term(field_prefix, word, term_);
                if (positions_ && wdf && !stopword) doc_.add_posting(term_, at, 0);
                else doc_.add_term(term_, 0);
            }
        });
    }

    // The compact list holds the unprefixed words only: a title phrase is one below
    // kBodyPositionOffset, so the title's prefixed copies need no positions of their own.
    void add_compact_positions() {
        if (!compact_positions_.empty()) doc_.add_value(kSlotPositions, compact_positions_.encode());
    }

    void add_boolean(std::string_view prefix, std::string_view value) {
        word_term(prefix, value, term_);
        doc_.add_boolean_term(term_);
    }

private:
    const Analyzer& analyzer_;
    Xapian::Document& doc_;
    bool positions_;  // in Xapian's position table
    bool compact_;    // in one compact list (word_positions.hpp)
    WordPositionsWriter compact_positions_;
    std::string term_;
};

}  // namespace

Xapian::Document build_document(const Analyzer& analyzer, const IndexOptions& options, const Article& article) {
    Xapian::Document doc;
    FieldIndexer indexer(analyzer, doc, options);
    indexer.add_words(article.title, std::max(1u, options.title_weight), 0, kPrefixTitle);
    indexer.add_words(article.body, 1, kBodyPositionOffset, {});
    indexer.add_words(article.author, 0, 0, kPrefixAuthor);
    indexer.add_compact_positions();
    const std::string source = source_key(analyzer, article.source);
    if (!source.empty() && source.size() <= kMaxTermBytes) {
        indexer.add_boolean(kPrefixSource, source);
        doc.add_value(kSlotSource, source);
    }
    const std::string date = date_key(article.date);
    if (!date.empty()) doc.add_value(kSlotDate, date);
    doc.add_boolean_term(std::string(kPrefixId) + article.id);
    doc.add_value(kSlotId, article.id);
    doc.set_data(serialize_article(article, options.store_text));
    return doc;
}

}  // namespace fahras::detail
