"""Fixtures shared by the whole suite.

Everything talks to the real services that `make test` starts: PostgreSQL,
Solr and Redis, and for page tests a real CKAN server and a headless Chromium.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The test-only plugins (``tests/plugins.py``) are registered by a small distribution of
# their own, found on sys.path only while the tests run: CKAN loads a plugin by its entry
# point (group ``ckan.test_plugins``), and the extension's wheel must not name a module it
# does not ship.
sys.path.append(str(Path(__file__).resolve().parent / "test_plugins_dist"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LIVE_PORT = int(os.environ.get("TEST_LIVE_PORT", "5055"))
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture
def clean_db(reset_db, migrate_db_for, with_plugins):
    """CKAN's clean database, plus this extension's migrations."""
    reset_db()
    migrate_db_for("activity")
    migrate_db_for("lutsk_charter")
    _reseed_required_datasets()


def _reseed_required_datasets() -> None:
    """Put back the rows the migration seeds: ``reset_db`` empties tables, not the migrations."""
    from ckan import model

    from ckanext.lutsk_charter.monitoring.required import seed_if_empty

    if seed_if_empty(model.Session):
        model.Session.commit()


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """A real CKAN server on test.ini, started once per session; yields its base URL.

    It shares the test database and Solr core with the tests, so what a test
    creates through the action API is what the browser sees.
    """
    url = f"http://127.0.0.1:{LIVE_PORT}"
    log_path = ROOT / ".data" / "logs" / "live-server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    ckan = Path(sys.executable).with_name("ckan")
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [
                str(ckan),
                "-c",
                str(ROOT / "test.ini"),
                "run",
                "-H",
                "127.0.0.1",
                "-p",
                str(LIVE_PORT),
                "-r",
                "-t",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/3/action/status_show", timeout=5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"CKAN test server did not start; see {log_path}") from None
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's headless Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, request) -> Iterator[object]:
    """A fresh browser tab; a screenshot is kept in test-artifacts/ for a person to look at."""
    context = browser.new_context(base_url=live_server, locale="uk-UA")
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture
def log_in(page):
    """Log a user in through the real login form: ``log_in(name, password)``."""

    def do_log_in(name: str, password: str, lang: str = "uk") -> None:
        page.goto(f"/{lang}/user/login")
        page.fill("#field-login", name)
        page.fill("#field-password", password)
        page.locator("form.form-horizontal, form#login-form, form").filter(
            has=page.locator("#field-password")
        ).locator("button[type=submit]").click()
        page.wait_for_load_state()

    return do_log_in


@pytest.fixture
def statements() -> Iterator[list[str]]:
    """Every SQL statement sent while the test runs, as sent (the save-cost tests count
    them)."""
    import sqlalchemy as sa
    from ckan import model

    seen: list[str] = []

    def listener(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append(statement)

    sa.event.listen(model.meta.engine, "before_cursor_execute", listener)
    yield seen
    sa.event.remove(model.meta.engine, "before_cursor_execute", listener)


# --- factories: CKAN's own, with what our schemas require ------------------------------

import itertools  # noqa: E402

import factory  # noqa: E402
from ckan.tests import factories  # noqa: E402
from pytest_factoryboy import register  # noqa: E402

from ckanext.lutsk_charter.identifiers import edrpou_check_digit  # noqa: E402

_edrpou_prefixes = itertools.count(2_000_001)


def valid_edrpou() -> str:
    """A fresh ЄДРПОУ code with a correct check digit (valid format, not a real body)."""
    prefix = f"{next(_edrpou_prefixes):07d}"
    return f"{prefix}{edrpou_check_digit(prefix)}"


class LutskOrganization(factories.Organization):
    """An organization that passes the Lutsk organization schema."""

    edrpou = factory.LazyFunction(valid_edrpou)
    body_kind = "executive_body"


class LutskDataset(factories.Dataset):
    """A dataset with every field the Lutsk dataset schema requires."""

    notes = "Перелік об'єктів комунальної власності Луцької міської територіальної громади."
    tag_string = "комунальна власність, майно"
    update_frequency = "once a month"
    purpose_of_collecting_information = "Облік майна громади (Закон «Про місцеве самоврядування»)."
    owner_org = factory.LazyFunction(lambda: LutskOrganization()["id"])


register(LutskOrganization, "organization")
register(LutskDataset, "dataset")


@pytest.fixture
def sysadmin_token() -> dict:
    """A sysadmin with an API token (``["token"]``); works on CKAN 2.11 and 2.12."""
    return factories.SysadminWithToken()


def site_context() -> dict:
    """An action context for the site user (a real user, so activities can be recorded)."""
    import ckan.plugins.toolkit as tk

    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"]}


# --- mail and background jobs, for real ---------------------------------------------------------


def smtp_server(offset: int = 0) -> str:
    """A loopback mail server's address of this test run (``make test`` sets
    ``TEST_SMTP_PORT``): ``offset`` apart for a module of its own."""
    return f"127.0.0.1:{int(os.environ.get('TEST_SMTP_PORT', '8025')) + offset}"


@pytest.fixture(autouse=True)
def _smtp_server_of_this_run(request, ckan_config, monkeypatch) -> None:
    """``smtp.server`` is this run's (test.ini's port is any run's), unless a test names its own."""
    if not any(
        m.args and m.args[0] == "smtp.server" for m in request.node.iter_markers("ckan_config")
    ):
        monkeypatch.setitem(ckan_config, "smtp.server", smtp_server())


