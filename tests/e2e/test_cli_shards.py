"""End-to-end tests of sharded indexes in the CLI: `index --keep-shards`, a stub file as --index, and
shards served by xapian-tcpsrv (--remote). Every server a test starts is killed by its fixture.

Run:  FAHRAS_CLI=build/tools/fahras /usr/bin/python3 -m pytest tests/e2e/test_cli_shards.py -q
"""

import contextlib
import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
NEWS = ROOT / "tests" / "fixtures" / "news_sample.jsonl"
CLI = pathlib.Path(os.environ.get("FAHRAS_CLI", ROOT / "build" / "tools" / "fahras"))
QUERIES = ["كيري", "لافروف", "البغدادي", '"جون كيري"']


def run(*args, timeout=60):
    proc = subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True, timeout=timeout)
    assert proc.returncode in (0, 1, 2), (proc.returncode, proc.stderr)
    return proc


def scored(where, query):
    """Every hit of QUERY as sorted (id, score) pairs; WHERE is the option list locating the index."""
    proc = run("search", *where, query, "--hits", "1000", "--json", "--no-snippets")
    assert proc.returncode == 0, proc.stderr
    hits = json.loads(proc.stdout)["hits"]
    assert hits, query
    return sorted((h["id"], round(h["score"], 6)) for h in hits)


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    db = tmp_path_factory.mktemp("single") / "db"
    assert run("index", "--index", db, "--quiet", NEWS).returncode == 0
    return db


def test_keep_shards_keeps_one_shard_per_thread_and_ranks_as_one_index(tmp_path, single):
    db = tmp_path / "sharded"
    proc = run("index", "--index", db, "--threads", "2", "--keep-shards", "--quiet", NEWS)
    assert proc.returncode == 0, proc.stderr
    assert (db / "XAPIANDB").is_file()
    assert (db / "shard-0" / "iamglass").exists() and (db / "shard-1" / "iamglass").exists()
    stats = json.loads(run("stats", "--index", db, "--json").stdout)
    assert stats["documents"] == 18
    for query in QUERIES:
        assert scored(["--index", db], query) == scored(["--index", single], query)
    # Reindexing the same ids replaces them in their shards.
    assert run("index", "--index", db, "--quiet", NEWS).returncode == 0
    assert json.loads(run("stats", "--index", db, "--json").stdout)["documents"] == 18


def test_without_keep_shards_a_parallel_build_is_merged_into_one_database(tmp_path):
    db = tmp_path / "merged"
    assert run("index", "--index", db, "--threads", "2", "--quiet", NEWS).returncode == 0
    assert (db / "iamglass").exists() and not (db / "XAPIANDB").exists()


def test_a_stub_file_is_an_index(tmp_path, single):
    sharded = tmp_path / "sharded"
    assert run("index", "--index", sharded, "--threads", "2", "--keep-shards", "--quiet", NEWS).returncode == 0
    stub = tmp_path / "all.stub"
    stub.write_text("# written by hand\nauto sharded/shard-0\nauto sharded/shard-1\n")
    assert scored(["--index", stub], "كيري") == scored(["--index", single], "كيري")
    assert run("get", "--index", stub, "news-07").returncode == 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port):
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
        return True
    return False


class Server:
    """xapian-tcpsrv --writable on 127.0.0.1 and a free port, in its own process group."""

    def __init__(self, db):
        for _ in range(5):
            self.port = free_port()
            self.proc = subprocess.Popen(
                ["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(self.port), "--quiet",
                 "--writable", str(db)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.proc.poll() is None and not listening(self.port):
                time.sleep(0.02)
            if self.proc.poll() is None and listening(self.port):
                return
            self.stop()  # the port was taken meanwhile: try another
        pytest.fail("xapian-tcpsrv did not start (scripts/install-deps.sh installs xapian-tools)")

    def stop(self):
        """Kills the server and the connection processes it forked (same process group)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)


@pytest.fixture
def servers(tmp_path):
    if shutil.which("xapian-tcpsrv") is None:
        pytest.skip("xapian-tcpsrv is not on PATH (scripts/install-deps.sh installs xapian-tools)")
    started = []
    try:
        for name in ("a", "b"):
            empty = tmp_path / "empty.jsonl"
            empty.write_text("")
            assert run("index", "--index", tmp_path / name, "--quiet", empty).returncode == 0
            started.append(Server(tmp_path / name))
        yield started
    finally:
        for server in started:
            server.stop()


def test_index_into_remote_shards_and_search_them_as_one_index(servers, single):
    remote = ",".join(f"127.0.0.1:{s.port}" for s in servers)
    proc = run("index", "--remote", remote, "--quiet", NEWS)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(run("stats", "--remote", remote, "--json").stdout)["documents"] == 18
    for query in QUERIES:
        assert scored(["--remote", remote], query) == scored(["--index", single], query)
    each = [json.loads(run("stats", "--remote", f"127.0.0.1:{s.port}", "--json").stdout)["documents"]
            for s in servers]
    assert sum(each) == 18 and min(each) > 0

    servers[1].stop()
    start = time.monotonic()
    proc = run("search", "--remote", remote, "كيري", timeout=30)
    assert proc.returncode == 1
    assert f"127.0.0.1:{servers[1].port}" in proc.stderr
    assert "xapian-tcpsrv" in proc.stderr
    assert time.monotonic() - start < 10


def test_remote_usage_errors(single):
    assert run("search", "--remote", "nohostport", "كيري").returncode == 2
    assert run("search", "--remote", "127.0.0.1:1", "--index", single, "كيري").returncode == 2
