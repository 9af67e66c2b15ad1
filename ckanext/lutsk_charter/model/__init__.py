"""Tables of ckanext-lutsk_charter (created only by the migrations)."""

from __future__ import annotations

from .data_change import ResourceDataChange
from .responsible import ResponsibleAssignment, ResponsibleChange
from .validation import ResourceValidation

__all__ = [
    "ResourceDataChange",
    "ResourceValidation",
    "ResponsibleAssignment",
    "ResponsibleChange",
]
