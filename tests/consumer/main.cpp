/** @file main.cpp
 *  @brief Consumer test: uses an installed fahras through its public headers only.
 *
 *  Analyzes a word written with a proclitic and harakat, indexes two articles in memory and checks that
 *  the bare name finds the article that writes it with a proclitic. Prints "consumer ok" and exits 0, or
 *  says what went wrong and exits 1.
 */
#include <fahras/fahras.hpp>

#include <iostream>
#include <string>

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
    if (!ok) {
        std::cerr << "consumer: FAILED: " << what << '\n';
        ++failures;
    }
}

}  // namespace

int main() {
    try {
        std::cout << "fahras " << fahras::version() << '\n';

        const fahras::Analyzer analyzer;
        const std::vector<fahras::Token> tokens = analyzer.analyze("ولكِيري");  // و + ل + كيري with a kasra
        check(tokens.size() == 1, "one token for ولكِيري");
        if (!tokens.empty()) {
            bool found = false;
            for (const std::string& form : tokens[0].forms) found = found || form == "كيري";
            check(found, "ولكِيري has the proclitic-free form كيري");
        }

        fahras::Index index = fahras::Index::in_memory();
        fahras::Article lavrov;
        lavrov.id = "a1";
        lavrov.title = "اتصال هاتفي";
        lavrov.body = "بحث وزير الخارجية الروسي ولافروف مع نظيره الأمريكي.";
        index.add(lavrov);
        fahras::Article other;
        other.id = "a2";
        other.title = "الطقس";
        other.body = "أمطار غزيرة على الرياض.";
        index.add(other);
        index.commit();
        check(index.size() == 2, "the index holds 2 articles");

        const fahras::Searcher searcher(index);
        const fahras::SearchResults results = searcher.search("لافروف");
        check(results.hits.size() == 1 && results.hits[0].id == "a1", "لافروف finds a1 and only a1");
    } catch (const fahras::Error& e) {
        std::cerr << "consumer: " << e.what() << '\n';
        return 1;
    }
    if (failures != 0) return 1;
    std::cout << "consumer ok\n";
    return 0;
}
