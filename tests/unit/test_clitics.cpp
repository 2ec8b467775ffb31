// Proclitics: the forms a word leaves when its conjunction, preposition and article come off; names
// keep apart from the common words Lucene folds them into; guards keep short words whole.
#include "analysis/clitics.hpp"

#include "test_support.hpp"

#include <fahras/analyzer.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace {

using Forms = std::vector<std::string>;

// Forms of a word that is already normalized.
Forms forms_of(std::string_view normalized) {
    fahras::detail::ProcliticForms out;
    fahras::detail::strip_proclitics(normalized, out);
    return Forms(out.forms.begin(), out.forms.begin() + out.count);
}

// The one token of @p word through the default analyzer (normalization included).
fahras::Token token(std::string_view word) {
    const auto tokens = fahras::Analyzer().analyze(word);
    REQUIRE(tokens.size() == 1);
    return tokens[0];
}

bool contains(const Forms& forms, std::string_view form) {
    return std::find(forms.begin(), forms.end(), form) != forms.end();
}

// Normalized spellings used below.
const std::string kLavrov = "\u0644\u0627\u0641\u0631\u0648\u0641";  // لافروف
const std::string kKerry = "\u0643\u064A\u0631\u064A";               // كيري
const std::string kWaw = "\u0648";
const std::string kFeh = "\u0641";
const std::string kBeh = "\u0628";
const std::string kLam = "\u0644";
const std::string kKaf = "\u0643";
const std::string kAl = "\u0627\u0644";

}  // namespace

TEST_CASE("Lavrov with a proclitic has the bare name among its forms: ولافروف بلافروف للافروف") {
    for (const std::string& prefix : {kWaw, kBeh, kLam, kFeh, kWaw + kBeh, kFeh + kLam, kWaw + kLam}) {
        CAPTURE(prefix);
        CHECK(contains(forms_of(prefix + kLavrov), kLavrov));
        CHECK(fahras::test::has_normalized_or_form(token(prefix + kLavrov), kLavrov));
    }
    // Documented: ولافروف gives لافروف and افروف (the ل could be a preposition), longest first.
    CHECK(forms_of(kWaw + kLavrov) == Forms{kLavrov, "\u0627\u0641\u0631\u0648\u0641"});
}

TEST_CASE("Kerry with a proclitic has the bare name among its forms: لكيري وكيري") {
    CHECK(contains(forms_of(kLam + kKerry), kKerry));
    CHECK(contains(forms_of(kWaw + kKerry), kKerry));
    CHECK(contains(forms_of(kBeh + kKerry), kKerry));
    CHECK(contains(forms_of(kFeh + kKerry), kKerry));
    // كيري itself keeps its ك: ك is stripped only before the article.
    CHECK(forms_of(kKerry).empty());
    CHECK(token(kKerry).bare == kKerry);
    CHECK(token(kWaw + kKerry).bare == kKerry);
    CHECK(token(kLam + kKerry).bare == kKerry);
}

TEST_CASE("the article comes off, alone and after a conjunction or preposition") {
    const std::string book = "\u0643\u062A\u0627\u0628";  // كتاب
    CHECK(forms_of(kAl + book) == Forms{book});
    CHECK(forms_of(kWaw + kAl + book) == Forms{kAl + book, book});
    CHECK(forms_of(kBeh + kAl + book) == Forms{kAl + book, book});
    CHECK(forms_of(kKaf + kAl + book) == Forms{kAl + book, book});
    CHECK(forms_of(kFeh + kBeh + kAl + book) == Forms{kBeh + kAl + book, kAl + book, book});
    // لل = ل + ال: للكتاب restores the article's alef.
    CHECK(contains(forms_of(kLam + kLam + book), kAl + book));
    CHECK(contains(forms_of(kLam + kLam + book), book));
    CHECK(contains(forms_of(kWaw + kLam + kLam + book), kAl + book));
}

