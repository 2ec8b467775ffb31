/** @file cmd_analyze.cpp
 *  @brief `fahras analyze`: each word of a text with its position, bytes, normalized form, forms
 *  without proclitics, bare form, stem and stopword flag, as a table or JSON lines.
 */
#include "cli.hpp"
#include "commands.hpp"
#include "help.hpp"
#include "output.hpp"

#include <fahras/fahras.hpp>

#include <algorithm>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace fahras_cli {

namespace {

std::string join_forms(const std::vector<std::string>& forms) {
    std::string out;
    for (std::size_t i = 0; i < forms.size(); ++i) out += (i ? "," : "") + forms[i];
    return out.empty() ? "-" : out;
}

}  // namespace

int run_analyze(int argc, char** argv) {
    Command args("analyze", kAnalyzeHelp);
    args.flag("json");
    if (!args.parse(argc, argv)) return kExitOk;
    const std::vector<std::string>& words = args.positional();
    const std::string text = words.empty() || (words.size() == 1 && words[0] == "-") ? read_all(std::cin) : join(words);
    const fahras::Analyzer analyzer;
    const std::vector<fahras::Token> tokens = analyzer.analyze(text);

    if (args.flag_set("json")) {
        for (const fahras::Token& t : tokens) {
            const Json out{{"position", t.position}, {"begin", t.begin}, {"end", t.end},
                           {"text", std::string(std::string_view(text).substr(t.begin, t.end - t.begin))},
                           {"normalized", t.normalized}, {"forms", t.forms}, {"bare", t.bare},
                           {"stem", t.stem}, {"stopword", t.stopword}};
            std::cout << dump(out) << '\n';
        }
        return kExitOk;
    }

    std::vector<std::vector<std::string>> rows = {{"pos", "bytes", "text", "normalized", "forms", "bare", "stem", "stop"}};
    for (const fahras::Token& t : tokens) {
        std::string slice(std::string_view(text).substr(t.begin, t.end - t.begin));
        slice = one_line(slice);
        rows.push_back({std::to_string(t.position), std::to_string(t.begin) + "-" + std::to_string(t.end), slice,
                        t.normalized, join_forms(t.forms), t.bare, t.stem, t.stopword ? "yes" : ""});
    }
    std::vector<std::size_t> widths(rows[0].size(), 0);
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
    }
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c) {
            line += c + 1 < row.size() ? pad(row[c], widths[c]) + "  " : row[c];
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        std::cout << line << '\n';
    }
    std::cout << "analyzer: " << analyzer.id() << '\n';
    return kExitOk;
}

}  // namespace fahras_cli
