"""Vocabularies of the extension, as types."""

from __future__ import annotations

from typing import Literal

ResponsibleRole = Literal["creator", "publisher"]
ResponsibleChangeKind = Literal["assigned", "ended", "corrected"]

RESPONSIBLE_ROLES: tuple[ResponsibleRole, ...] = ("creator", "publisher")
