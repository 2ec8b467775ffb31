/** @file topic_run.cpp
 *  @brief fahras::bench::run_topics. Latency percentiles are nearest-rank, as in bench/latency.hpp.
 */
#include "topic_run.hpp"

#include "latency.hpp"

#include <fahras/error.hpp>
#include <fahras/ingest.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <numeric>
#include <vector>

namespace fahras::bench {

namespace {

struct Query {
    std::string id;
    std::string text;
};

std::vector<Query> read_queries(const TopicRunOptions& options, const std::function<void(const std::string&)>& log) {
    std::ifstream in(options.topics, std::ios::binary);
    if (!in) throw TopicRunError("cannot read " + options.topics + ": " + std::strerror(errno));
    JsonlReader reader(in, options.encoding);
    Article line;  // the reader maps _id -> id and text -> body
    std::vector<Query> queries;
    for (;;) {
        try {
            if (!reader.next(line)) break;
        } catch (const InvalidArgumentError& e) {
            log(options.topics + ": " + e.what() + " (skipped)");
            continue;
        }
        queries.push_back({line.id, line.body.empty() ? line.title : line.body});
    }
    return queries;
}

}  // namespace

nlohmann::ordered_json run_topics(const Searcher& searcher, const TopicRunOptions& options,
                                  const std::function<void(const std::string&)>& log) {
    const std::vector<Query> queries = read_queries(options, log);
    std::ofstream run(options.output, std::ios::binary | std::ios::trunc);
    if (!run) throw TopicRunError("cannot write " + options.output + ": " + std::strerror(errno));

    SearchRequest request;
    request.limit = options.hits;
    request.snippets = false;
    request.stored_fields = false;  // a run file needs ids only
    request.suggest = false;
    const auto run_start = Clock::now();
    std::uint64_t lines = 0;
    char score[32];
    for (const Query& query : queries) {
        request.query = query.text;
        for (const Hit& hit : searcher.search(request).hits) {
            std::snprintf(score, sizeof score, "%.6f", hit.score);
            run << query.id << " Q0 " << hit.id << ' ' << hit.rank << ' ' << score << ' ' << options.tag << '\n';
            ++lines;
        }
    }
    run.close();
    if (!run) throw TopicRunError("error while writing " + options.output);
    const double run_seconds = seconds_since(run_start);
    char text[256];
    std::snprintf(text, sizeof text, "%zu queries in %.2f s (%.1f queries/s); %llu lines written to %s", queries.size(),
                  run_seconds, run_seconds > 0 ? static_cast<double>(queries.size()) / run_seconds : 0.0,
                  static_cast<unsigned long long>(lines), options.output.c_str());
    log(text);

    nlohmann::ordered_json report = {{"queries", queries.size()}, {"k", options.hits}, {"run", options.output},
                                     {"lines", lines}, {"seconds", run_seconds}};
    if (!options.latency || queries.empty()) return report;
    request.limit = 10;
    for (const Query& query : queries) {  // warm-up: caches, page cache, lazy tables
        request.query = query.text;
        searcher.search(request);
    }
    std::vector<double> latencies;
    latencies.reserve(queries.size());
    for (const Query& query : queries) {
        request.query = query.text;
        const auto start = Clock::now();
        searcher.search(request);
        latencies.push_back(seconds_since(start) * 1000);
    }
    std::sort(latencies.begin(), latencies.end());
    const double mean = std::accumulate(latencies.begin(), latencies.end(), 0.0) / static_cast<double>(latencies.size());
    std::snprintf(text, sizeof text, "top-10 latency (ms): p50 %.3f  p95 %.3f  p99 %.3f  mean %.3f  max %.3f",
                  percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99), mean, latencies.back());
    log(text);
    report["latency_ms"] = {{"p50", percentile(latencies, 50)}, {"p95", percentile(latencies, 95)},
                            {"p99", percentile(latencies, 99)}, {"mean", mean}, {"max", latencies.back()}};
    return report;
}

}  // namespace fahras::bench
