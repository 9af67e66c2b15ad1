"""The fast path for CSV/TSV: vectorised checks with pyarrow, exact errors from frictionless.

frictionless reads a table row by row in Python (about 9 MB/s here). This path
lets frictionless do everything that needs only the start of the file (dialect,
labels, header errors, the inferred schema), then reads the whole file with
pyarrow in batches of lines and marks, column by column, every row that *might*
hold an error: a wrong number of cells, a blank row, a missing required value,
or a cell that is neither a missing-value marker nor in a pattern that surely
reads as the column's type. Only those rows, with their neighbours, are given
to frictionless — in a small file with the same header, schema and dialect —
and its errors are renumbered to the rows they came from. So a row frictionless
would fault is always handed over, and every error descriptor is frictionless'
own.

Where this cannot be exact it does not run, and says why (``Fallback``): quoted
cells (a quote can join lines into one row, which a line reader cannot see),
schemas with unique/primary/foreign keys or constraints other than ``required``,
types or formats without a sure pattern, a header that is not one line, NUL
bytes, non-default number syntax, or anything pyarrow will not read.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import attrs
from frictionless import Detector, Dialect, FrictionlessException, Resource, Schema, formats

from .inspect import Inspection

log = logging.getLogger(__name__)

BATCH_BYTES = 1 << 20
#: A row-level guard: above this share of rows handed over, frictionless alone is faster.
MAX_HANDED_SHARE = 0.2

_DATE = r"[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
_TIME = r"([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
#: Patterns every cell of which frictionless reads as the type (a subset of what it accepts).
SURE = {
    ("integer", "default"): r"^-?[0-9]{1,18}$",
    ("number", "default"): r"^-?[0-9]{1,15}(\.[0-9]{1,15})?$",
    ("date", "default"): f"^{_DATE}$",
    ("datetime", "default"): f"^{_DATE}T{_TIME}(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])?$",
    ("time", "default"): f"^{_TIME}$",
    ("year", "default"): r"^[0-9]{4}$",
}
ALWAYS = {("string", "default"), ("any", "default")}


class Fallback(Exception):
    """The fast path cannot be exact for this file; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Result:
    errors: list[Any]
    rows: int
    fields: int
    schema: dict[str, Any]
    #: field name -> marker -> first row number it occurs in
    markers: dict[str, dict[str, int]] = field(default_factory=dict)


