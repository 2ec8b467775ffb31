"""Fixtures shared by the CLI end-to-end tests."""

import pytest

from cli_support import CLI, NEWS, run


@pytest.fixture(scope="session", autouse=True)
def cli_exists():
    if not CLI.exists():
        pytest.fail(f"fahras CLI not found at {CLI}; build it or set FAHRAS_CLI")


@pytest.fixture(scope="session")
def news_db(tmp_path_factory):
    """The news sample indexed once; tests only read it."""
    db = tmp_path_factory.mktemp("news") / "db"
    proc = run("index", db, NEWS)
    assert proc.returncode == 0, proc.stderr
    assert "indexed 18 documents" in proc.stderr
    return db
