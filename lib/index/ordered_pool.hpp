// A fixed set of worker threads that compute numbered tasks in any order while the calling thread
// consumes their results in task order, with at most a bounded number of results waiting. add_batch
// uses it to analyse chunks of articles in parallel for Xapian's single-threaded writer.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace fahras::detail {

/// Runs make(i) for i in [0, count) on @p threads workers and consume(i, result) on the calling thread
/// in order of i. At most threads + 1 results are computed ahead of the consumer. An exception from
/// make or consume stops the workers and is rethrown here once they have all finished.
template <class Result, class Make, class Consume>
void run_ordered(std::size_t count, unsigned threads, Make&& make, Consume&& consume) {
    std::mutex mutex;
    std::condition_variable changed;
    std::map<std::size_t, std::optional<Result>> ready;  // finished, not yet consumed
    std::size_t next_task = 0, next_consumed = 0;
    std::exception_ptr error;
    bool stop = false;
    const std::size_t ahead = threads + 1;

    auto work = [&] {
        for (;;) {
            std::size_t task;
            {
                std::unique_lock<std::mutex> lock(mutex);
                changed.wait(lock, [&] { return stop || next_task >= count || next_task < next_consumed + ahead; });
                if (stop || next_task >= count) return;
                task = next_task++;
            }
            std::optional<Result> result;
            try {
                result.emplace(make(task));
            } catch (...) {
                std::lock_guard<std::mutex> lock(mutex);
                if (!error) error = std::current_exception();
                stop = true;
                changed.notify_all();
                return;
            }
            std::lock_guard<std::mutex> lock(mutex);
            ready.emplace(task, std::move(result));
            changed.notify_all();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
    try {
        while (next_consumed < count) {
            std::optional<Result> result;
            {
                std::unique_lock<std::mutex> lock(mutex);
                changed.wait(lock, [&] { return stop || ready.count(next_consumed); });
                if (stop) break;
                result = std::move(ready[next_consumed]);
                ready.erase(next_consumed);
            }
            consume(next_consumed, std::move(*result));
            std::lock_guard<std::mutex> lock(mutex);
            ++next_consumed;
            changed.notify_all();
        }
    } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!error) error = std::current_exception();
        stop = true;
        changed.notify_all();
    }
    for (std::thread& t : pool) t.join();
    if (error) std::rethrow_exception(error);
}

}  // namespace fahras::detail
