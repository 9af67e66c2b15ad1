"""``ckanapi dump`` → ``ckanapi load`` into a second portal with the extension (issue 13, item 5).

Two real portals on loopback, each with its own PostgreSQL database, CKAN's and
our migrations: the source is the test database behind ``live_server``; the
target is the database ``ckan_target`` (``make test`` creates it) behind a second
``ckan run`` with its own site id (its own documents in the shared Solr core),
Redis database and storage. The real ``ckanapi`` command dumps the source's
bodies and datasets, private and draft ones included, and loads them into the
target in the dump's order, in one pass: a body that names a parent later in
the dump, statuses that arrive with a dataset ("imported" on the target until
its own worker has validated the data again).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import ckan.plugins.toolkit as tk
import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import LIVE_PORT, LutskOrganization, site_context
from tests.validation.corpus import ROWS, _csv

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TARGET_PORT = LIVE_PORT + 2
TARGET_SITE_ID = "lutsk-charter-roundtrip-target"


def _run(*command: str, env: dict | None = None, timeout: int = 300) -> str:
    """Run a command to the end; its output, or a failure that shows it."""
    done = subprocess.run(
        command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, (
        f"{command[:3]} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    )
    return done.stdout


@pytest.fixture(scope="module")
def target(tmp_path_factory) -> Iterator[dict]:
    """The second portal: a fresh database with CKAN + our migrations, served on loopback."""
    folder = tmp_path_factory.mktemp("target")
    source_url = sa.engine.make_url(tk.config["sqlalchemy.url"])
    database_url = source_url.set(database="ckan_target")
    engine = sa.create_engine(database_url)
    with engine.begin() as connection:  # a clean database each run
        connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    redis = tk.config["ckan.redis.url"].rsplit("/", 1)[0] + "/5"
    env = {
        **os.environ,
        "CKAN_SQLALCHEMY_URL": database_url.render_as_string(hide_password=False),
        "CKAN_SITE_ID": TARGET_SITE_ID,
        "CKAN_SITE_URL": f"http://127.0.0.1:{TARGET_PORT}",
        "CKAN_REDIS_URL": redis,
        "CKAN_STORAGE_PATH": str(folder / "storage"),
    }
    # test.ini, and the target may fetch the test's files on loopback. A copy, not
    # ``use = config:``: CKAN 2.11 reads the logging sections from the file itself.
    ini = folder / "target.ini"
    ini.write_text(
        (ROOT / "test.ini")
        .read_text(encoding="utf-8")
        .replace("%(here)s", str(ROOT))
        .replace(
            "[app:main]\n",
            "[app:main]\nckanext.lutsk_charter.validation.allow_private_urls = true\n",
            1,
        ),
        encoding="utf-8",
    )
    ckan = str(BIN / "ckan")
    _run(ckan, "-c", str(ini), "db", "init", env=env)
    _run(ckan, "-c", str(ini), "db", "upgrade", "-p", "lutsk_charter", env=env)
    _run(ckan, "-c", str(ini), "search-index", "clear", env=env)
    _run(
        ckan, "-c", str(ini), "user", "add", "importer",
        "email=importer@lutskrada.gov.ua", "password=Importer-pass-2026", env=env,
    )  # fmt: skip
    _run(ckan, "-c", str(ini), "sysadmin", "add", "importer", env=env)
    token = _run(ckan, "-c", str(ini), "user", "token", "add", "importer", "roundtrip", env=env)
    token = token.strip().splitlines()[-1].strip()
    url = f"http://127.0.0.1:{TARGET_PORT}"
    log = (ROOT / ".data" / "logs" / "roundtrip-target.log").open("ab")
    server = subprocess.Popen(
        [ckan, "-c", str(ini), "run", "-H", "127.0.0.1", "-p", str(TARGET_PORT), "-r", "-t"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/3/action/status_show", timeout=5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "the target portal did not start; see .data/logs/roundtrip-target.log"
                    ) from None
                time.sleep(0.5)
        yield {"url": url, "token": token, "env": env, "ini": str(ini)}
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _api(portal: str, token: str, action: str, **data) -> dict:
    """One call of the real action API over HTTP, as a client makes it."""
    request = urllib.request.Request(
        f"{portal}/api/3/action/{action}",
        data=json.dumps(data).encode(),
        headers={"Authorization": token, "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["result"]


def _ckanapi(*arguments: str) -> str:
    """The real ckanapi command (its worker processes find ``ckanapi`` on the PATH)."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return _run(str(BIN / "ckanapi"), *arguments, env=env)


def _loaded(log: Path) -> list[list]:
    """ckanapi load's log: ``[time, record number, action, error, detail]`` per record."""
    return [json.loads(line) for line in log.read_text().splitlines()]


