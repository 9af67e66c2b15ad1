"""Tables of ckanext-lutsk_charter (created only by the migrations)."""

from __future__ import annotations

from .data_change import ResourceDataChange
from .required import RequiredDataset
from .responsible import ResponsibleAssignment, ResponsibleChange
from .validation import ResourceValidation

__all__ = [
    "RequiredDataset",
    "ResourceDataChange",
    "ResourceValidation",
    "ResponsibleAssignment",
    "ResponsibleChange",
]
