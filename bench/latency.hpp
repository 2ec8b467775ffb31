// The query-latency protocol every system of bench/run follows (the Lucene and SQLite runners repeat it
// in their languages; bench/README.md, "How latency is measured"):
//   1. one top-10 pass over all the queries (page cache, allocator, JIT), timed as a whole only: its
//      mean is reported as first_pass_mean_ms, each query's first run (caches of the searcher cold);
//   2. REPEAT rounds of a timed top-10 pass then a timed top-100 pass, each query timed from its text
//      to the external ids of its hits, one at a time on one thread;
//   3. a query's latency at a depth is its median over the rounds; p50/p95/p99 (nearest rank) and the
//      mean are taken over the queries, QPS is queries / the median round's wall time.
// Header-only and free of fahras, so the stock Xapian peer shares it.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

namespace fahras::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// Nearest-rank percentile of an ascending vector.
inline double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    const long i = static_cast<long>(std::ceil(p / 100.0 * static_cast<double>(sorted.size()))) - 1;
    return sorted[static_cast<std::size_t>(std::clamp<long>(i, 0, static_cast<long>(sorted.size()) - 1))];
}

inline double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// Steps 1–3 above. @p top(text, k) runs one query and fetches its k ids. Returns
/// {"top10": {p50_ms, p95_ms, p99_ms, mean_ms, qps}, "top100": {...}, "first_pass_mean_ms", "queries", "repeat"}.
template <class Top>
nlohmann::json measure_latency(const std::vector<std::string>& texts, unsigned repeat, Top top) {
    const auto t_first = Clock::now();
    for (const auto& text : texts) top(text, 10u);
    const double first_pass_ms = texts.empty() ? 0 : seconds_since(t_first) * 1e3 / static_cast<double>(texts.size());
    nlohmann::json out = {{"queries", texts.size()}, {"repeat", repeat}, {"first_pass_mean_ms", first_pass_ms}};
    for (const unsigned k : {10u, 100u}) {
        std::vector<std::vector<double>> per_query(texts.size());  // ms, one entry per round
        std::vector<double> round_seconds;
        for (unsigned r = 0; r < repeat; ++r) {
            const auto t_round = Clock::now();
            for (std::size_t i = 0; i < texts.size(); ++i) {
                const auto t = Clock::now();
                top(texts[i], k);
                per_query[i].push_back(seconds_since(t) * 1e3);
            }
            round_seconds.push_back(seconds_since(t_round));
        }
        std::vector<double> lat;
        lat.reserve(texts.size());
        for (auto& rounds : per_query) lat.push_back(median(std::move(rounds)));
        std::sort(lat.begin(), lat.end());
        const double mean = lat.empty() ? 0 : std::accumulate(lat.begin(), lat.end(), 0.0) / lat.size();
        const double secs = median(round_seconds);
        out["top" + std::to_string(k)] = {{"p50_ms", percentile(lat, 50)},
                                          {"p95_ms", percentile(lat, 95)},
                                          {"p99_ms", percentile(lat, 99)},
                                          {"mean_ms", mean},
                                          {"qps", secs > 0 ? static_cast<double>(texts.size()) / secs : 0.0}};
    }
    return out;
}

}  // namespace fahras::bench