@pytest.fixture
def source(clean_db, clean_index, file_server, run_jobs, live_server) -> dict:
    """The source portal: bodies (a child before its parent), public, private and draft datasets."""
    base, folder = file_server
    (folder / "good.csv").write_bytes(_csv(ROWS))
    (folder / "bad.csv").write_bytes(b"id,name\n1,a,extra\n\n3,c\n")
    sysadmin = factories.SysadminWithToken()
    parent = LutskOrganization(name="zhytlove-hospodarstvo", title="Я — Департамент житла")
    # Named and titled so the dump lists it before its parent.
    child = LutskOrganization(
        name="a-kp-budynky", title="А — КП «Будинки»", parent_body=parent["id"]
    )
    other = LutskOrganization(name="kultura", title="Управління культури")

    def dataset(name: str, body: dict, url: str, **extra) -> dict:
        return call_action(
            "package_create",
            context=site_context(),
            name=name,
            title=f"Набір {name}",
            notes="Дані Луцької міської територіальної громади для перевірки перенесення.",
            tag_string="житло",
            update_frequency="once a month",
            purpose_of_collecting_information="Облік житлового фонду громади.",
            owner_org=body["id"],
            resources=[{"name": f"{name}.csv", "url": url, "format": "CSV"}],
            **extra,
        )

    datasets = [
        dataset("budynky", child, f"{base}/good.csv"),
        dataset("remonty", parent, f"{base}/bad.csv"),
        dataset("kvartyry-sluzhbovi", parent, f"{base}/good.csv", private=True),
        dataset("muzei", other, f"{base}/good.csv", private=True),
        dataset("chernetka", other, f"{base}/good.csv", state="draft"),
    ]
    run_jobs("lutsk_charter")  # the source's own validation results
    return {
        "token": sysadmin["token"],
        "bodies": [parent, child, other],
        "datasets": datasets,
        "url": live_server,
    }


@pytest.mark.usefixtures("with_plugins")
@pytest.mark.ckan_config("ckanext.lutsk_charter.validation.allow_private_urls", "true")
def test_dump_and_load_carry_every_body_and_dataset_in_one_pass(source, target, tmp_path):
    bodies, datasets = tmp_path / "organizations.jsonl", tmp_path / "datasets.jsonl"
    src = ["-r", source["url"], "-a", source["token"]]
    _ckanapi("dump", "organizations", "--all", "-O", str(bodies), *src)
    _ckanapi(
        "dump", "datasets", "--all", "--include-private", "--include-drafts",
        "-O", str(datasets), *src,
    )  # fmt: skip

    # The dump holds every record, private and draft ones included (CKAN's own
    # package_list ignores include_private / include_drafts: 2 of these 5 only).
    dumped_bodies = [json.loads(line) for line in bodies.read_text().splitlines()]
    dumped = [json.loads(line) for line in datasets.read_text().splitlines()]
    stored = model.Session.scalars(
        sa.select(model.Package.id).where(model.Package.state.in_(["active", "draft"]))
    ).all()
    assert sorted(d["id"] for d in dumped) == sorted(stored)
    assert {d["name"] for d in dumped} == {d["name"] for d in source["datasets"]}
    order = [b["name"] for b in dumped_bodies]
    assert order.index("a-kp-budynky") < order.index("zhytlove-hospodarstvo")  # parent later
    statuses = {r["id"]: r["validation_status"] for d in dumped for r in d["resources"]}
    assert sorted(set(statuses.values())) == ["failure", "success"]  # the source's own results

    tgt = ["-r", target["url"], "-a", target["token"]]
    for kind, path in (("organizations", bodies), ("datasets", datasets)):
        log = tmp_path / f"load-{kind}.log"
        _ckanapi("load", kind, "-I", str(path), "--log", str(log), *tgt)
        report = _loaded(log)
        assert len(report) == len(path.read_text().splitlines())
        assert [line for line in report if line[3]] == [], f"{kind} refused on the first pass"
        assert {line[2] for line in report} == {"create"}

    for body in source["bodies"]:
        loaded = _api(target["url"], target["token"], "organization_show", id=body["id"])
        assert (loaded["name"], loaded.get("parent_body") or "") == (
            body["name"], body.get("parent_body") or ""
        )  # fmt: skip
    child = _api(target["url"], target["token"], "organization_show", id="a-kp-budynky")
    parent = _api(target["url"], target["token"], "organization_show", id=child["parent_body"])
    assert parent["name"] == "zhytlove-hospodarstvo"

    for original in dumped:
        copy = _api(target["url"], target["token"], "package_show", id=original["id"])
        assert (copy["name"], copy["state"], copy["private"], copy["owner_org"]) == (
            original["name"], original["state"], original["private"], original["owner_org"]
        )  # fmt: skip
        for resource in copy["resources"]:
            # Kept as it came, but not shown as the target's own result.
            assert resource["validation_status"] == "imported"
            assert resource["validation_status_imported"] == statuses[resource["id"]]

    # The target's own worker validates them again: its results replace the imported ones.
    _run(
        str(BIN / "ckan"), "-c", target["ini"], "jobs", "worker", "--burst", "lutsk_charter",
        env=target["env"],
    )  # fmt: skip
    for original in dumped:
        copy = _api(target["url"], target["token"], "package_show", id=original["id"])
        for resource in copy["resources"]:
            assert resource["validation_status"] == statuses[resource["id"]]
            assert "validation_status_imported" not in resource
