"""The Ukrainian catalog is complete and in step with the code."""

from __future__ import annotations

from pathlib import Path

import polib
from babel.messages.extract import extract_from_dir

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ckanext" / "lutsk_charter"
PO = PACKAGE / "i18n" / "uk" / "LC_MESSAGES" / "ckanext-lutsk_charter.po"
MO = PO.with_suffix(".mo")

# The same extractors as setup.py's message_extractors (what `make i18n` runs).
METHODS = [
    ("**.py", "python"),
    ("**/templates/**.html", "ckan.lib.extract:extract_ckan"),
]


def test_every_message_of_the_code_is_translated():
    in_code = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(PACKAGE, METHODS)
    }
    catalog = polib.pofile(str(PO))
    translated = {e.msgid for e in catalog.translated_entries() if "fuzzy" not in e.flags}
    assert len(in_code) > 100
    assert in_code - translated == set(), "untranslated: run `make i18n` and translate"


def test_compiled_catalog_matches_the_po_file():
    po = {e.msgid: e.msgstr for e in polib.pofile(str(PO)).translated_entries()}
    mo = {e.msgid: e.msgstr for e in polib.mofile(str(MO))}
    assert po == mo, "the .mo is stale: run `make i18n`"
