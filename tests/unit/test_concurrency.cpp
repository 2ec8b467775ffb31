// Concurrency: reader threads search an index on disk while one writer adds and commits batches. No
// reader may see an error or a state that was never committed: the hits of the word every document
// has are exactly the first k batches (all documents of each), k never goes back for a reader, and it
// is at least the number of commits that had returned before the reader reopened. FAHRAS_SEED replays
// a run.
#include "index_support.hpp"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

using fahras::Article;
using fahras::Index;
using fahras::OpenMode;
using fahras::test::TempDir;

namespace {

constexpr int kReaders = 4;
constexpr int kBatches = 40;
constexpr int kDocsPerBatch = 25;
const std::string kEveryDoc = "كيري";

std::string doc_id(int batch, int i) { return "b" + std::to_string(batch) + "d" + std::to_string(i); }

std::vector<Article> batch_articles(int batch) {
    std::vector<Article> articles;
    for (int i = 0; i < kDocsPerBatch; ++i) {
        Article a;
        a.id = doc_id(batch, i);
        a.title = "لقاء " + kEveryDoc;
        a.body = "التقى وزير الخارجية الأمريكي جون " + kEveryDoc + " نظيره الروسي لافروف";
        articles.push_back(std::move(a));
    }
    return articles;
}

// The batches a search's hits make up: k when the hits are exactly batches 0..k-1, else -1.
int whole_batches(const fahras::Searcher& searcher, const std::string& query) {
    fahras::SearchRequest request;
    request.query = query;
    request.limit = 10000;
    request.stored_fields = false;
    request.suggest = false;
    std::set<std::string> ids;
    for (const fahras::Hit& h : searcher.search(request).hits) ids.insert(h.id);
    if (ids.size() % kDocsPerBatch != 0) return -1;
    const int k = static_cast<int>(ids.size() / kDocsPerBatch);
    for (int b = 0; b < k; ++b)
        for (int i = 0; i < kDocsPerBatch; ++i)
            if (!ids.count(doc_id(b, i))) return -1;
    return k;
}

}  // namespace

TEST_CASE("readers searching while a writer commits see only committed states, never an error") {
    const std::uint64_t seed = fahras::test::property_seed("concurrency");
    TempDir dir("concurrency");
    const std::string path = dir.sub("db");
    Index writer = Index::open(path);
    writer.commit();  // the index exists before the readers open it

    std::atomic<int> commits_returned{0};
    std::atomic<bool> writing{true};
    std::mutex failures_mutex;
    std::vector<std::string> failures;
    auto fail = [&](const std::string& what) {
        std::lock_guard<std::mutex> lock(failures_mutex);
        if (failures.size() < 20) failures.push_back(what);
    };
    std::atomic<long> searches{0};
    std::vector<int> distinct_states(kReaders, 0);
    std::atomic<long> mid_writing{0};  // searches that saw neither the empty nor the final state

    auto reader = [&](int r) {
        std::mt19937_64 rng(seed + r);
        try {
            const Index index = Index::open(path, OpenMode::READ_ONLY);
            fahras::Searcher searcher(index);
            int last_k = 0;
            bool last_round = false;
            while (!last_round) {
                last_round = !writing.load();
                const int floor = commits_returned.load();
                searcher.reopen();
                const int k = whole_batches(searcher, kEveryDoc);  // one search reads one snapshot
                ++searches;
                if (k < 0) {
                    fail("reader " + std::to_string(r) + ": the hits are not whole committed batches");
                    continue;
                }
                if (k < floor || k < last_k || k > kBatches)
                    fail("reader " + std::to_string(r) + " saw " + std::to_string(k) + " batches after " +
                         std::to_string(floor) + " commits had returned (previously " + std::to_string(last_k) + ")");
                if (k != last_k) ++distinct_states[r];
                if (k > 0 && k < kBatches) ++mid_writing;
                last_k = k;
                std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, 2000)(rng)));
            }
            if (last_k != kBatches) fail("reader " + std::to_string(r) + " never saw the last commit");
        } catch (const std::exception& e) {
            fail("reader " + std::to_string(r) + ": " + e.what());
        }
    };

    std::vector<std::thread> readers;
    for (int r = 0; r < kReaders; ++r) readers.emplace_back(reader, r);
    try {
        for (int b = 0; b < kBatches; ++b) {
            for (const Article& a : batch_articles(b)) writer.add(a);
            writer.commit();
            ++commits_returned;
        }
    } catch (const std::exception& e) {
        fail(std::string("writer: ") + e.what());
    }
    writing = false;
    for (std::thread& t : readers) t.join();

    for (const std::string& f : failures) FAIL_CHECK(f);
    CHECK(failures.empty());
    std::printf("[concurrency] %d readers, %d commits of %d documents, %ld searches, distinct states seen per reader:",
                kReaders, kBatches, kDocsPerBatch, searches.load());
    for (int n : distinct_states) std::printf(" %d", n);
    std::printf("\n");
    // The readers really ran while commits happened (a per-reader bound would be flaky on a loaded machine).
    CHECK(mid_writing.load() > 0);
}
