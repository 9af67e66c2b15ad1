"""The one blueprint of our pages and what every page of it shares.

The subject modules (``responsible``, ``quality``, ``monitoring``, ``register``,
``required``, ``validation``) add their routes to :data:`bp`. Here, once for all of
them: the CSRF check of every cookie POST, the error pages (an action's
``NotAuthorized`` is a 403, ``ObjectNotFound`` a 404, ``ValidationError`` a 409,
a database error a 500 after a rollback), the sysadmin guard, the request's
context, and the small request parsers the pages share.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.api_token import get_user_from_token
from ckan.lib.pagination import Page
from ckan.types import Context
from flask import Blueprint, current_app, session
from flask_wtf.csrf import validate_csrf
from sqlalchemy.exc import SQLAlchemyError
from wtforms import ValidationError as CSRFValidationError

from ckanext.lutsk_charter.logic.errors import reasons
from ckanext.lutsk_charter.model.queries import user_context

bp = Blueprint("lutsk_charter", __name__)
_ = tk._
log = logging.getLogger(__name__)

_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

P = ParamSpec("P")
R = TypeVar("R")


@bp.before_request
def _check_csrf_token() -> None:
    """Every POST to our pages not authenticated by an API token carries a valid CSRF token.

    CKAN core exempts a view from Flask-WTF's CSRF check, for the life of the
    process, as soon as one request reaches it without a session cookie
    (``ckan_before_request`` calls ``csrf.exempt`` whenever
    ``g.login_via_auth_header`` is set: for API tokens *and* for anonymous
    requests), and CKAN 2.11 exempts extensions' blueprints by default
    (``ckan.csrf_protection.ignore_extensions``). So we never rely on core's check
    for our forms: a request whose ``Authorization`` header holds a valid API
    token of the current user cannot be forged by another site and passes; every
    other one must carry the token of its session, whatever happened before in
    this process.
    """
    if tk.request.method not in _UNSAFE_METHODS:
        return
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    if _authenticated_by_api_token():
        return
    field = current_app.config.get("WTF_CSRF_FIELD_NAME") or "csrf_token"
    token = tk.request.form.get(field)
    for header in current_app.config.get("WTF_CSRF_HEADERS") or ("X-CSRFToken", "X-CSRF-Token"):
        token = token or tk.request.headers.get(header)
    try:
        validate_csrf(token)
    except CSRFValidationError:
        tk.abort(
            400,
            _(
                "The form has expired or did not come from this portal (its security token is"
                " missing or wrong). Open the page again and repeat what you did."
            ),
        )


def _authenticated_by_api_token() -> bool:
    """Whether the current user is the owner of a valid API token sent in the request's header."""
    header = tk.request.headers.get(tk.config["apitoken_header_name"], "")
    if not header or not tk.current_user.is_authenticated:
        return False
    owner = get_user_from_token(header, update_access_time=False)
    return owner is not None and owner.id == getattr(tk.current_user, "id", None)


@bp.teardown_app_request
def _end_failed_transaction(exc: BaseException | None) -> None:
    """Whatever happened in the request, no failed transaction outlives it.

    CKAN removes the session in ``after_request``, which is skipped when the
    error page itself fails (for example after a database error in the same
    transaction): the next request on this thread would then find a failed
    transaction (``InFailedSqlTransaction``). Teardown always runs; it rolls
    back a transaction PostgreSQL has marked failed (and after any unhandled
    error), and leaves a healthy session alone.
    """
    session_ = model.Session()
    failed = exc is not None
    if not failed and session_.in_transaction():
        try:
            raw = session_.connection().connection.dbapi_connection
            failed = raw is not None and raw.info.transaction_status == _IN_ERROR
        except Exception:
            failed = True
    if failed:
        try:
            session_.rollback()
        finally:
            model.Session.remove()


#: psycopg2's ``TRANSACTION_STATUS_INERROR``: the transaction has failed.
_IN_ERROR = 3


# --- error pages, once for every page of the blueprint ------------------------------------------


def error_page(code: int, content: str) -> tuple[str, int]:
    """CKAN's error page with our words (no English status name on the Ukrainian UI)."""
    return (
        tk.render(
            "error_document_template.html",
            {
                "code": code,
                "content": content,
                "name": "",
                "show_login_redirect_link": code == 403 and not tk.current_user.is_authenticated,
            },
        ),
        code,
    )


@bp.errorhandler(tk.NotAuthorized)
def _not_authorized(error: tk.NotAuthorized) -> tuple[str, int]:
    """An action or a guard refused: its own translated reason, as a 403."""
    return error_page(403, str(error) or _("You may not open this page."))


@bp.errorhandler(tk.ObjectNotFound)
def _not_found(error: tk.ObjectNotFound) -> tuple[str, int]:
    return error_page(404, str(error) or _("There is no such page."))


@bp.errorhandler(tk.ValidationError)
def _invalid(error: tk.ValidationError) -> tuple[str, int]:
    """What the request asked for is not valid: the translated reasons, as a 409."""
    return error_page(409, " ".join(reasons(error.error_dict)) or _("The request is not valid."))


@bp.errorhandler(SQLAlchemyError)
def _database_error(error: Exception) -> tuple[str, int]:
    """A database error in our pages: roll back first, so the error page and what follows work."""
    model.Session.rollback()
    log.exception("Database error in %s", tk.request.path)
    return error_page(500, _("The portal could not finish this request."))


