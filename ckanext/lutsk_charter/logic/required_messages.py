"""What a person must do when a required field of our schemas is left empty.

CKAN's ``not_empty`` (and so scheming's ``required``) says only "Missing value";
``lutsk_charter_required`` says instead what to fill in, field by field (the
msgids are English, the Ukrainian catalog gives the portal's words). A field
not listed here gets "Fill in “<its label>”.".
"""

from __future__ import annotations

from ckan.plugins.toolkit import _

from ckanext.lutsk_charter.notices import N_

#: ``field_name`` → the instruction, per schema (dataset and resource fields share
#: the dataset schema's names only where they mean the same thing).
REQUIRED_MESSAGES: dict[str, str] = {
    # dataset
    "title": N_("Give the dataset a title."),
    "name": N_("Give the dataset a URL name (or a title to make it from)."),
    "notes": N_("Describe what the dataset holds."),
    "language": N_("Choose the language of the data."),
    "update_frequency": N_("Choose how often the dataset is updated."),
    "purpose_of_collecting_information": N_("State the purpose of collecting the information."),
    # organization (a body)
    "edrpou": N_("Enter the body's EDRPOU code (8 digits)."),
    "body_kind": N_("Choose the kind of body."),
}

#: The organization schema's own words for the names it shares with datasets.
ORGANIZATION_MESSAGES: dict[str, str] = {
    "title": N_("Give the body a name."),
    "name": N_("Give the body a URL name."),
}


def required_message(field: dict, schema: dict) -> str:
    """The translated instruction for an empty required ``field`` of ``schema``."""
    name = field.get("field_name", "")
    table = (
        {**REQUIRED_MESSAGES, **ORGANIZATION_MESSAGES}
        if "organization_type" in schema or "group_type" in schema
        else REQUIRED_MESSAGES
    )
    if name in table:
        return _(table[name])
    return _("Fill in “{label}”.").format(label=_label(field.get("label") or name))


def _label(label: object) -> str:
    """The field's label in the language of the request (Ukrainian without one)."""
    if not isinstance(label, dict):
        return str(label)
    try:
        from ckan.lib.i18n import get_lang

        lang = get_lang()
    except Exception:
        lang = "uk"
    return str(label.get(lang) or label.get("uk") or next(iter(label.values()), ""))