TEST_CASE("forms are unique, never the word itself, longest first; bare is the last") {
    for (const std::string& word : {kWaw + kLam + kLam + kLavrov.substr(2), kFeh + kBeh + kAl + kKerry,
                                    kWaw + kLavrov, kLam + kLam + kLavrov}) {
        CAPTURE(word);
        const Forms forms = forms_of(word);
        CHECK(std::set<std::string>(forms.begin(), forms.end()).size() == forms.size());
        CHECK_FALSE(contains(forms, word));
        CHECK(std::is_sorted(forms.begin(), forms.end(),
                             [](const std::string& a, const std::string& b) { return a.size() > b.size(); }));
        const fahras::Token t = token(word);
        REQUIRE_FALSE(t.forms.empty());
        CHECK(t.bare == t.forms.back());
    }
}

// ------------------------------------------------------------------------ names vs. common words

namespace {

// Normalized words and forms: the exact tiers of a token.
std::set<std::string> exact_tiers(std::string_view word) {
    const fahras::Token t = token(word);
    std::set<std::string> tiers(t.forms.begin(), t.forms.end());
    tiers.insert(t.normalized);
    return tiers;
}

bool disjoint(const std::set<std::string>& a, const std::set<std::string>& b) {
    for (const auto& x : a)
        if (b.count(x)) return false;
    return true;
}

}  // namespace

TEST_CASE("names Lucene folds into common words keep apart in the normalized and forms tiers") {
    struct Pair {
        const char* name;
        const char* common;
    };
    const Pair pairs[] = {
        {"\u0627\u0644\u0628\u063A\u062F\u0627\u062F\u064A", "\u0628\u063A\u062F\u0627\u062F"},  // البغدادي / بغداد
        {"\u0627\u0644\u0638\u0648\u0627\u0647\u0631\u064A", "\u0638\u0648\u0627\u0647\u0631"},  // الظواهري / ظواهر
        {"\u0627\u0644\u062D\u0631\u064A\u0631\u064A", "\u062D\u0631\u064A\u0631"},              // الحريري / حرير
        {"\u0645\u0627\u0643\u064A\u0646", "\u0645\u0627\u0643\u064A\u0646\u0629"},              // ماكين / ماكينة
    };
    for (const Pair& p : pairs) {
        CAPTURE(p.name);
        CAPTURE(p.common);
        CHECK(disjoint(exact_tiers(p.name), exact_tiers(p.common)));
        // With proclitics on both sides too: والبغدادي / وبغداد, للحريري / لحرير.
        for (const std::string& prefix : {kWaw, kLam, kBeh}) {
            CAPTURE(prefix);
            CHECK(disjoint(exact_tiers(prefix + p.name), exact_tiers(prefix + p.common)));
        }
    }
}

TEST_CASE("al-Sadr keeps his exact form apart from صدر (the article is stripped by design)") {
    const std::string sadr = "\u0635\u062F\u0631";  // صدر
    const std::string al_sadr = kAl + sadr;         // الصدر
    // A query for الصدر at the normalized tier does not meet the common word in any exact tier...
    CHECK(exact_tiers(sadr).count(al_sadr) == 0);
    CHECK(exact_tiers(kWaw + sadr).count(al_sadr) == 0);
    CHECK(exact_tiers(kBeh + sadr).count(al_sadr) == 0);
    // ...while الصدر's forms hold صدر, as analyzer.hpp documents (للصدر gives الصدر and صدر).
    CHECK(contains(forms_of(kLam + kLam + sadr), al_sadr));
    CHECK(contains(forms_of(kLam + kLam + sadr), sadr));
    CHECK(token(al_sadr).normalized == al_sadr);
}

// ------------------------------------------------------------------------------------------ guards

TEST_CASE("guard: at least three letters remain after a conjunction or preposition (ولد بلد stay whole)") {
    CHECK(forms_of("\u0648\u0644\u062F").empty());  // ولد
    CHECK(forms_of("\u0628\u0644\u062F").empty());  // بلد
    CHECK(forms_of("\u0641\u0645\u0646").empty());  // فمن
    CHECK(forms_of("\u0644\u0643\u0645").empty());  // لكم
    CHECK(token("\u0648\u0644\u062F").bare == "\u0648\u0644\u062F");
    CHECK(token("\u0628\u0644\u062F").bare == "\u0628\u0644\u062F");
    // Four letters: one may come off, leaving three (وبلد → بلد, but not لد).
    CHECK(forms_of("\u0648\u0628\u0644\u062F") == Forms{"\u0628\u0644\u062F"});
}

