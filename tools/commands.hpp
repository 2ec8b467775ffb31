/** @file commands.hpp
 *  @brief The commands of `fahras`, one file each: each parses argv[2..] and returns the exit status.
 *  @exception UsageError (exit status 2) and anything else (exit status 1), reported by main.cpp.
 */
#pragma once

namespace fahras_cli {

int run_index(int argc, char** argv);    ///< cmd_index.cpp: add articles from files
int run_search(int argc, char** argv);   ///< cmd_search.cpp: one query, or --topics to a TREC run
int run_batch(int argc, char** argv);    ///< cmd_batch.cpp: the older spelling of search --topics
int run_stats(int argc, char** argv);    ///< cmd_stats.cpp: counts and settings of an index
int run_get(int argc, char** argv);      ///< cmd_get.cpp: a stored article as JSON
int run_analyze(int argc, char** argv);  ///< cmd_analyze.cpp: what the analyzer makes of a text

}  // namespace fahras_cli
