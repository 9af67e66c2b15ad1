"""Reports on measures (every version kept) and the public's feedback (rate-limited)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from typing import Any

import ckan.plugins.toolkit as tk
from werkzeug.utils import secure_filename

from ckanext.lutsk_charter.clock import now
from ckanext.lutsk_charter.model import plan_queries
from ckanext.lutsk_charter.model.plan import DB, Measure, MeasureFeedback, MeasureReport, Plan
from ckanext.lutsk_charter.plan import codes
from ckanext.lutsk_charter.plan.service import _history

_ = tk._

#: At most this many files per report, each at most this many bytes.
MAX_FILES = 10
MAX_FILE_BYTES = 20 * 1024 * 1024


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def report_dict(report: MeasureReport) -> dict[str, Any]:
    return {
        "id": report.id,
        "measure_id": report.measure_id,
        "period": report.period,
        "version": report.version,
        "text_uk": report.text_uk,
        "text_en": report.text_en,
        "percent": report.percent,
        "links": list(report.links),
        "files": [{"name": f["name"], "size": f["size"]} for f in report.files],
        "state": report.state,
        "reviewer_comment": report.reviewer_comment,
        "submitted_by": report.submitted_by,
        "submitted_at": _iso(report.submitted_at),
        "reviewed_by": report.reviewed_by,
        "reviewed_at": _iso(report.reviewed_at),
    }


def storage_dir(report_id: str) -> str | None:
    """Where a report's files are kept (under ``ckan.storage_path``), or None without one."""
    root = tk.config.get("ckan.storage_path")
    if not root:
        return None
    return os.path.join(root, "lutsk_charter", "reports", report_id)


def stored_file(session: Any, report_id: str, name: str) -> str | None:
    """Where the file ``name`` of report ``report_id`` is on disk, or None."""
    report = session.get(MeasureReport, report_id)
    return file_path(report, name) if report is not None else None


def file_path(report: MeasureReport, name: str) -> str | None:
    """The stored file of a report by its name, or None."""
    folder = storage_dir(report.id)
    for stored in report.files:
        if stored["name"] == name and folder:
            path = os.path.join(folder, stored["stored_as"])
            return path if os.path.exists(path) else None
    return None


def _read_uploads(uploads: list[Any]) -> list[tuple[str, bytes]]:
    if len(uploads) > MAX_FILES:
        raise tk.ValidationError({"upload": [_("Attach at most {n} files.").format(n=MAX_FILES)]})
    found = []
    for upload in uploads:
        name = secure_filename(getattr(upload, "filename", "") or "") or "file"
        content = upload.read(MAX_FILE_BYTES + 1)
        if len(content) > MAX_FILE_BYTES:
            raise tk.ValidationError(
                {"upload": [_("“{name}” is larger than 20 MB.").format(name=name)]}
            )
        found.append((name, content))
    return found


def submit(
    session: DB,
    plan: Plan,
    measure: Measure,
    data: dict[str, Any],
    uploads: list[Any],
    user_id: str | None,
) -> MeasureReport:
    """A new version of the measure's report for the period (version 1, 2, ...)."""
    period = data["period"]
    owed = codes.reported_periods(
        plan.reporting_period, plan.period_start, plan.period_end, measure.deadline_date,
        measure.status,
    )  # fmt: skip
    if period not in owed:
        raise tk.ValidationError(
            {
                "period": [
                    _("The measure owes no report for “{period}”; its periods: {periods}.").format(
                        period=period, periods=", ".join(owed) or "—"
                    )
                ]
            }
        )
    latest = plan_queries.latest_report_for_update(session, measure.id, period)
    if latest is not None and latest.state == "accepted":
        raise tk.ValidationError({"period": [_("The report for this period is already accepted.")]})
    files = _read_uploads(uploads)
    report = MeasureReport(
        measure_id=measure.id,
        period=period,
        version=(latest.version + 1) if latest else 1,
        text_uk=data["text_uk"],
        text_en=data.get("text_en") or "",
        percent=data["percent"],
        links=list(data.get("links") or []),
        files=[],
        state="submitted",
        reviewer_comment="",
        submitted_by=user_id,
        submitted_at=now(),
    )
    from ckan.model import types as ckan_types

    report.id = ckan_types.make_uuid()
    if files:
        folder = storage_dir(report.id)
        if folder is None:
            raise tk.ValidationError(
                {"upload": [_("This portal keeps no uploaded files (no storage path is set).")]}
            )
        os.makedirs(folder, exist_ok=True)
        stored = []
        for number, (name, content) in enumerate(files, start=1):
            stored_as = f"{number}-{name}"
            with open(os.path.join(folder, stored_as), "wb") as out:
                out.write(content)
            stored.append({"name": name, "size": len(content), "stored_as": stored_as})
        report.files = stored
    session.add(report)
    session.flush()
    _history(
        session,
        plan.id,
        measure.id,
        "report_submitted",
        {
            "period": [None, period],
            "version": [None, report.version],
            "percent": [None, report.percent],
        },
        user_id,
    )
    return report


def review(
    session: DB, report: MeasureReport, state: str, comment: str, user_id: str | None
) -> MeasureReport:
    """Accept the latest version of a report, or return it with a comment."""
    newer = plan_queries.has_newer_report(session, report)
    if newer:
        raise tk.ValidationError({"id": [_("A newer version of this report has been submitted.")]})
    if report.state != "submitted":
        raise tk.ValidationError({"id": [_("This report has been reviewed already.")]})
    if state == "returned" and not comment.strip():
        raise tk.ValidationError({"comment": [_("Say what to fix when returning a report.")]})
    report.state = state
    report.reviewer_comment = comment
    report.reviewed_by = user_id
    report.reviewed_at = now()
    measure = session.get(Measure, report.measure_id)
    assert measure is not None
    _history(
        session,
        measure.plan_id,
        measure.id,
        "report_reviewed",
        {
            "period": [None, report.period],
            "version": [None, report.version],
            "state": ["submitted", state],
        },
        user_id,
    )
    session.flush()
    return report


# --- feedback -------------------------------------------------------------------------------


def sender_hash(address: str) -> str:
    """A hash of the sender's network address (the address itself is never stored)."""
    secret = str(tk.config.get("SECRET_KEY") or tk.config.get("beaker.session.secret") or "")
    return hashlib.sha256(f"{secret}:{address}".encode()).hexdigest()


def feedback_dict(row: MeasureFeedback, private: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": row.id,
        "measure_id": row.measure_id,
        "name": row.name,
        "text": row.text,
        "state": row.state,
        "created": _iso(row.created),
    }
    if private:
        data.update(email=row.email, reviewed_by=row.reviewed_by, reviewed_at=_iso(row.reviewed_at))
    return data


def submit_feedback(
    session: DB, measure: Measure, data: dict[str, Any], address: str, per_hour: int
) -> MeasureFeedback:
    """Store a comment as pending, unless its sender has sent ``per_hour`` within the hour."""
    hashed = sender_hash(address)
    email = (data.get("email") or "").lower()
    since = now() - dt.timedelta(hours=1)
    recent = plan_queries.recent_feedback(session, since, hashed, email)
    if (recent or 0) >= per_hour:
        raise tk.ValidationError(
            {"text": [_("Too many comments from you within an hour; please try again later.")]}
        )
    row = MeasureFeedback(
        measure_id=measure.id,
        name=data["name"],
        email=data.get("email") or "",
        text=data["text"],
        state="pending",
        sender_hash=hashed,
        created=now(),
    )
    session.add(row)
    session.flush()
    return row
