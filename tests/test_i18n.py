"""The Ukrainian catalog is complete and in step with the code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "ckanext" / "lutsk_charter" / "i18n"
PO = I18N / "uk" / "LC_MESSAGES" / "ckanext-lutsk_charter.po"
MO = PO.with_suffix(".mo")


def test_every_message_of_the_code_is_translated(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "setup.py", "-q", "extract_messages", "-o", str(pot)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    in_code = {e.msgid for e in polib.pofile(str(pot))}
    catalog = polib.pofile(str(PO))
    translated = {e.msgid for e in catalog.translated_entries() if "fuzzy" not in e.flags}
    assert in_code, "no messages extracted"
    assert in_code - translated == set(), "untranslated: run `make i18n` and translate"


def test_compiled_catalog_matches_the_po_file():
    po = {e.msgid: e.msgstr for e in polib.pofile(str(PO)).translated_entries()}
    mo = {e.msgid: e.msgstr for e in polib.mofile(str(MO))}
    assert po == mo, "the .mo is stale: run `make i18n`"
