"""Bounds of a validation inside a web request: how much a file unpacks to, and a deadline.

``run_with_deadline`` forks, so a slow file can be stopped; it touches no database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def unpacked_size(path: Path) -> int:
    """The bytes a validation reads: the file's, or for a zip (XLSX, ODS) what it unpacks to."""
    import zipfile

    size = path.stat().st_size
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                return max(size, sum(i.file_size for i in archive.infolist()))
        except (zipfile.BadZipFile, OSError):
            return size
    return size


def run_with_deadline(work: Any, seconds: float) -> Any:
    """``work()`` in a forked child, its result back through a pipe; ``None`` past ``seconds``.

    The child is killed at the deadline, so a slow file stops costing the web
    process at once (a thread could not be stopped). It touches no database.
    """
    import os
    import pickle
    import select
    import signal
    import time

    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, write, leave without running any cleanup
        os.close(reader)
        try:
            try:
                payload = pickle.dumps(("ok", work()))
            except BaseException as e:
                payload = pickle.dumps(("error", f"{type(e).__name__}: {e}"))
            with os.fdopen(writer, "wb") as out:
                out.write(payload)
        finally:
            os._exit(0)
    os.close(writer)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                return None
            ready, _w, _x = select.select([reader], [], [], left)
            if not ready:
                continue
            chunk = os.read(reader, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(reader)
        os.waitpid(pid, 0)
    kind, value = pickle.loads(b"".join(chunks)) if chunks else ("error", "no result")
    if kind != "ok":
        raise RuntimeError(value)
    return value
