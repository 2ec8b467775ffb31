// The Analyzer composes the stages: tokenize → normalize → strip proclitics → light stem → stopword
// flag. Each stage lives in its own file; this one only wires them and owns the per-call buffers.
#include <fahras/analyzer.hpp>
#include <fahras/error.hpp>

#include "analysis/clitics.hpp"
#include "analysis/normalizer.hpp"
#include "analysis/stemmer.hpp"
#include "analysis/stopwords.hpp"
#include "analysis/tokenizer.hpp"
#include "analysis/utf8.hpp"

#include <array>

namespace fahras {

namespace {

// Bump when analysis output changes for any input: indexes store it and refuse a different one.
constexpr const char* kAnalysisName = "fahras-arabic";
constexpr int kAnalysisVersion = 3;  // 3: the index keeps words as written, folds move to query time

unsigned options_bits(const AnalyzerOptions& o) {
    const NormalizerOptions& n = o.normalizer;
    const bool bits[] = {n.nfkc, n.strip_diacritics, n.strip_tatweel, n.fold_alef, n.fold_alef_maksura,
                         n.fold_teh_marbuta, n.fold_hamza_carriers, n.fold_persian, n.fold_digits,
                         n.fold_latin, o.strip_proclitics, o.stem};
    unsigned v = 0;
    for (bool b : bits) v = (v << 1) | (b ? 1u : 0u);
    return v;
}

[[noreturn]] void throw_invalid_utf8(std::string_view text) {
    throw EncodingError("text is not valid UTF-8 (first bad byte at offset " +
                        std::to_string(detail::first_invalid_utf8(text)) +
                        "); convert it with fahras::to_utf8() or use InvalidUtf8::REPLACE");
}

// The written form the index keeps: the same cleaning (harakat, tatweel, controls, NFKC, Latin case),
// none of the letter folds, which the query resolves against the vocabulary instead.
NormalizerOptions cleaning_only(NormalizerOptions n) {
    n.fold_alef = n.fold_alef_maksura = n.fold_teh_marbuta = n.fold_hamza_carriers = false;
    n.fold_persian = n.fold_digits = false;
    return n;
}

// Stopwords meet in every spelling but one: ى stays apart from ي, because على (on) written with ي is
// علي, the most common given name, and a name must never be dropped from a query.
NormalizerOptions stopword_folds(NormalizerOptions n) {
    n.fold_alef_maksura = false;
    return n;
}

}  // namespace

struct Analyzer::Internal {
    explicit Internal(const AnalyzerOptions& o)
        : options(o), normalizer(o.normalizer), cleaner(cleaning_only(o.normalizer)),
          stopword_key(stopword_folds(o.normalizer)), stopwords(stopword_key) {
        find_letters_folded_apart();
    }

    AnalyzerOptions options;
    detail::Normalizer normalizer;    // cleaning and folds: TokenView::folded, normalize()
    detail::Normalizer cleaner;       // cleaning only: TokenView::normalized, the indexed form
    detail::Normalizer stopword_key;  // the folds under which stopwords meet
    detail::Stopwords stopwords;

    bool is_stopword(std::string_view written, std::string& buffer) const {
        buffer.clear();
        stopword_key.normalize(written, buffer);
        return stopwords.contains(buffer);
    }

    // The stopword flag of a word whose folded form is @p folded. The stopword key is the folded
    // form itself unless the word holds a letter the two foldings treat apart (ى, ی): both fold
    // ASCII and the Arabic block letter by letter from their tables, so then the key needs no
    // normalization of its own (measured: that normalization was a fifth of the full pipeline).
    bool is_stopword(std::string_view written, std::string_view folded, std::string& buffer) const {
        return same_key_as_folded(written) ? stopwords.contains(folded) : is_stopword(written, buffer);
    }

    // True when every character of @p written is ASCII, or an Arabic-block letter that both foldings
    // map alike through their tables. Anything else (ICU's path, invalid bytes) says false.
    bool same_key_as_folded(std::string_view written) const {
        for (std::size_t i = 0; i < written.size(); ++i) {
            const auto b0 = static_cast<unsigned char>(written[i]);
            if (b0 < 0x80) continue;
            if (b0 < 0xD8 || b0 > 0xDB || i + 1 >= written.size()) return false;
            const auto b1 = static_cast<unsigned char>(written[++i]);
            if ((b1 & 0xC0) != 0x80 || folded_apart[((b0 & 0x03) << 6) | (b1 & 0x3F)]) return false;
        }
        return true;
    }

    // Marks the letters of U+0600..U+06FF that the folding and the stopword key's folding do not map
    // to the same bytes, or that either sends through ICU (with harakat kept, every one: ICU then
    // orders the marks of any non-ASCII word, so only ASCII words take the shortcut).
    void find_letters_folded_apart() {
        for (char32_t cp = 0x0600; cp <= 0x06FF; ++cp) {
            std::string letter;
            letter.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            letter.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
            std::string a, b;
            const unsigned fa = normalizer.normalize(letter, a);
            const unsigned fb = stopword_key.normalize(letter, b);
            folded_apart[cp - 0x0600] = a != b || fa != 0 || fb != 0;
        }
    }

    std::array<bool, 256> folded_apart{};

    struct Buffers {
        std::string folded;
        std::string stopword;
        detail::ProcliticForms forms;
    };

