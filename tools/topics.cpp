/** @file topics.cpp
 *  @brief fahras_cli::run_topic_file.
 */
#include "topics.hpp"

#include "output.hpp"
#include "topic_run.hpp"

#include <iostream>

namespace fahras_cli {

int run_topic_file(const Command& command, const std::string& db, const std::string& topics,
                   const std::string& output, std::uint32_t hits) {
    fahras::bench::TopicRunOptions options;
    options.topics = topics;
    options.output = output;
    options.hits = hits;
    options.tag = command.value_or("tag", "fahras");
    options.encoding = command.value_or("encoding", "utf-8");
    options.latency = !command.flag_set("no-latency");
    if (options.tag.empty() || options.tag.find_first_of(" \t\n") != std::string::npos) {
        throw UsageError("--tag must be one word", command.name());
    }
    // Open the index first: a missing index is the likelier mistake and the clearer message.
    const fahras::Index index = open_index(command, db, fahras::OpenMode::READ_ONLY);
    const fahras::Searcher searcher(index);
    try {
        const Json report = fahras::bench::run_topics(searcher, options, [](const std::string& line) {
            std::cerr << (line.find(": line ") != std::string::npos ? "fahras: " : "") << line << '\n';
        });
        std::cout << dump(report) << '\n';
    } catch (const fahras::bench::TopicRunError& e) {
        throw RuntimeFailure(e.what());
    }
    return kExitOk;
}

}  // namespace fahras_cli
