"""Whether a dataset's own DCAT-AP 3 graph passes the SHACL shapes (the MQA's 30 points).

Checked in the background after a save (``jobs.check_dcat``), never while saving:
one pySHACL run costs about a second.
"""

from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from sqlalchemy.orm import Mapped


class DcatCheck(tk.BaseModel):  # type: ignore[misc, valid-type]
    __table__ = sa.Table(
        "lutsk_charter_dcat_check",
        tk.BaseModel.metadata,
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
        sa.Column("conforms", sa.Boolean, nullable=False),
        sa.Column("violations", sa.Integer, nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
    )

    package_id: Mapped[str]
    conforms: Mapped[bool]
    violations: Mapped[int]
    checked_at: Mapped[dt.datetime]
