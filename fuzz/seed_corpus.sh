#!/usr/bin/env bash
# Writes the seed corpora of the fuzz targets into OUT_DIR/{analyzer,query,jsonl,record}/, one file per seed:
# the test fixtures always, and real text from DATA_DIR (default ../shared/data beside the project)
# when it is there: Tashkeela lines and the seed article for the analyzer, arqa-dev and names-dev
# questions for the query parser, SaudiNewsNet articles (a few lines per seed) for JSONL ingest.
# Nothing from ../shared is committed; the seeds are made at run time.
#
# Usage: bash fuzz/seed_corpus.sh OUT_DIR [DATA_DIR] [SEEDS_PER_SOURCE]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:?usage: seed_corpus.sh OUT_DIR [DATA_DIR] [SEEDS_PER_SOURCE]}
data=${2:-"$root/../shared/data"}
per_source=${3:-200}
fixtures="$root/tests/fixtures"
mkdir -p "$out/analyzer" "$out/query" "$out/jsonl" "$out/record"

# seed_lines DIR TAG MAX: one seed file per non-empty line of stdin, at most MAX.
seed_lines() {
  local dir=$1 tag=$2 max=$3 n=0 line
  while IFS= read -r line && ((n < max)); do
    [[ -n "$line" ]] || continue
    printf '%s' "$line" >"$dir/$tag-$n"
    n=$((n + 1))
  done
}

# The "text" of the first MAX JSON lines (queries) as plain text (the system Python, standard library).
json_texts() { /usr/bin/python3 -c 'import json,sys
lines = [l for l in sys.stdin if l.strip()][:int(sys.argv[1])]
for line in lines: print(json.loads(line).get("text", "").replace("\n", " "))' "$1"; }

seed_lines "$out/analyzer" fixture-vowelled 1000 <"$fixtures/vowelled_sentences.txt"
seed_lines "$out/analyzer" fixture-names 1000 <"$fixtures/golden/names.txt"
cp "$fixtures/seed_article.txt" "$out/analyzer/fixture-seed-article"
seed_lines "$out/jsonl" fixture-news 1000 <"$fixtures/news_sample.jsonl"
cp "$fixtures/news_sample.jsonl" "$out/jsonl/fixture-news-all"
# Query syntax the parser knows, on the fixture's names.
printf '%s\n' 'كيري لافروف' '"جون كيري"' '+كيري -لافروف' 'كيري AND (لافروف OR بغداد) NOT صدر' \
  'title:كيري author:محمد source:سبق' '«جون كيري' '((كيري' 'كيري*' 'الب*' '"a b" -"c d" +(e f)' \
  'كيري AND AND AND AND' '(كيري OR (لافروف NOT (بغداد AND ' 'NOT NOT NOT كيري' |
  seed_lines "$out/query" syntax 100
seed_lines "$out/query" fixture-names 1000 <"$fixtures/golden/names.txt"

if [[ -d "$data" ]]; then
  [[ -f "$data/tashkeela/aljazeera.txt" ]] && seed_lines "$out/analyzer" tashkeela "$per_source" <"$data/tashkeela/aljazeera.txt"
  [[ -f "$data/seed/article.txt" ]] && cp "$data/seed/article.txt" "$out/analyzer/seed-article"
  for set in arqa-dev names-dev; do
    [[ -f "$data/$set/queries.jsonl" ]] && json_texts "$per_source" <"$data/$set/queries.jsonl" | seed_lines "$out/query" "$set" "$per_source"
  done
  # SaudiNewsNet ships as zipped JSON arrays: the first articles of the first day, three per seed.
  zip=$(find "$data/saudinewsnet" -name '*.zip' 2>/dev/null | sort | head -n 1)
  if [[ -n "$zip" ]]; then
    /usr/bin/python3 - "$zip" "$out/jsonl" "$per_source" <<'PY'
import json, sys, zipfile
path, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with zipfile.ZipFile(path) as z:
    articles = json.loads(z.read(z.namelist()[0]))
for n in range(min(count, len(articles) // 3)):
    lines = []
    for k, a in enumerate(articles[3 * n:3 * n + 3]):
        a = {"_id": "snn-%d" % (3 * n + k), "title": a.get("title", ""), "text": a.get("content", "")[:2000],
             "source": a.get("source", ""), "date_extracted": a.get("date_extracted", "")}
        lines.append(json.dumps(a, ensure_ascii=False))
    with open("%s/saudinewsnet-%d" % (out, n), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
PY
  fi
else
  echo "seed_corpus: no $data; seeding from tests/fixtures only" >&2
fi
# The JSONL target reads the first byte as the encoding selector: prefix each seed with "0" (utf-8).
for f in "$out/jsonl"/*; do
  [[ -f "$f" && ! "$f" == *.enc ]] || continue
  { printf '0'; cat "$f"; } >"$f.enc" && mv "$f.enc" "$f"
done
# Stored records: the analyzer's text seeds (the target reads each as a record of every version).
mapfile -t text_seeds < <(find "$out/analyzer" -type f | sort)
for f in "${text_seeds[@]:0:300}"; do cp "$f" "$out/record/"; done
for target in analyzer query jsonl record; do echo "seed_corpus: $target $(find "$out/$target" -type f | wc -l) seeds"; done
