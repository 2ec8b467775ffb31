#include "index/terms.hpp"

#include "analysis/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace fahras::detail {

std::string source_key(const Analyzer& analyzer, std::string_view source) {
    std::string key = analyzer.normalize(source);
    const auto first = key.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    key = key.substr(first, key.find_last_not_of(' ') - first + 1);
    return key;
}

namespace {

// Adds the word tiers of one field's words. Xapian::Document::add_term allocates nothing when the
// term is already there, so a reused buffer for prefixed terms is all the hot loop needs.
class FieldIndexer {
public:
    FieldIndexer(Xapian::Document& doc, bool positions) : doc_(doc), positions_(positions) {}

    void add_words(const Analyzer& analyzer, std::string_view text, Xapian::termcount wdf,
                   Xapian::termpos position_offset, std::string_view field_prefix) {
        analyzer.for_each_token(text, [&](const TokenView& t) {
            if (t.normalized.size() > kMaxTermBytes) return;
            if (!field_prefix.empty()) {
                add_prefixed(field_prefix, t.normalized, 1);
                for (std::size_t i = 0; i < t.form_count; ++i) add_prefixed(field_prefix, t.forms[i], 1);
                if (!wdf) return;
            }
            // The bare form carries the position (phrases match on it); the other tiers only counts.
            const std::string bare(t.bare);
            if (positions_) {
                doc_.add_posting(bare, position_offset + t.position, wdf);
            } else {
                doc_.add_term(bare, wdf);
            }
            if (t.normalized != t.bare) doc_.add_term(std::string(t.normalized), wdf);
            for (std::size_t i = 0; i + 1 < t.form_count; ++i) doc_.add_term(std::string(t.forms[i]), wdf);
            add_prefixed(kPrefixStem, t.stem, wdf);
        });
    }

    void add_prefixed(std::string_view prefix, std::string_view term, Xapian::termcount wdf) {
        buffer_.assign(prefix);
        buffer_.append(term);
        doc_.add_term(buffer_, wdf);
    }

private:
    Xapian::Document& doc_;
    bool positions_;
    std::string buffer_;
};

void put_string(std::string& out, std::string_view s) {
    std::uint64_t n = s.size();
    do {  // length as a base-128 varint, then the bytes
        unsigned char byte = n & 0x7F;
        n >>= 7;
        out.push_back(static_cast<char>(byte | (n ? 0x80 : 0)));
    } while (n);
    out.append(s);
}

bool get_string(std::string_view& in, std::string& out) {
    std::uint64_t n = 0;
    int shift = 0;
    while (true) {
        if (in.empty() || shift > 56) return false;
        const auto byte = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        n |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        if (!(byte & 0x80)) break;
        shift += 7;
    }
    if (n > in.size()) return false;
    out.assign(in.substr(0, n));
    in.remove_prefix(n);
    return true;
}

constexpr char kDataVersion = '1';

}  // namespace

std::string id_term(std::string_view id) {
    return std::string(kPrefixId) + (is_valid_utf8(id) ? std::string(id) : repair_utf8(id));
}

const Article& repaired(const Article& a, Article& storage) {
    const std::string* fields[] = {&a.id, &a.title, &a.body, &a.author, &a.source, &a.url, &a.date};
    bool valid = std::all_of(std::begin(fields), std::end(fields), [](const std::string* f) { return is_valid_utf8(*f); });
    for (const auto& [k, v] : a.metadata) valid = valid && is_valid_utf8(k) && is_valid_utf8(v);
    if (valid) return a;
    storage = Article{repair_utf8(a.id), repair_utf8(a.title), repair_utf8(a.body), repair_utf8(a.author),
                      repair_utf8(a.source), repair_utf8(a.url), repair_utf8(a.date), {}};
    for (const auto& [k, v] : a.metadata) storage.metadata.emplace(repair_utf8(k), repair_utf8(v));
    return storage;
}

Xapian::Document build_document(const Analyzer& analyzer, const IndexOptions& options, const Article& article) {
    Xapian::Document doc;
    FieldIndexer indexer(doc, options.positions);
    // Title words count as body words several times over (BM25 sees a higher wdf) and also carry the
    // title prefix for title: queries.
    indexer.add_words(analyzer, article.title, std::max(1u, options.title_weight), 0, kPrefixTitle);
    indexer.add_words(analyzer, article.body, 1, kBodyPositionOffset, {});
    indexer.add_words(analyzer, article.author, 0, 0, kPrefixAuthor);
    const std::string source = source_key(analyzer, article.source);
    if (!source.empty() && source.size() <= kMaxTermBytes) {
        indexer.add_prefixed(kPrefixSource, source, 0);
        doc.add_value(kSlotSource, source);
    }
    const std::string date = date_key(article.date);
    if (!date.empty()) doc.add_value(kSlotDate, date);
    doc.add_boolean_term(std::string(kPrefixId) + article.id);
    doc.add_value(kSlotId, article.id);
    doc.set_data(serialize_article(article, options.store_text));
    return doc;
}

std::string serialize_article(const Article& article, bool store_text) {
    std::string out(1, kDataVersion);
    put_string(out, article.id);
    put_string(out, store_text ? std::string_view(article.title) : std::string_view());
    put_string(out, store_text ? std::string_view(article.body) : std::string_view());
    for (const std::string* field : {&article.author, &article.source, &article.url, &article.date})
        put_string(out, *field);
    put_string(out, std::to_string(article.metadata.size()));
    for (const auto& [key, value] : article.metadata) {
        put_string(out, key);
        put_string(out, value);
    }
    return out;
}

Article deserialize_article(std::string_view data) {
    Article a;
    if (data.empty() || data.front() != kDataVersion) return a;
    data.remove_prefix(1);
    for (std::string* field : {&a.id, &a.title, &a.body, &a.author, &a.source, &a.url, &a.date})
        if (!get_string(data, *field)) return a;
    std::string count;
    if (!get_string(data, count)) return a;
    std::string key, value;
    unsigned long n = 0;
    for (char c : count) n = (c >= '0' && c <= '9') ? n * 10 + static_cast<unsigned long>(c - '0') : n;
    for (; n > 0; --n) {
        if (!get_string(data, key) || !get_string(data, value)) break;
        a.metadata.emplace(key, value);
    }
    return a;
}

}  // namespace fahras::detail
