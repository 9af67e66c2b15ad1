"""Download a linked resource into a temporary file, within bounds.

Bounded in time (per connection and overall), size and redirects, and it will
not talk to private or loopback addresses unless told to (tests serve their
files on loopback), so a resource URL cannot be used to probe the city's network.
Each hop connects to the address that was checked (``pinned``), so a DNS answer
that changes between the check and the connection cannot reach such an address.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import requests

from . import pinned
from .findings import Finding, ValidationStop


@dataclass(frozen=True)
class FetchLimits:
    max_bytes: int
    timeout: float = 10.0
    total_seconds: float = 60.0
    max_redirects: int = 5
    allow_private: bool = False


def fetch(url: str, limits: FetchLimits, folder: Path) -> Path:
    """Return the path of the downloaded file; raise ``ValidationStop`` (status ``error``)."""
    deadline = time.monotonic() + limits.total_seconds
    session = pinned.session("ckanext-lutsk_charter data validation")
    for _hop in range(limits.max_redirects + 1):
        pinned.pin(session, url, limits.allow_private)
        try:
            response = session.get(
                url, stream=True, allow_redirects=False, timeout=(limits.timeout, limits.timeout)
            )
        except requests.Timeout:
            raise ValidationStop("error", Finding("download-timeout", args={"url": url})) from None
        except requests.RequestException as e:
            raise ValidationStop(
                "error", Finding("download-failed", args={"url": url, "detail": type(e).__name__})
            ) from None
        if response.is_redirect:
            url = urljoin(url, response.headers.get("Location", ""))
            response.close()
            continue
        if response.status_code >= 400:
            response.close()
            raise ValidationStop(
                "error",
                Finding(
                    "download-failed", args={"url": url, "detail": f"HTTP {response.status_code}"}
                ),
            )
        return _save(response, url, limits, folder, deadline)
    raise ValidationStop(
        "error", Finding("too-many-redirects", args={"url": url, "limit": limits.max_redirects})
    )


def _save(
    response: requests.Response, url: str, limits: FetchLimits, folder: Path, deadline: float
) -> Path:
    declared = int(response.headers.get("Content-Length") or 0)
    if declared > limits.max_bytes:
        response.close()
        raise _too_big(declared, limits)
    size = 0
    with (
        tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".download") as handle,
        response,
    ):
        for chunk in response.iter_content(chunk_size=1 << 16):
            size += len(chunk)
            if size > limits.max_bytes:
                raise _too_big(size, limits)
            if time.monotonic() > deadline:
                raise ValidationStop("error", Finding("download-timeout", args={"url": url}))
            handle.write(chunk)
    return Path(handle.name)


def _too_big(size: int, limits: FetchLimits) -> ValidationStop:
    return ValidationStop(
        "error",
        Finding(
            "too-big",
            args={
                "size_mb": round(size / (1 << 20), 1),
                "limit_mb": round(limits.max_bytes / (1 << 20), 1),
            },
        ),
    )


def check_address(url: str, allow_private: bool) -> str:
    """Refuse what is not http(s), and private or loopback hosts unless allowed.

    Returns the checked address: connect to it (``pinned.pin``), not to the name.
    """
    return pinned.checked_address(url, allow_private)