@pytest.fixture
def smtp_inbox(ckan_config) -> Iterator[list]:
    """A real SMTP server on loopback (the port of ``smtp.server``); yields received messages."""
    import email
    from email import policy

    from aiosmtpd.controller import Controller

    received: list = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            message = email.message_from_bytes(envelope.content, policy=policy.default)
            received.append({"to": list(envelope.rcpt_tos), "message": message})
            return "250 OK"

    host, port = ckan_config["smtp.server"].split(":")
    controller = Controller(Handler(), hostname=host, port=int(port))
    controller.start()
    try:
        yield received
    finally:
        controller.stop()


@pytest.fixture
def run_jobs():
    """Run the queued jobs with CKAN's real RQ worker (burst mode) against Redis."""
    from ckan.lib import jobs

    for queue in ("default", "lutsk_charter"):
        jobs.get_queue(queue).empty()

    def run(*queues: str) -> None:
        jobs.Worker(list(queues or ("lutsk_charter",))).work(burst=True)

    return run


def upload(data: bytes, filename: str):
    """A real multipart file as CKAN receives it from a form or the API."""
    import io

    from werkzeug.datastructures import FileStorage

    return FileStorage(io.BytesIO(data), filename=filename, content_type="text/csv")


def add_csv(
    dataset: dict, days_ago: int | None = None, data: bytes = b"id,name\n1,Lutsk\n"
) -> dict:
    """Upload a CSV to ``dataset``; with ``days_ago``, its data last changed that long ago."""
    import datetime as dt

    from ckan.tests.helpers import call_action

    resource = call_action(
        "resource_create",
        context=site_context(),
        package_id=dataset["id"],
        url="data.csv",
        format="CSV",
        upload=upload(data, "data.csv"),
    )
    if days_ago is not None:
        stamp = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days_ago)
        call_action(
            "resource_patch",
            context=site_context(),
            id=resource["id"],
            last_modified=stamp.replace(tzinfo=None).isoformat(),
        )
    return resource


@pytest.fixture
def file_server(tmp_path) -> Iterator[tuple[str, Path]]:
    """A real HTTP server on loopback serving ``folder``; ``/slow`` stalls, ``/loop`` redirects."""
    import http.server
    import threading

    folder = tmp_path / "served"
    folder.mkdir()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder), **kwargs)

        def do_GET(self):
            if self.path.startswith("/slow"):
                time.sleep(5)
            if self.path.startswith("/loop"):
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.end_headers()
                return
            super().do_GET()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", folder
    finally:
        server.shutdown()
        server.server_close()
