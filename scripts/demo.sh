#!/usr/bin/env bash
# The main job on the bundled sample: installs the dependencies, builds fahras, indexes the 18 sample
# news articles and the seed article into a temporary index with the `fahras` CLI, shows its stats,
# searches it for names written in several ways, and shows how the analyzer takes names apart.
#
# Usage: bash scripts/demo.sh [BUILD_DIR]   (BUILD_DIR defaults to build)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-"$root/build"}
cd "$root"

bash scripts/install-deps.sh
bash scripts/build.sh "$build_dir"

fahras="$build_dir/tools/fahras"
work=$(mktemp -d "${TMPDIR:-/tmp}/fahras-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT
index="$work/news.idx"

if [[ -t 1 ]]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
show() {
  printf '\n%s$ fahras %s%s\n' "$bold" "$*" "$plain"
  "$fahras" "$@"
}

# The seed article is plain text: first line the title, the file name its id (seed_article).
show index "$index" tests/fixtures/news_sample.jsonl tests/fixtures/seed_article.txt
show stats "$index"
# لافروف also finds ولافروف and للافروف; كيري finds كيرى (alef maksura), کيري (Persian kaf), كِيري (kasra),
# لكيري and وكيري; the phrase needs both words next to each other, whatever their spelling.
show search "$index" لافروف --limit 5
show search "$index" كيري --limit 5
show search "$index" '"جون كيري"' --limit 5
show analyze "ولافروف للافروف لكيري كِيري"
