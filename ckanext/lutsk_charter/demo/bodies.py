"""Lutsk City Council bodies of the demo portal.

The ЄДРПОУ codes are valid in format (their check digit is computed) but made
up: they are not the real registry codes of these bodies.
"""

from __future__ import annotations

from typing import Any

from ckanext.lutsk_charter.identifiers import edrpou_check_digit


def _edrpou(prefix: str) -> str:
    return prefix + str(edrpou_check_digit(prefix))


def _body(
    name: str,
    title: str,
    kind: str,
    prefix: str,
    description: str,
    parent: str | None = None,
    phone: str = "+380332777000",
) -> dict[str, Any]:
    return {
        "name": name,
        "title": title,
        "description": description,
        "edrpou": _edrpou(prefix),
        "body_kind": kind,
        "parent": parent,
        "website": "https://www.lutskrada.gov.ua",
        "contact_email": f"{name.replace('-', '.')}@lutskrada.gov.ua",
        "contact_phone": phone,
    }


EXECUTIVE = "executive_body"
ENTERPRISE = "municipal_enterprise"
INSTITUTION = "institution"

#: Parents come before their children: the loader creates them in this order.
BODIES: list[dict[str, Any]] = [
    _body(
        "ict",
        "Управління інформаційно-комунікаційних технологій",
        EXECUTIVE,
        "4211001",
        "Відповідає за розвиток відкритих даних і моніторинг їх оприлюднення.",
    ),
    _body(
        "finance",
        "Департамент фінансів, бюджету та аудиту",
        EXECUTIVE,
        "4211002",
        "Складає та виконує бюджет Луцької міської територіальної громади.",
    ),
    _body(
        "economy",
        "Департамент економічної політики",
        EXECUTIVE,
        "4211003",
        "Економічний розвиток, регуляторна політика, комунальне майно.",
    ),
    _body(
        "education",
        "Департамент освіти",
        EXECUTIVE,
        "4211004",
        "Заклади загальної середньої та дошкільної освіти громади.",
    ),
    _body(
        "culture",
        "Департамент культури",
        EXECUTIVE,
        "4211005",
        "Бібліотеки, музеї, мистецькі школи та культурні заходи.",
    ),
    _body(
        "housing",
        "Департамент житлово-комунального господарства",
        EXECUTIVE,
        "4211006",
        "Благоустрій, зелені насадження, житловий фонд.",
    ),
    _body(
        "urban-planning",
        "Департамент містобудування, земельних ресурсів та реклами",
        EXECUTIVE,
        "4211007",
        "Містобудівна документація, земельні ділянки, реклама.",
    ),
    _body(
        "transport",
        "Управління транспорту та зв'язку",
        EXECUTIVE,
        "4211008",
        "Громадський транспорт, маршрути, паркування.",
    ),
    _body(
        "vodokanal",
        "КП «Луцькводоканал»",
        ENTERPRISE,
        "0319001",
        "Водопостачання та водовідведення міста.",
        parent="housing",
        phone="+380332240000",
    ),
    _body(
        "lutskteplo",
        "КП «Луцьктепло»",
        ENTERPRISE,
        "0319002",
        "Централізоване теплопостачання.",
        parent="housing",
        phone="+380332250000",
    ),
    _body(
        "electrotrans",
        "КП «Луцьке підприємство електротранспорту»",
        ENTERPRISE,
        "0319003",
        "Тролейбусні перевезення пасажирів.",
        parent="transport",
        phone="+380332260000",
    ),
    _body(
        "parks",
        "КП «Парки та сквери м. Луцька»",
        ENTERPRISE,
        "0319004",
        "Утримання парків, скверів і зелених зон.",
        parent="housing",
        phone="+380332270000",
    ),
    _body(
        "library",
        "Луцька міська централізована бібліотечна система",
        INSTITUTION,
        "0319005",
        "Публічні бібліотеки громади.",
        parent="culture",
        phone="+380332280000",
    ),
]
