r"""Packages fahras for pip: ``pip install --no-build-isolation ./python`` (from the repository root).

The compiled module is built by the project's own CMake (the library and ``_fahras`` only), in a build
directory of setuptools' own, and copied into the package. No network access is needed: the build uses
Debian's setuptools, CMake, compiler, pybind11 and libraries (scripts/install-deps.sh installs them).

Environment:
  FAHRAS_CMAKE_BUILD_DIR   build ``_fahras`` in this already configured build tree instead (e.g. the
                           tree of scripts/build.sh, to skip compiling the library a second time)
  CMAKE_BUILD_PARALLEL_LEVEL, CMAKE_CXX_COMPILER_LAUNCHER   read by CMake as usual (e.g. ccache)
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

PACKAGE_DIR = pathlib.Path(__file__).resolve().parent
REPOSITORY = PACKAGE_DIR.parent


def project_version() -> str:
    r"""The version in the top-level CMakeLists.txt, so that the two cannot differ."""
    text = (REPOSITORY / "CMakeLists.txt").read_text(encoding="utf-8")
    return re.search(r"project\(fahras VERSION ([0-9.]+)", text).group(1)


class CMakeBuild(build_ext):
    r"""Builds ``fahras._fahras`` with CMake instead of compiling sources itself."""

    def build_extension(self, ext: Extension) -> None:
        given = os.environ.get("FAHRAS_CMAKE_BUILD_DIR")
        build_dir = pathlib.Path(given) if given else pathlib.Path(self.build_temp).resolve() / "cmake"
        if not given:
            options = ["BUILD_TESTS", "BUILD_TOOLS", "BUILD_BENCH", "BUILD_EXAMPLES", "INSTALL"]
            subprocess.run(
                ["cmake", "-S", str(REPOSITORY), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
                 f"-DPython_EXECUTABLE={sys.executable}", "-DFAHRAS_BUILD_PYTHON=ON", "-DBUILD_SHARED_LIBS=OFF",
                 *(f"-DFAHRAS_{option}=OFF" for option in options)],
                check=True)
        command = ["cmake", "--build", str(build_dir), "--target", "_fahras"]
        if "CMAKE_BUILD_PARALLEL_LEVEL" not in os.environ:
            command += ["--parallel", str(os.cpu_count() or 1)]
        subprocess.run(command, check=True)
        built = sorted((build_dir / "python" / "fahras").glob("_fahras*.so"))
        if not built:
            raise RuntimeError(f"the CMake build left no _fahras*.so in {build_dir}/python/fahras")
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[0], target)


setup(
    name="fahras",
    version=project_version(),
    description="Full-text search for Arabic text, embedded, on Xapian",
    long_description=(PACKAGE_DIR / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="GPL-2.0-or-later",
    python_requires=">=3.8",
    packages=["fahras"],
    package_data={"fahras": ["__init__.pyi", "_fahras.pyi", "py.typed"]},
    ext_modules=[Extension("fahras._fahras", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
)
