"""Whether a resource's link answers: a bounded HTTP check (no database).

A HEAD request, or a GET that reads at most ``max_bytes`` when a server refuses
HEAD; bounded in time and redirects; private and loopback addresses are not
contacted unless allowed (so a link cannot probe the city's network), and each
hop connects to the address that was checked (no DNS rebinding). 2xx and
3xx answers are reachable, as in MQA and ckanext-archiver.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin

import requests

from ckanext.lutsk_charter.validation import pinned
from ckanext.lutsk_charter.validation.findings import ValidationStop

USER_AGENT = "ckanext-lutsk_charter link check"


@dataclass(frozen=True)
class LinkLimits:
    timeout: float = 10.0
    total_seconds: float = 30.0
    max_redirects: int = 5
    max_bytes: int = 65536
    allow_private: bool = False


@dataclass(frozen=True)
class LinkResult:
    #: ok, broken, or skipped (not contacted: a private address)
    status: str
    http_status: int | None = None
    #: Why it is broken or skipped: ``HTTP 404``, ``timeout``, ``connection``...
    reason: str | None = None


def check_link(url: str, limits: LinkLimits) -> LinkResult:
    deadline = time.monotonic() + limits.total_seconds
    with pinned.session(USER_AGENT) as session:
        for _hop in range(limits.max_redirects + 1):
            try:
                pinned.pin(session, url, limits.allow_private)
            except ValidationStop as stop:
                if stop.finding.code == "private-address":
                    return LinkResult("skipped", reason="private address")
                return LinkResult("broken", reason=str(stop.finding.args.get("detail", "")))
            remaining = max(0.1, deadline - time.monotonic())
            timeout = (min(limits.timeout, remaining), min(limits.timeout, remaining))
            try:
                response = session.head(url, allow_redirects=False, timeout=timeout)
                if response.status_code in (405, 501) or response.status_code == 403:
                    # Some servers refuse HEAD; ask for the start of the body instead.
                    response = session.get(url, allow_redirects=False, timeout=timeout, stream=True)
                    _read_some(response, limits.max_bytes)
            except requests.Timeout:
                return LinkResult("broken", reason="timeout")
            except requests.RequestException:
                return LinkResult("broken", reason="connection")
            if response.is_redirect:
                url = urljoin(url, response.headers.get("Location", ""))
                continue
            if response.status_code >= 400:
                return LinkResult("broken", response.status_code, f"HTTP {response.status_code}")
            return LinkResult("ok", response.status_code)
    return LinkResult("broken", reason="too many redirects")


def _read_some(response: requests.Response, max_bytes: int) -> None:
    with response:
        read = 0
        for chunk in response.iter_content(chunk_size=8192):
            read += len(chunk)
            if read >= max_bytes:
                break
