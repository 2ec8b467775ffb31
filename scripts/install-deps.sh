#!/usr/bin/env bash
# Installs the Debian 12 packages fahras needs to build, test and demo (and, with --bench, the Java
# peers of the benchmarks). Idempotent: when every package is already installed it touches nothing, so
# reruns take a fraction of a second. Runs apt-get as root, or through sudo otherwise.
#
# Usage: bash scripts/install-deps.sh [--bench]
set -euo pipefail

packages=(
  build-essential cmake pkg-config        # compiler and build system
  libxapian-dev libicu-dev libboost-locale-dev nlohmann-json3-dev  # the library's dependencies
  libzip-dev                              # ArticleReader reads SaudiNewsNet's .zip files
  libcli11-dev                            # the CLI's argument parsing (header-only)
  doctest-dev                             # unit tests
  pybind11-dev python3-dev python3-pytest # Python module and the pytest suites
  python3-pip python3-setuptools python3-wheel  # pip install --no-build-isolation ./python
  xapian-tools                            # xapian-tcpsrv (remote-shard tests), xapian-delve
  libbenchmark-dev                        # bench/analyzer_bench
  clang-14 libclang-rt-14-dev             # fuzz/ (libFuzzer) in scripts/test.sh
)

for arg in "$@"; do
  case "$arg" in
    --bench) packages+=(liblucene8-java default-jdk-headless gnuplot-nox time) ;;  # bench/run: Lucene 8, plots, peak RSS
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-deps.sh: unknown argument: $arg (expected --bench)" >&2; exit 2 ;;
  esac
done

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [[ "$status" == installed ]] || missing+=("$package")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps: not root and no sudo; install as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
