#!/usr/bin/env python3
"""Lays out the public Arabic corpora you downloaded in the BEIR layout that bench/run reads.

None of these corpora is part of fahras: fetch each from its own project (the README's section "Public
corpora" says where) and accept its licence, then point this script at the files:

    python3 scripts/get-corpora.py OUT_DIR --saudinewsnet DIR_OF_DAY_ZIPS \\
        [--squad xquad.ar.json --squad ARCD_TRAIN.json] [--tashkeela FILE.txt ...] [--aqmar DIR] \\
        [--names NAMES.txt] [--full-names FULL_NAMES.txt]

It writes (BEIR: corpus.jsonl lines {"_id","title","text",...}, queries.jsonl lines {"_id","text"},
qrels.tsv with the header "query-id corpus-id score"):

  OUT/saudinewsnet/corpus.jsonl  every SaudiNewsNet article, ids snn-N (zip files sorted by name, the
                                 .json entries of each sorted by name, articles in array order)
  OUT/arqa-dev/                  question -> paragraph retrieval: the paragraphs of the SQuAD-format files
                                 (--squad: XQuAD's Arabic file, ARCD's training split), every SaudiNewsNet
                                 article as a distractor; a question's paragraph is its one relevant doc
  OUT/names-dev/                 one-word name queries over SaudiNewsNet, judged by rule: a document is
                                 relevant when a word of it is the name behind proclitics (و ف ب ل ك ال
                                 and their combinations) in any folded spelling (harakat, tatweel,
                                 hamza/alef forms, ى/ي, ة/ه, Persian letters)
  OUT/names-multi-dev/           full-name queries, relevant when the words are in sequence, the first
                                 behind any proclitic
  OUT/names-aqmar/               (with --aqmar) passages of three sentences of AQMAR's Wikipedia articles,
                                 single-word person names with two or more annotated mentions as
                                 queries, a passage relevant when an annotated person mention holds the name
  OUT/tashkeela/                 (with --tashkeela) the diacritized text files, copied for
                                 bench/diacritics_check and bench/tashkeela_check

The judged sets differ from any other copy of names-dev: they follow the same rule over the names given
(by default the list below). Standard library only.
"""
import argparse
import glob
import io
import json
import os
import re
import shutil
import sys
import zipfile

NAMES = ["لافروف", "كيري", "أوباما", "بوتين", "ظريف", "البغدادي", "الأسد", "هادي", "ميستورا", "خامنئي",
         "روحاني", "أردوغان", "نتنياهو", "السيسي", "العبادي", "الحوثي", "كاميرون", "ميركل", "هولاند",
         "عباس", "الظواهري", "المالكي", "سليماني", "الجبير", "الجعفري", "الحريري"]
FULL_NAMES = ["سيرغي لافروف", "جون كيري", "باراك أوباما", "فلاديمير بوتين", "محمد جواد ظريف",
              "أبو بكر البغدادي", "بشار الأسد", "عبد ربه منصور هادي", "ستيفان دي ميستورا", "حسن روحاني",
              "رجب طيب أردوغان", "بنيامين نتنياهو", "عبد الفتاح السيسي", "حيدر العبادي", "ديفيد كاميرون",
              "أنجيلا ميركل", "فرانسوا هولاند", "محمود عباس", "أيمن الظواهري", "نوري المالكي", "قاسم سليماني",
              "عادل الجبير", "علي عبد الله صالح", "سعد الحريري", "محمد بن سلمان", "علي خامنئي"]

MARKS = re.compile("[\u064B-\u065F\u0670\u0640\u06D6-\u06ED]")  # harakat, superscript alef, tatweel, Quranic
FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
                       "ی": "ي", "ي": "ي", "ک": "ك", "گ": "ك", "ڤ": "ف", "پ": "ب", "چ": "ج", "ژ": "ز"})
PROCLITICS = r"(?:[وف]?(?:[بك]?ال|لل|[بلك])?)"


def fold(text):
    return MARKS.sub("", text).translate(FOLDS)