def share_guards(other: Blueprint) -> None:
    """Give another blueprint of ours the same CSRF check and error pages as ``bp``."""
    other.before_request(_check_csrf_token)
    other.register_error_handler(tk.NotAuthorized, _not_authorized)
    other.register_error_handler(tk.ObjectNotFound, _not_found)
    other.register_error_handler(tk.ValidationError, _invalid)
    other.register_error_handler(SQLAlchemyError, _database_error)


# --- who is asking ------------------------------------------------------------------------------


def context() -> Context:
    """The context of an action called for the current user (anonymous: no user)."""
    return user_context(tk.current_user.name if tk.current_user.is_authenticated else "")


def is_sysadmin() -> bool:
    return bool(tk.current_user.is_authenticated and getattr(tk.current_user, "sysadmin", False))


def sysadmin_only(refusal: Callable[[], str]) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """The one sysadmin guard of our pages: anyone else gets ``refusal()`` as a 403.

    ``refusal`` returns the translated reason (a ``lambda: _("...")``, so that the
    words are extracted and translated in the request's language).
    """

    def decorate(view: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(view)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            if not is_sysadmin():
                raise tk.NotAuthorized(refusal())
            return view(*args, **kwargs)

        return guarded

    return decorate


def can(action: str, data: dict[str, Any]) -> bool:
    """Whether the current user passes ``action``'s auth function for ``data``."""
    try:
        tk.check_access(action, context(), data)
    except tk.NotAuthorized:
        return False
    return True


# --- the request ---------------------------------------------------------------------------------

#: The last page number our paged lists accept (1,000 pages of 100 is far past any list).
MAX_PAGE = 100_000


def page_number(param: str = "page") -> int:
    """``?page=`` (or ``param``) as a whole number from 1 to ``MAX_PAGE``; anything else is
    a 400."""
    raw = tk.request.args.get(param, "1")
    if not raw.isdigit() or len(raw) > 6 or not 1 <= int(raw) <= MAX_PAGE:
        return tk.abort(
            400,
            _("The page number must be a whole number from 1 to {last}.").format(last=MAX_PAGE),
        )
    return int(raw)


def pager(
    page: int, count: int, per_page: int, filters: dict[str, Any], collection: Any = ()
) -> Page:
    """The pager of a list on this page: the same address, filters and language, another page
    (``filters`` keep the other lists' pages; the template's ``pager(page_param=...)`` names
    this one's). With a ``collection``, its ``items`` are that page's."""
    return Page(
        collection=collection or [],
        page=page,
        url=lambda **link: tk.h.url_for(
            tk.request.endpoint, **(tk.request.view_args or {}), **{**filters, **link}
        ),
        item_count=count,
        items_per_page=per_page,
    )


def organization(id_or_name: str) -> dict[str, Any]:
    """The body of the address, or a 404 (also when the user may not see it)."""
    if "\x00" in id_or_name or len(id_or_name) > 100:
        return tk.abort(404, _("Organization not found"))
    try:
        return tk.get_action("organization_show")(
            context(), {"id": id_or_name, "include_datasets": False, "include_users": False}
        )
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404, _("Organization not found"))


def organizations() -> list[dict[str, Any]]:
    """Every body, for the pages' filters."""
    return tk.get_action("organization_list")(context(), {"all_fields": True, "limit": 1000})


def came_from(default: str) -> str:
    """The form's ``came_from`` if a path of this portal, else ``default`` (never off-site)."""
    target = tk.request.form.get("came_from") or ""
    if target.startswith("/") and not target.startswith("//"):
        return target
    return default


def this_page() -> str:
    """The current page's address with its language, for a form to come back to."""
    return tk.h.url_for(tk.request.full_path.rstrip("?"))


# --- a refused form's values wait for the page it came from ---------------------------------------

_KEPT_FORM = "lutsk_charter_kept_form"


def keep_form(form_id: str, values: dict[str, Any], form_errors: dict[str, Any]) -> None:
    """Keep what was typed into a refused form, and why, for the page it came from.

    The view then redirects back (POST/redirect/GET): the address stays the
    page's, and the page shows the values and errors once.
    """
    session[_KEPT_FORM] = {
        "id": form_id,
        "values": values,
        "errors": json.loads(json.dumps(form_errors, default=str)),
    }


def kept_form(form_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(values, errors)`` kept for ``form_id`` (and forgotten), or two empty dicts."""
    kept = session.get(_KEPT_FORM)
    if not kept or kept.get("id") != form_id:
        return {}, {}
    session.pop(_KEPT_FORM, None)
    return kept.get("values") or {}, kept.get("errors") or {}


def kept_form_starting(prefix: str) -> dict[str, Any]:
    """The form refused last whose id starts with ``prefix``: ``{"id", "values", "errors"}``."""
    kept = session.get(_KEPT_FORM)
    if not kept or not str(kept.get("id", "")).startswith(prefix):
        return {}
    session.pop(_KEPT_FORM, None)
    return {
        "id": kept["id"][len(prefix) :],
        "values": kept.get("values") or {},
        "errors": kept["errors"],
    }


def flash_errors(error: tk.ValidationError) -> None:
    """A refused form's reasons as one flash message."""
    tk.h.flash_error(" ".join(reasons(error.error_dict)))
