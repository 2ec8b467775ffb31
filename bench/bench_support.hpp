// What the benchmark programs share: reading a BEIR dev set, scoring a searcher on it, and removing
// harakat to make the plain twin of a diacritized text.
#pragma once

#include <fahras/fahras.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fahras::bench {

/// (id, text) of each line of a BEIR queries.jsonl.
inline std::vector<std::pair<std::string, std::string>> load_queries(const std::string& path) {
    std::vector<std::pair<std::string, std::string>> queries;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        const auto j = nlohmann::json::parse(line);
        queries.emplace_back(j["_id"].get<std::string>(), j["text"].get<std::string>());
    }
    return queries;
}

/// Relevant document ids per query id, from a BEIR qrels.tsv (header line, score > 0 is relevant).
inline std::map<std::string, std::set<std::string>> load_qrels(const std::string& path) {
    std::map<std::string, std::set<std::string>> qrels;
    std::ifstream in(path);
    std::string header;
    std::getline(in, header);
    for (std::string q, d, s; in >> q >> d >> s;)
        if (std::stod(s) > 0) qrels[q].insert(d);
    return qrels;
}

struct Scores {
    double mrr_at_10 = 0;
    double map = 0;  // at the depth searched
};

/// MRR@10 and MAP@depth of @p searcher over every judged query; @p on_query(id, text, AP) if given.
template <class OnQuery = void (*)(const std::string&, const std::string&, double)>
Scores evaluate(const Searcher& searcher, const std::vector<std::pair<std::string, std::string>>& queries,
                const std::map<std::string, std::set<std::string>>& qrels, unsigned depth,
                OnQuery on_query = nullptr) {
    Scores scores;
    std::size_t judged = 0;
    for (const auto& [qid, text] : queries) {
        const auto rel = qrels.find(qid);
        if (rel == qrels.end()) continue;
        ++judged;
        SearchRequest request;
        request.query = text;
        request.limit = depth;
        request.snippets = false;
        request.stored_fields = false;
        request.suggest = false;
        const SearchResults results = searcher.search(request);
        double found = 0, ap = 0;
        for (std::size_t i = 0; i < results.hits.size(); ++i) {
            if (!rel->second.count(results.hits[i].id)) continue;
            if (found == 0 && i < 10) scores.mrr_at_10 += 1.0 / static_cast<double>(i + 1);
            ++found;
            ap += found / static_cast<double>(i + 1);
        }
        ap /= static_cast<double>(rel->second.size());
        scores.map += ap;
        if constexpr (!std::is_pointer_v<OnQuery>) on_query(qid, text, ap);
        else if (on_query) on_query(qid, text, ap);
    }
    if (judged) {
        scores.mrr_at_10 /= static_cast<double>(judged);
        scores.map /= static_cast<double>(judged);
    }
    return scores;
}

/// @p s without harakat U+064B..U+065F and the superscript alef U+0670 (all two-byte sequences).
inline std::string strip_harakat(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (i + 1 < s.size()) {
            const auto b0 = static_cast<unsigned char>(s[i]);
            const auto b1 = static_cast<unsigned char>(s[i + 1]);
            const unsigned cp = ((b0 & 0x1Fu) << 6) | (b1 & 0x3Fu);
            if ((b0 & 0xE0) == 0xC0 && (b1 & 0xC0) == 0x80 && ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670)) {
                i += 2;
                continue;
            }
        }
        out += s[i++];
    }
    return out;
}

}  // namespace fahras::bench
