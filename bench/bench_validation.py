"""Validation of a generated 100 MB CSV: our engine against the `frictionless validate` CLI.

Targets (issue 5): peak memory of our validation at most 250 MB, and its time at
most 1.2 x that of `frictionless validate` on the same file, in the same run.
Each side runs in its own child process so its peak RSS is its own.

    .venv/bin/python bench/bench_validation.py [--mb 100]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROW = "{n},Луцьк,вул. Лесі Українки {n},{price}.50,2025-{month:02d}-15,true\n"
HEADER = "id,city,address,price,date,active\n"

OURS = """
import sys
from pathlib import Path
from ckanext.lutsk_charter.validation.engine import validate_file
from ckanext.lutsk_charter.validation.inspect import Limits
outcome = validate_file(Path(sys.argv[1]), "csv", Limits(max_bytes=1 << 30))
print(outcome.status, outcome.report["meta"].get("rows"))
"""


def make_csv(path: Path, megabytes: int) -> int:
    rows = 0
    target = megabytes * (1 << 20)
    with path.open("w", encoding="utf-8") as f:
        f.write(HEADER)
        written = len(HEADER.encode())
        while written < target:
            line = ROW.format(n=rows, price=rows % 997, month=rows % 12 + 1)
            f.write(line)
            written += len(line.encode())
            rows += 1
    return rows


def run(command: list[str]) -> tuple[float, float, list[str]]:
    """Wall seconds, peak RSS in MB of this child alone (wait4), and its last output line."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, text=True)
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode not in (0, 1):
            raise SystemExit(f"{command[0]} failed: {err.read()[-2000:]}")
        return seconds, usage.ru_maxrss / 1024, out.read().strip().splitlines()[-1:]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=100)
    args = parser.parse_args()
    venv_bin = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.csv"
        rows = make_csv(path, args.mb)
        size = path.stat().st_size / (1 << 20)
        print(f"file: {size:.0f} MB, {rows} rows")
        cli_seconds, cli_peak, _cli_out = run(
            [str(venv_bin / "frictionless"), "validate", "--trusted", str(path)]
        )
        ours_seconds, ours_peak, ours_out = run([sys.executable, "-c", OURS, str(path)])
    ratio = ours_seconds / cli_seconds
    print(f"frictionless validate (baseline): {cli_seconds:.1f} s, peak {cli_peak:.0f} MB")
    print(
        f"lutsk_charter validation:         {ours_seconds:.1f} s, peak {ours_peak:.0f} MB "
        f"({ours_out[0] if ours_out else ''})"
    )
    print(
        f"time ratio: {ratio:.2f} (target <= 1.20); peak memory {ours_peak:.0f} MB "
        f"(target <= 250 MB)"
    )
    ok = ratio <= 1.2 and ours_peak <= 250
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
