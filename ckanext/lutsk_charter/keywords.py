"""Keywords in Ukrainian: one apostrophe for «пам'ятки», «об'єкти», «м'ясо», «з'їзд».

People type the apostrophe three ways: the typewriter ``'`` (U+0027), the
right single quotation mark ``’`` (U+2019, what word processors and phones put)
and the Ukrainian apostrophe ``ʼ`` (U+02BC, the modifier letter the Ukrainian
keyboard layouts and Unicode recommend). A keyword is stored with ``ʼ``, the
one form that is a letter (so CKAN's tag rules accept it and Solr keeps the word
whole), and a search turns whatever apostrophe it is given into ``ʼ``, so every
form finds the same datasets and the facet counts one keyword, not three.
Only an apostrophe between two letters is changed: quotes around words are not.
"""

from __future__ import annotations

import re

APOSTROPHE = "\u02bc"
_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])['\u2019\u02bc](?=[^\W\d_])")


def normalize_apostrophes(text: str) -> str:
    """``пам'ятки`` and ``пам’ятки`` become ``памʼятки``; anything else is left as it is."""
    return _BETWEEN_LETTERS.sub(APOSTROPHE, text)
