"""Connect to the address that was checked, never to a second DNS answer.

Checking a host's address and then letting ``requests`` resolve it again leaves
a gap: a DNS answer that changes in between (DNS rebinding) reaches a private or
loopback address that the check refused. Here a host is resolved **once**
(:func:`resolve`), every address is checked, and the connection goes to the
first checked address through :class:`PinnedAdapter`: the request keeps the
name in its ``Host`` header and, for https, in SNI and the certificate check
(urllib3's ``server_hostname`` and ``assert_hostname``). Each redirect is a new
hop: resolved, checked and pinned anew by :func:`pin`.

The sessions made by :func:`session` connect directly: no ``HTTP(S)_PROXY`` (a
proxy would resolve the name itself) and no ``.netrc``; a portal's own CA bundle
is still honoured through ``REQUESTS_CA_BUNDLE`` or ``CURL_CA_BUNDLE``.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from typing import Any
from urllib.parse import urlparse

import requests
from requests.adapters import HTTPAdapter

from .findings import Finding, ValidationStop


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's order (one DNS look-up)."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def checked_address(url: str, allow_private: bool) -> str:
    """Resolve the URL's host once and return the address to connect to.

    Refuses (``ValidationStop``, status ``error``) what is not http(s), an
    unknown host, and — unless ``allow_private`` — a host any of whose addresses
    is private, loopback, link-local or otherwise not global.
    """
    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationStop(
            "error", Finding("download-failed", args={"url": url, "detail": "not an http(s) URL"})
        )
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = resolve(parts.hostname, port)
    except (OSError, ValueError):
        raise ValidationStop(
            "error", Finding("download-failed", args={"url": url, "detail": "unknown host"})
        ) from None
    if not addresses:
        raise ValidationStop(
            "error", Finding("download-failed", args={"url": url, "detail": "unknown host"})
        )
    if not allow_private:
        for address in addresses:
            if not ipaddress.ip_address(address.split("%", 1)[0]).is_global:
                raise ValidationStop("error", Finding("private-address", args={"url": url}))
    return addresses[0]


class PinnedAdapter(HTTPAdapter):
    """Sends requests for ``host`` to ``address``; refuses any other host."""

    def __init__(self, host: str, address: str) -> None:
        self.pinned_host = host.lower()
        self.pinned_address = address
        super().__init__(max_retries=0)

    def build_connection_pool_key_attributes(
        self, request: requests.PreparedRequest, verify: Any, cert: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        if (host_params.get("host") or "").lower().strip("[]") != self.pinned_host.strip("[]"):
            raise requests.ConnectionError(f"{host_params.get('host')} is not the checked host")
        host_params["host"] = self.pinned_address
        if host_params.get("scheme") == "https":
            pool_kwargs["server_hostname"] = self.pinned_host
            pool_kwargs["assert_hostname"] = self.pinned_host
        return host_params, pool_kwargs

    def add_headers(self, request: requests.PreparedRequest, **kwargs: Any) -> None:
        request.headers["Host"] = urlparse(request.url or "").netloc.rsplit("@", 1)[-1]


def session(user_agent: str) -> requests.Session:
    """A session that connects directly, only through :func:`pin`'s adapters."""
    new = requests.Session()
    new.trust_env = False
    new.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
    new.headers["User-Agent"] = user_agent
    for prefix in ("http://", "https://"):
        new.mount(prefix, _Refuse())
    return new


def pin(http: requests.Session, url: str, allow_private: bool) -> str:
    """Check ``url``'s host and make ``http`` connect to the checked address; return it."""
    address = checked_address(url, allow_private)
    parts = urlparse(url)
    http.mount(f"{parts.scheme}://", PinnedAdapter(parts.hostname or "", address))
    return address


class _Refuse(HTTPAdapter):
    """Before :func:`pin`: nothing is sent."""

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        raise requests.ConnectionError("no checked address for this request")
