/** @file cmd_stats.cpp
 *  @brief `fahras stats`: documents, distinct terms, average length, analyzer and path of an index.
 */
#include "cli.hpp"
#include "commands.hpp"
#include "help.hpp"
#include "output.hpp"

#include <iomanip>
#include <iostream>

namespace fahras_cli {

int run_stats(int argc, char** argv) {
    Command args("stats", kStatsHelp);
    add_index_options(args);
    args.flag("json");
    if (!args.parse(argc, argv)) return kExitOk;
    const std::string db = take_index_path(args);
    args.reject_extra_positional(0);
    const fahras::Index index = open_index(args, db, fahras::OpenMode::READ_ONLY);
    const fahras::IndexStats stats = index.stats();
    if (args.flag_set("json")) {
        const Json out{{"documents", stats.documents}, {"distinct_terms", stats.distinct_terms},
                       {"average_length", stats.average_length}, {"analyzer", stats.analyzer_id},
                       {"path", stats.path}};
        std::cout << dump(out) << '\n';
        return kExitOk;
    }
    std::cout << "documents:       " << stats.documents << '\n'
              << "distinct terms:  " << stats.distinct_terms << '\n'
              << "average length:  " << std::fixed << std::setprecision(1) << stats.average_length
              << std::defaultfloat << " words (a title word counts title_weight times)\n"
              << "analyzer:        " << stats.analyzer_id << '\n'
              << "path:            " << stats.path << '\n';
    return kExitOk;
}

}  // namespace fahras_cli
