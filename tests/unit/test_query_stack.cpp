// A query cannot exhaust the stack of the thread that runs it. A host program may search from a thread
// with a small stack (1 MB here, where the main thread has 8 MB): the parser bounds the depth of the
// query tree (kMaxQueryTreeDepth), so the recursive code that walks it stays within a fixed budget.
// Before the bound, 16 KB of "كيري AND AND AND ..." overflowed a 1 MB stack, 160 KB the CLI's 8 MB.
#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <pthread.h>

#include <functional>
#include <string>
#include <vector>

namespace {

constexpr std::size_t kStackBytes = 1024 * 1024;
constexpr std::size_t kQueryBytes = 200 * 1024;

// Runs @p f on a new thread with a kStackBytes stack (std::thread cannot set it) and waits for it.
void run_on_small_stack(const std::function<void()>& f) {
    pthread_attr_t attr;
    REQUIRE(pthread_attr_init(&attr) == 0);
    REQUIRE(pthread_attr_setstacksize(&attr, kStackBytes) == 0);
    pthread_t thread;
    auto body = [](void* arg) -> void* {
        (*static_cast<const std::function<void()>*>(arg))();
        return nullptr;
    };
    const int started = pthread_create(&thread, &attr, body, const_cast<std::function<void()>*>(&f));
    pthread_attr_destroy(&attr);
    REQUIRE(started == 0);
    REQUIRE(pthread_join(thread, nullptr) == 0);
}

std::string repeat(const std::string& s, std::size_t bytes) {
    std::string out;
    while (out.size() < bytes) out += s;
    return out;
}

}  // namespace

TEST_CASE("200 KB of operators or parentheses: searched on a 1 MB stack, no crash") {
    fahras::Index index = fahras::Index::in_memory();
    fahras::Article a;
    a.id = "1";
    a.title = "كيري ولافروف";
    a.body = "التقى جون كيري بنظيره الروسي سيرغي لافروف في جنيف";
    index.add(a);
    index.commit();
    const fahras::Searcher searcher(index);

    const std::vector<std::string> queries = {
        "كيري" + repeat(" AND", kQueryBytes),
        repeat("كيري AND ", kQueryBytes),
        repeat("كيري OR ", kQueryBytes),
        repeat("NOT كيري ", kQueryBytes),
        repeat("كيري NOT لافروف AND ", kQueryBytes),
        repeat("(كيري AND ", kQueryBytes),
        repeat("(", kQueryBytes) + repeat("كيري OR لافروف AND ", kQueryBytes),
    };
    for (const std::string& query : queries) {
        CAPTURE(query.substr(0, 60));
        std::size_t hits = 99;
        std::vector<std::string> ignored;
        run_on_small_stack([&] {
            fahras::SearchRequest request;
            request.query = query;
            const fahras::SearchResults results = searcher.search(request);
            hits = results.hits.size();
            ignored = results.ignored;
        });
        CHECK(hits <= 1);
        CHECK(!ignored.empty());  // truncated at kMaxQueryItems, and said so
    }

    // The first query keeps its word: the operators after it were stray.
    std::size_t hits = 0;
    run_on_small_stack([&] { hits = searcher.search("كيري" + repeat(" AND", kQueryBytes)).hits.size(); });
    CHECK(hits == 1);
}
