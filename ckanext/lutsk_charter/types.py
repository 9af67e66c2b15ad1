"""Vocabularies of the extension, as types."""

from __future__ import annotations

from typing import Literal, get_args

from ckanext.lutsk_charter.messages import N_

ResponsibleRole = Literal["creator", "publisher"]
ResponsibleChangeKind = Literal["assigned", "ended", "corrected"]

RESPONSIBLE_ROLES: tuple[ResponsibleRole, ...] = ("creator", "publisher")

RequiredSection = Literal["all_holders", "local_self_government"]

#: The sections of the Resolution 835 list that bind the city, and the prefix of
#: their items' codes (``ALL-<n>``, ``OMS-<n>``), in the order the list gives them.
REQUIRED_SECTIONS: dict[RequiredSection, str] = {
    "all_holders": "ALL",
    "local_self_government": "OMS",
}


# Each code set once: its type, its codes in order, and (where people read it) its labels,
# marked for the catalog and translated where they are shown (``tk._`` or a job's catalog).

#: An MQA band of a dataset's quality score (``quality/score.py``).
Band = Literal["excellent", "good", "sufficient", "bad"]
BANDS: tuple[Band, ...] = get_args(Band)
BAND_LABELS: dict[Band, str] = {
    "excellent": N_("Excellent"),
    "good": N_("Good"),
    "sufficient": N_("Sufficient"),
    "bad": N_("Bad"),
}
#: The dashboard's bands: a dataset never checked counts as ``unscored``.
MonitorBand = Band | Literal["unscored"]
MONITOR_BANDS: tuple[MonitorBand, ...] = (*BANDS, "unscored")

#: How timely a dataset's data is (``timeliness.py``).
Timeliness = Literal["normal", "due_soon", "overdue", "inactive"]
TIMELINESS: tuple[Timeliness, ...] = get_args(Timeliness)
#: A dataset's state on the dashboard: its timeliness when public, else private or draft.
PublicationState = Timeliness | Literal["private", "draft"]
PUBLICATION_STATES: tuple[PublicationState, ...] = (*TIMELINESS, "private", "draft")
PUBLICATION_STATE_LABELS: dict[PublicationState, str] = {
    "normal": N_("Up to date"),
    "due_soon": N_("Due within 7 days"),
    "overdue": N_("Overdue"),
    "inactive": N_("No longer updated"),
    "private": N_("Private"),
    "draft": N_("Draft"),
}

#: The life of a quality flag, and the two a reviewer may give it.
FlagStatus = Literal["open", "acknowledged", "dismissed", "resolved"]
FLAG_STATUSES: tuple[FlagStatus, ...] = get_args(FlagStatus)
FLAG_STATUS_LABELS: dict[FlagStatus, str] = {
    "open": N_("open"),
    "acknowledged": N_("acknowledged"),
    "dismissed": N_("dismissed"),
    "resolved": N_("resolved"),
}
ReviewStatus = Literal["acknowledged", "dismissed"]
REVIEW_STATUSES: tuple[ReviewStatus, ...] = get_args(ReviewStatus)