def validate(
    resource: Resource,
    path: Path,
    found: Inspection,
    *,
    limit_errors: int,
    markers: list[str] | None,
    given_schema: bool,
) -> Result:
    """Validate ``resource`` (a CSV whose dialect and encoding are set); raise ``Fallback``."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise Fallback("pyarrow-missing") from None
    if any(f.code == "nul-bytes" for f in found.findings):
        raise Fallback("nul-bytes")
    try:
        resource.open()
    except FrictionlessException:
        # frictionless' validate turns this into a report (source or encoding error).
        raise Fallback("frictionless-cannot-open") from None
    try:
        labels = list(resource.labels)  # pyright: ignore[reportAttributeAccessIssue]
        dialect = resource.dialect
        schema = resource.schema
        header_errors = resource.header.errors  # pyright: ignore[reportAttributeAccessIssue]
    finally:
        resource.close()
    control = formats.CsvControl.from_dialect(dialect)
    if not labels:
        raise Fallback("no-header")
    if dialect.header_rows != [1] or dialect.comment_char or dialect.comment_rows:
        raise Fallback("header-rows")
    if header_errors and given_schema:
        raise Fallback("header-differs-from-schema")
    if schema.primary_key or schema.foreign_keys:
        raise Fallback("keys")
    rules = [_rule(f, schema) for f in schema.fields]
    return _scan(resource, path, found, control, schema, rules, limit_errors, markers)


def _rule(field: Any, schema: Schema) -> tuple[str, Any, list[str], bool]:
    """(kind, pattern or values, missing values, required) for one field, or ``Fallback``."""
    constraints = dict(field.constraints or {})
    required = bool(constraints.pop("required", False))
    if constraints:
        raise Fallback("constraints")
    missing = list(
        field.missing_values if field.has_defined("missing_values") else schema.missing_values
    )
    key = (field.type, field.format)
    if field.type == "boolean":
        return "in", [*field.true_values, *field.false_values], missing, required
    if field.type in ("integer", "number") and (
        set(field.list_defined()) & {"bare_number", "group_char", "decimal_char"}
    ):
        raise Fallback("number-syntax")
    if key in ALWAYS:
        return "any", None, missing, required
    if key in SURE:
        return "re", SURE[key], missing, required
    raise Fallback(f"type:{field.type}/{field.format}")


def _scan(
    resource: Resource,
    path: Path,
    found: Inspection,
    control: formats.CsvControl,
    schema: Schema,
    rules: list[tuple[str, Any, list[str], bool]],
    limit_errors: int,
    markers: list[str] | None,
) -> Result:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pcsv

    encoding = (resource.encoding or "utf-8").lower()
    native = encoding in ("utf-8", "utf8", "utf-8-sig")
    reader_options = pcsv.ReadOptions(
        column_names=["line"],
        block_size=BATCH_BYTES,
        use_threads=False,
        encoding="utf8" if native else encoding,
    )
    parse_options = pcsv.ParseOptions(
        delimiter="\x1f", quote_char=False, escape_char=False, ignore_empty_lines=False
    )
    convert_options = pcsv.ConvertOptions(
        column_types={"line": pa.string()},
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
        null_values=[],
    )
    delimiter = control.delimiter
    quote = control.quote_char or '"'
    n_fields = len(rules)
    names = [f.name for f in schema.fields]
    marker_set = [m for m in (markers or []) if m]
    first_marker: dict[str, dict[str, int]] = {}
    value_sets = {i: pa.array(r[2], pa.string()) for i, r in enumerate(rules)}
    in_sets = {i: pa.array(r[1], pa.string()) for i, r in enumerate(rules) if r[0] == "in"}

    # inspect saw every byte: without a quote byte (in an ASCII-compatible encoding) none is read.
    quote_possible = found.has_quote_byte or not native
    if native and found.has_quote_byte:
        raise Fallback("quotes")
    handed: list[int] = []  # 0-based line indexes of suspicious rows and their neighbours
    doubtful = 0
    header_line = ""
    total = 0
    try:
        stream = pcsv.open_csv(
            path,
            read_options=reader_options,
            parse_options=parse_options,
            convert_options=convert_options,
        )
        with tempfile.TemporaryDirectory(prefix="lutsk-fast-") as folder:
            lines_file = Path(folder) / "lines.txt"
            with lines_file.open("w", encoding="utf-8", newline="") as spool:
                for batch in stream:
                    lines = batch.column(0)
                    if len(lines) == 0:
                        continue
                    start = total
                    total += len(lines)
                    if start == 0:
                        header_line = lines[0].as_py().lstrip("\ufeff")
                    if quote_possible and pc.any(pc.match_substring(lines, quote)).as_py():  # pyright: ignore[reportAttributeAccessIssue]
                        raise Fallback("quotes")
                    noting = (names, marker_set, start, first_marker) if marker_set else None
                    suspicious = _suspicious(
                        lines, delimiter, n_fields, rules, value_sets, in_sets, noting, np, pa, pc
                    )
                    if start == 0:
                        suspicious[0] = False  # the header: frictionless judged it already
                    # Neighbours too: a row is judged the same wherever it stands, but a
                    # reader of the small file then sees each error in its context.
                    around = suspicious.copy()
                    around[1:] |= suspicious[:-1]
                    around[:-1] |= suspicious[1:]
                    if start == 0:
                        around[0] = False
                    picked = np.nonzero(around)[0]
                    for index in picked:
                        spool.write(lines[int(index)].as_py())
                        spool.write("\n")
                    handed.extend(int(i) + start for i in picked)
                    doubtful += int(suspicious.sum())
                    # Hand the batch's memory back now, so the peak stays that of one batch.
                    del lines, suspicious, around, batch
                    pa.default_memory_pool().release_unused()
                    if doubtful > MAX_HANDED_SHARE * max(total, 1000):
                        raise Fallback("too-many-rows-handed")
            return _replay(
                resource,
                lines_file,
                header_line,
                handed,
                total,
                schema,
                control,
                limit_errors,
                first_marker,
            )
    except Fallback:
        raise
    except (pa.ArrowException, UnicodeDecodeError, LookupError, OSError) as e:
        raise Fallback(f"unreadable-by-pyarrow:{type(e).__name__}") from None
    except Exception as e:  # a bug here must not change a verdict: frictionless decides
        log.exception("The fast path failed on %s", path)
        raise Fallback(f"fast-path-error:{type(e).__name__}") from None


def _suspicious(
    lines: Any,
    delimiter: str,
    n_fields: int,
    rules: list[tuple[str, Any, list[str], bool]],
    value_sets: dict[int, Any],
    in_sets: dict[int, Any],
    markers: tuple[list[str], list[str], int, dict[str, dict[str, int]]] | None,
    np: Any,
    pa: Any,
    pc: Any,
) -> Any:
    """A boolean array: which lines frictionless must see. Notes where markers stand."""
    parts = pc.split_pattern(lines, delimiter)
    counts = pc.list_value_length(parts).to_numpy(zero_copy_only=False)
    offsets = parts.offsets.to_numpy()[:-1]
    values = parts.flatten()
    ok = counts == n_fields
    suspicious = ~ok
    ok_index = np.nonzero(ok)[0]
    #: positions (in ok_index) of rows whose cells so far are all missing: blank rows
    blank = np.arange(len(ok_index))
    for j, (kind, pattern, _missing, required) in enumerate(rules):
        if kind == "any" and not required:
            # Any text reads as a string: only a blank row can fault it. Markers in text
            # columns are not reported, so only the rows still blank are looked at.
            if len(blank):
                column = pc.take(values, pa.array(offsets[ok_index[blank]] + j))
                in_set = pc.is_in(column, value_set=value_sets[j])
                blank = blank[in_set.to_numpy(zero_copy_only=False)]
            continue
        # Cells of this column in the rows as wide as the header (the others are handed over).
        has = ok_index if markers is None else np.nonzero(counts > j)[0]
        column = pc.take(values, pa.array(offsets[has] + j))
        is_missing = pc.is_in(column, value_set=value_sets[j]).to_numpy(zero_copy_only=False)
        if markers is not None:
            _note_markers(column, is_missing, has, j, markers, np, pa)
            within = ok[has]
            column = column.filter(pa.array(within))
            is_missing = is_missing[within]
        blank = blank[is_missing[blank]]
        if kind == "any":
            good = np.ones(len(ok_index), dtype=bool)
        elif kind == "in":
            good = pc.is_in(column, value_set=in_sets[j]).to_numpy(zero_copy_only=False)
        else:
            good = pc.match_substring_regex(column, pattern).to_numpy(zero_copy_only=False)
        good = (good & ~is_missing) if required else (good | is_missing)
        suspicious[ok_index[~good]] = True
    suspicious[ok_index[blank]] = True
    return suspicious


def _note_markers(
    column: Any,
    is_missing: Any,
    rows: Any,
    j: int,
    markers: tuple[list[str], list[str], int, dict[str, dict[str, int]]],
    np: Any,
    pa: Any,
) -> None:
    """The first row where each marker (a missing value other than "") stands in column ``j``."""
    names, _markers, start, first = markers
    candidates = np.nonzero(is_missing)[0]
    if len(candidates) == 0:
        return
    cells = column.take(pa.array(candidates)).to_pylist()
    seen = first.setdefault(names[j], {})
    for cell, index in zip(cells, candidates, strict=True):
        row = int(rows[index]) + start + 1
        if cell and row > 1 and cell not in seen:
            seen[cell] = row


def _replay(
    resource: Resource,
    lines_file: Path,
    header_line: str,
    handed: list[int],
    total: int,
    schema: Schema,
    control: formats.CsvControl,
    limit_errors: int,
    first_marker: dict[str, dict[str, int]],
) -> Result:
    """frictionless on the header and the handed rows; errors renumbered to the file's rows."""
    small = lines_file.with_name("rows.csv")
    with small.open("w", encoding="utf-8", newline="") as out:
        out.write(header_line)
        out.write("\n")
        with lines_file.open(encoding="utf-8", newline="") as spooled:
            for line in spooled:
                out.write(line)
    replay = Resource(
        path=small.name,
        basepath=str(small.parent),
        format="csv",
        encoding="utf-8",
        dialect=Dialect(
            header_rows=[1],
            controls=[
                formats.CsvControl(
                    delimiter=control.delimiter,
                    quote_char=control.quote_char or '"',
                    double_quote=True,
                    skip_initial_space=control.skip_initial_space,
                )
            ],
        ),
        schema=Schema.from_descriptor(schema.to_descriptor()),
        detector=Detector(schema_sync=False),
    )
    report = replay.validate(limit_errors=limit_errors)
    task = report.tasks[0]
    errors: list[Any] = []
    for error in task.errors:
        number = getattr(error, "row_number", None)
        if number is not None:
            error = attrs.evolve(error, row_number=handed[number - 2] + 1)
        errors.append(error)
    rows = total - 1
    if any(w.startswith("reached error limit") for w in task.warnings):
        last = int(task.stats.get("rows") or 0)
        rows = handed[last - 1] if last else 0
        first_marker = {
            name: {m: r for m, r in seen.items() if r <= rows + 1}
            for name, seen in first_marker.items()
        }
    return Result(
        errors=errors,
        rows=rows,
        fields=len(schema.fields),
        schema=schema.to_descriptor(),
        markers={k: v for k, v in first_marker.items() if v},
    )
