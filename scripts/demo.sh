#!/usr/bin/env bash
# The main job on the bundled sample: installs the dependencies, builds fahras, indexes the seed article
# and the demo corpus (sample/demo-news.json: 32 news-style articles written for fahras, in SaudiNewsNet's
# layout) into a temporary index with the `fahras` CLI, shows its stats, searches it for لافروف and كيري,
# and shows how the analyzer takes names apart.
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
show index --index "$index" sample/demo-news.json tests/fixtures/seed_article.txt
show stats --index "$index"
# لافروف also finds ولافروف, فلافروف, بلافروف, للافروف and لافروڤ; كيري finds لكيري, وكيري, فكيري, بكيري,
# كيرى (alef maksura), کیری (Persian letters), كِيرِي (harakat) and كيـــري (tatweel); the phrase needs both
# words next to each other, so an article with جون and كيري apart is not a hit.
show search --index "$index" --hits 5 لافروف
show search --index "$index" --hits 5 كيري
show search --index "$index" --hits 3 '"جون كيري"'
show analyze "ولافروف للافروف لكيري كِيرِي کیری كيـــري"
