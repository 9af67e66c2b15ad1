"""The portal's own datasets (the 835 register, the action plan): created or updated, their
files replaced, through CKAN's actions as the calling user (auth already checked)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import ckan.plugins.toolkit as tk
from werkzeug.datastructures import FileStorage


@dataclass(frozen=True)
class File:
    """One resource of a published dataset: ``fields`` (``name``, ``format``) and its bytes."""

    extension: str
    fields: dict[str, Any]
    content: bytes
    media_type: str


def _inner(user: str) -> Any:
    """A fresh context for each core action called, as ``user``."""
    return {"user": user, "ignore_auth": True}


def ensure_dataset(user: str, fields: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The dataset named ``fields["name"]`` with ``fields``: created, or patched if it exists;
    and whether it was created."""
    try:
        existing = tk.get_action("package_show")(_inner(user), {"id": fields["name"]})
    except tk.ObjectNotFound:
        existing = None
    if existing is None:
        return tk.get_action("package_create")(_inner(user), fields), True
    return tk.get_action("package_patch")(_inner(user), {**fields, "id": existing["id"]}), False


def replace_files(user: str, dataset: dict[str, Any], files: list[File]) -> dict[str, str]:
    """Upload each file as the dataset's resource of its format (created, or patched if the
    dataset has one); ``{extension: resource id}``."""
    resources = {}
    name = dataset["name"]
    for file in files:
        upload = FileStorage(
            io.BytesIO(file.content),
            filename=f"{name}.{file.extension}",
            content_type=file.media_type,
        )
        kind = file.fields["format"]
        current = next(
            (r for r in dataset["resources"] if (r.get("format") or "").upper() == kind), None
        )
        data = {**file.fields, "url": f"{name}.{file.extension}", "upload": upload}
        if current is None:
            resource = tk.get_action("resource_create")(
                _inner(user), {**data, "package_id": dataset["id"]}
            )
        else:
            resource = tk.get_action("resource_patch")(_inner(user), {**data, "id": current["id"]})
        resources[file.extension] = resource["id"]
    return resources


def published(dataset: dict[str, Any], created: bool, resources: dict[str, str]) -> dict[str, Any]:
    """What a publishing action returns: ``dataset_id``, ``name``, ``created``, ``resources``."""
    return {
        "dataset_id": dataset["id"],
        "name": dataset["name"],
        "created": created,
        "resources": resources,
    }
