// Grid search of RankingOptions on a dev set: MRR@10 and MAP@K for each setting, on one index.
// Usage: tune_ranking DB QUERIES.jsonl QRELS.tsv [--NAME a,b,..]... [--depth K] [--per-query 1]
//        (NAME: any RankingOptions field, see kFields)
// Tune on dev data only; the chosen defaults go into RankingOptions with the figures in docs/design.md.
#include "bench_support.hpp"

#include <algorithm>
#include <chrono>
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

// Every RankingOptions field by its name, so a grid can name any of them.
const std::vector<std::pair<std::string, double fahras::RankingOptions::*>> kFields = {
    {"k1", &fahras::RankingOptions::k1},
    {"b", &fahras::RankingOptions::b},
    {"floor", &fahras::RankingOptions::length_norm_floor},
    {"form", &fahras::RankingOptions::form_weight},
    {"exact", &fahras::RankingOptions::exact_weight},
    {"lone_exact", &fahras::RankingOptions::lone_word_exact_weight},
    {"article", &fahras::RankingOptions::article_weight},
    {"strip", &fahras::RankingOptions::strip_weight},
    {"stem", &fahras::RankingOptions::stem_weight},
    {"clitic_ratio", &fahras::RankingOptions::clitic_ratio},
    {"article_ratio", &fahras::RankingOptions::article_ratio},
    {"stem_ratio", &fahras::RankingOptions::stem_ratio},
    {"phrase", &fahras::RankingOptions::phrase_weight},
    {"question_b", &fahras::RankingOptions::question_b},
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: tune_ranking DB QUERIES.jsonl QRELS.tsv [--NAME v1,v2,...]... [--depth K] [--per-query 1]\n"
                     "NAME is a RankingOptions field: k1 b floor form exact lone_exact article strip stem clitic_ratio "
                     "article_ratio stem_ratio phrase question_b (the others keep their defaults)\n";
        return 2;
    }
    std::vector<std::pair<double fahras::RankingOptions::*, std::vector<double>>> grid;
    std::vector<std::string> names;
    unsigned depth = 10;
    bool per_query = false;
    for (int i = 4; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--depth") {
            depth = static_cast<unsigned>(std::stoul(argv[i + 1]));
            continue;
        }
        if (flag == "--per-query") {
            per_query = argv[i + 1] == std::string("1");
            continue;
        }
        const auto field = std::find_if(kFields.begin(), kFields.end(), [&](const auto& f) { return "--" + f.first == flag; });
        if (field == kFields.end()) {
            std::cerr << "tune_ranking: unknown option " << flag << "\n";
            return 2;
        }
        grid.emplace_back(field->second, parse_list(argv[i + 1]));
        names.push_back(field->first);
    }
    const auto queries = fahras::bench::load_queries(argv[2]);
    const auto qrels = fahras::bench::load_qrels(argv[3]);

    fahras::Index index = fahras::Index::open(argv[1], fahras::OpenMode::READ_ONLY);
    for (const std::string& n : names) std::cout << n << "\t";
    std::cout << "MRR@10\tMAP@" << depth << "\tms/query\n";
    std::vector<std::size_t> at(grid.size(), 0);
    while (true) {
        fahras::RankingOptions r;
        for (std::size_t g = 0; g < grid.size(); ++g) r.*(grid[g].first) = grid[g].second[at[g]];
        fahras::Searcher searcher(index, r);
        const auto start = std::chrono::steady_clock::now();
        const auto scores = fahras::bench::evaluate(
            searcher, queries, qrels, depth, [&](const std::string& qid, const std::string& text, double ap) {
                if (per_query) std::cout << "  " << qid << "\t" << text << "\tAP=" << ap << "\n";
            });
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        for (std::size_t g = 0; g < grid.size(); ++g) std::cout << grid[g].second[at[g]] << "\t";
        std::cout << scores.mrr_at_10 << "\t" << scores.map << "\t" << ms / std::max<std::size_t>(1, queries.size())
                  << std::endl;
        std::size_t g = 0;  // next grid point, odometer style
        while (g < grid.size() && ++at[g] == grid[g].second.size()) at[g++] = 0;
        if (g == grid.size()) break;
    }
    return 0;
}