def name_pattern(name):
    """A regex for NAME (one or more words) in folded text: its words in sequence, the first behind any
    proclitic. A name written with the article (البغدادي) also matches behind لل (للبغدادي)."""
    words = fold(name).split()
    first = words[0]
    if first.startswith("ال") and len(first) > 4:
        first = "(?:ال|ل)" + re.escape(first[2:])
    else:
        first = re.escape(first)
    body = first + "".join(r"\s+" + re.escape(w) for w in words[1:])
    return re.compile(r"(?<!\w)" + PROCLITICS + body + r"(?!\w)")


def write_jsonl(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_qrels(path, pairs):
    with open(path, "w", encoding="utf-8") as f:
        f.write("query-id\tcorpus-id\tscore\n")
        for q, d in pairs:
            f.write(f"{q}\t{d}\t1\n")


def saudinewsnet(zips_dir):
    n = 0
    paths = sorted(glob.glob(os.path.join(zips_dir, "*.zip")))
    if not paths:
        sys.exit(f"get-corpora: no .zip files in {zips_dir}")
    for path in paths:
        with zipfile.ZipFile(path) as zf:
            for entry in sorted(e for e in zf.namelist() if e.endswith(".json")):
                for a in json.load(io.TextIOWrapper(zf.open(entry), encoding="utf-8")):
                    yield {"_id": f"snn-{n}", "title": a.get("title", ""), "text": a.get("content", ""),
                           "source": a.get("source", ""), "url": a.get("url", ""),
                           "date": a.get("date_extracted", ""), "author": a.get("author", "")}
                    n += 1


def squad(paths):
    """(paragraphs, questions, qrels) from SQuAD-format files; a paragraph met twice is kept once."""
    ids, paragraphs, questions, qrels = {}, [], [], []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)["data"]
        tag = os.path.splitext(os.path.basename(path))[0]
        for article in data:
            for p in article["paragraphs"]:
                context = p["context"].strip()
                if context not in ids:
                    ids[context] = f"par-{len(paragraphs)}"
                    paragraphs.append({"_id": ids[context], "title": article.get("title", ""), "text": context})
                for qa in p["qas"]:
                    qid = f"{tag}-{qa['id']}"
                    questions.append({"_id": qid, "text": qa["question"].strip()})
                    qrels.append((qid, ids[context]))
    return paragraphs, questions, qrels


def names_set(out, corpus, names, tag):
    folded = [(d["_id"], fold(d["title"] + "\n" + d["text"])) for d in corpus]
    queries, qrels = [], []
    for i, name in enumerate(names):
        qid = f"{tag}-{i + 1}"
        pattern = name_pattern(name)
        hits = [(qid, doc) for doc, text in folded if pattern.search(text)]
        if hits:
            queries.append({"_id": qid, "text": name})
            qrels += hits
    write_jsonl(os.path.join(out, "corpus.jsonl"), corpus)
    write_jsonl(os.path.join(out, "queries.jsonl"), queries)
    write_qrels(os.path.join(out, "qrels.tsv"), qrels)
    return len(queries), len(qrels)


