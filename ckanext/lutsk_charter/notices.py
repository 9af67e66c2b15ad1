"""The notice of a change of responsible persons: Ukrainian first, English below.

Texts come from the extension's catalog through Python's gettext, so a notice
reads the same from a web request, the CLI or a background job.
"""

from __future__ import annotations

from typing import Any

from ckanext.lutsk_charter.messages import N_, english, translations

_SUBJECT = N_("Responsible persons of {body} changed")
_KINDS = {
    "assigned": N_("A responsible person was assigned"),
    "ended": N_("A responsible person's assignment was ended"),
    "corrected": N_("A responsible person's record was corrected"),
}
_ROLES = {"creator": N_("creates open data"), "publisher": N_("publishes open data")}
_PERSON = N_("Person: {name}")
_ROLE = N_("Role: {role}")
_EMAIL = N_("E-mail: {email}")
_FROM = N_("In the role from {start}")
_TO = N_(" to {end}")
_ORDER = N_("Appointed by order No. {number} of {date} {url}")
_REASON = N_("Reason: {reason}")
_RECORDED = N_("Recorded by {actor} at {time}.")
_REGISTER = N_("The register of the body: {url}")


def compose(notice: dict[str, Any]) -> tuple[str, str]:
    """Return ``(subject, body)`` of a notice; ``notice`` is what the action recorded."""
    uk = translations("uk")
    subject_uk = _subject(uk.gettext, notice)
    subject_en = _subject(english().gettext, notice)
    body = "\n".join(
        [
            _body(uk.gettext, notice),
            "",
            "-" * 60,
            "English",
            "",
            _body(english().gettext, notice),
        ]
    )
    return f"{subject_uk} / {subject_en}", body


def _subject(gettext_: Any, notice: dict[str, Any]) -> str:
    return gettext_(_SUBJECT).format(body=notice["body"])


def _body(gettext_: Any, notice: dict[str, Any]) -> str:
    person = notice["person"]
    lines = [
        f"{gettext_(_KINDS[notice['kind']])}: {notice['body']} ({notice.get('edrpou') or '—'}).",
        "",
        gettext_(_PERSON).format(name=person["full_name"])
        + (f", {person['position']}" if person.get("position") else ""),
        gettext_(_ROLE).format(role=gettext_(_ROLES[person["role"]])),
        gettext_(_EMAIL).format(email=person["email"])
        + (f"; {person['phone']}" if person.get("phone") else ""),
        gettext_(_FROM).format(start=person["valid_from"])
        + (gettext_(_TO).format(end=person["valid_to"]) if person.get("valid_to") else ""),
    ]
    document = person.get("appointing_document") or {}
    if any(document.values()):
        lines.append(
            gettext_(_ORDER)
            .format(
                number=document.get("number") or "—",
                date=document.get("date") or "—",
                url=document.get("url") or "",
            )
            .rstrip()
        )
    if notice.get("reason"):
        lines.append(gettext_(_REASON).format(reason=notice["reason"]))
    lines += [
        gettext_(_RECORDED).format(actor=notice["actor"], time=notice["time"]),
        "",
        gettext_(_REGISTER).format(url=notice["url"]),
    ]
    return "\n".join(lines)
