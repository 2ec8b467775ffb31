"""End-to-end tests of the `fahras` CLI on the demo corpus (sample/demo-news.json, 32 articles written for
fahras, see sample/README.md) and the seed article: what scripts/demo.sh indexes and searches.

The expected ids are computed from the corpus with regular expressions independent of fahras's analyzer:
a word names a person when, after the spelling variants the project promises to fold are folded here
(harakat, tatweel, ى → ي, Persian ک ی ڤ), it is the name behind optional proclitics.

Run:  FAHRAS_CLI=build/tools/fahras /usr/bin/python3 -m pytest tests/e2e/test_demo_corpus.py -q
"""

import json
import os
import pathlib
import re
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample" / "demo-news.json"
SEED = ROOT / "tests" / "fixtures" / "seed_article.txt"
CLI = pathlib.Path(os.environ.get("FAHRAS_CLI", ROOT / "build" / "tools" / "fahras"))
RECORDS = json.loads(SAMPLE.read_text(encoding="utf-8"))
# Every indexed document's text by id: the corpus and the seed article (fahras index names it by its file).
TEXTS = {r["_id"]: r["title"] + "\n" + r["content"] for r in RECORDS}
TEXTS["seed_article"] = SEED.read_text(encoding="utf-8")

MARKS = re.compile("[\u064B-\u065F\u0670\u0640]")  # harakat, superscript alef, tatweel
PERSIAN = str.maketrans({"\u06A9": "\u0643", "\u06CC": "\u064A", "\u06A4": "\u0641"})  # ک ی ڤ
# و ف, then ب ل, then the article; or و ف before لل (ل + ال with the alef dropped).
PROCLITICS = r"(?:[وف]?[بل]?(?:ال)?|[وف]?لل)"
WITH_KAF = r"(?:[وف]?[بلك]?(?:ال)?|[وف]?لل)"  # ك (like) as well: كلافروف


def fold(text, maksura=True):
    """TEXT with harakat and tatweel dropped, Persian letters as Arabic ones and, if MAKSURA, ى as ي."""
    text = MARKS.sub("", text).translate(PERSIAN)
    return text.replace("\u0649", "\u064A") if maksura else text


def naming(pattern, proclitics=PROCLITICS, maksura=True):
    """Ids of the documents whose folded text has a word that is PATTERN behind PROCLITICS."""
    word = re.compile(r"(?<![\w])" + proclitics + "(?:" + pattern + r")(?![\w])")
    return {i for i, text in TEXTS.items() if word.search(fold(text, maksura))}


def run(*args):
    proc = subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          timeout=60)
    assert proc.returncode in (0, 1, 2), (proc.returncode, proc.stderr)
    return proc


def found(db, query, *options):
    proc = run("search", "--index", db, "--json", "--no-snippets", "--hits", "100", *options, query)
    assert proc.returncode == 0, proc.stderr
    return [hit["id"] for hit in json.loads(proc.stdout)["hits"]]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    if not CLI.exists():
        pytest.fail(f"fahras CLI not found at {CLI}; build it or set FAHRAS_CLI")
    path = tmp_path_factory.mktemp("demo") / "db"
    proc = run("index", "--index", path, SAMPLE, SEED)
    assert proc.returncode == 0, proc.stderr
    return path


# --- the corpus holds what sample/README.md says it holds ------------------------------------------


