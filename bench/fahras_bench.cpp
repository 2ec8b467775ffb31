// fahras for bench/run, with the same two modes and output as the peers (bench/peers/), through the
// library rather than the CLI:
//
//   fahras_bench index  CORPUS.jsonl INDEX_DIR [--variant V]
//   fahras_bench search INDEX_DIR QUERIES.jsonl RUN_OUT|- [--k 100] [--repeat 3] [--variant V]
//
// Variants (the ablations of the report; search must name the variant the index was built with):
//   default           the library's defaults
//   no-stemming       AnalyzerOptions::stem = false
//   no-proclitics     AnalyzerOptions::strip_proclitics = false
//   no-normalization  every NormalizerOptions switch off (harakat, tatweel, letter folds, NFKC)
//   exact-only        default index; strip_weight = stem_weight = 0: the index keeps each word as written
//                     and spellings, proclitics and stems are chosen at query time, so this searches the
//                     word in its spellings, behind a conjunction, preposition or the article, but neither
//                     the remainder of a query word that carries proclitics nor its light-stem family
//
// index: streams the corpus in batches of 2,000 (as `fahras index` does) into a fresh index and commits.
// search: the latency protocol of latency.hpp, then the k-deep TREC run for scoring (none when RUN_OUT
// is "-"). Progress goes to stderr; the last stdout line is one JSON object with the figures.
#include "bench_support.hpp"
#include "latency.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

using fahras::bench::Clock;
using fahras::bench::seconds_since;

struct Variant {
    fahras::IndexOptions index;
    fahras::RankingOptions ranking;
};

/// The options of variant @p name; exits with a usage error for an unknown name.
Variant variant_options(const std::string& name) {
    Variant v;
    if (name == "default") return v;
    if (name == "no-stemming") {
        v.index.analyzer.stem = false;
    } else if (name == "no-proclitics") {
        v.index.analyzer.strip_proclitics = false;
    } else if (name == "no-normalization") {
        fahras::NormalizerOptions& n = v.index.analyzer.normalizer;
        n.nfkc = n.strip_diacritics = n.strip_tatweel = n.fold_alef = n.fold_alef_maksura = n.fold_teh_marbuta =
            n.fold_hamza_carriers = n.fold_persian = n.fold_digits = n.fold_latin = false;
    } else if (name == "exact-only") {
        v.ranking.strip_weight = v.ranking.stem_weight = 0;
    } else {
        std::cerr << "fahras_bench: unknown variant " << name
                  << " (default, no-stemming, no-proclitics, no-normalization, exact-only)\n";
        std::exit(2);
    }
    return v;
}

int index(const std::string& corpus, const std::string& dir, const std::string& variant) {
    const Variant v = variant_options(variant);
    const auto t0 = Clock::now();
    std::ifstream in(corpus);
    if (!in) {
        std::cerr << "fahras_bench: cannot open " << corpus << "\n";
        return 1;
    }
    fahras::Index index = fahras::Index::open(dir, fahras::OpenMode::CREATE_OR_OVERWRITE, v.index);
    fahras::JsonlReader reader(in);
    std::vector<fahras::Article> batch;
    batch.reserve(2000);
    long docs = 0;
    for (fahras::Article a; reader.next(a);) {
        batch.push_back(std::move(a));
        if (batch.size() == 2000) {
            index.add_batch(batch);
            docs += static_cast<long>(batch.size());
            batch.clear();
            if (docs % 10000 == 0) std::cerr << "indexed " << docs << "\n";
        }
    }
    index.add_batch(batch);
    docs += static_cast<long>(batch.size());
    index.commit();
    const double secs = seconds_since(t0);
    std::fprintf(stderr, "fahras index (%s): %ld docs in %.2f s (%.0f docs/s)\n", variant.c_str(), docs, secs,
                 docs / secs);
    const nlohmann::json out = {{"system", "fahras"}, {"mode", "index"},   {"variant", variant},
                                {"docs", docs},       {"seconds", secs},   {"docs_per_s", docs / secs}};
    std::cout << out.dump() << std::endl;
    return 0;
}

