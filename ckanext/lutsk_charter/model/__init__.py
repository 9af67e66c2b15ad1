"""Tables of ckanext-lutsk_charter (created only by the migrations)."""

from __future__ import annotations

from .data_change import ResourceDataChange
from .dcat_check import DcatCheck
from .monitoring import (
    MonitorCount,
    MonitorDataset,
    MonitorSnapshot,
    MonitorSummary,
    Reminder,
)
from .plan import (
    DeadlineChange,
    IndicatorValue,
    Measure,
    MeasureFeedback,
    MeasureReport,
    Plan,
    PlanHistory,
)
from .quality import DatasetQuality, LinkCheck, QualityFlag
from .required import RequiredDataset
from .responsible import ResponsibleAssignment, ResponsibleChange
from .validation import ResourceValidation

__all__ = [
    "DatasetQuality",
    "DcatCheck",
    "DeadlineChange",
    "IndicatorValue",
    "LinkCheck",
    "Measure",
    "MeasureFeedback",
    "MeasureReport",
    "MonitorCount",
    "MonitorDataset",
    "MonitorSnapshot",
    "MonitorSummary",
    "Plan",
    "PlanHistory",
    "QualityFlag",
    "Reminder",
    "RequiredDataset",
    "ResourceDataChange",
    "ResourceValidation",
    "ResponsibleAssignment",
    "ResponsibleChange",
]
