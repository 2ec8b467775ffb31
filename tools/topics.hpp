/** @file topics.hpp
 *  @brief `fahras search --topics` and `fahras batch`: the CLI side of bench/topic_run.hpp.
 */
#pragma once

#include "cli.hpp"

#include <cstdint>
#include <string>

namespace fahras_cli {

/** @brief Runs every query of @p topics on the index of @p command / @p db, writes the TREC run to
 *  @p output (@p hits per query) and prints the report as one JSON line (progress and latency on
 *  stderr). Reads --tag, --encoding and --no-latency from @p command. */
int run_topic_file(const Command& command, const std::string& db, const std::string& topics,
                   const std::string& output, std::uint32_t hits);

}  // namespace fahras_cli
