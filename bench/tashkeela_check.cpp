// Diacritic folding check over a whole diacritized corpus: for each line, the term sequence (normalized,
// forms, bare, stem of every token) must be identical with and without harakat (U+064B–U+065F, U+0670).
// Prints the share of identical lines and tokens and the first differences; exits 1 unless 100%.
//
// Usage: tashkeela_check [aljazeera.txt]   (default ../shared/data/tashkeela/aljazeera.txt)
#include "bench_support.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace {


std::vector<std::string> terms(const fahras::Analyzer& analyzer, std::string_view text) {
    std::vector<std::string> out;
    analyzer.for_each_token(text, [&](const fahras::TokenView& t) {
        std::string s(t.normalized);
        s += '|';
        for (std::size_t i = 0; i < t.form_count; ++i) (s += t.forms[i]) += ',';
        ((s += '|') += t.bare) += '|';
        s += t.stem;
        out.push_back(std::move(s));
    });
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : "../shared/data/tashkeela/aljazeera.txt";
    std::ifstream in(path);
    if (!in) {
        std::cerr << "tashkeela_check: cannot read " << path << "\n";
        return 2;
    }
    const fahras::Analyzer analyzer;
    std::size_t lines = 0, same_lines = 0, tokens = 0, same_tokens = 0, harakat_lines = 0;
    int shown = 0;
    for (std::string line; std::getline(in, line);) {
        ++lines;
        const std::string bare = fahras::bench::strip_harakat(line);
        harakat_lines += bare.size() != line.size();
        const auto with = terms(analyzer, line);
        const auto without = terms(analyzer, bare);
        tokens += with.size();
        std::size_t same = 0;
        for (std::size_t i = 0; i < with.size() && i < without.size(); ++i) same += with[i] == without[i];
        same_tokens += same;
        if (with == without) {
            ++same_lines;
        } else if (shown++ < 10) {
            for (std::size_t i = 0; i < std::max(with.size(), without.size()); ++i) {
                const std::string a = i < with.size() ? with[i] : "<none>";
                const std::string b = i < without.size() ? without[i] : "<none>";
                if (a != b) {
                    std::printf("line %zu token %zu: with harakat %s / without %s\n", lines, i, a.c_str(), b.c_str());
                    break;
                }
            }
        }
    }
    const double line_pct = lines ? 100.0 * same_lines / lines : 100.0;
    const double token_pct = tokens ? 100.0 * same_tokens / tokens : 100.0;
    std::printf("%s: %zu lines (%zu with harakat), %zu tokens\n", path.c_str(), lines, harakat_lines, tokens);
    std::printf("identical lines:  %zu / %zu = %.2f%%\n", same_lines, lines, line_pct);
    std::printf("identical tokens: %zu / %zu = %.2f%%\n", same_tokens, tokens, token_pct);
    return same_lines == lines ? 0 : 1;
}
