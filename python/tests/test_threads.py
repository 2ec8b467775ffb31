"""Threads: searches from several threads at once, writes beside them, and the GIL released by the long
C++ calls (indexing and search), checked by watching another Python thread run during one such call."""

from __future__ import annotations

import pathlib
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

import pytest

import fahras
from conftest import ids

QUERIES = ["كيري", "لافروف", "جنيف", "النفط", "الخارجية", '"جون كيري"', "القاهرة OR فيينا"]


def longest_stall_during(call: Callable[[], object]) -> tuple[float, float]:
    """Runs ``call`` in another thread while this one loops; returns (seconds the call took, the longest
    time this thread went without running meanwhile). While a thread holds the GIL no other Python
    thread runs, so a call that keeps the GIL shows as a stall as long as itself."""
    window: dict[str, float] = {}

    def run() -> None:
        window["start"] = time.perf_counter()
        call()
        window["end"] = time.perf_counter()

    worker = threading.Thread(target=run)
    longest = 0.0
    last = time.perf_counter()
    worker.start()
    while worker.is_alive():
        now = time.perf_counter()
        if "start" in window and now - last > longest:
            longest = now - last
        last = now
    worker.join()
    return window["end"] - window["start"], longest


def assert_releases_the_gil(make_call: Callable[[int], Callable[[], object]]) -> None:
    """``make_call(size)`` gives a call whose duration grows with size: grown until it takes 0.3 s (so
    that scheduling noise on a loaded machine is small beside it), then the other thread must never
    have stalled for half of it."""
    size = 1
    while True:
        duration, stall = longest_stall_during(make_call(size))
        if duration >= 0.3 or size >= 1 << 12:
            break
        size *= 2
    assert duration >= 0.3, f"the call stays too short to tell ({duration:.3f} s at size {size})"
    assert stall < 0.5 * duration, f"the other thread stalled {stall:.3f} s of a {duration:.3f} s call"


def test_add_many_releases_the_gil() -> None:
    rng = random.Random(7)
    words = "قال وزير الخارجية الروسي سيرغي لافروف إن محادثاته مع جون كيري في فيينا كانت بناءة".split()

    def make_call(size: int) -> Callable[[], object]:
        documents = [{"id": str(i), "body": " ".join(rng.choices(words, k=200))} for i in range(20 * size)]
        idx = fahras.Index.in_memory(threads=1)
        return lambda: idx.add_many(documents, batch_size=len(documents))

    assert_releases_the_gil(make_call)


def test_search_releases_the_gil() -> None:
    # A slow search: misspelled words make the suggester walk a large vocabulary. Its scan is capped
    # per word and a query keeps its first 256 words, so past that size the call stops growing: on a
    # fast moment of the machine the 6-letter words of the first version never reached 0.3 s (0.29 s
    # at every size, seen in CI). The words now share a long beginning (المستشار), so each comparison
    # of the scan runs through it before the random ending tells the words apart: three times the
    # work at the cap, while the call still grows with the query up to it.
    rng = random.Random(7)
    letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"

    def word() -> str:
        return "المستشار" + "".join(rng.choice(letters) for _ in range(6))

    idx = fahras.Index.in_memory(threads=1, positions=False, store_text=False)
    idx.add_many({"id": str(i), "body": " ".join(word() for _ in range(1000))} for i in range(80))

    def make_call(size: int) -> Callable[[], object]:
        query = " ".join(word() for _ in range(size))
        return lambda: idx.search(query)

    assert_releases_the_gil(make_call)


@pytest.fixture
def on_disk(tmp_path: pathlib.Path, news: list[fahras.Article]) -> pathlib.Path:
    path = tmp_path / "news.idx"
    with fahras.Index(path) as idx:
        idx.add_many(news)
    return path


@pytest.mark.parametrize("writable", [False, True])
def test_threads_search_one_index_at_once(on_disk: pathlib.Path, writable: bool) -> None:
    with fahras.Index(on_disk, writable=writable) as idx:
        expected = {q: [(h.id, h.score, h.snippet) for h in idx.search(q)] for q in QUERIES}
        start = threading.Barrier(6)

        def run(n: int) -> dict[str, list[tuple[str, float, str]]]:
            start.wait()  # every thread searches at the same time
            got = {}
            for _ in range(20):
                for q in QUERIES[n % 3:] + QUERIES[: n % 3]:
                    got[q] = [(h.id, h.score, h.snippet) for h in idx.search(q)]
            return got

        with ThreadPoolExecutor(6) as pool:
            for result in pool.map(run, range(6)):
                assert result == expected


def test_in_memory_index_searched_while_written(news: list[fahras.Article]) -> None:
    idx = fahras.Index.in_memory()
    idx.add_many(news)

    def write(n: int) -> None:
        # (كيري on its own: were وكيري 25 times as frequent as كيري, the index would read it as a word
        # of its own, not و + كيري; that rule is tested in test_term_scheme)
        idx.add_many({"id": f"t{n}-{i}", "body": f"لافروف مع كيري {i}"} for i in range(20))

    def search(_: int) -> int:
        return len(idx.search("كيري", hits=1000))

    with ThreadPoolExecutor(4) as pool:
        writes = [pool.submit(write, n) for n in range(5)]
        counts = list(pool.map(search, range(50)))
        for w in writes:
            w.result()
    assert len(idx) == len(news) + 100
    assert all(4 <= c <= 104 for c in counts)
    assert len(idx.search("كيري", hits=1000)) == 104


def test_each_thread_sees_commits(on_disk: pathlib.Path) -> None:
    with fahras.Index(on_disk) as idx:
        assert "new" not in ids(idx.search("موسكو"))
        idx.add("new", "لافروف في موسكو", "")
        idx.commit()
        with ThreadPoolExecutor(3) as pool:
            for found in pool.map(lambda _: ids(idx.search("موسكو")), range(3)):
                assert found == ["new"]
