#!/usr/bin/env bash
# Configures (Release) and builds fahras with every part on: library, CLI, tests, Python module,
# benchmarks and examples. Extra arguments after BUILD_DIR go to the configure step, e.g.
#   bash scripts/build.sh build -DFAHRAS_BUILD_BENCH=OFF
#
# Usage: bash scripts/build.sh [BUILD_DIR] [CMAKE_ARGS...]   (BUILD_DIR defaults to build)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-"$root/build"}
shift || true

cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DPython_EXECUTABLE=/usr/bin/python3 "$@"
cmake --build "$build_dir" -j"$(nproc)"
