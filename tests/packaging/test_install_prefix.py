"""`cmake --install BUILD --prefix P` puts everything under P, the Python package included, and the
package imports and works from there (issue 15, part 4).

Run:  FAHRAS_BUILD_DIR=build /usr/bin/python3 -m pytest tests/packaging -q
"""

import os
import re
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("FAHRAS_BUILD_DIR", ROOT / "build"))

SMOKE = """
import fahras, sys
assert fahras.__file__.startswith(sys.argv[1]), fahras.__file__
index = fahras.Index.in_memory()
index.add("1", "لافروف وكيري", "اجتمع كِيري ولافروف في جنيف")
assert [hit.id for hit in index.search("كيري")] == ["1"]
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    if not (BUILD / "cmake_install.cmake").exists():
        pytest.skip(f"no configured build tree at {BUILD} (set FAHRAS_BUILD_DIR)")
    prefix = tmp_path_factory.mktemp("prefix")
    proc = subprocess.run(["cmake", "--install", str(BUILD), "--prefix", str(prefix)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return prefix, proc.stdout


def test_every_installed_file_is_under_the_prefix(installed):
    prefix, log = installed
    paths = [line.split(": ", 1)[1] for line in log.splitlines() if line.startswith(("-- Installing: ", "-- Up-to-date: "))]
    assert paths, log
    outside = [p for p in paths if not pathlib.Path(p).resolve().is_relative_to(prefix.resolve())]
    assert not outside, outside


def test_the_python_package_is_in_the_prefix_site_packages(installed):
    prefix, _ = installed
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    site = prefix / "lib" / version / "site-packages"
    assert (site / "fahras" / "__init__.py").exists()
    assert list((site / "fahras").glob("_fahras*.so"))
    for module in ("analysis.py", "index.py", "search.py", "ingest.py", "__init__.pyi", "py.typed"):
        assert (site / "fahras" / module).exists(), module


def test_the_installed_package_imports_and_searches(installed):
    prefix, _ = installed
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    site = prefix / "lib" / version / "site-packages"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(site)
    proc = subprocess.run([sys.executable, "-c", SMOKE, str(site)], env=env, cwd=prefix, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_the_shared_library_soname_changes_with_every_minor_version_while_0x(tmp_path):
    # Configure only (no compile): the link command CMake writes carries the SONAME it will give.
    version = re.search(r"project\(fahras VERSION (\d+)\.(\d+)", (ROOT / "CMakeLists.txt").read_text()).groups()
    expected = f"libfahras.so.{version[0]}.{version[1]}" if version[0] == "0" else f"libfahras.so.{version[0]}"
    off = [f"-DFAHRAS_BUILD_{part}=OFF" for part in ("TESTS", "TOOLS", "PYTHON", "BENCH", "EXAMPLES")]
    proc = subprocess.run(["cmake", "-S", str(ROOT), "-B", str(tmp_path), "-DBUILD_SHARED_LIBS=ON", *off],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    link = (tmp_path / "CMakeFiles" / "fahras.dir" / "link.txt").read_text()
    assert re.search(rf"-soname,{re.escape(expected)}(\s|$)", link), link
