#include "terms/vocabulary.hpp"

#include "analysis/stemmer.hpp"
#include "terms/scheme.hpp"

#include <algorithm>
#include <map>

namespace fahras::detail {

namespace {

constexpr std::string_view kWordKeyPrefix = "vw";
constexpr std::string_view kStemKeyPrefix = "vs";
constexpr std::string_view kArticle = "\u0627\u0644";  // ال
constexpr std::string_view kLamLam = "\u0644\u0644";   // لل: ل + ال with the alef dropped

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool is_vocabulary_key(std::string_view key) {
    return key.substr(0, 2) == kWordKeyPrefix || key.substr(0, 2) == kStemKeyPrefix;
}

}  // namespace

std::string word_key(std::string_view key) { return std::string(kWordKeyPrefix) + std::string(key); }
std::string stem_key(std::string_view stem) { return std::string(kStemKeyPrefix) + std::string(stem); }

FormKind form_kind(std::string_view folded, std::string_view form) {
    if (form == folded) return FormKind::WHOLE;
    if (!ends_with(folded, form)) return FormKind::CLITIC;  // ال + rest rebuilt from لل + rest: ل stands before it
    const std::string_view before = folded.substr(0, folded.size() - form.size());
    return ends_with(before, kArticle) || ends_with(before, kLamLam) ? FormKind::ARTICLE : FormKind::CLITIC;
}

void vocabulary_keys(const Analyzer& analyzer, std::string_view written,
                     std::vector<std::pair<std::string, FormKind>>& out) {
    out.clear();
    auto add = [&](std::string key, FormKind kind) {
        for (const auto& [k, _] : out)
            if (k == key) return;
        out.emplace_back(std::move(key), kind);
    };
    const bool stem = analyzer.options().stem;
    analyzer.for_each_token(written, [&](const TokenView& t) {
        if (t.normalized != written) return;  // a word that analyses into several: only whole words are filed
        add(word_key(t.folded), FormKind::WHOLE);
        for (std::size_t i = 0; i < t.form_count; ++i) add(word_key(t.forms[i]), form_kind(t.folded, t.forms[i]));
        if (!stem) return;
        // The stems of the word and of each proclitic-free form (اجتماعات and الاجتماعات under اجتماع):
        // which segmentation to believe is the query's decision, so every one is filed.
        auto add_stem = [&](std::string_view x) {
            const std::string_view s = light_stem(x);
            if (s != x) add(stem_key(s), form_kind(t.folded, x));
        };
        add_stem(t.folded);
        for (std::size_t i = 0; i < t.form_count; ++i) add_stem(t.forms[i]);
    });
}

void append_entry(std::string& encoded, FormKind kind, std::string_view form) {
    encoded.push_back(static_cast<char>('0' + static_cast<int>(kind)));
    encoded.append(form);
    encoded.push_back('\0');
}

void decode_entries(std::string_view encoded, std::vector<VocabularyEntry>& out) {
    while (encoded.size() >= 2) {
        const std::size_t end = encoded.find('\0');
        if (end == std::string_view::npos) break;
        const int kind = encoded[0] - '0';
        if (kind >= 0 && kind <= 2 && end > 1)
            out.push_back({static_cast<FormKind>(kind), std::string(encoded.substr(1, end - 1))});
        encoded.remove_prefix(end + 1);
    }
}

std::string merge_entries(std::string_view a, std::string_view b) {
    std::vector<VocabularyEntry> all;
    decode_entries(a, all);
    decode_entries(b, all);
    std::map<std::string_view, FormKind> unique;
    for (const VocabularyEntry& e : all) unique.emplace(e.form, e.kind);
    std::string out;
    for (const auto& [form, kind] : unique) append_entry(out, kind, form);
    return out;
}

void VocabularyBatch::note_word(const Analyzer& analyzer, std::string_view written) {
    if (!seen_.insert(written)) return;
    vocabulary_keys(analyzer, written, keys_);
    for (const auto& [key, kind] : keys_) append_entry(pending_[key], kind, written);
}

void VocabularyBatch::note_document(const Analyzer& analyzer, const Xapian::Document& doc) {
    ++written_;
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) value_bytes_ += (*v).size();
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string term = *t;
        std::string_view word = word_of_term(term);
        if (word.empty() && (term.compare(0, kPrefixAuthor.size(), kPrefixAuthor) == 0))
            word = std::string_view(term).substr(kPrefixAuthor.size());  // authors' words are findable too
        if (!word.empty()) note_word(analyzer, word);
    }
}

void VocabularyBatch::flush(Xapian::WritableDatabase& db) {
    // In key order: each key's B-tree leaf is then most often the one the key before it loaded
    // (Xapian's cursor keeps its path), instead of a block read per key.
    std::vector<const std::pair<const std::string, std::string>*> in_order;
    in_order.reserve(pending_.size());
    for (const auto& entry : pending_) in_order.push_back(&entry);
    std::sort(in_order.begin(), in_order.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
    for (const auto* entry : in_order) {
        const std::string& key = entry->first;
        const std::string& added = entry->second;
        const std::string old = db.get_metadata(key);
        if (old.empty()) {
            db.set_metadata(key, merge_entries(added, {}));
            continue;
        }
        std::string merged = merge_entries(old, added);
        if (merged != old) db.set_metadata(key, merged);
    }
    pending_.clear();
    written_ = 0;
    value_bytes_ = 0;
}

std::string VocabularyCompactor::resolve_duplicate_metadata(const std::string& key, size_t num_tags,
                                                            const std::string tags[]) {
    // Xapian 1.4 passes the table's key: the user key behind the metadata marker "\0\xc0".
    std::string_view user_key = key;
    if (user_key.size() >= 2 && user_key[0] == '\0' && user_key[1] == '\xc0') user_key.remove_prefix(2);
    if (!is_vocabulary_key(user_key) || num_tags == 0) return num_tags ? tags[0] : std::string();
    std::string merged = tags[0];
    for (size_t i = 1; i < num_tags; ++i) merged = merge_entries(merged, tags[i]);
    return merged;
}

const std::vector<VocabularyEntry>& VocabularyReader::lookup(const std::string& key) {
    auto [it, inserted] = cache_.try_emplace(key);
    if (!inserted) return it->second;
    if (shards_.size() == 1) {
        decode_entries(shards_[0].get_metadata(key), it->second);
    } else {
        std::string merged;
        for (const Xapian::Database& shard : shards_) merged = merge_entries(merged, shard.get_metadata(key));
        decode_entries(merged, it->second);
    }
    return it->second;
}

}  // namespace fahras::detail
