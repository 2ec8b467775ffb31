/** @file help.hpp
 *  @brief The help texts of `fahras` and of each command (`fahras COMMAND --help`, `fahras help COMMAND`).
 */
#pragma once

#include <string>

namespace fahras_cli {

extern const char* const kMainHelp;     ///< `fahras --help`
extern const char* const kIndexHelp;    ///< `fahras index --help`
extern const char* const kSearchHelp;   ///< `fahras search --help`
extern const char* const kBatchHelp;    ///< `fahras batch --help`
extern const char* const kStatsHelp;    ///< `fahras stats --help`
extern const char* const kAnalyzeHelp;  ///< `fahras analyze --help`
extern const char* const kGetHelp;      ///< `fahras get --help`

/** @brief The help text of @p command, nullptr for an unknown command. */
const char* command_help(const std::string& command);

}  // namespace fahras_cli
