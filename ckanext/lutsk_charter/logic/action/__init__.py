"""The public API of ckanext-lutsk_charter (collected by ``tk.blanket.actions``).

Every action checks the auth function of its own name first, validates its
input with a schema from ``logic/schema.py`` and commits only when the caller
did not ask for ``defer_commit``.
"""

from __future__ import annotations

from .clients import package_list
from .data_change import lutsk_charter_data_change_record, lutsk_charter_dataset_timeliness_show
from .legacy import lutsk_charter_legacy_check, lutsk_charter_legacy_fix
from .monitoring import lutsk_charter_monitor_show, lutsk_charter_monitor_snapshot
from .plan import (
    lutsk_charter_plan_create,
    lutsk_charter_plan_list,
    lutsk_charter_plan_progress,
    lutsk_charter_plan_show,
    lutsk_charter_plan_update,
)
from .plan_data import (
    lutsk_charter_indicator_list,
    lutsk_charter_indicator_snapshot,
)
from .plan_io import (
    lutsk_charter_plan_control,
    lutsk_charter_plan_export,
    lutsk_charter_plan_import,
    lutsk_charter_plan_publish,
)
from .plan_measures import (
    lutsk_charter_measure_create,
    lutsk_charter_measure_history,
    lutsk_charter_measure_list,
    lutsk_charter_measure_show,
    lutsk_charter_measure_update,
)
from .plan_reports import (
    lutsk_charter_feedback_list,
    lutsk_charter_feedback_review,
    lutsk_charter_feedback_submit,
    lutsk_charter_report_file_show,
    lutsk_charter_report_list,
    lutsk_charter_report_review,
    lutsk_charter_report_submit,
)
from .quality import (
    lutsk_charter_dataset_quality_show,
    lutsk_charter_flag_list,
    lutsk_charter_flag_review,
    lutsk_charter_link_check,
    lutsk_charter_quality_recheck,
)
from .register import lutsk_charter_register_export, lutsk_charter_register_publish
from .reminders import lutsk_charter_reminders_send
from .required import (
    lutsk_charter_required_dataset_coverage,
    lutsk_charter_required_dataset_list,
    lutsk_charter_required_dataset_load,
    lutsk_charter_required_dataset_update,
)
from .responsible import (
    lutsk_charter_responsible_assign,
    lutsk_charter_responsible_correct,
    lutsk_charter_responsible_end,
    lutsk_charter_responsible_history,
    lutsk_charter_responsible_list,
    lutsk_charter_responsible_load,
    lutsk_charter_stale_contacts,
    package_create,
)
from .responsible_changes import (
    lutsk_charter_responsible_change_acknowledge,
    lutsk_charter_responsible_change_acknowledge_many,
    lutsk_charter_responsible_change_list,
    lutsk_charter_responsible_change_notice_result,
    lutsk_charter_responsible_change_resend,
)
from .validation import (
    lutsk_charter_validation_run,
    lutsk_charter_validation_run_batch,
    lutsk_charter_validation_show,
    resource_create,
    resource_update,
)

__all__ = [
    "lutsk_charter_data_change_record",
    "lutsk_charter_dataset_quality_show",
    "lutsk_charter_dataset_timeliness_show",
    "lutsk_charter_feedback_list",
    "lutsk_charter_feedback_review",
    "lutsk_charter_feedback_submit",
    "lutsk_charter_flag_list",
    "lutsk_charter_flag_review",
    "lutsk_charter_indicator_list",
    "lutsk_charter_indicator_snapshot",
    "lutsk_charter_legacy_check",
    "lutsk_charter_legacy_fix",
    "lutsk_charter_link_check",
    "lutsk_charter_measure_create",
    "lutsk_charter_measure_history",
    "lutsk_charter_measure_list",
    "lutsk_charter_measure_show",
    "lutsk_charter_measure_update",
    "lutsk_charter_monitor_show",
    "lutsk_charter_monitor_snapshot",
    "lutsk_charter_plan_control",
    "lutsk_charter_plan_create",
    "lutsk_charter_plan_export",
    "lutsk_charter_plan_import",
    "lutsk_charter_plan_list",
    "lutsk_charter_plan_progress",
    "lutsk_charter_plan_publish",
    "lutsk_charter_plan_show",
    "lutsk_charter_plan_update",
    "lutsk_charter_quality_recheck",
    "lutsk_charter_register_export",
    "lutsk_charter_register_publish",
    "lutsk_charter_reminders_send",
    "lutsk_charter_report_file_show",
    "lutsk_charter_report_list",
    "lutsk_charter_report_review",
    "lutsk_charter_report_submit",
    "lutsk_charter_required_dataset_coverage",
    "lutsk_charter_required_dataset_list",
    "lutsk_charter_required_dataset_load",
    "lutsk_charter_required_dataset_update",
    "lutsk_charter_responsible_assign",
    "lutsk_charter_responsible_change_acknowledge",
    "lutsk_charter_responsible_change_acknowledge_many",
    "lutsk_charter_responsible_change_list",
    "lutsk_charter_responsible_change_notice_result",
    "lutsk_charter_responsible_change_resend",
    "lutsk_charter_responsible_correct",
    "lutsk_charter_responsible_end",
    "lutsk_charter_responsible_history",
    "lutsk_charter_responsible_list",
    "lutsk_charter_responsible_load",
    "lutsk_charter_stale_contacts",
    "lutsk_charter_validation_run",
    "lutsk_charter_validation_run_batch",
    "lutsk_charter_validation_show",
    "package_create",
    "package_list",
    "resource_create",
    "resource_update",
]
