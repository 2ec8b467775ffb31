// Crash consistency: a child process indexes batches and commits them until the test kills it with
// SIGKILL at a random moment, half of the time just after it announced a commit. After each kill the
// index must open, hold every document of every completed commit (and find it), hold nothing of a batch
// whose commit never started, and hold a batch whose commit was interrupted either whole or not at all.
// The child reports "committing batch N" and "batch N committed" through a pipe, which the kernel keeps
// for the parent after the child dies. FAHRAS_SEED replays a run.
#include "index_support.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
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

constexpr int kTrials = 24;
constexpr int kDocsPerBatch = 40;  // above add_batch's chunk of 32, so a fresh index takes the bulk path
constexpr int kFreshIndexEvery = 4;  // every 4th trial starts from an empty directory

// A word of Latin letters only (a digit would split it from the letters), unique per number.
std::string letters(std::uint64_t n) {
    std::string s;
    do {
        s += static_cast<char>('a' + n % 26);
        n /= 26;
    } while (n);
    return s;
}

// The word every document of one batch, and no other, contains (body words have at most 3 letters).
std::string batch_word(int trial, int batch) { return "batchword" + letters(static_cast<std::uint64_t>(trial) * 1000 + batch); }

std::string doc_id(int trial, int batch, int i) {
    return "t" + std::to_string(trial) + "b" + std::to_string(batch) + "d" + std::to_string(i);
}

std::vector<Article> batch_articles(int trial, int batch) {
    std::vector<Article> articles;
    for (int i = 0; i < kDocsPerBatch; ++i) {
        Article a;
        a.id = doc_id(trial, batch, i);
        a.title = "كيري ولافروف " + batch_word(trial, batch);
        for (int w = 0; w < 60; ++w) a.body += "التقى وزير الخارجية الأمريكي جون كيري نظيره الروسي " + letters(i * 61 + w) + " ";
        articles.push_back(std::move(a));
    }
    return articles;
}

struct Report {
    char kind;  // 'B' before commit(), 'C' after it returned, 'E' an exception
    std::int32_t batch;
};

// The child: batch after batch, each announced before and after its commit, until it is killed.
[[noreturn]] void index_until_killed(const std::string& path, int trial, int write_fd) {
    auto report = [&](char kind, int batch) {
        const Report r{kind, batch};
        if (::write(write_fd, &r, sizeof r) != static_cast<ssize_t>(sizeof r)) ::_exit(4);
    };
    try {
        fahras::IndexOptions options;
        options.threads = 2;
        Index index = Index::open(path, OpenMode::CREATE_OR_OPEN, options);
        for (int batch = 0;; ++batch) {
            index.add_batch(batch_articles(trial, batch));
            report('B', batch);
            index.commit();
            report('C', batch);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "indexing child of trial %d: %s\n", trial, e.what());
        report('E', -1);
        ::_exit(3);
    }
}

bool read_report(int fd, Report& r) {
    std::size_t got = 0;
    auto* bytes = reinterpret_cast<char*>(&r);
    while (got < sizeof r) {
        const ssize_t n = ::read(fd, bytes + got, sizeof r - got);
        if (n <= 0) return false;
        got += static_cast<std::size_t>(n);
    }
    return true;
}

struct TrialOutcome {
    std::vector<int> committed;  // batches whose commit returned
    int interrupted = -1;        // batch whose commit started and did not return, if any
    int last_started = -1;       // highest batch announced
    bool error = false;
};

// Runs one child and kills it: after a random delay, or (aim_at_commit) right after its
// @p commits_before-th commit announcement plus a random few hundred microseconds.
TrialOutcome run_and_kill(const std::string& path, int trial, bool aim_at_commit, std::mt19937_64& rng) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(fds[0]);
        index_until_killed(path, trial, fds[1]);
    }
    ::close(fds[1]);
    TrialOutcome out;
    auto record = [&](const Report& r) {
        if (r.kind == 'E') out.error = true;
        if (r.kind == 'B') out.interrupted = r.batch, out.last_started = r.batch;
        if (r.kind == 'C') out.committed.push_back(r.batch), out.interrupted = -1;
    };
    Report r{};
    if (aim_at_commit) {
        const int target = std::uniform_int_distribution<int>(1, 3)(rng);
        for (int seen = 0; seen < target && read_report(fds[0], r);) {
            record(r);
            if (r.kind == 'B') ++seen;
            if (r.kind == 'E') break;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, 400)(rng)));
    } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 600)(rng)));
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    while (read_report(fds[0], r)) record(r);
    ::close(fds[0]);
    CHECK_MESSAGE(!out.error, "the indexing child failed with an exception in trial " << trial);
    return out;
}

