// Which normalization folds pay off: builds one index per setting (all folds on, then each fold off in
// turn) and reports MRR@10 and MAP@depth on a dev set, so the defaults are chosen by measurement.
// Usage: ablate_folds CORPUS.jsonl QUERIES.jsonl QRELS.tsv WORK_DIR [--depth K] [--only NAME,...]
#include <fahras/fahras.hpp>

#include <nlohmann/json.hpp>

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
    std::vector<std::pair<std::string, std::string>> queries;
    std::ifstream qin(argv[2]);
    for (std::string line; std::getline(qin, line);)
        if (!line.empty()) {
            auto j = nlohmann::json::parse(line);
            queries.emplace_back(j["_id"].get<std::string>(), j["text"].get<std::string>());
        }
    std::map<std::string, std::set<std::string>> qrels;
    std::ifstream rin(argv[3]);
    std::string header;
    std::getline(rin, header);
    for (std::string q, d, s; rin >> q >> d >> s;)
        if (std::stod(s) > 0) qrels[q].insert(d);

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
            req.stored_fields = false;
            req.suggest = false;
            const auto res = searcher.search(req);
            double hits = 0, ap = 0;
            for (std::size_t i = 0; i < res.hits.size(); ++i) {
                if (!rel->second.count(res.hits[i].id)) continue;
                if (hits == 0 && i < 10) mrr += 1.0 / static_cast<double>(i + 1);
                ++hits;
                ap += hits / static_cast<double>(i + 1);
            }
            map += ap / static_cast<double>(rel->second.size());
        }
        std::cout << "| " << setting.name << " | " << mrr / judged << " | " << map / judged << " | " << seconds
                  << " |" << std::endl;
    }
    std::filesystem::remove_all(std::filesystem::path(argv[4]) / "ablation");
    return 0;
}
