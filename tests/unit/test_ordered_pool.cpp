// run_ordered (lib/index/ordered_pool.hpp): results consumed in task order whatever order the workers
// finish in, a bounded number ahead, and the first exception rethrown after every worker has stopped.
#include "index/ordered_pool.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

TEST_CASE("run_ordered: every task once, consumed in order, on a fixed number of threads") {
    for (unsigned threads : {1u, 2u, 4u}) {
        CAPTURE(threads);
        std::vector<std::size_t> consumed;
        std::atomic<int> running{0}, most{0};
        fahras::detail::run_ordered<std::size_t>(
            100, threads,
            [&](std::size_t i) {
                const int now = ++running;
                int seen = most.load();
                while (now > seen && !most.compare_exchange_weak(seen, now)) {
                }
                std::this_thread::sleep_for(std::chrono::microseconds((i * 7919) % 300));  // finish out of order
                --running;
                return i * i;
            },
            [&](std::size_t i, std::size_t r) {
                CHECK(r == i * i);
                consumed.push_back(i);
            });
        REQUIRE(consumed.size() == 100);
        for (std::size_t i = 0; i < consumed.size(); ++i) CHECK(consumed[i] == i);
        CHECK(most.load() <= static_cast<int>(threads));
    }
    int calls = 0;
    fahras::detail::run_ordered<int>(0, 2, [&](std::size_t) { return ++calls; }, [&](std::size_t, int) { ++calls; });
    CHECK(calls == 0);
}

TEST_CASE("run_ordered: an exception in a task or in the consumer reaches the caller") {
    CHECK_THROWS_AS(fahras::detail::run_ordered<int>(
                        50, 3,
                        [](std::size_t i) {
                            if (i == 17) throw std::runtime_error("task 17");
                            return 0;
                        },
                        [](std::size_t, int) {}),
                    std::runtime_error);
    std::size_t consumed = 0;
    CHECK_THROWS_AS(fahras::detail::run_ordered<int>(
                        50, 2, [](std::size_t) { return 1; },
                        [&](std::size_t i, int) {
                            if (i == 5) throw std::logic_error("consumer");
                            ++consumed;
                        }),
                    std::logic_error);
    CHECK(consumed == 5);
}
