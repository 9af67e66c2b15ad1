"""Vocabularies of the extension, as types."""

from __future__ import annotations

from typing import Literal

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
