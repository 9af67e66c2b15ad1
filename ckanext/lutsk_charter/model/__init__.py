"""Tables of ckanext-lutsk_charter (created only by the migrations)."""

from __future__ import annotations

from .data_change import ResourceDataChange
from .dcat_check import DcatCheck
from .monitoring import MonitorSnapshot, Reminder
from .quality import DatasetQuality, LinkCheck, QualityFlag
from .required import RequiredDataset
from .responsible import ResponsibleAssignment, ResponsibleChange
from .validation import ResourceValidation

__all__ = [
    "DatasetQuality",
    "DcatCheck",
    "LinkCheck",
    "MonitorSnapshot",
    "QualityFlag",
    "Reminder",
    "RequiredDataset",
    "ResourceDataChange",
    "ResourceValidation",
    "ResponsibleAssignment",
    "ResponsibleChange",
]
