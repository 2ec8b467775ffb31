// Which normalization folds pay off: builds one index per setting (all folds on, then each fold off in
// turn) and reports MRR@10 and MAP@depth on a dev set, so the defaults are chosen by measurement.
// Usage: ablate_folds CORPUS.jsonl QUERIES.jsonl QRELS.tsv WORK_DIR [--depth K] [--only NAME,...]
#include "bench_support.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace {

struct Setting {
    const char* name;
    bool fahras::NormalizerOptions::*fold;  // nullptr: the defaults
};

const Setting kSettings[] = {
    {"defaults", nullptr},
    {"no fold_alef", &fahras::NormalizerOptions::fold_alef},
    {"no fold_alef_maksura", &fahras::NormalizerOptions::fold_alef_maksura},
    {"no fold_teh_marbuta", &fahras::NormalizerOptions::fold_teh_marbuta},
    {"no fold_hamza_carriers", &fahras::NormalizerOptions::fold_hamza_carriers},
    {"no fold_persian", &fahras::NormalizerOptions::fold_persian},
    {"no strip_diacritics", &fahras::NormalizerOptions::strip_diacritics},
    {"no fold_digits", &fahras::NormalizerOptions::fold_digits},
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 5) {
        std::cerr << "usage: ablate_folds CORPUS.jsonl QUERIES.jsonl QRELS.tsv WORK_DIR [--depth K] [--only NAME,...]\n";
        return 2;
    }
    unsigned depth = 10;
    std::set<std::string> only;
    for (int i = 5; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--depth") depth = static_cast<unsigned>(std::stoul(argv[i + 1]));
        if (std::string(argv[i]) == "--only") {
            std::stringstream in(argv[i + 1]);
            for (std::string n; std::getline(in, n, ',');) only.insert(n);
        }
    }
    std::vector<fahras::Article> articles;
    {
        std::ifstream in(argv[1]);
        fahras::JsonlReader reader(in);
        fahras::Article a;
        while (reader.next(a)) articles.push_back(a);
    }
    const auto queries = fahras::bench::load_queries(argv[2]);
    const auto qrels = fahras::bench::load_qrels(argv[3]);

    std::cout << "| setting | MRR@10 | MAP@" << depth << " | index s |\n| --- | --- | --- | --- |\n";
    for (const Setting& setting : kSettings) {
        if (!only.empty() && !only.count(setting.name)) continue;
        fahras::IndexOptions options;
        if (setting.fold) options.analyzer.normalizer.*setting.fold = false;
        const std::string path = (std::filesystem::path(argv[4]) / "ablation").string();
        const auto t0 = std::chrono::steady_clock::now();
        {
            fahras::Index index = fahras::Index::open(path, fahras::OpenMode::CREATE_OR_OVERWRITE, options);
            index.add_batch(articles);
            index.commit();
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        fahras::Index index = fahras::Index::open(path, fahras::OpenMode::READ_ONLY, options);
        fahras::Searcher searcher(index);
        const auto scores = fahras::bench::evaluate(searcher, queries, qrels, depth);
        std::cout << "| " << setting.name << " | " << scores.mrr_at_10 << " | " << scores.map << " | " << seconds
                  << " |" << std::endl;
    }
    std::filesystem::remove_all(std::filesystem::path(argv[4]) / "ablation");
    return 0;
}
