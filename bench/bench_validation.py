"""Validation of generated 100 MB CSVs: our engine against the `frictionless validate` command.

Targets (issue 15), each side in its own child process (peak RSS read with wait4), in one run:

- a clean 100 MB file: ours at least 4x faster than `frictionless validate`, peak RSS <= 250 MB;
- a 100 MB file with 1 row in 10,000 ragged or mistyped: at least 3x faster, and the first
  100 errors identical (type, row, field, cell).

    .venv/bin/python bench/bench_validation.py [--mb 100]

The machine is shared: the load (`uptime`) is printed beside the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROW = "{n},Луцьк,вул. Лесі Українки {n},{price}.50,2025-{month:02d}-15,true\n"
RAGGED = "{n},Луцьк,вул. Лесі Українки {n},{price}.50,2025-{month:02d}-15\n"
MISTYPED = "{n},Луцьк,вул. Лесі Українки {n},близько {price},2025-{month:02d}-15,true\n"
HEADER = "id,city,address,price,date,active\n"
EVERY = 10_000

OURS = """
import json, sys
from pathlib import Path
from ckanext.lutsk_charter.validation.engine import validate_file
from ckanext.lutsk_charter.validation.inspect import Limits
outcome = validate_file(Path(sys.argv[1]), "csv", Limits(max_bytes=1 << 30))
meta = outcome.report["meta"]
errors = [[e["type"], e["rowNumber"], e["fieldName"], e["cell"]] for e in outcome.report["errors"]]
print(json.dumps({"status": outcome.status, "rows": meta.get("rows"),
                  "engine": meta.get("engine"), "errors": errors}))
"""


def make_csv(path: Path, megabytes: int, with_errors: bool) -> tuple[int, int]:
    rows = errors = 0
    target = megabytes * (1 << 20)
    with path.open("w", encoding="utf-8") as f:
        f.write(HEADER)
        written = len(HEADER.encode())
        while written < target:
            template = ROW
            if with_errors and rows % EVERY == EVERY // 2:
                template = RAGGED if (rows // EVERY) % 2 else MISTYPED
                errors += 1
            line = template.format(n=rows, price=rows % 997, month=rows % 12 + 1)
            f.write(line)
            written += len(line.encode())
            rows += 1
    return rows, errors


def run(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB of this child alone (wait4), and its output."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, text=True)
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if code not in (0, 1):
            raise SystemExit(f"{command[0]} failed: {err.read()[-2000:]}")
        return seconds, usage.ru_maxrss / 1024, out.read()


def cli_errors(output: str) -> tuple[bool, list[list]]:
    report = json.loads(output)
    task = report["tasks"][0]
    keys = ("type", "rowNumber", "fieldName", "cell")
    return report["valid"], [[e.get(k) for k in keys] for e in task["errors"]]


def load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def compare(name: str, path: Path, venv_bin: Path, target: float) -> bool:
    print(f"-- {name}: {path.stat().st_size / (1 << 20):.0f} MB; load: {load()}")
    cli_seconds, cli_peak, cli_out = run(
        [str(venv_bin / "frictionless"), "validate", "--trusted", "--json", str(path)]
    )
    ours_seconds, ours_peak, ours_out = run([sys.executable, "-c", OURS, str(path)])
    cli_valid, cli_list = cli_errors(cli_out)
    ours = json.loads(ours_out.strip().splitlines()[-1])
    ratio = cli_seconds / ours_seconds
    same_verdict = cli_valid == (ours["status"] == "success")
    first = min(100, max(len(cli_list), len(ours["errors"])))
    same_errors = cli_list[:first] == ours["errors"][:first]
    print(f"   frictionless validate (baseline): {cli_seconds:6.1f} s, peak {cli_peak:4.0f} MB")
    print(
        f"   lutsk_charter validation:         {ours_seconds:6.1f} s, peak {ours_peak:4.0f} MB "
        f"({ours['status']}, {ours['engine']} path, {len(ours['errors'])} errors shown)"
    )
    print(
        f"   {ratio:.1f}x faster (target >= {target:.0f}x); "
        f"peak {ours_peak:.0f} MB (target <= 250); "
        f"verdicts {'agree' if same_verdict else 'DIFFER'}; first {first} errors "
        f"{'identical' if same_errors else 'DIFFER'}"
    )
    if not same_errors:
        for a, b in zip(cli_list[:first], ours["errors"][:first], strict=False):
            if a != b:
                print(f"   first difference: frictionless {a} / ours {b}")
                break
    return ratio >= target and ours_peak <= 250 and same_verdict and same_errors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=100)
    args = parser.parse_args()
    venv_bin = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as folder:
        clean = Path(folder) / "clean.csv"
        rows, _ = make_csv(clean, args.mb, with_errors=False)
        print(f"clean file: {rows} rows")
        ok = compare("clean", clean, venv_bin, 4.0)
        clean.unlink()
        faulty = Path(folder) / "errors.csv"
        rows, errors = make_csv(faulty, args.mb, with_errors=True)
        print(f"file with errors: {rows} rows, {errors} faulty (1 in {EVERY}: ragged or mistyped)")
        ok = compare("1 error in 10,000 rows", faulty, venv_bin, 3.0) and ok
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
