"""The encoding of a file that is not UTF-8 is told by what its decoded text reads as."""

from __future__ import annotations

import pytest

from ckanext.lutsk_charter.validation import encoding

#: Short texts, as publishers' tables are: a header and a row or two.
TEXTS = {
    "uk": "Маршрут;Кінцева зупинка;Тролейбусів\r\n1;Завод ЛуАЗ;9\r\n2;Гнідавська;6\r\n",
    "uk-address": "Назва,Адреса\r\nШкола 5,вул. Лесі Українки 12\r\nЛіцей,просп. Волі 3\r\n",
    "uk-two-words": "Місто\r\nЛуцьк\r\n",
    "uk-capitals": "МІСТО;РАЙОН\r\nЛУЦЬК;ЦЕНТР\r\n",
    "uk-one-word": "id,name\r\n1,Луцьк\r\n",
    "ru": "Город;Население\r\nЛуцк;215000\r\n",
    "fr": "nom;ville\r\nCafé crème;Besançon\r\nÉlève à l'école;Orléans\r\n",
    "fr-one-word": "nom\r\ncafé\r\n",
    "de": "Name,Straße\r\nMüller,Hauptstraße 5\r\nGröße,Köln\r\n",
    "es": "nombre,año\r\nNiño,España\r\nCañón,Peñíscola\r\n",
    "pl": "miasto,ulica\r\nŁódź,Piotrkowska\r\nGdańsk,Długa\r\nKraków,Świętego\r\n",
    "pl-one-word": "miasto\r\nŁódź\r\n",
    "cs": "město,ulice\r\nPraha,Národní třída\r\nBrno,Čtvrtá\r\n",
    "el": "πόλη,οδός\r\nΑθήνα,Ερμού\r\nΘεσσαλονίκη,Τσιμισκή\r\n",
    "en-euro": "item,price\r\nCoffee,3 €\r\n",
}
CASES = [
    (name, codec, expected)
    for name, codecs in {
        "uk": ("cp1251", "koi8_u"),
        "uk-address": ("cp1251", "koi8_u"),
        "uk-two-words": ("cp1251", "koi8_u"),
        "uk-capitals": ("cp1251", "koi8_u"),
        "uk-one-word": ("cp1251", "koi8_u"),
        "ru": ("cp1251", "koi8_u"),
        "fr": ("cp1252", "latin_1"),
        "fr-one-word": ("cp1252",),
        "de": ("cp1252", "latin_1"),
        "es": ("cp1252", "latin_1"),
        "pl": ("iso8859_2",),
        "pl-one-word": ("iso8859_2",),
        "cs": ("iso8859_2",),
        "el": ("iso8859_7",),
        "en-euro": ("cp1252",),
    }.items()
    for codec in codecs
    for expected in [
        {
            "cp1251": "windows-1251",
            "koi8_u": "koi8-u",
            "cp1252": "windows-1252",
            # Reads exactly as windows-1252 when 0x80–0x9F are absent: the superset is named.
            "latin_1": "windows-1252",
            "iso8859_2": "iso-8859-2",
            "iso8859_7": "iso-8859-7",
        }[codec]
    ]
]


@pytest.mark.parametrize(
    ("name", "codec", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES]
)
def test_short_texts_are_read_right(name, codec, expected):
    guess = encoding.guess(TEXTS[name].encode(codec))
    assert guess.encoding == expected
    assert TEXTS[name].encode(codec).decode(guess.encoding) == TEXTS[name]
    assert guess.confidence >= 90


def test_an_ambiguous_text_is_reported_as_unsure():
    """Hungarian ő is õ in windows-1252: both read as real words, so the guess says so."""
    guess = encoding.guess("város\r\nGyőr\r\n".encode("iso8859_2"))
    assert guess.confidence < 90
    assert guess.alternative is not None


def test_texts_that_read_the_same_are_one_candidate():
    """Typographic quotes sit at the same bytes in windows-1251 and -1252: the text is right."""
    data = "name,quote\r\nSmith,“Hello” – it’s fine\r\n".encode("cp1252")
    guess = encoding.guess(data)
    assert data.decode(guess.encoding) == data.decode("cp1252")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xef\xbb\xbfid", "utf-8-sig"),
        (b"\xff\xfei\x00d\x00", "utf-16"),
        (b"\xfe\xff\x00i\x00d", "utf-16"),
        (b"\xff\xfe\x00\x00i\x00\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff\x00\x00\x00i", "utf-32"),
        (b"id,name", None),
    ],
)
def test_boms(data, expected):
    assert encoding.by_bom(data) == expected


def test_utf16_without_a_bom_is_seen_by_its_nul_bytes():
    text = "Маршрут,Тролейбусів\r\n1,9\r\n2,6\r\n"
    assert encoding.utf16_without_bom(text.encode("utf-16-le")) == "utf-16-le"
    assert encoding.utf16_without_bom(text.encode("utf-16-be")) == "utf-16-be"
    assert encoding.utf16_without_bom(text.encode("utf-8")) is None
