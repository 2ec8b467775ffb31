/** @file index_and_search.cpp
 *  @brief Example: index one plain-text article in memory and search it for two names.
 *
 *  Usage: index_and_search ARTICLE.txt   (e.g. tests/fixtures/seed_article.txt)
 *
 *  The article writes the names with proclitics (وكيري = و + كيري); the analyzer strips them, so the bare
 *  queries لافروف and كيري find it. Exits 1 if either query finds nothing, so it doubles as a smoke test.
 */
#include <fahras/fahras.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: " << argv[0] << " ARTICLE.txt\n";
        return 2;
    }
    try {
        fahras::Index index = fahras::Index::in_memory();
        index.add(fahras::read_text_article(argv[1], "seed"));
        index.commit();

        const fahras::Searcher searcher(index);
        int status = 0;
        for (const char* query : {"لافروف", "كيري"}) {
            fahras::SearchRequest request;
            request.query = query;
            request.highlight_open = "[";
            request.highlight_close = "]";
            const fahras::SearchResults results = searcher.search(request);
            std::cout << "query " << query << ": " << results.hits.size() << " hit(s)\n";
            for (const fahras::Hit& hit : results.hits) {
                std::cout << "  " << hit.rank << ". " << hit.id << " (" << hit.score << ") " << hit.title << '\n'
                          << "     " << hit.snippet << '\n';
            }
            if (results.hits.empty()) status = 1;
        }
        return status;
    } catch (const fahras::Error& e) {
        std::cerr << "index_and_search: " << e.what() << '\n';
        return 1;
    }
}
