"""Auth functions, one per action and of the same name. Deny by default.

Sysadmins pass every auth function without it being called, so a function that
returns ``{"success": False}`` is sysadmin-only.
"""

from __future__ import annotations

import ckan.authz as authz
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import AuthResult, Context, DataDict

from ckanext.lutsk_charter import config
from ckanext.lutsk_charter.model import ResponsibleAssignment
from ckanext.lutsk_charter.model.queries import user_context

_ = tk._


def lutsk_charter_responsible_assign(context: Context, data_dict: DataDict) -> AuthResult:
    return _body_admin(context, data_dict.get("organization_id"))


def lutsk_charter_responsible_end(context: Context, data_dict: DataDict) -> AuthResult:
    return _body_admin(context, _assignment_body(context, data_dict.get("id")))


def lutsk_charter_responsible_correct(context: Context, data_dict: DataDict) -> AuthResult:
    return _body_admin(context, _assignment_body(context, data_dict.get("id")))


def lutsk_charter_responsible_load(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False, "msg": _("Only sysadmins may load the register from a file.")}


@tk.auth_allow_anonymous_access
def lutsk_charter_responsible_list(context: Context, data_dict: DataDict) -> AuthResult:
    if config.responsible_persons_public():
        return {"success": True}
    return _body_member(context, data_dict.get("organization_id"))


def lutsk_charter_responsible_history(context: Context, data_dict: DataDict) -> AuthResult:
    return _body_member(context, data_dict.get("organization_id"))


def lutsk_charter_responsible_change_list(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False, "msg": _("Only sysadmins may see the feed of changes.")}


def lutsk_charter_responsible_change_acknowledge(
    context: Context, data_dict: DataDict
) -> AuthResult:
    return {"success": False, "msg": _("Only sysadmins may acknowledge changes.")}


def lutsk_charter_responsible_change_acknowledge_many(
    context: Context, data_dict: DataDict
) -> AuthResult:
    return {"success": False, "msg": _("Only sysadmins may acknowledge changes.")}


def lutsk_charter_responsible_change_resend(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False, "msg": _("Only sysadmins may resend notices.")}


def lutsk_charter_responsible_change_notice_result(
    context: Context, data_dict: DataDict
) -> AuthResult:
    return {"success": False, "msg": _("Only sysadmins may record what became of a notice.")}


def lutsk_charter_stale_contacts(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False, "msg": _("Only sysadmins may list stale contacts.")}


def _organization_id(context: Context, id_or_name: str | None) -> str | None:
    group = model.Group.get(id_or_name) if id_or_name else None
    return group.id if group is not None and group.is_organization else None


def _assignment_body(context: Context, assignment_id: str | None) -> str | None:
    if not assignment_id:
        return None
    assignment = model.Session.get(ResponsibleAssignment, assignment_id)
    return assignment.organization_id if assignment else None


def _body_admin(context: Context, id_or_name: str | None) -> AuthResult:
    organization_id = _organization_id(context, id_or_name)
    user = context.get("user")
    if (
        organization_id
        and user
        and (authz.users_role_for_group_or_org(organization_id, user) == "admin")
    ):
        return {"success": True}
    return {
        "success": False,
        "msg": _("Only the body's admins may change its responsible persons."),
    }


def _body_member(context: Context, id_or_name: str | None) -> AuthResult:
    organization_id = _organization_id(context, id_or_name)
    user = context.get("user")
    if organization_id and user and authz.users_role_for_group_or_org(organization_id, user):
        return {"success": True}
    return {"success": False, "msg": _("Only members of the body may see this.")}


def lutsk_charter_validation_run(context: Context, data_dict: DataDict) -> AuthResult:
    return _can_resource(context, "resource_update", data_dict.get("resource_id"))


