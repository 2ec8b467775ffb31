/** @file analyze_text.cpp
 *  @brief Example: the tiers the analyzer gives to names written with proclitics and harakat.
 *
 *  Usage: analyze_text [TEXT]   (default: a few forms of لافروف, كيري and البغدادي)
 *
 *  Each word prints its normalized form, the forms left by stripping proclitics, the bare form and the
 *  light stem. ولافروف and للافروف both reach لافروف; كِيري (with a kasra) is كيري once normalized.
 */
#include <fahras/fahras.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
    std::string text = "ولافروف للافروف لكيري وكيري كِيري البغدادي";
    if (argc > 1) {
        text.clear();
        for (int i = 1; i < argc; ++i) text += std::string(i > 1 ? " " : "") + argv[i];
    }
    try {
        const fahras::Analyzer analyzer;
        std::cout << "analyzer " << analyzer.id() << '\n';
        for (const fahras::Token& token : analyzer.analyze(text)) {
            std::cout << text.substr(token.begin, token.end - token.begin) << '\n'
                      << "  normalized: " << token.normalized << '\n'
                      << "  forms:     ";
            for (const std::string& form : token.forms) std::cout << ' ' << form;
            if (token.forms.empty()) std::cout << " (none: no proclitic to strip)";
            std::cout << '\n'
                      << "  bare:       " << token.bare << '\n'
                      << "  stem:       " << token.stem << (token.stopword ? "  (stopword)" : "") << '\n';
        }
        return 0;
    } catch (const fahras::Error& e) {
        std::cerr << "analyze_text: " << e.what() << '\n';
        return 1;
    }
}