def aqmar(in_dir, out):
    """names-aqmar from AQMAR's annotated files: one token per line, the word first and the tag (B-PER,
    I-PER, O, ...) last, sentences separated by blank lines."""
    passages, mentions = [], []  # mentions: (passage index, words of one person mention)
    for path in sorted(glob.glob(os.path.join(in_dir, "**", "*"), recursive=True)):
        if not os.path.isfile(path):
            continue
        sentences, sentence = [], []
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                fields = line.split()
                if not fields:
                    if sentence:
                        sentences.append(sentence)
                    sentence = []
                elif len(fields) >= 2:
                    sentence.append((fields[0], fields[-1]))
        if sentence:
            sentences.append(sentence)
        name = os.path.splitext(os.path.basename(path))[0]
        for start in range(0, len(sentences), 3):
            tokens = [t for s in sentences[start:start + 3] for t in s]
            index = len(passages)
            passages.append({"_id": f"{name}-{start // 3}", "title": name, "text": " ".join(w for w, _ in tokens)})
            current = []
            for word, tag in tokens + [("", "O")]:
                if tag.endswith("PER") and tag.startswith("I") and current:
                    current.append(word)
                    continue
                if current:
                    mentions.append((index, current))
                current = [word] if tag.endswith("PER") and tag.startswith("B") else []
    if not passages:
        sys.exit(f"get-corpora: no annotated files in {in_dir}")
    words = [(index, fold(w)) for index, mention in mentions for w in mention]
    candidates = {w for _, w in words if len(w) >= 3}
    # A candidate that is another candidate behind proclitics (ولافروف beside لافروف) is not a name of its own.
    candidates = {c for c in candidates
                  if not any(c != o and re.fullmatch(PROCLITICS + re.escape(o), c) for o in candidates)}
    held = {c: [i for i, w in words if re.fullmatch(PROCLITICS + re.escape(c), w)] for c in sorted(candidates)}
    names = [c for c, where in held.items() if len(where) >= 2]  # two or more mentions
    queries = [{"_id": f"aqmar-{i + 1}", "text": n} for i, n in enumerate(names)]
    qrels = {(q["_id"], passages[i]["_id"]) for q in queries for i in held[q["text"]]}
    write_jsonl(os.path.join(out, "corpus.jsonl"), passages)
    write_jsonl(os.path.join(out, "queries.jsonl"), queries)
    write_qrels(os.path.join(out, "qrels.tsv"), sorted(qrels))
    return len(passages), len(queries)


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--saudinewsnet", required=True, metavar="DIR", help="SaudiNewsNet's per-day .zip files")
    ap.add_argument("--squad", action="append", default=[], metavar="FILE", help="a SQuAD-format JSON file")
    ap.add_argument("--tashkeela", action="append", default=[], metavar="FILE")
    ap.add_argument("--aqmar", metavar="DIR", help="AQMAR's annotated files")
    ap.add_argument("--names", metavar="FILE", help="one-word names, one a line (default: a built-in list)")
    ap.add_argument("--full-names", metavar="FILE", help="full names, one a line (default: a built-in list)")
    args = ap.parse_args()

    snn = list(saudinewsnet(args.saudinewsnet))
    write_jsonl(os.path.join(args.out, "saudinewsnet", "corpus.jsonl"), snn)
    print(f"saudinewsnet: {len(snn)} articles")
    names = read_lines(args.names) if args.names else NAMES
    full = read_lines(args.full_names) if args.full_names else FULL_NAMES
    q, r = names_set(os.path.join(args.out, "names-dev"), snn, names, "name")
    print(f"names-dev: {q} queries, {r} relevant pairs")
    q, r = names_set(os.path.join(args.out, "names-multi-dev"), snn, full, "fullname")
    print(f"names-multi-dev: {q} queries, {r} relevant pairs")
    if args.squad:
        paragraphs, questions, qrels = squad(args.squad)
        d = os.path.join(args.out, "arqa-dev")
        write_jsonl(os.path.join(d, "corpus.jsonl"), paragraphs + snn)
        write_jsonl(os.path.join(d, "queries.jsonl"), questions)
        write_qrels(os.path.join(d, "qrels.tsv"), qrels)
        print(f"arqa-dev: {len(paragraphs)} paragraphs + {len(snn)} distractors, {len(questions)} questions")
    else:
        print("arqa-dev: skipped (no --squad file); bench/run needs it")
    if args.aqmar:
        p, q = aqmar(args.aqmar, os.path.join(args.out, "names-aqmar"))
        print(f"names-aqmar: {p} passages, {q} queries")
    for path in args.tashkeela:
        os.makedirs(os.path.join(args.out, "tashkeela"), exist_ok=True)
        shutil.copy(path, os.path.join(args.out, "tashkeela", os.path.basename(path)))
        print(f"tashkeela: {os.path.basename(path)}")


if __name__ == "__main__":
    main()
