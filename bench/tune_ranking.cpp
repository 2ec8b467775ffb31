// Grid search of RankingOptions on a dev set: MRR@10 and MAP@K for each setting, on one index.
// Usage: tune_ranking DB QUERIES.jsonl QRELS.tsv [--k1 a,b,..] [--b ..] [--strip ..] [--stem ..]
//        [--floor ..] [--depth K] [--per-query 1]
// Tune on dev data only; the chosen defaults go into RankingOptions with the figures in docs/design.md.
#include "bench_support.hpp"

#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace {

std::vector<double> parse_list(const std::string& s) {
    std::vector<double> v;
    std::stringstream in(s);
    for (std::string item; std::getline(in, item, ',');) v.push_back(std::stod(item));
    return v;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: tune_ranking DB QUERIES.jsonl QRELS.tsv [--k1 L] [--b L] [--strip L] [--stem L] [--floor L] [--depth K] [--per-query 1]\n";
        return 2;
    }
    std::map<std::string, std::vector<double>> grid = {
        {"--k1", {1.2}}, {"--b", {0.75}}, {"--strip", {0.5}}, {"--stem", {0.25}}, {"--floor", {0}}};
    unsigned depth = 10;
    bool per_query = false;
    for (int i = 4; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--depth") depth = static_cast<unsigned>(std::stoul(argv[i + 1]));
        else if (std::string(argv[i]) == "--per-query") per_query = argv[i + 1] == std::string("1");
        else grid[argv[i]] = parse_list(argv[i + 1]);
    }
    const auto queries = fahras::bench::load_queries(argv[2]);
    const auto qrels = fahras::bench::load_qrels(argv[3]);

    fahras::Index index = fahras::Index::open(argv[1], fahras::OpenMode::READ_ONLY);
    std::cout << "k1\tb\tstrip\tstem\tfloor\tMRR@10\tMAP@" << depth << "\n";
    for (double k1 : grid["--k1"])
        for (double b : grid["--b"])
            for (double strip : grid["--strip"])
                for (double stem : grid["--stem"])
                for (double floor : grid["--floor"]) {
                    fahras::RankingOptions r;
                    r.k1 = k1, r.b = b, r.strip_weight = strip, r.stem_weight = stem, r.length_norm_floor = floor;
                    fahras::Searcher searcher(index, r);
                    const auto scores = fahras::bench::evaluate(
                        searcher, queries, qrels, depth, [&](const std::string& qid, const std::string& text, double ap) {
                            if (per_query) std::cout << "  " << qid << "\t" << text << "\tAP=" << ap << "\n";
                        });
                    std::cout << k1 << "\t" << b << "\t" << strip << "\t" << stem << "\t" << floor << "\t" << scores.mrr_at_10 << "\t"
                              << scores.map << std::endl;
                }
    return 0;
}
