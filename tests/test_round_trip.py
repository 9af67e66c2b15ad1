"""``ckanapi dump`` → ``ckanapi load`` into a second portal with the extension, for real.

The source is the test portal (the demo data, served by the live server so
``--upload-resources`` can fetch its files); the target is a second CKAN
configuration on its own database (``ckan_test_target`` on the same PostgreSQL),
its own site id (so its own documents in the shared Solr core), Redis database and
storage. Both are driven by the ``ckanapi`` and ``ckan`` command-line tools.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from ckanext.lutsk_charter.demo import BODIES, DATASETS, load
from tests.conftest import ROOT

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)

BIN = Path(sys.executable).parent
TARGET_DB = "ckan_test_target"


def _path() -> str:
    # ckanapi -c runs `ckan api`, found on PATH: this venv's.
    return f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"


def _source_env() -> dict[str, str]:
    return {**os.environ, "PATH": _path()}


def _target_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CKAN_")}
    pg_port = os.environ.get("PG_PORT", "54329")
    redis_port = os.environ.get("REDIS_PORT", "63799")
    env.update(
        PATH=_path(),
        CKAN_SQLALCHEMY_URL=f"postgresql://ckan:ckan@127.0.0.1:{pg_port}/{TARGET_DB}",
        CKAN_SOLR_URL=os.environ.get("CKAN_SOLR_URL", "http://127.0.0.1:8989/solr/ckan"),
        CKAN_REDIS_URL=f"redis://127.0.0.1:{redis_port}/3",
        CKAN_STORAGE_PATH=str(tmp_path / "target-storage"),
        CKAN_SITE_URL="http://127.0.0.1:5199",
        CKAN_SITE_ID="lutsk-charter-target",
    )
    return env


def _run(args: list[str], env: dict[str, str], ok: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=900)
    if ok:
        assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def _target(tmp_path: Path) -> tuple[str, dict[str, str]]:
    env = _target_env(tmp_path)
    _run([str(ROOT / "dev" / "services.sh"), "pg-db", TARGET_DB, "ckan", "ckan"], os.environ.copy())
    ini = str(ROOT / "test.ini")
    ckan = str(BIN / "ckan")
    _run([ckan, "-c", ini, "db", "clean", "--yes"], env)
    _run([ckan, "-c", ini, "db", "init"], env)
    _run([ckan, "-c", ini, "db", "upgrade", "-p", "lutsk_charter"], env)
    _run([ckan, "-c", ini, "search-index", "clear"], env)
    return ini, env


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _write(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))


def test_dump_and_load_into_a_second_portal_keeps_everything(tmp_path, live_server, run_jobs):
    load(echo=lambda line: None)
    run_jobs()  # the source's own validation results
    ini = str(ROOT / "test.ini")
    ckanapi = str(BIN / "ckanapi")
    source = _source_env()
    for thing in ("users", "organizations", "datasets"):
        args = [ckanapi, "dump", thing, "--all", "-c", ini, "-O", str(tmp_path / f"{thing}.jsonl")]
        if thing == "datasets":
            args.append("--include-private")
        _run(args, source)
    bodies = _lines(tmp_path / "organizations.jsonl")
    datasets = _lines(tmp_path / "datasets.jsonl")
    assert len(bodies) == len(BODIES)
    assert len(datasets) == len(DATASETS)
    sent_statuses = {
        r["id"]: r.get("validation_status")
        for d in datasets
        for r in d["resources"]
        if r.get("validation_status")
    }
    assert "success" in sent_statuses.values()
    # Children before parents, datasets in any order.
    by_name = {b["name"]: b for b in bodies}
    children_first = sorted(bodies, key=lambda b: 0 if b.get("parent_body") else 1)
    assert children_first[0].get("parent_body")
    assert by_name  # every body has a name
    _write(tmp_path / "organizations.jsonl", children_first)
    random.Random(835).shuffle(datasets)
    _write(tmp_path / "datasets.jsonl", datasets)

    target_ini, target = _target(tmp_path)
    for thing in ("users", "organizations", "datasets"):
        args = [ckanapi, "load", thing, "-c", target_ini, "-I", str(tmp_path / f"{thing}.jsonl")]
        if thing == "datasets":
            args.append("--upload-resources")
        done = _run(args, target)
        assert "Error" not in done.stdout + done.stderr, (done.stdout[-3000:], done.stderr[-3000:])

    again = tmp_path / "again"
    again.mkdir()
    for thing in ("organizations", "datasets"):
        args = [ckanapi, "dump", thing, "--all", "-c", target_ini, "-O", str(again / thing)]
        if thing == "datasets":
            args.append("--include-private")
        _run(args, target)
    loaded_bodies = {b["name"]: b for b in _lines(again / "organizations")}
    assert set(loaded_bodies) == set(by_name)
    for name, body in by_name.items():
        assert loaded_bodies[name].get("parent_body") == body.get("parent_body"), name
        assert loaded_bodies[name]["edrpou"] == body["edrpou"]
    loaded = {d["name"]: d for d in _lines(again / "datasets")}
    assert set(loaded) == {d.name for d in DATASETS}
    statuses = {r["id"]: r for d in loaded.values() for r in d["resources"]}
    for resource_id, status in sent_statuses.items():
        # Not the target's own result: kept as imported, with the value it came with.
        assert statuses[resource_id]["validation_status"] == "imported", resource_id
        assert statuses[resource_id]["validation_status_imported"] == status

    # The target's own worker validates them again.
    _run(
        [str(BIN / "ckan"), "-c", target_ini, "jobs", "worker", "--burst", "lutsk_charter"], target
    )
    final = again / "final"
    _run(
        [
            ckanapi,
            "dump",
            "datasets",
            "--all",
            "--include-private",
            "-c",
            target_ini,
            "-O",
            str(final),
        ],
        target,
    )
    after = {r["id"]: r for d in _lines(final) for r in d["resources"]}
    for resource_id, status in sent_statuses.items():
        assert after[resource_id]["validation_status"] == status, (resource_id, after[resource_id])
        assert "validation_status_imported" not in after[resource_id]