def test_corpus_layout_is_saudinewsnets():
    assert len(RECORDS) >= 30
    for r in RECORDS:
        assert set(r) == {"_id", "source", "url", "date_extracted", "title", "author", "content"}, r["_id"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", r["date_extracted"]), r["_id"]
        assert all(r[k] for k in r), r["_id"]
        assert 80 <= len(r["content"].split()) <= 250, r["_id"]
    assert len({r["_id"] for r in RECORDS}) == len(RECORDS)


@pytest.mark.parametrize("spelling", [
    "ولافروف", "فلافروف", "بلافروف", "للافروف", "كلافروف", "وللافروف", "لكيري", "وكيري", "فكيري", "بكيري",
    "كِيرِي", "لافْرُوف", "كيـــري", "كيرى", "کیری", "لافروڤ", "أوباما", "اوباما", "إيران", "ايران",
    "الخارجيه", "٣٫٥٪", "سيرغي لافروف", "جون كيري", "دي ميستورا", "محمد بن سلمان", "عبد ربه منصور هادي",
    "ظريف", "بوتين", "الوتين", "بنان", "لبنان", "فنان", "الكاميرون", "كاميرون", "عمران", "عمر", "سلم",
    "سلمان", "على", "علي", "ندن", "لندن", "بغداد", "البغدادي"])
def test_corpus_has_the_spelling(spelling):
    word = re.compile(r"(?<![\w\u064B-\u0652])" + re.escape(spelling) + r"(?![\w\u064B-\u0652])")
    assert any(word.search(r["title"] + "\n" + r["content"]) for r in RECORDS), spelling


# --- names: every article naming the person, whatever its spelling, and nothing else --------------


def test_every_article_is_indexed(db):
    stats = json.loads(run("stats", "--index", db, "--json").stdout)
    assert stats["documents"] == len(RECORDS) + 1


@pytest.mark.parametrize("query, pattern", [("لافروف", "لافروف"), ("كيري", "كيري")])
def test_name_query_finds_every_article_naming_it(db, query, pattern):
    expected = naming(pattern)
    assert len(expected) > 10 and "seed_article" in expected
    assert set(found(db, query)) == expected


@pytest.mark.parametrize("query, plain", [
    ("كيرى", "كيري"), ("کیری", "كيري"), ("كِيرِي", "كيري"), ("كيـــري", "كيري"), ("لكيري", "كيري"),
    ("لافْرُوف", "لافروف"), ("لافروڤ", "لافروف"), ("ولافروف", "لافروف")])
def test_a_spelling_variant_finds_what_the_plain_name_finds(db, query, plain):
    assert set(found(db, query)) == set(found(db, plain))


@pytest.mark.xfail(strict=True, reason="ك (like) is stripped only before ال (lib/analysis/clitics.cpp), "
                                       "so كلافروف is not found by لافروف")
def test_name_behind_kaf_is_found(db):
    expected = naming("لافروف", WITH_KAF)
    assert expected - naming("لافروف")  # an article names Lavrov only as كلافروف
    assert set(found(db, "لافروف")) == expected


@pytest.mark.parametrize("query, pattern", [
    ('"جون كيري"', r"جون كيري"), ('"سيرغي لافروف"', r"سيرغي لافروف"), ('"دي ميستورا"', r"دي ميستورا"),
    ('"محمد بن سلمان"', r"محمد بن سلمان"), ('"عبد ربه منصور هادي"', r"عبد ربه منصور هادي")])
def test_full_name_phrase_finds_the_words_in_sequence_only(db, query, pattern):
    expected = naming(pattern)
    assert expected
    assert set(found(db, query)) == expected


@pytest.mark.parametrize("query, first, last", [
    ("سيرغي لافروف", "سيرغي", "لافروف"), ("عبد ربه منصور هادي", "منصور", "هادي"), ("جون كيري", "جون", "كيري")])
def test_full_name_in_sequence_outranks_its_words_apart(db, query, first, last):
    together = naming(first + " " + last)
    apart = (naming(first) & naming(last)) - together
    assert together and apart
    ranked = [i for i in found(db, query) if i in together | apart]
    assert set(ranked[:len(together)]) == together, ranked


# --- look-alike words: a name must not find the common word that shares its letters ---------------

# Which segmentation of a word to believe (بوتين: ب + وتين or the name?) is decided at query time from
# how often the index holds each; in a corpus this small, where a name and its look-alike occur once
# each, the look-alike may still be found, but below every document that writes the name.
LOOK_ALIKES = [
    ("البغدادي", r"(?:[وف]?[بل]?)", True),   # the historian, not the city بغداد
    ("بوتين", r"(?:[وف]?[ل]?)", True),       # not الوتين (the aorta)
    ("لبنان", r"(?:[وف]?[ب]?)", True),       # not بنان (fingertips)
    ("بنان", r"(?:[وف]?)", True),            # not لبنان, فنان
    ("كاميرون", r"(?:[وف]?[بل]?)", True),    # not الكاميرون
    ("عمر", r"(?:[وف]?[بل]?)", True),        # not عمران
    ("عمران", r"(?:[وف]?[بل]?)", True),      # not عمر
    ("سلمان", r"(?:[وف]?[بل]?)", True),      # not سلم, السلم
    ("لندن", r"(?:[وف]?[ب]?)", True),        # not the village ندن
    ("ندن", r"(?:[وف]?[ب]?)", True),         # not لندن
    ("علي", r"(?:[وف]?[بل]?(?:ال)?)", False),  # the name, not the preposition على
]


@pytest.mark.parametrize("query, proclitics, maksura", LOOK_ALIKES)
def test_name_ranks_above_its_look_alike(db, query, proclitics, maksura):
    expected = naming(query, proclitics, maksura)
    assert expected
    ranked = found(db, query)
    assert set(ranked[:len(expected)]) == expected, ranked


@pytest.mark.parametrize("query, proclitics, maksura", [
    ("البغدادي", r"(?:[وف]?[بل]?)", True), ("بوتين", r"(?:[وف]?[ل]?)", True)])
def test_name_does_not_find_its_look_alike(db, query, proclitics, maksura):
    expected = naming(query, proclitics, maksura)
    assert expected
    assert set(found(db, query)) == expected


# --- output ---------------------------------------------------------------------------------------


def test_search_output_is_ranked_and_highlighted(db):
    proc = run("search", "--index", db, "--hits", "3", "لافروف")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("3 of about ")
    # rank, id and score on a left-to-right line; title and snippet (Arabic) on lines of their own
    first = lines.index("") + 1
    assert re.match(r"^ +1\. \S+  score \d+\.\d{3}", lines[first]), lines[first]
    # the name is highlighted as written, proclitics included (للافروف)
    assert re.search(r"\*\*" + PROCLITICS + r"لافروف\*\*", "\n".join(lines[first + 1:first + 5]))
