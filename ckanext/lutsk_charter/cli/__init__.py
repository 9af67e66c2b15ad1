"""``ckan lutsk-charter ...`` commands: thin adapters over the actions, one module a subject.

``checks`` (validate, check, snapshot, notify: the daily work), ``registers`` (responsible
persons, the 835 list and register), ``legacy``, ``demo`` and ``plan``; ``common`` holds the
site context and the reports of a refused input. CKAN's blanket finds the group here.
"""

from __future__ import annotations

import click

from .checks import check, notify, snapshot, validate
from .demo import demo
from .legacy import legacy
from .plan import plan
from .registers import register_group, required, responsible

__all__ = ["lutsk_charter"]


@click.group("lutsk-charter", short_help="Open Data Charter tools of the Lutsk portal")
def lutsk_charter() -> None:
    """Open Data Charter tools of the Lutsk City Council portal."""


for _command in (
    plan,
    demo,
    responsible,
    required,
    validate,
    check,
    snapshot,
    notify,
    register_group,
    legacy,
):
    lutsk_charter.add_command(_command)
