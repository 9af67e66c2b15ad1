"""Tables of ckanext-lutsk_charter (created only by the migrations)."""

from __future__ import annotations

from .responsible import ResponsibleAssignment, ResponsibleChange
from .validation import ResourceValidation

__all__ = ["ResourceValidation", "ResponsibleAssignment", "ResponsibleChange"]
