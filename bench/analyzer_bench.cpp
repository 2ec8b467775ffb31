// Analyzer throughput (bytes/s of UTF-8 input) on SaudiNewsNet article text, three pipelines in one run:
//   fahras/full       Analyzer::for_each_token, touching every tier (normalized, forms, bare, stem, stop);
//   fahras/normalize  Analyzer::normalize over the whole text (tokenize + normalize, no clitics/stemming);
//   icu/word+nfkc_cf  an ICU-only baseline: word BreakIterator + Normalizer2 NFKC_Casefold per word.
//
// Usage: analyzer_bench [benchmark flags] [CORPUS.jsonl]
// The corpus path comes from the first non-flag argument, else $FAHRAS_BENCH_CORPUS, else
// /work/data/saudinewsnet/corpus.jsonl. The "text" field of each JSONL line is read until ~20 MB.
#include <fahras/analyzer.hpp>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

constexpr std::size_t kTargetBytes = 20u << 20;  // ~20 MB of article text
std::string g_corpus_path = "/work/data/saudinewsnet/corpus.jsonl";

// The articles, each one analyzer input (as an indexer would see them).
const std::vector<std::string>& articles() {
    static const std::vector<std::string> texts = [] {
        std::vector<std::string> out;
        std::ifstream in(g_corpus_path);
        if (!in) {
            std::cerr << "analyzer_bench: cannot read " << g_corpus_path << "\n";
            std::exit(2);
        }
        std::size_t total = 0;
        for (std::string line; total < kTargetBytes && std::getline(in, line);) {
            if (line.empty()) continue;
            const auto doc = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
            if (!doc.is_object() || !doc.contains("text") || !doc["text"].is_string()) continue;
            out.push_back(doc["text"].get<std::string>());
            total += out.back().size();
        }
        std::fprintf(stderr, "analyzer_bench: %zu articles, %.1f MB from %s\n", out.size(), total / 1048576.0,
                     g_corpus_path.c_str());
        return out;
    }();
    return texts;
}

std::size_t total_bytes() {
    std::size_t n = 0;
    for (const auto& a : articles()) n += a.size();
    return n;
}

void BM_FahrasFull(benchmark::State& state) {
    const fahras::Analyzer analyzer;
    const auto& texts = articles();
    std::size_t tokens = 0;
    for (auto _ : state) {
        std::size_t checksum = 0;
        for (const auto& text : texts) {
            analyzer.for_each_token(text, [&](const fahras::TokenView& t) {
                checksum += t.normalized.size() + t.bare.size() + t.stem.size() + t.form_count + t.stopword;
                for (std::size_t i = 0; i < t.form_count; ++i) checksum += t.forms[i].size();
                ++tokens;
            });
        }
        benchmark::DoNotOptimize(checksum);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes()));
    state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}

void BM_FahrasNormalize(benchmark::State& state) {
    const fahras::Analyzer analyzer;
    const auto& texts = articles();
    for (auto _ : state) {
        std::size_t checksum = 0;
        for (const auto& text : texts) checksum += analyzer.normalize(text).size();
        benchmark::DoNotOptimize(checksum);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes()));
}

// ICU alone: what a straightforward ICU tokenizer + NFKC_Casefold would cost. One BreakIterator per
// benchmark thread (they are not thread-safe); the Normalizer2 singleton is shared, as ICU allows.
void BM_IcuWordNfkcCasefold(benchmark::State& state) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(icu::Locale("ar"), status));
    const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) {
        state.SkipWithError("ICU initialisation failed");
        return;
    }
    const auto& texts = articles();
    std::size_t tokens = 0;
    std::string utf8;
    for (auto _ : state) {
        std::size_t checksum = 0;
        for (const auto& text : texts) {
            const icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()));
            words->setText(u);
            int32_t start = words->first();
            for (int32_t end = words->next(); end != icu::BreakIterator::DONE; start = end, end = words->next()) {
                if (words->getRuleStatus() == UBRK_WORD_NONE) continue;  // spaces, punctuation
                UErrorCode s = U_ZERO_ERROR;
                const icu::UnicodeString folded = nfkc_cf->normalize(u.tempSubStringBetween(start, end), s);
                utf8.clear();
                folded.toUTF8String(utf8);
                checksum += utf8.size();
                ++tokens;
            }
        }
        benchmark::DoNotOptimize(checksum);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes()));
    state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}

BENCHMARK(BM_FahrasFull)->Name("fahras/full")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_FahrasFull)->Name("fahras/full")->Unit(benchmark::kMillisecond)->UseRealTime()->Threads(2);
BENCHMARK(BM_FahrasNormalize)->Name("fahras/normalize")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_IcuWordNfkcCasefold)->Name("icu/word+nfkc_cf")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_IcuWordNfkcCasefold)
    ->Name("icu/word+nfkc_cf")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Threads(2);

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);  // removes the flags it knows
    if (const char* env = std::getenv("FAHRAS_BENCH_CORPUS"); env && *env) g_corpus_path = env;
    for (int i = 1; i < argc; ++i) {
        if (argv[i][0] != '-') {
            g_corpus_path = argv[i];
        } else {
            benchmark::ReportUnrecognizedArguments(argc, argv);
            return 1;
        }
    }
    articles();  // load before timing
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
