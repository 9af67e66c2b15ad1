"""One streaming pass over the raw file: size, hash, line lengths, and the sniffing
of encoding and delimiter from its start. Memory stays bounded whatever the file."""

from __future__ import annotations

import csv
import hashlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from .findings import Finding, ValidationStop

CHUNK = 1 << 20
SAMPLE = 64 * 1024
TEXT_FORMATS = frozenset({"csv", "tsv", "json"})
ZIP_FORMATS = frozenset({"xlsx", "ods"})
#: Encodings Lutsk publishers really use; detection chooses among them only.
ENCODINGS = ("utf_8", "cp1251", "koi8_u")
_PYTHON_TO_FRICTIONLESS = {"utf_8": "utf-8", "cp1251": "windows-1251", "koi8_u": "koi8-u"}


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_line_bytes: int = 8 * CHUNK
    max_unzipped_bytes: int = 500 * CHUNK
    max_zip_ratio: int = 200


@dataclass
class Inspection:
    size: int
    sha256: str
    encoding: str | None = None
    delimiter: str | None = None
    findings: list[Finding] = field(default_factory=list)


def inspect(
    path: Path, fmt: str, limits: Limits, declared_encoding: str | None = None
) -> Inspection:
    """Read ``path`` once; raise ``ValidationStop`` when it cannot be data of ``fmt``."""
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise ValidationStop(
            "error",
            Finding(
                "too-big",
                args={
                    "size_mb": round(size / CHUNK, 1),
                    "limit_mb": round(limits.max_bytes / CHUNK, 1),
                },
            ),
        )
    if size == 0:
        raise ValidationStop("failure", Finding("empty-file"))

    digest = hashlib.sha256()
    longest = current = 0
    with path.open("rb") as f:
        head = f.read(SAMPLE)
        f.seek(0)
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            if fmt in TEXT_FORMATS:
                longest, current = _line_lengths(chunk, longest, current)
                if max(longest, current) > limits.max_line_bytes:
                    break  # no need to read the rest of a 1 GB line
    longest = max(longest, current)
    result = Inspection(size=size, sha256=digest.hexdigest())

    if fmt in ZIP_FORMATS:
        _check_zip(path, limits)
        return result
    if fmt not in TEXT_FORMATS:
        return result
    if b"\x00" in head:
        raise ValidationStop("failure", Finding("binary-file"))
    if _looks_like_html(head):
        raise ValidationStop("failure", Finding("html-page"))
    if longest > limits.max_line_bytes:
        raise ValidationStop(
            "failure",
            Finding(
                "line-too-long",
                args={
                    "line_mb": round(longest / CHUNK, 1),
                    "limit_mb": round(limits.max_line_bytes / CHUNK, 1),
                },
            ),
        )

    result.encoding = _detect_encoding(head, result.findings, declared_encoding)
    if fmt in ("csv", "tsv"):
        text = head.decode(result.encoding, errors="replace")
        result.delimiter = "\t" if fmt == "tsv" else _detect_delimiter(text)
    return result


def _line_lengths(chunk: bytes, longest: int, current: int) -> tuple[int, int]:
    start = 0
    while (end := chunk.find(b"\n", start)) != -1:
        longest = max(longest, current + end - start)
        current = 0
        start = end + 1
    return longest, current + len(chunk) - start


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    return start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or (
        b"<html" in start and b"<body" in head.lower()
    )


def _detect_encoding(head: bytes, findings: list[Finding], declared: str | None) -> str:
    if head.startswith(b"\xef\xbb\xbf"):
        detected = "utf-8-sig"
    else:
        # The sample may end inside a multi-byte character; trim it before judging.
        sample = head[: len(head) - 4] if len(head) == SAMPLE else head
        try:
            sample.decode("utf-8")
            detected = "utf-8"
        except UnicodeDecodeError:
            best = from_bytes(sample, cp_isolation=list(ENCODINGS)).best()
            detected = (
                _PYTHON_TO_FRICTIONLESS.get(best.encoding, best.encoding) if best else "utf-8"
            )
    if declared and _same_encoding(declared, detected) is False:
        findings.append(
            Finding("encoding-mismatch", "warning", {"declared": declared, "detected": detected})
        )
    if detected not in ("utf-8", "utf-8-sig"):
        findings.append(Finding("encoding-not-utf8", "warning", {"encoding": detected}))
    return declared or detected


def _same_encoding(a: str, b: str) -> bool:
    def norm(name: str) -> str:
        name = name.lower().replace("_", "-")
        return {
            "cp1251": "windows-1251",
            "utf-8-sig": "utf-8",
            "utf8": "utf-8",
            "koi8u": "koi8-u",
        }.get(name, name)

    return norm(a) == norm(b)


def _detect_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if not lines:
        return ","
    try:
        return csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: lines[0].count(d) for d in ",;\t|"}
        return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _check_zip(path: Path, limits: Limits) -> None:
    """XLSX and ODS are zip files: refuse what would unpack into a bomb."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        raise ValidationStop("failure", Finding("not-a-spreadsheet")) from None
    unpacked = sum(e.file_size for e in entries)
    packed = max(1, sum(e.compress_size for e in entries))
    if unpacked > limits.max_unzipped_bytes or unpacked / packed > limits.max_zip_ratio:
        raise ValidationStop(
            "failure",
            Finding(
                "zip-bomb",
                args={"unpacked_mb": round(unpacked / CHUNK, 1), "ratio": round(unpacked / packed)},
            ),
        )
