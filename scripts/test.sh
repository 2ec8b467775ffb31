#!/usr/bin/env bash
# Everything CI checks, in stages that each report PASS or FAIL:
#   deps         scripts/install-deps.sh
#   build        Release build with tests, Python module, CLI, examples and benchmarks (any failure to
#                configure or build, the Python part included, fails the stage)
#   demo         the README's first command (scripts/demo.sh) on the same build: it must find the
#                bundled sample's articles for لافروف and كيري
#   ctest        unit tests, examples, CLI end-to-end tests (e2e_cli) and Python tests (python_tests);
#                both pytest suites must be registered
#   bench-eval   /usr/bin/python3 -m pytest bench/test_eval.py
#   bench-smoke  bench/run --smoke end to end (bench/test_smoke.py): every section on the bundled sample
#   install      cmake --install of every component into a temporary root
#   consumer-cmake      examples/embed built with find_package(fahras) against that install, and run
#   consumer-pkgconfig  examples/embed/main.cpp built with `pkg-config --cflags --libs fahras`, and run
#   python-installed    the installed Python package imports, analyzes, indexes and searches
#   python-pip          `pip install --no-build-isolation ./python` (offline, into a temporary --target)
#                       builds the package with CMake, and it works the same
#   consumer-shared     the library alone built shared (-DBUILD_SHARED_LIBS=ON), installed, and
#                       examples/embed built against it with find_package(fahras) and run
#   sanitizers   a second build (BUILD_DIR-asan) with AddressSanitizer, LeakSanitizer and UBSan, and
#                the whole ctest suite on it (docs/reliability.md)
#   fuzz         each libFuzzer target of fuzz/ for FAHRAS_FUZZ_SECONDS (default 20) s, seeded from
#                tests/fixtures (clang builds only; docs/reliability.md)
# The last line is "N passed, N failed"; the exit status is non-zero when any stage failed.
#
# Usage: bash scripts/test.sh [BUILD_DIR]   (BUILD_DIR defaults to build)
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-"$root/build"}
cd "$root" || exit 1

