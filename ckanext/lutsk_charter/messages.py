"""The extension's catalog outside a web request: for background jobs, mails and the CLI.

A request translates with ``tk._`` in the user's language. A job or a mail has no
request: it reads the same catalog (``i18n/<locale>/LC_MESSAGES``) through Python's
gettext, so a notice or a reminder reads the same whoever triggers it. ``N_``
marks a text for extraction where it is defined and translated later.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

_I18N = Path(__file__).parent / "i18n"
DOMAIN = "ckanext-lutsk_charter"


def N_(message: str) -> str:
    """Mark ``message`` for the catalog; it is translated where it is shown."""
    return message


@cache
def translations(locale: str) -> gettext.NullTranslations:
    """The catalog of ``locale`` (English, the source language, when there is none)."""
    return gettext.translation(DOMAIN, localedir=_I18N, languages=[locale], fallback=True)


def english() -> gettext.NullTranslations:
    """The source texts as they are."""
    return gettext.NullTranslations()