@tk.auth_allow_anonymous_access
def lutsk_charter_validation_show(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever may see the resource; a deleted resource's report only who may edit its dataset."""
    resource_id = data_dict.get("resource_id")
    resource = model.Resource.get(resource_id) if isinstance(resource_id, str) else None
    if resource is None:
        return {"success": False, "msg": _("You may not do this with this resource.")}
    if resource.state != "active":
        return _can_dataset(
            context,
            "package_update",
            {"id": resource.package_id},
            _("You may not do this with this resource."),
        )
    return _can_resource(context, "resource_show", resource_id)


def lutsk_charter_validation_run_batch(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False, "msg": _("Only sysadmins may validate resources in bulk.")}


def _can_resource(context: Context, auth: str, resource_id: str | None) -> AuthResult:
    if not resource_id:
        return {"success": False}
    try:
        tk.check_access(auth, user_context(context.get("user")), {"id": resource_id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return {"success": False, "msg": _("You may not do this with this resource.")}
    return {"success": True}


def lutsk_charter_data_change_record(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False, "msg": _("Only the portal records data changes.")}


@tk.auth_allow_anonymous_access
def lutsk_charter_dataset_timeliness_show(context: Context, data_dict: DataDict) -> AuthResult:
    return _can_dataset(context, "package_show", data_dict, _("You may not see this dataset."))


def _can_dataset(context: Context, auth: str, data_dict: DataDict, refusal: str) -> AuthResult:
    """Whether CKAN's own ``auth`` (package_show, package_update) allows it on ``id``."""
    try:
        tk.check_access(
            auth,
            user_context(context.get("user")),
            {"id": data_dict.get("id")},
        )
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return {"success": False, "msg": refusal}
    return {"success": True}


def lutsk_charter_quality_recheck(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False, "msg": _("Only sysadmins may run the quality checks.")}


@tk.auth_allow_anonymous_access
def lutsk_charter_dataset_quality_show(context: Context, data_dict: DataDict) -> AuthResult:
    return lutsk_charter_dataset_timeliness_show(context, data_dict)


def lutsk_charter_flag_list(context: Context, data_dict: DataDict) -> AuthResult:
    """A body's members with edit rights see its flags; sysadmins see all."""
    denied: AuthResult = {
        "success": False,
        "msg": _("Only the body's editors and admins may see its quality flags."),
    }
    user = context.get("user")
    organization_id = _organization_id(context, data_dict.get("organization_id"))
    if data_dict.get("package_id"):
        package = model.Package.get(data_dict["package_id"])
        if package is None or (organization_id and package.owner_org != organization_id):
            return denied
        organization_id = package.owner_org
    if not organization_id or not user:
        return denied
    if authz.has_user_permission_for_group_or_org(organization_id, user, "update_dataset"):
        return {"success": True}
    return denied


def lutsk_charter_flag_review(context: Context, data_dict: DataDict) -> AuthResult:
    """Who may review quality flags: the admins of the body the flags' datasets belong to now.

    With ``id`` (a flag id or a list of them), every flag's dataset must belong to a
    body the user administers; with ``organization_id`` instead, whether the user
    may review that body's flags at all (the pages ask this to show the review
    form). Sysadmins pass without this being called; editors, members and
    everyone else are refused.
    """
    from ckanext.lutsk_charter.model.flags import bodies_of_flags

    ids = data_dict.get("id")
    ids = [ids] if isinstance(ids, str) else ids
    user = context.get("user")
    denied: AuthResult = {
        "success": False,
        "msg": _("Only the body's admins may review its quality flags."),
    }
    if not user:
        return denied
    if not ids and data_dict.get("organization_id"):
        organization_id = _organization_id(context, data_dict["organization_id"])
        if organization_id and authz.users_role_for_group_or_org(organization_id, user) == "admin":
            return {"success": True}
        return denied
    if not ids or not isinstance(ids, list):
        return denied
    bodies = bodies_of_flags(ids)  # the datasets' current bodies
    if not bodies or None in bodies:
        return denied
    if all(authz.users_role_for_group_or_org(body, user) == "admin" for body in bodies):
        return {"success": True}
    return denied


def lutsk_charter_link_check(context: Context, data_dict: DataDict) -> AuthResult:
    return _can_dataset(context, "package_update", data_dict, _("You may not edit this dataset."))


@tk.auth_allow_anonymous_access
def lutsk_charter_required_dataset_list(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}  # the law's list is public


def lutsk_charter_required_dataset_update(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False, "msg": _("Only sysadmins may edit the list of mandatory datasets.")}


def lutsk_charter_required_dataset_load(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False, "msg": _("Only sysadmins may edit the list of mandatory datasets.")}


def lutsk_charter_required_dataset_coverage(context: Context, data_dict: DataDict) -> AuthResult:
    """Sysadmins: any body or the whole city; a body's admins and editors: their own body."""
    organization_id = _organization_id(context, data_dict.get("organization_id"))
    user = context.get("user")
    if (
        organization_id
        and user
        and authz.users_role_for_group_or_org(organization_id, user) in ("admin", "editor")
    ):
        return {"success": True}
    return {
        "success": False,
        "msg": _("Only the body's admins and editors may see its coverage of mandatory datasets."),
    }


def lutsk_charter_monitor_show(context: Context, data_dict: DataDict) -> AuthResult:
    """Sysadmins see every body; a body's admins see their own."""
    if not data_dict.get("organization_id"):
        return {"success": False, "msg": _("Only sysadmins may see every body's figures.")}
    other = data_dict.get("datasets_organization_id")
    if other and other != data_dict["organization_id"]:
        return {"success": False, "msg": _("Only the body's admins may see its figures.")}
    return _body_admin_of(context, data_dict["organization_id"])


def lutsk_charter_monitor_snapshot(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False, "msg": _("Only sysadmins may store the daily figures.")}


def _body_admin_of(context: Context, id_or_name: str) -> AuthResult:
    organization_id = _organization_id(context, id_or_name)
    user = context.get("user")
    if (
        organization_id
        and user
        and authz.users_role_for_group_or_org(organization_id, user) == "admin"
    ):
        return {"success": True}
    return {"success": False, "msg": _("Only the body's admins may see its figures.")}


def lutsk_charter_reminders_send(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False, "msg": _("Only sysadmins may send reminders.")}


@tk.auth_allow_anonymous_access
def lutsk_charter_register_export(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}  # public datasets only


def lutsk_charter_register_publish(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False, "msg": _("Only sysadmins may publish the register of datasets.")}


def lutsk_charter_legacy_check(context: Context, data_dict: DataDict) -> AuthResult:
    return {
        "success": False,
        "msg": _("Only sysadmins may check stored datasets against the schema."),
    }


def lutsk_charter_legacy_fix(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": False, "msg": _("Only sysadmins may fix old values of stored datasets.")}


from .plan import (  # noqa: E402, F401  (the plan's auth functions, collected by the blanket)
    lutsk_charter_feedback_list,
    lutsk_charter_feedback_review,
    lutsk_charter_feedback_submit,
    lutsk_charter_indicator_list,
    lutsk_charter_indicator_snapshot,
    lutsk_charter_measure_create,
    lutsk_charter_measure_history,
    lutsk_charter_measure_list,
    lutsk_charter_measure_show,
    lutsk_charter_measure_update,
    lutsk_charter_plan_control,
    lutsk_charter_plan_create,
    lutsk_charter_plan_export,
    lutsk_charter_plan_import,
    lutsk_charter_plan_list,
    lutsk_charter_plan_progress,
    lutsk_charter_plan_publish,
    lutsk_charter_plan_show,
    lutsk_charter_plan_update,
    lutsk_charter_report_file_show,
    lutsk_charter_report_list,
    lutsk_charter_report_review,
    lutsk_charter_report_submit,
)

#: Every auth function, those defined here and those imported from the subject modules
#: (computed, so that a new one cannot be left out of what the blanket registers).
__all__ = sorted(name for name in dir() if name.startswith("lutsk_charter_"))