TEST_CASE("guard: at least three letters remain after the article (الله stays whole)") {
    const std::string allah = "\u0627\u0644\u0644\u0647";  // الله
    CHECK(forms_of(allah).empty());
    CHECK(token("\u0627\u0644\u0644\u0647").bare == allah);
    CHECK(forms_of("\u0644\u0644\u0647").empty());                  // لله
    CHECK(forms_of(kWaw + allah) == Forms{allah});                   // والله
    CHECK(forms_of(kBeh + allah) == Forms{allah});                   // بالله
    CHECK(forms_of("\u0627\u0644\u0627\u0645").empty());             // الأم → الام
    CHECK(forms_of("\u0627\u0644\u064A\u0648\u0645") == Forms{"\u064A\u0648\u0645"});  // اليوم → يوم
}

TEST_CASE("ك comes off only before the article: كبير, كتاب, كيري stay") {
    CHECK(forms_of("\u0643\u0628\u064A\u0631").empty());
    CHECK(forms_of("\u0643\u062A\u0627\u0628").empty());
    CHECK(forms_of(kWaw + "\u0643\u062A\u0627\u0628") == Forms{"\u0643\u062A\u0627\u0628"});
}

TEST_CASE("words that are not all Arabic letters have no forms") {
    CHECK(forms_of("walad").empty());
    CHECK(forms_of("\u0648" "2015").empty());
    CHECK(forms_of("").empty());
    CHECK(forms_of("\u0648").empty());
    CHECK(fahras::detail::arabic_letter_count("\u0648\u0644\u062F") == 3);
    CHECK(fahras::detail::arabic_letter_count("\u0648a") == 0);
    CHECK(fahras::detail::arabic_letter_count("\u0750\u0750") == 0);  // Arabic Supplement: not the grammar's
}

TEST_CASE("strip_proclitics off: no forms, bare equals normalized") {
    fahras::AnalyzerOptions options;
    options.strip_proclitics = false;
    const auto tokens = fahras::Analyzer(options).analyze(kWaw + kLavrov);
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0].forms.empty());
    CHECK(tokens[0].bare == kWaw + kLavrov);
}

// ------------------------------------------------------------------------------------ property

TEST_CASE("property: every word of the fixtures meets its proclitic variants in the forms tier") {
    // For each distinct word w of the fixtures, each proclitic sequence p that the grammar accepts in
    // front of w must give a token whose forms contain w: a query for w then finds p+w.
    const fahras::Analyzer analyzer;
    std::set<std::string> vocabulary;
    for (const std::string name : {"seed_article.txt", "vowelled_sentences.txt", "golden/names.txt"})
        for (const auto& t : analyzer.analyze(fahras::test::read_fixture(name)))
            if (fahras::detail::arabic_letter_count(t.normalized) >= 3) vocabulary.insert(t.normalized);
    REQUIRE(vocabulary.size() > 100);
    int checked = 0;
    for (const std::string& w : vocabulary) {
        const bool article = w.compare(0, kAl.size(), kAl) == 0;
        const std::size_t letters = fahras::detail::arabic_letter_count(w);
        std::vector<std::string> prefixes = {kWaw, kFeh, kBeh, kWaw + kBeh, kFeh + kBeh};
        // ل before the article fuses into لل, and ك comes off only before the article: both need three
        // letters left after the article.
        if (!article || letters - 2 >= 3) {
            prefixes.push_back(kLam);
            prefixes.push_back(kWaw + kLam);
        }
        if (article && letters - 2 >= 3) prefixes.push_back(kKaf);
        for (const std::string& p : prefixes) {
            std::string word = p;
            // لل: ل + ال drops the article's alef in writing.
            if (article && p.size() >= kLam.size() && p.compare(p.size() - kLam.size(), kLam.size(), kLam) == 0)
                word += w.substr(2);
            else
                word += w;
            CAPTURE(w);
            CAPTURE(word);
            CHECK(contains(forms_of(word), w));
            ++checked;
        }
    }
    MESSAGE(checked << " word/proclitic pairs checked over " << vocabulary.size() << " words");
}
