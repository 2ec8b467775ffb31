// Grid search of RankingOptions on a dev set: MRR@10 and MAP@K for each setting, on one index.
// Usage: tune_ranking DB QUERIES.jsonl QRELS.tsv [--k1 a,b,..] [--b ..] [--strip ..] [--stem ..]
//        [--floor ..] [--depth K] [--per-query 1]
// Tune on dev data only; the chosen defaults go into RankingOptions with the figures in docs/design.md.
#include <fahras/fahras.hpp>

#include <nlohmann/json.hpp>

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
    std::vector<std::pair<std::string, std::string>> queries;
    std::ifstream qin(argv[2]);
    for (std::string line; std::getline(qin, line);) {
        if (line.empty()) continue;
        auto j = nlohmann::json::parse(line);
        queries.emplace_back(j["_id"].get<std::string>(), j["text"].get<std::string>());
    }
    std::map<std::string, std::set<std::string>> qrels;
    std::ifstream rin(argv[3]);
    std::string header;
    std::getline(rin, header);
    for (std::string q, d, s; rin >> q >> d >> s;)
        if (std::stod(s) > 0) qrels[q].insert(d);

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
                    double mrr = 0, map = 0;
                    std::size_t judged = 0;
                    for (const auto& [qid, text] : queries) {
                        auto rel = qrels.find(qid);
                        if (rel == qrels.end()) continue;
                        ++judged;
                        fahras::SearchRequest req;
                        req.query = text;
                        req.limit = depth;
                        req.snippets = false;
                        req.suggest = false;
                        auto res = searcher.search(req);
                        double hits = 0, ap = 0;
                        for (std::size_t i = 0; i < res.hits.size(); ++i) {
                            if (!rel->second.count(res.hits[i].id)) continue;
                            if (hits == 0 && i < 10) mrr += 1.0 / static_cast<double>(i + 1);
                            ++hits;
                            ap += hits / static_cast<double>(i + 1);
                        }
                        map += ap / static_cast<double>(rel->second.size());
                        if (per_query)
                            std::cout << "  " << qid << "\t" << text << "\tAP=" << ap / static_cast<double>(rel->second.size())
                                      << "\tretrieved=" << res.hits.size() << "\n";
                    }
                    std::cout << k1 << "\t" << b << "\t" << strip << "\t" << stem << "\t" << floor << "\t" << mrr / judged << "\t"
                              << map / judged << std::endl;
                }
    return 0;
}