    // Emits the full view of one written word.
    template <class Sink>
    void emit_token(std::string_view written, std::size_t begin, std::size_t end, std::uint32_t position,
                    Buffers& buffers, Sink& sink) const {
        buffers.folded.clear();
        normalizer.normalize(written, buffers.folded);
        const std::string_view folded = buffers.folded;
        if (options.strip_proclitics) {
            detail::strip_proclitics(folded, buffers.forms);
        } else {
            buffers.forms.clear();
        }
        TokenView token;
        token.normalized = written;
        token.folded = folded;
        token.forms = buffers.forms.forms.data();
        token.form_count = buffers.forms.count;
        token.bare = buffers.forms.bare(folded);
        token.stem = options.stem ? detail::light_stem(token.bare) : token.bare;
        token.position = position;
        token.begin = begin;
        token.end = end;
        token.stopword = is_stopword(written, folded, buffers.stopword);
        sink(token);
    }

    // Calls on_word(written, position, begin, end) for each word in its written form (or the several
    // words an ICU-normalized one can become).
    template <class OnWord>
    void run_words(std::string_view text, OnWord&& on_word) const {
        if (options.invalid_utf8 == InvalidUtf8::THROW && !is_valid_utf8(text)) throw_invalid_utf8(text);
        std::string written;
        std::uint32_t position = 0;
        detail::tokenize(text, [&](std::size_t begin, std::size_t end) {
            written.clear();
            const unsigned flags = cleaner.normalize(text.substr(begin, end - begin), written);
            if (!(flags & detail::Normalizer::kUsedIcu)) {
                if (!written.empty()) on_word(std::string_view(written), position++, begin, end);
                return;
            }
            // Compatibility forms can expand to several words (ﷺ, ⑴): each keeps the original span.
            const std::string whole = written;
            detail::tokenize(whole, [&](std::size_t b, std::size_t e) {
                on_word(std::string_view(whole).substr(b, e - b), position++, begin, end);
            });
        });
    }

    template <class Sink>
    void run(std::string_view text, Sink&& sink) const {
        Buffers buffers;
        run_words(text, [&](std::string_view written, std::uint32_t position, std::size_t begin, std::size_t end) {
            emit_token(written, begin, end, position, buffers, sink);
        });
    }
};

Analyzer::Analyzer(AnalyzerOptions options) : internal_(std::make_shared<const Internal>(options)) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(const Analyzer&) = default;
Analyzer& Analyzer::operator=(const Analyzer&) = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::string Analyzer::normalize(std::string_view text) const {
    if (internal_->options.invalid_utf8 == InvalidUtf8::THROW && !is_valid_utf8(text)) throw_invalid_utf8(text);
    // Words are normalized one by one and what lies between them is kept, so that normalizing twice
    // changes nothing and the text keeps its spacing and punctuation.
    std::string out;
    out.reserve(text.size());
    std::size_t last = 0;
    auto piece = [&](std::string_view between) {
        // Words and separators pass through normalized; one that normalizes to nothing (۩, a Quranic
        // sign; ﹿ, a lone sukun) becomes a space, so what stood on either side stays apart next time.
        const std::size_t before = out.size();
        internal_->normalizer.normalize(between, out);
        if (out.size() == before && !between.empty() && before > 0) out.push_back(' ');
    };
    detail::tokenize(text, [&](std::size_t begin, std::size_t end) {
        piece(text.substr(last, begin - last));
        piece(text.substr(begin, end - begin));
        last = end;
    });
    piece(text.substr(last));
    return out;
}

void Analyzer::for_each_token(std::string_view text, const std::function<void(const TokenView&)>& sink) const {
    internal_->run(text, sink);
}

void Analyzer::for_each_word(
    std::string_view text,
    const std::function<void(std::string_view, std::uint32_t, std::size_t, std::size_t, bool)>& sink) const {
    // The list holds stopword keys; a word written as a key is its own key (normalization is
    // idempotent), so the cheap look-up flags a subset of what TokenView::stopword flags.
    const detail::Stopwords& stopwords = internal_->stopwords;
    internal_->run_words(text, [&](std::string_view w, std::uint32_t position, std::size_t begin, std::size_t end) {
        sink(w, position, begin, end, stopwords.contains(w));
    });
}

std::string Analyzer::fold(std::string_view written_word) const {
    std::string out;
    internal_->normalizer.normalize(written_word, out);
    return out;
}

std::vector<Token> Analyzer::analyze(std::string_view text) const {
    std::vector<Token> tokens;
    internal_->run(text, [&](const TokenView& v) {
        Token t;
        t.normalized = std::string(v.normalized);
        t.folded = std::string(v.folded);
        for (std::size_t i = 0; i < v.form_count; ++i) t.forms.emplace_back(v.forms[i]);
        t.bare = std::string(v.bare);
        t.stem = std::string(v.stem);
        t.position = v.position;
        t.begin = v.begin;
        t.end = v.end;
        t.stopword = v.stopword;
        tokens.push_back(std::move(t));
    });
    return tokens;
}

bool Analyzer::is_stopword(std::string_view word) const {
    std::string buffer;
    return internal_->is_stopword(word, buffer);
}

std::string Analyzer::id() const {
    return std::string(kAnalysisName) + "/" + std::to_string(kAnalysisVersion) + "/" +
           std::to_string(options_bits(internal_->options));
}

const AnalyzerOptions& Analyzer::options() const { return internal_->options; }

}  // namespace fahras
