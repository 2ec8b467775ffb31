// Stock Xapian peer for the fahras benchmark: what a Xapian user gets out of the box for Arabic.
//
//   stock_xapian index  CORPUS.jsonl DB_DIR
//   stock_xapian search DB_DIR QUERIES.jsonl RUN_OUT [--k 100]
//
// Indexing: Xapian::TermGenerator with the Snowball "arabic" stemmer and STEM_SOME (the default
// strategy: unstemmed terms with positions plus "Z"-prefixed stems); the title goes in twice, once
// under the conventional "S" prefix and once into the unprefixed body text before the text, as the
// Xapian "omega"-style examples do. The external id is the document data and a "Q" term.
// Searching: Xapian::QueryParser with the same stemmer, STEM_SOME, default_op OR, FLAG_DEFAULT,
// BM25Weight with its default parameters.
//
// Progress goes to stderr; the last stdout line is one JSON object with the figures.

#include <xapian.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::string string_field(const nlohmann::json& obj, const char* key) {
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int index(const std::string& corpus, const std::string& db_dir) {
    auto t0 = Clock::now();
    std::ifstream in(corpus);
    if (!in) {
        std::cerr << "cannot open " << corpus << "\n";
        return 1;
    }
    Xapian::WritableDatabase db(db_dir, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("arabic"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);

    long docs = 0;
    std::string line;
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        auto obj = nlohmann::json::parse(line);
        const std::string id = string_field(obj, "_id");
        const std::string title = string_field(obj, "title");

        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(title, 1, "S");
        tg.index_text(title);
        tg.increase_termpos();  // no phrase match across the title/text boundary
        tg.index_text(string_field(obj, "text"));
        doc.set_data(id);
        doc.add_boolean_term("Q" + id);
        db.add_document(doc);  // fresh database, so no replace_document lookup is needed
        if (++docs % 10000 == 0) std::cerr << "indexed " << docs << "\n";
    }
    db.commit();
    double secs = seconds_since(t0);
    std::fprintf(stderr, "stock xapian index: %ld docs in %.2f s (%.0f docs/s)\n", docs, secs,
                 docs / secs);
    nlohmann::json out = {{"system", "stock-xapian"}, {"mode", "index"}, {"docs", docs},
                          {"seconds", secs}, {"docs_per_s", docs / secs}};
    std::cout << out.dump() << std::endl;
    return 0;
}

/// Nearest-rank percentile of an ascending vector.
double pct(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    long i = static_cast<long>(std::ceil(p / 100.0 * sorted.size())) - 1;
    return sorted[std::clamp<long>(i, 0, static_cast<long>(sorted.size()) - 1)];
}

int search(const std::string& db_dir, const std::string& queries_file, const std::string& run_out,
           int k) {
    std::vector<std::pair<std::string, std::string>> queries;  // {qid, text}
    {
        std::ifstream in(queries_file);
        if (!in) {
            std::cerr << "cannot open " << queries_file << "\n";
            return 1;
        }
        std::string line;
        while (std::getline(in, line)) {
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            auto obj = nlohmann::json::parse(line);
            queries.emplace_back(string_field(obj, "_id"), string_field(obj, "text"));
        }
    }

    Xapian::Database db(db_dir);
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(Xapian::Stem("arabic"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_OR);

    long unparsable = 0;
    auto parse = [&](const std::string& text, Xapian::Query& q) {
        try {
            q = qp.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT);
            return true;
        } catch (const Xapian::QueryParserError&) {
            return false;
        }
    };
    // Query text in, ten external ids out: what an application would wait for.
    auto top10 = [&](const std::string& text) {
        Xapian::Query q;
        if (!parse(text, q)) return;
        enquire.set_query(q);
        Xapian::MSet mset = enquire.get_mset(0, 10);
        for (auto it = mset.begin(); it != mset.end(); ++it) (void)it.get_document().get_data();
    };

    // Warm-up pass: page cache, allocator.
    for (const auto& q : queries) top10(q.second);

    std::vector<double> lat;
    lat.reserve(queries.size());
    auto t_all = Clock::now();
    for (const auto& q : queries) {
        auto t = Clock::now();
        top10(q.second);
        lat.push_back(seconds_since(t) * 1e3);
    }
    double timed_secs = seconds_since(t_all);

    auto t_run = Clock::now();
    {
        std::FILE* out = std::fopen(run_out.c_str(), "w");
        if (!out) {
            std::cerr << "cannot write " << run_out << "\n";
            return 1;
        }
        for (const auto& [qid, text] : queries) {
            Xapian::Query q;
            if (!parse(text, q)) {
                ++unparsable;
                continue;
            }
            enquire.set_query(q);
            Xapian::MSet mset = enquire.get_mset(0, k);
            int rank = 1;
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                std::fprintf(out, "%s Q0 %s %d %.6f stock-xapian\n", qid.c_str(),
                             it.get_document().get_data().c_str(), rank++, it.get_weight());
            }
        }
        std::fclose(out);
    }
    double run_secs = seconds_since(t_run);

    std::vector<double> sorted = lat;
    std::sort(sorted.begin(), sorted.end());
    double mean = lat.empty() ? 0 : std::accumulate(lat.begin(), lat.end(), 0.0) / lat.size();
    std::fprintf(stderr,
                 "stock xapian search: %zu queries, top-10 p50 %.2f p95 %.2f p99 %.2f mean %.2f ms, "
                 "%.2f s; k=%d run %.2f s; %ld unparsable\n",
                 lat.size(), pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), mean, timed_secs, k,
                 run_secs, unparsable);
    nlohmann::json out = {{"system", "stock-xapian"}, {"mode", "search"},
                          {"queries", lat.size()},    {"p50_ms", pct(sorted, 50)},
                          {"p95_ms", pct(sorted, 95)}, {"p99_ms", pct(sorted, 99)},
                          {"mean_ms", mean},           {"seconds", timed_secs},
                          {"k", k},                    {"run_seconds", run_secs},
                          {"unparsable", unparsable}};
    std::cout << out.dump() << std::endl;
    return 0;
}

int usage() {
    std::cerr << "usage: stock_xapian index CORPUS.jsonl DB_DIR\n"
                 "       stock_xapian search DB_DIR QUERIES.jsonl RUN_OUT [--k 100]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.size() == 3 && args[0] == "index") return index(args[1], args[2]);
        if (args.size() >= 4 && args[0] == "search") {
            int k = 100;
            for (size_t i = 4; i < args.size(); ++i) {
                if (args[i] == "--k" && i + 1 < args.size())
                    k = std::atoi(args[++i].c_str());
                else
                    return usage();
            }
            if (k <= 0) return usage();
            return search(args[1], args[2], args[3], k);
        }
        return usage();
    } catch (const Xapian::Error& e) {
        std::cerr << "xapian: " << e.get_description() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
    }
    return 1;
}
