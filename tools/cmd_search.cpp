/** @file cmd_search.cpp
 *  @brief `fahras search`: one query, its hits as text laid out for a terminal or as JSON; with
 *  --topics, every query of a file to a TREC run (bench/topic_run.cpp).
 */
#include "cli.hpp"
#include "commands.hpp"
#include "help.hpp"
#include "output.hpp"
#include "topics.hpp"

#include <fahras/fahras.hpp>

#include <chrono>
#include <iomanip>
#include <iostream>

namespace fahras_cli {

namespace {

fahras::SortOrder parse_sort(const std::string& text, const std::string& command) {
    if (text == "relevance") return fahras::SortOrder::RELEVANCE;
    if (text == "date" || text == "date-desc") return fahras::SortOrder::DATE_DESC;
    if (text == "date-asc") return fahras::SortOrder::DATE_ASC;
    throw UsageError("--sort expects relevance, date or date-asc, got '" + text + "'", command);
}

// One line per query word: "also written as: ترامب (188), ترامپ (3)", naming the word ("ترمب: ")
// only when the offers are for more than one word.
void print_also_written(const std::vector<fahras::AlsoWritten>& offers) {
    bool several = false;
    for (const fahras::AlsoWritten& a : offers) several = several || a.word != offers.front().word;
    for (std::size_t i = 0; i < offers.size(); ++i) {
        if (i == 0 || offers[i].word != offers[i - 1].word)
            std::cout << (i == 0 ? "" : "\n") << "also written as: " << (several ? offers[i].word + ": " : "");
        else
            std::cout << ", ";
        std::cout << offers[i].spelling << " (" << offers[i].documents << ')';
    }
    if (!offers.empty()) std::cout << '\n';
}

}  // namespace

int run_search(int argc, char** argv) {
    Command args("search", kSearchHelp);
    add_index_options(args);
    for (const char* name : {"facets", "json", "no-snippets", "no-also-written", "no-latency"}) args.flag(name);
    for (const char* name : {"hits", "limit", "offset", "sort", "from", "to", "topics", "output", "tag", "encoding"}) args.option(name);
    if (!args.parse(argc, argv)) return kExitOk;
    const std::string db = take_index_path(args);
    if (args.value("hits") && args.value("limit")) throw UsageError("give --hits or --limit, not both", "search");
    const std::string hits_option = args.value("limit") ? "limit" : "hits";
    if (const auto topics = args.value("topics")) {
        args.reject_extra_positional(0);
        const auto output = args.value("output");
        if (!output) throw UsageError("--topics needs --output RUN (where to write the TREC run)", "search");
        return run_topic_file(args, db, *topics, *output, args.number(hits_option, 10, 1, 10000));
    }
    if (args.value("output")) throw UsageError("--output goes with --topics QUERIES.jsonl", "search");
    args.require_positional(1, "QUERY");
    std::string query = join(args.positional());
    if (args.positional().size() == 1 && args.positional()[0] == "-") query = read_all(std::cin);

    fahras::SearchRequest request;
    request.query = query;
    request.limit = args.number(hits_option, 10, 0, 10000);
    request.offset = args.number("offset", 0, 0, 100000000);
    request.sort = parse_sort(args.value_or("sort", "relevance"), "search");
    request.date_from = args.value_or("from", "");
    request.date_to = args.value_or("to", "");
    request.facets = args.flag_set("facets");
    request.snippets = !args.flag_set("no-snippets");
    request.also_written = !args.flag_set("no-also-written");
    const bool json = args.flag_set("json");
    const bool tty = stdout_is_tty();
    if (!json) {  // plain text for a terminal; JSON keeps the HTML snippet (<b>, escaped text), JSON-encoded
        request.snippet_format = fahras::SnippetFormat::PLAIN;
        request.highlight_open = tty ? "\033[1m" : "**";
        request.highlight_close = tty ? "\033[0m" : "**";
    }

    const fahras::Index index = open_index(args, db, fahras::OpenMode::READ_ONLY);
    const fahras::Searcher searcher(index);
    const auto start = std::chrono::steady_clock::now();
    fahras::SearchResults results;
    try {
        results = searcher.search(request);
    } catch (const fahras::InvalidArgumentError& e) {  // a bad --from or --to
        throw UsageError(e.what(), "search");
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    if (json) {
        Json hits = Json::array();
        for (const fahras::Hit& hit : results.hits) hits.push_back(hit_json(hit));
        Json facets = Json::object();
        for (const auto& [source, count] : results.source_counts) facets[source] = count;
        Json also = Json::array();
        for (const fahras::AlsoWritten& a : results.also_written)
            also.push_back(Json{{"word", a.word}, {"spelling", a.spelling}, {"documents", a.documents}});
        const Json out{{"query", query},           {"estimated_total", results.estimated_total},
                       {"seconds", seconds},       {"suggestion", results.suggestion},
                       {"also_written", also},
                       {"ignored", results.ignored}, {"facets", facets}, {"hits", hits}};
        std::cout << dump(out) << '\n';
        return kExitOk;
    }

    const std::string dim_open = tty ? "\033[2m" : "";
    const std::string dim_close = tty ? "\033[0m" : "";
    std::cout << results.hits.size() << " of about " << results.estimated_total << " results ("
              << std::fixed << std::setprecision(1) << seconds * 1000 << " ms)" << std::defaultfloat << '\n';
    if (!results.suggestion.empty()) std::cout << "did you mean: " << results.suggestion << '\n';
    print_also_written(results.also_written);
    if (!results.ignored.empty()) std::cout << "ignored: " << join(results.ignored, 0) << '\n';
    // Each Arabic text (title, snippet) gets a line of its own: a terminal that does bidi (VTE, Konsole,
    // mlterm) then sets that line right to left, and numbers and ids stay on left-to-right lines.
    for (const fahras::Hit& hit : results.hits) {
        std::cout << '\n'
                  << std::setw(3) << hit.rank << ". " << hit.id << dim_open << "  score " << std::fixed
                  << std::setprecision(3) << hit.score << std::defaultfloat;
        for (const std::string* field : {&hit.date, &hit.source}) {
            if (!field->empty()) std::cout << "  " << *field;
        }
        std::cout << dim_close << '\n';
        if (!hit.title.empty()) std::cout << "     " << one_line(hit.title) << '\n';
        if (!hit.author.empty()) std::cout << "     " << dim_open << one_line(hit.author) << dim_close << '\n';
        if (!hit.snippet.empty()) std::cout << "     " << one_line(hit.snippet) << '\n';
    }
    if (request.facets) {
        std::cout << "\nsources:";
        if (results.source_counts.empty()) std::cout << " (none)";
        for (const auto& [source, count] : results.source_counts) std::cout << "  " << source << " " << count;
        std::cout << '\n';
    }
    return kExitOk;
}

}  // namespace fahras_cli
