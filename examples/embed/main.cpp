/** @file main.cpp
 *  @brief The smallest host program: fahras embedded through find_package(fahras) or pkg-config.
 *
 *  CI builds it against the *installed* package (scripts/test.sh, stages consumer-cmake and
 *  consumer-pkgconfig) and runs it: it exits 0 only when كيري finds the article that writes كِيري.
 */
#include <fahras/fahras.hpp>

#include <iostream>

int main() try {
    fahras::Index index = fahras::Index::in_memory();  // or fahras::Index::open("news.idx")
    index.add({"1", "لقاء لافروف وكيري", "التقى سيرغي لافروف نظيره الأمريكي جون كِيري في الدوحة."});
    index.add({"2", "طقس", "أمطار غزيرة على الرياض."});
    index.commit();
    const fahras::SearchResults results = fahras::Searcher(index).search("كيري");  // also finds كِيري
    for (const fahras::Hit& hit : results.hits) std::cout << hit.rank << ". " << hit.id << "  " << hit.snippet << '\n';
    const bool ok = results.hits.size() == 1 && results.hits[0].id == "1";
    std::cout << "fahras " << fahras::version() << (ok ? ": ok\n" : ": FAILED, expected article 1 only\n");
    return ok ? 0 : 1;
} catch (const fahras::Error& e) {  // every fahras error derives from fahras::Error
    std::cerr << "fahras: " << e.what() << '\n';
    return 1;
}
