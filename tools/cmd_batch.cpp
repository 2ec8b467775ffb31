/** @file cmd_batch.cpp
 *  @brief `fahras batch DIR QUERIES.jsonl --run RUN`: the older spelling of `fahras search --topics`.
 */
#include "cli.hpp"
#include "commands.hpp"
#include "help.hpp"
#include "topics.hpp"

namespace fahras_cli {

int run_batch(int argc, char** argv) {
    Command args("batch", kBatchHelp);
    add_index_options(args);
    args.flag("no-latency");
    for (const char* name : {"run", "k", "tag", "encoding"}) args.option(name);
    if (!args.parse(argc, argv)) return kExitOk;
    const std::string db = take_index_path(args);
    args.require_positional(1, "QUERIES.jsonl");
    args.reject_extra_positional(1);
    const auto run_path = args.value("run");
    if (!run_path) throw UsageError("missing --run OUT.trec (where to write the run)", "batch");
    return run_topic_file(args, db, args.positional()[0], *run_path, args.number("k", 100, 1, 10000));
}

}  // namespace fahras_cli
