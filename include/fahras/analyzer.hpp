/** @file analyzer.hpp
 *  @brief Arabic text analysis: normalization, tokenization, proclitics, light stemming, stopwords.
 *
 *  One Analyzer is used for documents and for queries, so both sides always agree. It is a pure
 *  function of its options: immutable once built, safe to share between threads.
 *
 *  For every word the analyzer gives, from most to least exact:
 *   - `normalized`: the word as written, the form the index keeps: harakat, tatweel, invisible marks
 *     removed, Latin lower-cased, compatibility forms decomposed (NFKC) — letters are NOT folded, so
 *     علي and على, أوباما and اوباما stay apart;
 *   - `folded`: `normalized` with the orthographic folds of NormalizerOptions (alef and hamza forms,
 *     ى → ي, ة → ه, Persian letters, digits): the key under which spelling variants meet at query time;
 *   - `forms`: every form of `folded` left by stripping a valid proclitic sequence — conjunction و/ف,
 *     then a preposition ب/ك/ل, then the article ال (لل = ل + ال) — each guarded so that at least three
 *     letters (three after the article, so الله stays whole) remain. ولافروف gives لافروف and افروف;
 *     للصدر gives الصدر and صدر. They are candidates, not facts: the query keeps only those the
 *     index's vocabulary attests, and ranks the whole word above them;
 *   - `bare`: the last (most stripped) of those forms, or `folded` when nothing can be stripped;
 *   - `stem`: a Light10-style suffix-stripped form of `bare`, for recall.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fahras {

/** @brief What to do with bytes that are not valid UTF-8. */
enum class InvalidUtf8 {
    REPLACE,  ///< decode each bad sequence as U+FFFD (default: never drop a document)
    THROW,    ///< throw EncodingError naming the byte offset
};

/** @brief Which normalization rules run. Defaults are the measured best (docs/design.md). */
struct NormalizerOptions {
    bool nfkc = true;                   ///< ICU NFKC + case folding for non-Arabic, non-ASCII text
    bool strip_diacritics = true;       ///< harakat U+064B–U+065F, superscript alef U+0670, Quranic marks
    bool strip_tatweel = true;          ///< U+0640
    bool fold_alef = true;              ///< أ إ آ ٱ → ا
    bool fold_alef_maksura = true;      ///< ى → ي
    bool fold_teh_marbuta = true;       ///< ة → ه
    bool fold_hamza_carriers = true;    ///< ؤ → و, ئ → ي
    bool fold_persian = true;           ///< ی → ي, ک گ → ك, ڤ → ف, پ → ب, چ → ج, ژ → ز, ۀ → ه
    bool fold_digits = true;            ///< Arabic-Indic and extended Arabic-Indic digits → 0–9
    bool fold_latin = true;             ///< Latin lower-casing and accent removal
};

/** @brief Options of an Analyzer; every stage can be switched off. */
struct AnalyzerOptions {
    NormalizerOptions normalizer;
    InvalidUtf8 invalid_utf8 = InvalidUtf8::REPLACE;
    bool strip_proclitics = true;  ///< produce `forms` and `bare` (else both equal `normalized`)
    bool stem = true;              ///< produce `stem` (else equals `bare`)
};

/** @brief One word of a text, as seen during Analyzer::for_each_token.
 *
 *  The views point into buffers owned by the analyzer run and are valid only during the callback.
 */
struct TokenView {
    std::string_view normalized;           ///< the word as written (what the index stores)
    std::string_view folded;               ///< normalized with the orthographic folds
    const std::string_view* forms;         ///< proclitic-free forms, most to least letters
    std::size_t form_count;                ///< number of entries in forms (0 when none)
    std::string_view bare;                 ///< proclitic-free tier
    std::string_view stem;                 ///< stem tier
    std::uint32_t position;                ///< 0-based word position in the text
    std::size_t begin;                     ///< byte offset of the word in the original text
    std::size_t end;                       ///< one past its last byte in the original text
    bool stopword;                         ///< a stopword in any spelling but ى/ي (على is one, the name علي is not)
};

/** @brief One word of a text, owning its strings (see TokenView for the fields). */
struct Token {
    std::string normalized;
    std::string folded;
    std::vector<std::string> forms;
    std::string bare;
    std::string stem;
    std::uint32_t position = 0;
    std::size_t begin = 0;
    std::size_t end = 0;
    bool stopword = false;
};

/** @brief The analysis pipeline for Arabic (and Latin) text. Thread-safe, immutable. */
class Analyzer {
public:
    /** @brief Builds an analyzer. @exception InvalidArgumentError never for the defaults. */
    explicit Analyzer(AnalyzerOptions options = {});
    ~Analyzer();
    Analyzer(const Analyzer&);
    Analyzer& operator=(const Analyzer&);
    Analyzer(Analyzer&&) noexcept;
    Analyzer& operator=(Analyzer&&) noexcept;

    /** @brief Normalizes and folds a text (not split into words); idempotent, output is valid UTF-8.
     *  @exception EncodingError if the text is invalid UTF-8 and options ask to throw. */
    std::string normalize(std::string_view text) const;

    /** @brief Calls @p sink for each word of @p text, in order, without allocating per word.
     *  @exception EncodingError if the text is invalid UTF-8 and options ask to throw. */
    void for_each_token(std::string_view text, const std::function<void(const TokenView&)>& sink) const;

    /** @brief Calls @p sink(word, position, begin, end) for each word of @p text in its written form
     *  (TokenView::normalized) only: the index-time path, without folding, proclitics or stems.
     *  @exception EncodingError if the text is invalid UTF-8 and options ask to throw. */
    void for_each_word(std::string_view text,
                       const std::function<void(std::string_view, std::uint32_t, std::size_t, std::size_t)>& sink) const;

    /** @brief The folded form of one written word (TokenView::folded). */
    std::string fold(std::string_view written_word) const;

    /** @brief All words of @p text with their tiers, positions and byte spans.
     *  @exception EncodingError if the text is invalid UTF-8 and options ask to throw. */
    std::vector<Token> analyze(std::string_view text) const;

    /** @brief True if @p word (one word, as written or normalized) is a stopword. Stopwords match in
     *  every spelling the folds join except ى/ي: على is a stopword, the name علي is not. */
    bool is_stopword(std::string_view word) const;

    /** @brief Name and version of the analysis, stored in indexes ("fahras-arabic/N"). */
    std::string id() const;

    /** @brief The options this analyzer was built with. */
    const AnalyzerOptions& options() const;

private:
    struct Internal;
    std::shared_ptr<const Internal> internal_;
};

/** @brief Converts text in a legacy encoding ("windows-1256", "iso-8859-6", "utf-8", ...) to UTF-8.
 *  @exception InvalidArgumentError if the encoding is unknown. */
std::string to_utf8(std::string_view bytes, const std::string& encoding);

/** @brief True if @p text is valid UTF-8. */
bool is_valid_utf8(std::string_view text);

}  // namespace fahras
