// The vocabulary map: from a folded, proclitic-free key to the written forms the index holds under
// it. It is how a query finds, without index-time expansion, that كيري also occurs as وكيري, كيرى and
// لكيري, and that كاميرون occurs with the article as الكاميرون.
//
// Each word the index holds is filed under several keys: its folded form (kind WHOLE), each form its
// folded proclitics can leave (CLITIC, or ARTICLE when the article is among them: الكاميرون under
// كاميرون), and the light stems of those (stem keys). Keys live in Xapian metadata ("vw"/"vs" +
// key), written at each commit by the writer that added the words, merged when shards are compacted,
// and read from every shard (local, remote or in-memory: metadata is the one store all backends
// share). Removing a document leaves its forms in the map; the query drops forms no document holds.
#pragma once

#include "terms/word_set.hpp"

#include <fahras/analyzer.hpp>

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace fahras::detail {

/// How a written form relates to the key it is filed under.
enum class FormKind : unsigned char {
    WHOLE = 0,    ///< the key is the form's own folded spelling (كيرى under كيري)
    CLITIC = 1,   ///< a conjunction or preposition stands before the key (وكيري, لكيري under كيري)
    ARTICLE = 2,  ///< the article is among what stands before it (الكاميرون, بالكاميرون under كاميرون)
};

struct VocabularyEntry {
    FormKind kind;
    std::string form;  ///< the word as the index writes it
};

/// Metadata key of the words filed under folded @p key, and of those whose light stem is @p stem.
std::string word_key(std::string_view key);
std::string stem_key(std::string_view stem);

/// Kind of the proclitic-free @p form of the folded word @p folded.
FormKind form_kind(std::string_view folded, std::string_view form);

/// The (metadata key, kind) pairs under which the written word @p written is filed, without duplicates.
void vocabulary_keys(const Analyzer& analyzer, std::string_view written,
                     std::vector<std::pair<std::string, FormKind>>& out);

/// Entries as stored: each is a kind byte, the form, then a NUL (forms never hold NUL: it separates words).
void append_entry(std::string& encoded, FormKind kind, std::string_view form);
void decode_entries(std::string_view encoded, std::vector<VocabularyEntry>& out);
/// The union of two encoded entry lists, sorted by form.
std::string merge_entries(std::string_view a, std::string_view b);

/// Index-time half: collects the new words of one writer and files them at commit.
/// Not thread-safe: one per writer, fed from the thread that writes its documents.
class VocabularyBatch {
public:
    /// Notes the words (title, body, author) of a document about to be written.
    void note_document(const Analyzer& analyzer, const Xapian::Document& doc);
    /// Merges what was noted into @p db's metadata (before its commit) and forgets it.
    void flush(Xapian::WritableDatabase& db);
    bool empty() const { return pending_.empty(); }
    /// Documents noted since the last flush, and the bytes of their values (what the commit writes
    /// to the value streams: commit_room.hpp).
    std::uint32_t count_written() const { return written_; }
    std::uint64_t value_bytes_written() const { return value_bytes_; }

private:
    void note_word(const Analyzer& analyzer, std::string_view written);

    std::uint32_t written_ = 0;
    std::uint64_t value_bytes_ = 0;
    WordSet seen_;                                          // words already filed by this writer
    std::unordered_map<std::string, std::string> pending_;  // metadata key → encoded new entries
    std::vector<std::pair<std::string, FormKind>> keys_;    // scratch
};

/// Merges vocabulary keys when Xapian's compactor meets them in several shards.
class VocabularyCompactor : public Xapian::Compactor {
public:
    std::string resolve_duplicate_metadata(const std::string& key, size_t num_tags, const std::string tags[]) override;
};

/// Metadata key → the entries filed under it, as read from one snapshot of the shards.
using VocabularyCache = std::unordered_map<std::string, std::vector<VocabularyEntry>>;

/// Query-time half: looks keys up in every shard, once per key for as long as @p cache is kept.
class VocabularyReader {
public:
    VocabularyReader(const std::vector<Xapian::Database>& shards, VocabularyCache& cache)
        : shards_(shards), cache_(cache) {}
    /// The entries filed under a metadata key (word_key or stem_key), merged over the shards.
    const std::vector<VocabularyEntry>& lookup(const std::string& key);

private:
    const std::vector<Xapian::Database>& shards_;
    VocabularyCache& cache_;
};

}  // namespace fahras::detail