std::set<std::string> search_ids(const Index& index, const std::string& query) {
    fahras::SearchRequest request;
    request.query = query;
    request.limit = 10000;
    request.snippets = false;
    std::set<std::string> ids;
    for (const fahras::Hit& h : fahras::Searcher(index).search(request).hits) ids.insert(h.id);
    return ids;
}

bool batch_present(const Index& index, int trial, int batch) { return index.get(doc_id(trial, batch, 0)).has_value(); }

// Every document of the batch is there and found by the batch's word, and nothing else is.
void check_batch_whole(const Index& index, int trial, int batch) {
    std::set<std::string> expected;
    for (int i = 0; i < kDocsPerBatch; ++i) {
        const std::string id = doc_id(trial, batch, i);
        CHECK_MESSAGE(index.get(id).has_value(), "committed document " << id << " is missing");
        expected.insert(id);
    }
    CHECK(search_ids(index, batch_word(trial, batch)) == expected);
}

void check_batch_absent(const Index& index, int trial, int batch) {
    for (int i = 0; i < kDocsPerBatch; ++i)
        CHECK_MESSAGE(!index.get(doc_id(trial, batch, i)).has_value(),
                      "document " << doc_id(trial, batch, i) << " of an uncommitted batch is there");
    CHECK(search_ids(index, batch_word(trial, batch)).empty());
}

}  // namespace

TEST_CASE("SIGKILL at random moments, during commit too, never loses a committed document nor keeps an uncommitted one") {
    const std::uint64_t seed = fahras::test::property_seed("crash consistency");
    std::mt19937_64 rng(seed);
    TempDir dir("crash_consistency");
    const std::string path = dir.sub("db");

    std::vector<std::pair<int, int>> committed;  // (trial, batch) of every batch that must be there
    int kills_in_commit = 0, commits_completed = 0, kills_in_fresh_bulk_commit = 0;
    for (int trial = 0; trial < kTrials; ++trial) {
        CAPTURE(trial);
        CAPTURE(seed);
        const bool fresh = trial % kFreshIndexEvery == 0;
        if (fresh) {
            std::filesystem::remove_all(path);
            committed.clear();
        }
        const TrialOutcome out = run_and_kill(path, trial, trial % 2 == 1, rng);
        commits_completed += static_cast<int>(out.committed.size());
        for (int b : out.committed) committed.emplace_back(trial, b);

        // The index opens read-only, unless nothing was ever committed in this directory (then it
        // may not exist yet); it is never reported corrupt.
        std::optional<Index> reader;
        try {
            reader.emplace(Index::open(path, OpenMode::READ_ONLY));
        } catch (const fahras::IndexNotFoundError&) {
            CHECK_MESSAGE(committed.empty(), "index not found after completed commits in trial " << trial);
            CHECK(out.interrupted <= 0);
        }
        // A writer opens too (the dead writer's lock is gone, nothing half-written is in the way).
        CHECK_NOTHROW(Index::open(path, OpenMode::CREATE_OR_OPEN));
        if (!reader) continue;
        if (out.interrupted >= 0) {
            ++kills_in_commit;
            if (fresh && out.interrupted == 0) ++kills_in_fresh_bulk_commit;
            // A commit that did not return is atomic: all of its batch, or none.
            if (batch_present(*reader, trial, out.interrupted)) {
                check_batch_whole(*reader, trial, out.interrupted);
                committed.emplace_back(trial, out.interrupted);
            } else {
                check_batch_absent(*reader, trial, out.interrupted);
            }
        }
        check_batch_absent(*reader, trial, out.last_started + 1);  // added, never announced for commit
        for (const auto& [t, b] : committed) check_batch_whole(*reader, t, b);
        CHECK(reader->size() == committed.size() * kDocsPerBatch);
        CHECK(search_ids(*reader, "كيري").size() == std::min<std::size_t>(committed.size() * kDocsPerBatch, 10000));
    }
    std::printf("[crash consistency] %d trials, %d commits completed, %d kills between commit start and end "
                "(%d in the first commit of a fresh index), %zu batches present at the end\n",
                kTrials, commits_completed, kills_in_commit, kills_in_fresh_bulk_commit, committed.size());
    CHECK(kills_in_commit >= 1);
}
