"""Sharded and remote indexes from Python: Index.open_sharded over local directories and over
databases served by xapian-tcpsrv (started here, on 127.0.0.1 and a free port, and always stopped),
their timeouts, and RemoteError."""

from __future__ import annotations

import os
import pathlib
import shutil
import signal
import socket
import subprocess
import time
from typing import Iterator, List

import pytest

import fahras

TCPSRV = shutil.which("xapian-tcpsrv")
needs_tcpsrv = pytest.mark.skipif(TCPSRV is None, reason="xapian-tcpsrv not installed (Debian package xapian-tools)")

NEWS = [
    fahras.Article(id=f"n{i}", title=title, body=body, source="aawsat")
    for i, (title, body) in enumerate([
        ("لافروف في موسكو", "قال لافروف إن المحادثات بناءة"),
        ("كيري في جنيف", "اجتمع كيري ولافروف في جنيف"),
        ("البغدادي", "خطاب للبغدادي"),
        ("بغداد", "انفجار في بغداد"),
        ("كيري وظريف", "التقى كيري بظريف"),
    ])
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TcpServer:
    r"""xapian-tcpsrv serving one database, in a process group of its own that stop() kills."""

    def __init__(self, db: pathlib.Path, writable: bool) -> None:
        for _ in range(5):
            self.port = free_port()
            args = [TCPSRV, "--interface", "127.0.0.1", "--port", str(self.port), "--quiet"]
            args += ["--writable", str(db)] if writable else [str(db)]
            self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                            start_new_session=True)
            if self._wait_until_listening():
                return
            self.stop()
        raise RuntimeError("xapian-tcpsrv did not start")

    def _wait_until_listening(self) -> bool:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return True
            except OSError:
                time.sleep(0.05)
        return False

    def location(self) -> fahras.ShardLocation:
        return fahras.ShardLocation.remote("127.0.0.1", self.port)

    def pause(self) -> None:
        os.killpg(self.process.pid, signal.SIGSTOP)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


def build_shards(tmp_path: pathlib.Path, n: int, compact_positions: bool = True) -> List[pathlib.Path]:
    r"""A sharded index of NEWS in n local shards, and the shard directories; to be served by
    xapian-tcpsrv, its positions must be in Xapian's table (compact_positions=False)."""
    paths = [tmp_path / f"shard-{i}" for i in range(n)]
    with fahras.Index.open_sharded(paths, "create_or_open", compact_positions=compact_positions) as index:
        index.add_many(NEWS)
    return paths


@pytest.fixture
def servers(tmp_path: pathlib.Path) -> Iterator[List[TcpServer]]:
    started: List[TcpServer] = []
    yield started
    for server in started:
        server.stop()


def test_local_shards_search_as_one_index(tmp_path: pathlib.Path) -> None:
    paths = build_shards(tmp_path, 3)
    single = fahras.Index.in_memory()
    single.add_many(NEWS)
    with fahras.Index.open_sharded(paths) as index:
        assert not index.writable and len(index) == len(NEWS)
        assert index.shards == [fahras.ShardLocation.local(str(p)) for p in paths]
        assert {h.id for h in index.search("كيري")} == {h.id for h in single.search("كيري")} == {"n1", "n4"}
        assert index.get("n3") == single.get("n3")


def test_a_new_index_made_of_shards(tmp_path: pathlib.Path) -> None:
    with fahras.Index(tmp_path / "idx", shards=2) as index:
        index.add_many(NEWS)
    with fahras.Index(tmp_path / "idx", writable=False) as index:
        assert len(index.shards) == 2 and len(index) == len(NEWS)


@needs_tcpsrv
def test_remote_shards_read_and_written(tmp_path: pathlib.Path, servers: List[TcpServer]) -> None:
    paths = build_shards(tmp_path, 2, compact_positions=False)
    servers.extend(TcpServer(p, writable=True) for p in paths)
    remote = [s.location() for s in servers]
    with fahras.Index.open_sharded(remote, "create_or_open") as index:
        assert len(index) == len(NEWS)
        index.add("n9", "لافروف", "لافروف مجددا")
    with fahras.Index.open_sharded(remote) as index:
        assert {h.id for h in index.search("لافروف")} == {"n0", "n1", "n9"}
        assert index.shards[0].is_remote and index.shards[0].describe() == f"127.0.0.1:{servers[0].port}"
    with pytest.raises(fahras.InvalidArgumentError, match="remote"):
        fahras.Index.open_sharded(remote, "overwrite")


@needs_tcpsrv
def test_a_remote_shard_that_does_not_answer_is_a_remote_error_in_time(
        tmp_path: pathlib.Path, servers: List[TcpServer]) -> None:
    paths = build_shards(tmp_path, 1, compact_positions=False)
    servers.append(TcpServer(paths[0], writable=False))
    index = fahras.Index.open_sharded([servers[0].location()], remote_timeout_ms=500)
    servers[0].pause()
    start = time.monotonic()
    with pytest.raises(fahras.RemoteError, match=f"127.0.0.1:{servers[0].port}"):
        index.search("كيري")
    assert time.monotonic() - start < 10
    assert isinstance(fahras.RemoteError("x"), OSError)


def test_an_unreachable_remote_shard_is_a_remote_error() -> None:
    with pytest.raises(fahras.RemoteError):
        fahras.Index.open_sharded([fahras.ShardLocation.parse_remote(f"127.0.0.1:{free_port()}")],
                                  remote_connect_timeout_ms=500)
    with pytest.raises(fahras.InvalidArgumentError):
        fahras.ShardLocation.parse_remote("no port")
    with pytest.raises(fahras.InvalidArgumentError, match="no shards"):
        fahras.Index.open_sharded([])
