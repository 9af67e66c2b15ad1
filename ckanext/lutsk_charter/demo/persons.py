"""Responsible persons of the demo bodies.

Most bodies have a publisher (and some a creator); ``culture`` and ``parks``
have nobody, so the monitoring shows bodies without responsible persons. In
``housing`` the person named on its datasets has left and been replaced, and in
``transport`` the publisher changed, so their datasets' ``maintainer_email`` is stale.
"""

from __future__ import annotations

from typing import Any


def _p(
    role: str,
    full_name: str,
    email: str,
    since: str,
    position: str = "",
    order: str = "",
    ended: str = "",
    reason: str = "",
) -> dict[str, Any]:
    return {
        "role": role,
        "full_name": full_name,
        "email": email,
        "valid_from": since,
        "position": position,
        "order": order,
        "ended": ended,
        "reason": reason,
    }


PERSONS: dict[str, list[dict[str, Any]]] = {
    "ict": [
        _p(
            "publisher",
            "Литвин Олег Сергійович",
            "opendata@lutskrada.gov.ua",
            "2023-02-01",
            "начальник відділу відкритих даних",
            "12-к",
        ),
        _p(
            "creator",
            "Поліщук Тетяна Андріївна",
            "t.polishchuk@lutskrada.gov.ua",
            "2024-03-11",
            "головний спеціаліст",
            "31-к",
        ),
    ],
    "finance": [
        _p(
            "publisher",
            "Ковальчук Ірина Василівна",
            "i.kovalchuk@lutskrada.gov.ua",
            "2022-09-01",
            "заступник директора",
            "88-к",
        ),
        _p(
            "creator",
            "Савчук Людмила Петрівна",
            "l.savchuk@lutskrada.gov.ua",
            "2022-09-01",
            "начальник бюджетного відділу",
            "88-к",
        ),
    ],
    "economy": [
        _p(
            "publisher",
            "Мельник Андрій Петрович",
            "a.melnyk@lutskrada.gov.ua",
            "2024-01-15",
            "головний спеціаліст",
            "5-к",
        )
    ],
    "education": [
        _p(
            "publisher",
            "Шевчук Оксана Миколаївна",
            "o.shevchuk@lutskrada.gov.ua",
            "2023-08-28",
            "провідний спеціаліст",
            "140-к",
        )
    ],
    "housing": [
        _p(
            "publisher",
            "Бондар Василь Іванович",
            "v.bondar@lutskrada.gov.ua",
            "2021-05-04",
            "головний спеціаліст",
            "44-к",
            ended="2025-08-29",
            reason="звільнення",
        ),
        _p(
            "publisher",
            "Кравчук Софія Олегівна",
            "s.kravchuk@lutskrada.gov.ua",
            "2025-09-01",
            "головний спеціаліст",
            "97-к",
        ),
    ],
    "urban-planning": [
        _p(
            "publisher",
            "Ткачук Роман Олегович",
            "r.tkachuk@lutskrada.gov.ua",
            "2024-06-03",
            "спеціаліст I категорії",
            "61-к",
        )
    ],
    "transport": [
        _p(
            "publisher",
            "Лисенко Юрій Вікторович",
            "y.lysenko@lutskrada.gov.ua",
            "2022-02-14",
            "",
            "17-к",
            ended="2025-03-31",
            reason="переведення на іншу посаду",
        ),
        _p(
            "publisher",
            "Гордійчук Ольга Михайлівна",
            "o.hordiichuk@lutskrada.gov.ua",
            "2025-04-01",
            "головний спеціаліст",
            "39-к",
        ),
    ],
    "vodokanal": [
        _p(
            "publisher",
            "Романюк Наталія Ігорівна",
            "n.romaniuk@vodokanal.lutsk.ua",
            "2023-01-09",
            "інженер з інформаційних систем",
            "3-ос",
        )
    ],
    "lutskteplo": [
        _p(
            "creator",
            "Данильчук Ігор Степанович",
            "i.danylchuk@lutskteplo.ua",
            "2024-11-01",
            "економіст",
        )
    ],
    "electrotrans": [
        _p(
            "publisher",
            "Савчук Петро Олександрович",
            "p.savchuk@electrotrans.lutsk.ua",
            "2023-05-22",
            "диспетчер",
        )
    ],
    "library": [
        _p(
            "publisher",
            "Гнатюк Марія Степанівна",
            "m.hnatiuk@lutskrada.gov.ua",
            "2024-09-02",
            "бібліограф",
        )
    ],
}
