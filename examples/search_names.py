#!/usr/bin/env python3
"""Indexes the demo corpus (sample/demo-news.json, written for fahras) and the seed article, then searches
names.

Run from the repository root after building:
    PYTHONPATH=build/python /usr/bin/python3 examples/search_names.py [INDEX_DIR]

Without INDEX_DIR the index lives in a temporary directory. Exits 1 if a name finds nothing.
"""
import json
import pathlib
import sys
import tempfile

import fahras

ROOT = pathlib.Path(__file__).resolve().parents[1]


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        path = sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(scratch) / "news.idx"
        with fahras.Index(path) as index:  # commits when the block ends
            articles = json.loads((ROOT / "sample" / "demo-news.json").read_text(encoding="utf-8"))
            index.add_many(articles)  # SaudiNewsNet's fields as they are: content, date_extracted, ...
            index.add(fahras.read_text_article(ROOT / "tests" / "fixtures" / "seed_article.txt", "seed"))

        index = fahras.Index(path, writable=False)
        found_all = True
        # لافروف also finds ولافروف and للافروف; كيري finds لكيري, وكيري, كيرى, کیری and كِيرِي.
        for name in ("لافروف", "كيري"):
            results = index.search(name, hits=3, highlight=("[", "]"))
            print(f"\n{name}: {results.total} articles")
            for hit in results:
                print(f"{hit.rank}. {hit.id} ({hit.score:.2f}) {hit.title}\n   {hit.snippet}")
            found_all = found_all and results.total > 0
        return 0 if found_all else 1


if __name__ == "__main__":
    sys.exit(main())
