"""One streaming pass over the raw file: size, hash, line lengths, and the sniffing
of encoding and delimiter from its start. Memory stays bounded whatever the file."""

from __future__ import annotations

import codecs
import csv
import hashlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from . import encoding
from .findings import Finding, ValidationStop

CHUNK = 1 << 20
SAMPLE = 64 * 1024
TEXT_FORMATS = frozenset({"csv", "tsv", "json"})
ZIP_FORMATS = frozenset({"xlsx", "ods"})
#: Control bytes that do not occur in text (NUL is counted apart; tab, CR, LF, FF are text).
_CONTROLS = bytes([*range(1, 9), 11, 14, *range(16, 27), *range(28, 32)])


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
    #: 100 when known (BOM, valid UTF-8, declared); else how sure the guess is
    encoding_confidence: int | None = None
    #: a ``"`` byte somewhere in the file (text formats): quoting may join lines
    has_quote_byte: bool = False
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

    with path.open("rb") as f:
        head = f.read(SAMPLE)
    text_format = fmt in TEXT_FORMATS
    wide = (encoding.by_bom(head) or encoding.utf16_without_bom(head)) if text_format else None
    if wide and wide.startswith("utf-8"):
        wide = None
    digest = hashlib.sha256()
    longest = current = 0
    # Until proven otherwise the file may be UTF-8: checked on every byte, not just the head.
    utf8 = codecs.getincrementaldecoder("utf-8")() if text_format and not wide else None
    utf8_valid = utf8 is not None
    late_sample = b""
    quote = False
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            quote = quote or (text_format and b'"' in chunk)
            if text_format:
                measure = _line_lengths if limits.max_line_bytes >= CHUNK else _all_line_lengths
                longest, current = measure(chunk, longest, current)
                if max(longest, current) > limits.max_line_bytes:
                    break  # no need to read the rest of a 1 GB line
            if utf8 is not None:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError as e:
                    utf8_valid, utf8 = False, None
                    # The head may be plain ASCII: judge the encoding where the letters are.
                    begin = max(0, e.start - 1024)
                    late_sample = chunk[begin : begin + SAMPLE]
    if utf8 is not None:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_valid = False
    longest = max(longest, current)
    result = Inspection(size=size, sha256=digest.hexdigest(), has_quote_byte=quote)

    if fmt in ZIP_FORMATS:
        _check_zip(path, limits)
        return result
    if not text_format:
        return result
    if wide:
        text = head.decode(wide, errors="replace")
    else:
        text = head.decode("latin-1")  # byte for byte, for the checks below
        _check_binary(head, result.findings)
    if _looks_like_html(text):
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

    result.encoding = _detect_encoding(
        head, late_sample, wide, utf8_valid, result, declared_encoding
    )
    if fmt in ("csv", "tsv"):
        text = head.decode(result.encoding, errors="replace")
        result.delimiter = "\t" if fmt == "tsv" else _detect_delimiter(text)
    return result


def _check_binary(head: bytes, findings: list[Finding]) -> None:
    """NUL and other control bytes: a few are damage in a text file, many make it binary."""
    nuls = head.count(0)
    controls = sum(head.count(b) for b in _CONTROLS)
    if controls > 0.01 * len(head) or nuls > 0.01 * len(head):
        raise ValidationStop("failure", Finding("binary-file"))
    if nuls:
        line = head[: head.index(0)].count(b"\n") + 1
        findings.append(Finding("nul-bytes", "warning", {"count": nuls, "line": line}))


def _line_lengths(chunk: bytes, longest: int, current: int) -> tuple[int, int]:
    """The longest line so far and the length of the open one.

    Lines that start and end inside one chunk are shorter than a chunk; only the
    ones across chunk borders are measured (in C: find/rfind), unless the limit
    itself is under a chunk (then every line is, in Python)."""
    first = chunk.find(b"\n")
    if first == -1:
        return longest, current + len(chunk)
    longest = max(longest, current + first)
    return longest, len(chunk) - chunk.rfind(b"\n") - 1


def _all_line_lengths(chunk: bytes, longest: int, current: int) -> tuple[int, int]:
    start = 0
    while (end := chunk.find(b"\n", start)) != -1:
        longest = max(longest, current + end - start)
        current = 0
        start = end + 1
    return longest, current + len(chunk) - start


def _looks_like_html(head: str) -> bool:
    start = head.lstrip("\ufeff\xef\xbb\xbf \t\r\n")[:512].lower()
    return start.startswith(("<!doctype html", "<html", "<head", "<body")) or (
        "<html" in start and "<body" in head.lower()
    )


def _detect_encoding(
    head: bytes,
    late_sample: bytes,
    wide: str | None,
    utf8_valid: bool,
    result: Inspection,
    declared: str | None,
) -> str:
    """By BOM, by UTF-8 validity of the whole file, else a guess from the decoded text."""
    findings = result.findings
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            findings.append(Finding("encoding-unknown", "warning", {"declared": declared}))
            declared = None
    if wide:
        detected = wide
        result.encoding_confidence = 100
    elif utf8_valid:
        detected = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
        result.encoding_confidence = 100
    elif _mostly_utf8(late_sample or head):
        # UTF-8 with a damaged byte: reading it as another encoding would garble all the
        # rest. frictionless reports the damage (encoding-error) where it is.
        detected = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
        result.encoding_confidence = 100
    else:
        sample = head if _has_high_bytes(head) else late_sample or head
        found = encoding.guess(sample[: len(sample) - 4] if len(sample) == SAMPLE else sample)
        detected = found.encoding
        result.encoding_confidence = found.confidence
        if not declared:
            findings.append(
                Finding(
                    "encoding-guessed",
                    "warning",
                    {
                        "encoding": detected,
                        "confidence": found.confidence,
                        "alternative": found.alternative or "—",
                    },
                )
            )
    if declared and _same_encoding(declared, detected) is False:
        findings.append(
            Finding("encoding-mismatch", "warning", {"declared": declared, "detected": detected})
        )
    if detected not in ("utf-8", "utf-8-sig"):
        findings.append(Finding("encoding-not-utf8", "warning", {"encoding": detected}))
    if declared:
        result.encoding_confidence = 100
    return declared or detected


def _mostly_utf8(window: bytes) -> bool:
    """Many well-formed multi-byte characters and few broken ones (edges cut are forgiven)."""
    text = window[4:-4].decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    good = sum(1 for c in text if ord(c) > 127) - broken
    return good >= 4 and broken * 10 <= good


def _has_high_bytes(data: bytes) -> bool:
    return any(b > 127 for b in data)


def _same_encoding(a: str, b: str) -> bool:
    def norm(name: str) -> str:
        name = name.lower().replace("_", "-")
        return {
            "cp1251": "windows-1251",
            "utf-8-sig": "utf-8",
            "utf8": "utf-8",
            "koi8u": "koi8-u",
            "cp1252": "windows-1252",
            "latin-1": "iso-8859-1",
            "latin1": "iso-8859-1",
            "iso8859-1": "iso-8859-1",
            "iso8859-2": "iso-8859-2",
            "iso8859-7": "iso-8859-7",
            "utf-16-le": "utf-16",
            "utf-16-be": "utf-16",
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