int search(const std::string& dir, const std::string& queries_file, const std::string& run_out, unsigned k,
           unsigned repeat, const std::string& variant) {
    const Variant v = variant_options(variant);
    const auto queries = fahras::bench::load_queries(queries_file);
    if (queries.empty()) {
        std::cerr << "fahras_bench: no queries in " << queries_file << "\n";
        return 1;
    }
    const fahras::Index index = fahras::Index::open(dir, fahras::OpenMode::READ_ONLY, v.index);
    const fahras::Searcher searcher(index, v.ranking);
    auto run = [&](const std::string& text, unsigned depth) {
        fahras::SearchRequest request;
        request.query = text;
        request.limit = depth;
        request.stored_fields = false;  // ids only, as the peers return them
        request.snippets = false;
        request.suggest = false;
        return searcher.search(request);
    };
    std::vector<std::string> texts;
    for (const auto& q : queries) texts.push_back(q.second);
    std::size_t checksum = 0;
    nlohmann::json out = fahras::bench::measure_latency(texts, repeat, [&](const std::string& text, unsigned depth) {
        for (const auto& hit : run(text, depth).hits) checksum += hit.id.size();
    });

    double run_secs = 0;
    if (run_out != "-") {
        const auto t_run = Clock::now();
        std::FILE* f = std::fopen(run_out.c_str(), "w");
        if (!f) {
            std::cerr << "fahras_bench: cannot write " << run_out << "\n";
            return 1;
        }
        for (const auto& [qid, text] : queries)
            for (const auto& hit : run(text, k).hits)
                std::fprintf(f, "%s Q0 %s %u %.6f fahras\n", qid.c_str(), hit.id.c_str(), hit.rank, hit.score);
        std::fclose(f);
        run_secs = seconds_since(t_run);
    }
    out.update({{"system", "fahras"}, {"mode", "search"}, {"variant", variant}, {"k", k},
                {"run_seconds", run_secs}, {"checksum", checksum}});
    std::fprintf(stderr, "fahras search (%s): %zu queries, top-10 p50 %.2f ms, top-100 p50 %.2f ms\n",
                 variant.c_str(), queries.size(), out["top10"]["p50_ms"].get<double>(),
                 out["top100"]["p50_ms"].get<double>());
    std::cout << out.dump() << std::endl;
    return 0;
}

int usage() {
    std::cerr << "usage: fahras_bench index CORPUS.jsonl INDEX_DIR [--variant V]\n"
                 "       fahras_bench search INDEX_DIR QUERIES.jsonl RUN_OUT|- [--k 100] [--repeat 3] [--variant V]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const std::size_t positional = !args.empty() && args[0] == "search" ? 4 : 3;
    if (args.size() < positional || (args[0] != "index" && args[0] != "search")) return usage();
    std::string variant = "default";
    unsigned k = 100, repeat = 3;
    for (std::size_t i = positional; i < args.size(); i += 2) {
        if (i + 1 >= args.size()) return usage();
        if (args[i] == "--variant") variant = args[i + 1];
        else if (args[i] == "--k" && positional == 4) k = static_cast<unsigned>(std::atoi(args[i + 1].c_str()));
        else if (args[i] == "--repeat" && positional == 4) repeat = static_cast<unsigned>(std::atoi(args[i + 1].c_str()));
        else return usage();
    }
    if (k == 0 || k > 10000 || repeat == 0) return usage();
    try {
        if (args[0] == "index") return index(args[1], args[2], variant);
        return search(args[1], args[2], args[3], k, repeat, variant);
    } catch (const std::exception& e) {
        std::cerr << "fahras_bench: " << e.what() << "\n";
    }
    return 1;
}
