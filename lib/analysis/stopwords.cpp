#include "analysis/stopwords.hpp"

#include <algorithm>

namespace fahras::detail {

namespace {

// Lucene's Arabic list (Jacques Savoy, University of Neuchâtel, BSD licence), plus interrogatives and
// particles that carry no topic in questions (كم، ماذا، لماذا، هل، كيف، أين، متى) and a few frequent
// function words missing from it. Written unnormalized; normalized at load.
constexpr const char* kArabicStopwords[] = {
    "من", "ومن", "منها", "منه", "في", "وفي", "فيها", "فيه", "و", "ف", "ثم", "او", "أو", "ب", "بها", "به",
    "ا", "أ", "اى", "اي", "أي", "أى", "لا", "ولا", "الا", "ألا", "إلا", "لكن", "ما", "وما", "كما", "فما",
    "عن", "مع", "اذا", "إذا", "ان", "أن", "إن", "انها", "أنها", "إنها", "انه", "أنه", "إنه", "بان", "بأن",
    "فان", "فأن", "وان", "وأن", "وإن", "التى", "التي", "الذى", "الذي", "الذين", "الى", "الي", "إلى", "إلي",
    "على", "عليها", "عليه", "اما", "أما", "إما", "ايضا", "أيضا", "كل", "وكل", "لم", "ولم", "لن", "ولن",
    "هى", "هي", "هو", "وهى", "وهي", "وهو", "فهى", "فهي", "فهو", "انت", "أنت", "لك", "لها", "له", "هذه",
    "هذا", "تلك", "ذلك", "هناك", "كانت", "كان", "يكون", "تكون", "وكانت", "وكان", "غير", "بعض", "قد",
    "نحو", "بين", "بينما", "منذ", "ضمن", "حيث", "الان", "الآن", "خلال", "بعد", "قبل", "حتى", "عند",
    "عندما", "لدى", "جميع",
    // interrogatives and question particles, with their fused prepositions (بماذا, عمّا, ممن)
    "كم", "ماذا", "لماذا", "بماذا", "متى", "أين", "كيف", "هل", "أيّ", "ماهو", "ماهي", "وما", "فما", "عما",
    "مما", "ممن", "فيما", "بما", "بمن", "لمن", "إيه",
    // frequent function words
    "التي", "اللذين", "اللتين", "اللواتي", "الذين", "هؤلاء", "أولئك", "هنا", "ذات", "ذو", "كلا", "إذ",
    "لقد", "وقد", "فقد", "كذلك", "أم", "بل", "لكنه", "لكنها", "عليهم", "لهم", "منهم", "فيهم", "به", "بهم",
    "the", "of", "and", "a", "an", "in", "on", "to", "is", "was",
};

}  // namespace

Stopwords::Stopwords(const Normalizer& normalizer) {
    std::string normalized;
    for (const char* word : kArabicStopwords) {
        normalized.clear();
        normalizer.normalize(word, normalized);
        if (words_.count(normalized)) continue;
        storage_.push_back(normalized);
        words_.insert(storage_.back());
        longest_ = std::max(longest_, normalized.size());
        if (!normalized.empty()) filter_.set(filter_bit(normalized));
    }
}

}  // namespace fahras::detail
