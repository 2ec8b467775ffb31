/** @file topic_run.hpp
 *  @brief Batch search for evaluation: every query of a BEIR queries.jsonl to a TREC run file, then the
 *  top-10 latency after a warm-up pass. `fahras search --topics` (and the older `fahras batch`) run it;
 *  bench/python_speed.py and bench/shard_growth.sh read its report.
 */
#pragma once

#include <fahras/search.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>

namespace fahras::bench {

/** @brief What to run and where to write it. */
struct TopicRunOptions {
    std::string topics;            ///< BEIR queries: JSON Lines {"_id": ..., "text": ...}
    std::string output;            ///< the TREC run file to write (qid Q0 docid rank score tag)
    std::string tag = "fahras";    ///< last column of the run file; one word
    std::string encoding = "utf-8";///< of the topics file
    std::uint32_t hits = 10;       ///< hits per query in the run file
    bool latency = true;           ///< time a top-10 pass after a warm-up pass
};

/** @brief A file that cannot be read or written (exit status 1 in the CLI). */
class TopicRunError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/** @brief Runs every query of options.topics on @p searcher and writes the run file. Progress and a
 *  malformed query line go to @p log (one line each, without "fahras: "); the report returned is
 *  {"queries", "k", "run", "lines", "seconds", "latency_ms": {"p50", "p95", "p99", "mean", "max"}}.
 *  @exception TopicRunError the topics cannot be read or the run cannot be written. */
nlohmann::ordered_json run_topics(const Searcher& searcher, const TopicRunOptions& options,
                                  const std::function<void(const std::string&)>& log);

}  // namespace fahras::bench
