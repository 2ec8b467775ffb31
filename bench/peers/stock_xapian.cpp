// Stock Xapian peer for the fahras benchmark: what a Xapian user gets out of the box for Arabic.
//
//   stock_xapian index  CORPUS.jsonl DB_DIR [--stemmer arabic|none]
//   stock_xapian search DB_DIR QUERIES.jsonl RUN_OUT|- [--k 100] [--repeat 3] [--stemmer arabic|none]
//
// Indexing: Xapian::TermGenerator with the Snowball "arabic" stemmer and STEM_SOME (the default
// strategy: unstemmed terms with positions plus "Z"-prefixed stems), or with `--stemmer none` no
// stemmer at all (STEM_NONE: the words as written, lowercased, which is what TermGenerator does without
// a stemmer; search must name the stemmer the index was built with); the title goes in twice, once
// under the conventional "S" prefix and once into the unprefixed body text before the text, as the
// Xapian "omega"-style examples do. The external id is the document data and a "Q" term.
// Searching: Xapian::QueryParser with the same stemmer, STEM_SOME, default_op OR, FLAG_DEFAULT,
// BM25Weight with its default parameters. Latency: the protocol of bench/latency.hpp; then the k-deep
// TREC run for scoring (none when RUN_OUT is "-").
//
// Progress goes to stderr; the last stdout line is one JSON object with the figures.

#include "../latency.hpp"

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

using fahras::bench::Clock;
using fahras::bench::seconds_since;

/// The stemmer named on the command line: "arabic" (Snowball), or "none" for the words as written.
struct Stemming {
    Xapian::Stem stem;
    bool enabled;
};

Stemming stemming(const std::string& name) {
    if (name == "none") return {Xapian::Stem(), false};
    return {Xapian::Stem(name), true};  // throws Xapian::InvalidArgumentError for an unknown language
}

std::string string_field(const nlohmann::json& obj, const char* key) {
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int index(const std::string& corpus, const std::string& db_dir, const Stemming& st) {
    auto t0 = Clock::now();
    std::ifstream in(corpus);
    if (!in) {
        std::cerr << "cannot open " << corpus << "\n";
        return 1;
    }
    Xapian::WritableDatabase db(db_dir, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    if (st.enabled) {
        tg.set_stemmer(st.stem);
        tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    } else {
        tg.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
    }

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

int search(const std::string& db_dir, const std::string& queries_file, const std::string& run_out,
           unsigned k, unsigned repeat, const Stemming& st) {
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
    if (st.enabled) {
        qp.set_stemmer(st.stem);
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    } else {
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
    }
    qp.set_default_op(Xapian::Query::OP_OR);

    auto parse = [&](const std::string& text, Xapian::Query& q) {
        try {
            q = qp.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT);
            return true;
        } catch (const Xapian::QueryParserError&) {
            return false;
        }
    };
    // Query text in, k external ids out: what an application would wait for.
    auto top = [&](const std::string& text, unsigned depth) {
        Xapian::Query q;
        if (!parse(text, q)) return Xapian::MSet();
        enquire.set_query(q);
        return enquire.get_mset(0, depth);
    };
    std::vector<std::string> texts;
    for (const auto& q : queries) texts.push_back(q.second);
    std::size_t checksum = 0;
    nlohmann::json out = fahras::bench::measure_latency(texts, repeat, [&](const std::string& text, unsigned depth) {
        const Xapian::MSet mset = top(text, depth);
        for (auto it = mset.begin(); it != mset.end(); ++it) checksum += it.get_document().get_data().size();
    });

    long unparsable = 0;
    double run_secs = 0;
    if (run_out != "-") {
        auto t_run = Clock::now();
        std::FILE* f = std::fopen(run_out.c_str(), "w");
        if (!f) {
            std::cerr << "cannot write " << run_out << "\n";
            return 1;
        }
        for (const auto& [qid, text] : queries) {
            Xapian::Query q;
            if (!parse(text, q)) {
                ++unparsable;
                continue;
            }
            const Xapian::MSet mset = top(text, k);
            int rank = 1;
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                std::fprintf(f, "%s Q0 %s %d %.6f stock-xapian\n", qid.c_str(),
                             it.get_document().get_data().c_str(), rank++, it.get_weight());
            }
        }
        std::fclose(f);
        run_secs = seconds_since(t_run);
    }
    out.update({{"system", "stock-xapian"}, {"mode", "search"}, {"k", k}, {"run_seconds", run_secs},
                {"unparsable", unparsable}, {"checksum", checksum}});
    std::fprintf(stderr, "stock xapian search: %zu queries, top-10 p50 %.2f ms, top-100 p50 %.2f ms; %ld unparsable\n",
                 queries.size(), out["top10"]["p50_ms"].get<double>(), out["top100"]["p50_ms"].get<double>(),
                 unparsable);
    std::cout << out.dump() << std::endl;
    return 0;
}

int usage() {
    std::cerr << "usage: stock_xapian index CORPUS.jsonl DB_DIR [--stemmer arabic|none]\n"
                 "       stock_xapian search DB_DIR QUERIES.jsonl RUN_OUT|- [--k 100] [--repeat 3] "
                 "[--stemmer arabic|none]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        const bool is_index = !args.empty() && args[0] == "index";
        const bool is_search = !args.empty() && args[0] == "search";
        const std::size_t positional = is_search ? 4 : 3;
        if (!(is_index || is_search) || args.size() < positional) return usage();
        int k = 100, repeat = 3;
        std::string stemmer = "arabic";
        for (size_t i = positional; i < args.size(); ++i) {
            if (args[i] == "--stemmer" && i + 1 < args.size())
                stemmer = args[++i];
            else if (is_search && args[i] == "--k" && i + 1 < args.size())
                k = std::atoi(args[++i].c_str());
            else if (is_search && args[i] == "--repeat" && i + 1 < args.size())
                repeat = std::atoi(args[++i].c_str());
            else
                return usage();
        }
        if (k <= 0 || repeat <= 0) return usage();
        const Stemming st = stemming(stemmer);
        if (is_index) return index(args[1], args[2], st);
        return search(args[1], args[2], args[3], static_cast<unsigned>(k), static_cast<unsigned>(repeat), st);
    } catch (const Xapian::Error& e) {
        std::cerr << "xapian: " << e.get_description() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
    }
    return 1;
}
