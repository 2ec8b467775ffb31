// Diacritics: the diacritized Tashkeela corpus and its harakat-stripped twin, indexed separately, must
// give the same top 10 for queries drawn from the text (each query asked in its own form of the text).
// Usage: diacritics_check ALJAZEERA.txt [QUERIES=200] [SEED=1]; exits 1 unless every top 10 agrees.
#include "bench_support.hpp"

#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<std::string> words(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> w;
    for (std::string x; in >> x;) w.push_back(x);
    return w;
}

std::vector<std::string> top10(const fahras::Searcher& s, const std::string& q) {
    fahras::SearchRequest r;
    r.query = q;
    r.snippets = false;
    r.stored_fields = false;
    r.suggest = false;
    std::vector<std::string> ids;
    for (const auto& h : s.search(r).hits) ids.push_back(h.id);
    return ids;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: diacritics_check ALJAZEERA.txt [QUERIES] [SEED]\n";
        return 2;
    }
    const int n_queries = argc > 2 ? std::stoi(argv[2]) : 200;
    const unsigned seed = argc > 3 ? static_cast<unsigned>(std::stoul(argv[3])) : 1;
    std::ifstream in(argv[1]);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);)
        if (!l.empty()) lines.push_back(l);
    fahras::Index diacritized = fahras::Index::in_memory();
    fahras::Index plain = fahras::Index::in_memory();
    std::vector<fahras::Article> a, b;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        a.push_back({std::to_string(i), "", lines[i], "", "", "", "", {}});
        b.push_back({std::to_string(i), "", fahras::bench::strip_harakat(lines[i]), "", "", "", "", {}});
    }
    diacritized.add_batch(a);
    plain.add_batch(b);
    fahras::Searcher sa(diacritized), sb(plain);
    std::mt19937 rng(seed);
    int same = 0, asked = 0, answered = 0;
    while (asked < n_queries) {
        const std::string& line = lines[rng() % lines.size()];
        const auto w = words(line);
        if (w.size() < 3) continue;
        const std::size_t len = 1 + rng() % 3, start = rng() % (w.size() - len + 1);
        std::string q;
        for (std::size_t k = start; k < start + len; ++k) q += (q.empty() ? "" : " ") + w[k];
        ++asked;
        const auto ra = top10(sa, q), rb = top10(sb, fahras::bench::strip_harakat(q));
        answered += !ra.empty();
        if (ra == rb) ++same;
        else std::cout << "differs: " << q << "\n";
    }
    std::cout << "diacritics: " << same << "/" << asked << " queries with identical top 10 ("
              << 100.0 * same / asked << " %), " << answered << " with hits; " << lines.size()
              << " documents, seed " << seed << "\n";
    return same == asked ? 0 : 1;
}