work=$(mktemp -d "${TMPDIR:-/tmp}/fahras-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

results=()
passed=0
failed=0

# stage NAME COMMAND...: runs COMMAND and records whether it succeeded.
stage() {
  local name=$1
  shift
  printf '\n=== %s ===\n' "$name"
  local start=$SECONDS
  if "$@"; then
    results+=("PASS  $name ($((SECONDS - start)) s)")
    passed=$((passed + 1))
  else
    results+=("FAIL  $name ($((SECONDS - start)) s)")
    failed=$((failed + 1))
  fi
}

# stage_needs NAME DEPENDENCY_OK COMMAND...: like stage, but fails without running when a stage it
# depends on failed (e.g. nothing to test when the build failed).
stage_needs() {
  local name=$1 ok=$2
  shift 2
  if [[ "$ok" == yes ]]; then
    stage "$name" "$@"
  else
    printf '\n=== %s ===\nnot run: a stage it needs failed\n' "$name"
    results+=("FAIL  $name (not run)")
    failed=$((failed + 1))
  fi
}

build() {
  bash scripts/build.sh "$build_dir" \
    -DFAHRAS_BUILD_TESTS=ON -DFAHRAS_BUILD_PYTHON=ON -DFAHRAS_BUILD_TOOLS=ON \
    -DFAHRAS_BUILD_EXAMPLES=ON -DFAHRAS_BUILD_BENCH=ON -DFAHRAS_INSTALL=ON
}

run_ctest() {
  # A test suite that is silently not registered (no pytest, Python part switched off) is a failure.
  local listed missing=0
  listed=$(cd "$build_dir" && ctest -N) || return 1
  for required in e2e_cli python_tests; do
    if ! grep -q ": $required\$" <<<"$listed"; then
      echo "ctest: test '$required' is not registered" >&2
      missing=1
    fi
  done
  (cd "$build_dir" && ctest --output-on-failure) || return 1
  return $missing
}

bench_eval() {
  PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -m pytest -q -p no:cacheprovider bench/test_eval.py
}

demo() {
  local output
  output=$(bash scripts/demo.sh "$build_dir" 2>&1) || { printf '%s\n' "$output"; return 1; }
  printf '%s\n' "$output" | tail -n 25
  # Both names must find articles, with the name highlighted (** when not on a terminal).
  grep -q '^5 of about [0-9]* results' <<<"$(grep -A1 'search --index .* لافروف$' <<<"$output")" &&
    grep -q '\*\*لافروف\*\*' <<<"$output" && grep -q '\*\*كيري\*\*' <<<"$output"
}

bench_smoke() {
  FAHRAS_BUILD_DIR="$build_dir" PYTHONDONTWRITEBYTECODE=1 \
    /usr/bin/python3 -m pytest -q -p no:cacheprovider bench/test_smoke.py
}

# Everything, the Python package included, goes under $work/root (DESTDIR), never into the system.
prefix=/opt/fahras
install_root="$work/root"
installed="$install_root$prefix"
install_all() {
  DESTDIR="$install_root" cmake --install "$build_dir" --prefix "$prefix" &&
    test -f "$installed/include/fahras/fahras.hpp" &&
    find "$installed" -name fahrasConfig.cmake | grep -q . &&
    find "$installed" -name fahras.pc | grep -q .
}

consumer_cmake() {
  cmake -S examples/embed -B "$work/consumer-cmake" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_PREFIX_PATH="$installed" &&
    cmake --build "$work/consumer-cmake" -j"$(nproc)" &&
    "$work/consumer-cmake/embed"
}

consumer_pkgconfig() {
  local pc_dir flags
  pc_dir=$(dirname "$(find "$installed" -name fahras.pc | head -n 1)")
  flags=$(PKG_CONFIG_PATH="$pc_dir" pkg-config --cflags --libs fahras) || return 1
  echo "pkg-config --cflags --libs fahras: $flags"
  # shellcheck disable=SC2086  # $flags is a list of compiler flags
  c++ -std=c++17 -O2 examples/embed/main.cpp -o "$work/consumer-pkgconfig" $flags &&
    "$work/consumer-pkgconfig"
}

# python_works DIR: the fahras package found in DIR imports, analyzes, indexes and searches, and ships
# its type stubs.
python_works() {
  test -f "$1/fahras/__init__.pyi" && test -f "$1/fahras/py.typed" || { echo "no type stubs in $1/fahras" >&2; return 1; }
  PYTHONPATH=$1 PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -c '
import fahras, tempfile
assert any("كيري" in t.forms for t in fahras.analyze("ولكِيري"))
with tempfile.TemporaryDirectory() as tmp:
    with fahras.Index(tmp + "/idx") as index:
        index.add("1", "لافروف وكيري", "اجتمع كِيري ولافروف في جنيف", source="aawsat")
    with fahras.Index(tmp + "/idx", writable=False) as index:
        assert [hit.id for hit in index.search("كيري", source="aawsat")] == ["1"]
print("fahras", fahras.__version__, "from", fahras.__file__, "ok")'
}

python_installed() {
  local package
  package=$(find "$install_root" -path '*/fahras/__init__.py' | head -n 1)
  [[ -n "$package" ]] || { echo "no fahras/__init__.py under the install root" >&2; return 1; }
  python_works "$(dirname "$(dirname "$package")")"
}

# pip builds the package from python/ with the project's CMake, offline (--no-index, Debian's
# setuptools), into a temporary --target directory, never into the system.
python_pip() {
  /usr/bin/python3 -m pip install --no-build-isolation --no-index --no-deps --no-cache-dir --quiet \
    --target "$work/pip-target" ./python &&
    python_works "$work/pip-target"
}

# While the version is 0.x every minor version may break the ABI: the SONAME is libfahras.so.MAJOR.MINOR
# (libfahras.so.0.2 for 0.2.x), from 1.0 on libfahras.so.MAJOR.
check_soname() {
  local version major minor expected library
  version=$(sed -n 's/^project(fahras VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
  major=${version%%.*}; minor=${version#*.}; minor=${minor%%.*}
  expected="libfahras.so.$major"; [[ $major == 0 ]] && expected="libfahras.so.$major.$minor"
  library=$(find "$1" -name 'libfahras.so.*.*.*' | head -n 1)
  [[ -n "$library" ]] && readelf -d "$library" | grep -q "Library soname: \[$expected\]" ||
    { echo "SONAME of ${library:-libfahras.so} is not $expected" >&2; return 1; }
}

# The default build installs a static libfahras; this checks that a shared one installs and links too.
consumer_shared() {
  local shared_build="$work/shared-build" shared_root="$work/shared-root"
  cmake -S . -B "$shared_build" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON \
        -DFAHRAS_BUILD_TESTS=OFF -DFAHRAS_BUILD_TOOLS=OFF -DFAHRAS_BUILD_PYTHON=OFF \
        -DFAHRAS_BUILD_BENCH=OFF -DFAHRAS_BUILD_EXAMPLES=OFF -DFAHRAS_INSTALL=ON &&
    cmake --build "$shared_build" -j"$(nproc)" &&
    cmake --install "$shared_build" --prefix "$shared_root" &&
    find "$shared_root" -name 'libfahras.so*' | grep -q . &&
    check_soname "$shared_root" &&
    cmake -S examples/embed -B "$work/embed-shared" -DCMAKE_BUILD_TYPE=Release \
          -DCMAKE_PREFIX_PATH="$shared_root" &&
    cmake --build "$work/embed-shared" &&
    ldd "$work/embed-shared/embed" | grep -q "libfahras.so" &&
    "$work/embed-shared/embed"
}

# The sanitizer build: every test runs on it, with leak detection on except in the tests that import the
# Python module: they need the ASan runtime loaded before the interpreter (LD_PRELOAD), and CPython does
# not free its own memory at exit (errors in fahras still abort them).
sanitizers() {
  local asan_dir="$build_dir-asan"
  # -O1 -g1: half the compile time of RelWithDebInfo's -O2 -g (173 s against 340 s of CPU here), the
  # tests run as fast, and reports still carry file and line.
  bash scripts/build.sh "$asan_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
    -DFAHRAS_SANITIZE=ON \
    -DFAHRAS_BUILD_TESTS=ON -DFAHRAS_BUILD_PYTHON=ON -DFAHRAS_BUILD_TOOLS=ON \
    -DFAHRAS_BUILD_EXAMPLES=ON -DFAHRAS_BUILD_BENCH=OFF -DFAHRAS_INSTALL=OFF || return 1
  export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
  local python_module_tests='^(python_tests|example_.*_py)$' preload
  (cd "$asan_dir" && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -E "$python_module_tests") || return 1
  preload="$(gcc -print-file-name=libasan.so):$(gcc -print-file-name=libubsan.so)"
  (cd "$asan_dir" && LD_PRELOAD=$preload ASAN_OPTIONS=detect_leaks=0 ctest --output-on-failure -R "$python_module_tests")
}

# A short fuzz run: every target of fuzz/ for FAHRAS_FUZZ_SECONDS, from seeds made at run time. A crash
# or sanitizer report fails the stage; the input that caused it is kept under $work and printed.
fuzz() {
  local fuzz_dir="$build_dir-fuzz" seconds=${FAHRAS_FUZZ_SECONDS:-20} target ok=0
  bash scripts/build.sh "$fuzz_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
    -DFAHRAS_BUILD_FUZZ=ON -DFAHRAS_BUILD_TESTS=OFF -DFAHRAS_BUILD_PYTHON=OFF -DFAHRAS_BUILD_TOOLS=OFF \
    -DFAHRAS_BUILD_EXAMPLES=OFF -DFAHRAS_BUILD_BENCH=OFF -DFAHRAS_INSTALL=OFF || return 1
  bash fuzz/seed_corpus.sh "$work/seeds" || return 1
  for target in analyzer query jsonl record; do
    mkdir -p "$work/fuzz-$target"
    # Long queries: deep operator chains and nesting only show up past libFuzzer's default 4 KB.
    local max_len=()
    [[ $target == query ]] && max_len=(-max_len=16384)
    if ! "$fuzz_dir/fuzz/fuzz_$target" -max_total_time="$seconds" -print_final_stats=1 -timeout=30 "${max_len[@]}" \
         -rss_limit_mb=2048 -artifact_prefix="$work/fuzz-$target/" "$work/seeds/$target" 2>"$work/fuzz-$target.log"; then
      tail -n 60 "$work/fuzz-$target.log"
      echo "fuzz_$target failed; the input is in $work/fuzz-$target/ (kept until this script exits)" >&2
      ok=1
    else
      grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/fuzz-$target.log" | sed "s/^/fuzz_$target: /"
    fi
  done
  return $ok
}

stage deps bash scripts/install-deps.sh
stage build build
build_ok=$([[ ${results[-1]} == PASS* ]] && echo yes || echo no)
stage_needs demo "$build_ok" demo
stage_needs ctest "$build_ok" run_ctest
stage bench-eval bench_eval
stage_needs bench-smoke "$build_ok" bench_smoke
stage_needs install "$build_ok" install_all
install_ok=$([[ ${results[-1]} == PASS* ]] && echo yes || echo no)
stage_needs consumer-cmake "$install_ok" consumer_cmake
stage_needs consumer-pkgconfig "$install_ok" consumer_pkgconfig
stage_needs python-installed "$install_ok" python_installed
stage python-pip python_pip
stage consumer-shared consumer_shared
stage sanitizers sanitizers
stage fuzz fuzz

printf '\n=== summary ===\n'
printf '%s\n' "${results[@]}"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
