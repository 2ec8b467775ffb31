#!/usr/bin/env python3
"""Writes sample/saudinewsnet-sample.json: a few real SaudiNewsNet articles for the demo and the README.

Usage: /usr/bin/python3 scripts/make-sample.py [SHARED_DATA_DIR]   (default ../shared/data)

The selection is deterministic (spaced picks, no randomness), so rerunning gives the same file:
  - 12 articles naming both Kerry (كيري/كيرى) and Lavrov (لافروف),
  - up to 12 naming one of them behind a proclitic (لكيري، وكيري، ولافروف، للافروف ...),
  - 12 others, for contrast.
Each keeps SaudiNewsNet's fields and gets "_id": "<zip name>-<position in its array, from 1>", the id
`fahras index` gives the same article when it reads the original .zip.
"""
import json
import pathlib
import re
import sys
import zipfile

PER_GROUP = 12
KERRY = re.compile(r"كير[يى]")
LAVROV = re.compile(r"لافروف")
CLITIC_FORM = re.compile(r"(?<!\S)[وفبل]{1,2}(?:كير[يى]|لافروف)")


def articles(data_dir):
    for archive in sorted((data_dir / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(archive) as z:
            for name in sorted(z.namelist()):
                for position, article in enumerate(json.loads(z.read(name)), start=1):
                    yield dict({"_id": f"{pathlib.Path(name).stem}-{position}"}, **article)


def spaced(items, count):
    if len(items) <= count:
        return list(items)
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def main():
    data_dir = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parents[2] / "shared" / "data")
    every = list(articles(data_dir))
    text = lambda a: a["title"] + "\n" + a["content"]  # noqa: E731
    both = [a for a in every if KERRY.search(text(a)) and LAVROV.search(text(a))]
    clitic = [a for a in every if CLITIC_FORM.search(text(a)) and a not in both]
    others = [a for a in every if not KERRY.search(text(a)) and not LAVROV.search(text(a))]
    chosen = spaced(both, PER_GROUP) + spaced(clitic, PER_GROUP) + spaced(others, PER_GROUP)
    chosen.sort(key=lambda a: a["_id"])
    out = pathlib.Path(__file__).resolve().parents[1] / "sample" / "saudinewsnet-sample.json"
    out.write_text(json.dumps(chosen, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{out}: {len(chosen)} articles ({len(both)} name both, {len(clitic)} a name behind a proclitic)")


if __name__ == "__main__":
    main()
