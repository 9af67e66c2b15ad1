"""The demo datasets: every update frequency, several ages, complete and incomplete
passports, good files and the broken ones publishers really upload.

``age_days`` is how long ago the data last changed: the loader stamps it on every
resource's ``last_modified``, counted back from ``datetime.now(timezone.utc)`` at
load time. ``intended`` is the timeliness state the monitoring should show, by
the rules of the existing Lutsk monitor (khomyart/datasets_lmr_optimised):

* the next update is due one calendar period after the last change;
* ``due_soon`` when 0–7 days are left, ``overdue`` after the due date;
* ``more than once a day`` and ``immediately after making changes`` are always
  ``normal``, ``no longer updated`` is ``inactive``.

Ages sit well away from the boundaries, so month lengths and leap years never
flip a state, and a reminder window scaled to the period (up to 7 days) gives
the same answer. Weekly and daily datasets are never ``normal``: with a 7-day
window they cannot be. A dataset without resources is judged by its
``metadata_modified`` (load time).

Dataset fields given as callables are dates computed at load time from
:class:`Dates` (the data's change date and today), so the demo does not age.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import list835
from .tables import REGISTER_COLUMNS, Table

FREQUENCIES = (
    "more than once a day",
    "once a day",
    "once a week",
    "once a month",
    "once a quarter",
    "once a half year",
    "once a year",
    "immediately after making changes",
    "no longer updated",
)
STATES = ("normal", "due_soon", "overdue", "inactive")


@dataclass(frozen=True)
class Dates:
    """What date-valued fields are computed from."""

    today: dt.date
    changed: dt.date


DateField = Callable[[Dates], str]


@dataclass(frozen=True)
class DemoResource:
    """One file (``kind`` says how it is made from ``table``) or link of a dataset."""

    name: str
    kind: str  # csv, csv-bom, cp1251, koi8u, tsv, xlsx, json, ragged, html, empty, link
    table: str = ""
    url: str = ""
    description: str = ""
    schema: dict[str, Any] | None = None
    validation_options: dict[str, Any] | None = None


@dataclass(frozen=True)
class DemoDataset:
    name: str
    org: str
    title: str
    notes: str
    tags: str
    frequency: str
    purpose: str
    age_days: int
    intended: str  # one of STATES
    resources: tuple[DemoResource, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    language: str = "ua"
    #: Key of the Resolution 835 item (``list835.ITEMS``); sets ``legal_basis`` and
    #: ``required_dataset``.
    item_835: str = ""
    #: Values written straight to the database after the dataset is made, as data
    #: migrated from the old portal carries them (the schema would refuse them now);
    #: ``{"tags": []}`` removes the keywords.
    legacy: dict[str, Any] = field(default_factory=dict)

    @property
    def private(self) -> bool:
        return bool(self.extra.get("private"))

    def package_dict(self, owner_org: str, dates: Dates) -> dict[str, Any]:
        """The ``package_create`` data dict, dates resolved."""
        data: dict[str, Any] = {
            "name": self.name,
            "title": self.title,
            "notes": self.notes,
            "tag_string": self.tags,
            "language": self.language,
            "update_frequency": self.frequency,
            "purpose_of_collecting_information": self.purpose,
            "owner_org": owner_org,
        }
        if self.item_835:
            data["legal_basis"] = list835.legal_basis(self.item_835)
            data["required_dataset"] = self.item_835
        for key, value in self.extra.items():
            data[key] = value(dates) if callable(value) else value
        return data


# --- helpers that keep the specs short -------------------------------------------------------


def actual(days_before_change: int) -> DateField:
    """``data_actuality_date``: the data was current this many days before it was uploaded."""
    return lambda d: (d.changed - dt.timedelta(days=days_before_change)).isoformat()


def release_in(days: int) -> DateField:
    """``planned_release_date`` this many days from today."""
    return lambda d: (d.today + dt.timedelta(days=days)).isoformat()


def start_of_change_year(d: Dates) -> str:
    return d.changed.replace(month=1, day=1).isoformat()


def change_day(d: Dates) -> str:
    return d.changed.isoformat()


def a_year_before_change(d: Dates) -> str:
    return (d.changed - dt.timedelta(days=365)).isoformat()


def responsible(name: str, email: str) -> dict[str, str]:
    return {"maintainer": name, "maintainer_email": email}


def csv(name: str, table: str, **kw: Any) -> DemoResource:
    return DemoResource(name=name, kind="csv", table=table, **kw)


CC_BY = {"license_id": "cc-by"}
CP1251_SEMICOLON = {"encoding": "windows-1251", "dialect": {"csv": {"delimiter": ";"}}}

SCHEMA_BUDGET = {
    "fields": [
        {"name": "КПКВ", "type": "string"},
        {"name": "Назва програми", "type": "string"},
        {"name": "План, грн", "type": "integer"},
        {"name": "Виконано, грн", "type": "integer"},
    ]
}
SCHEMA_ROUTES = {
    "fields": [
        {"name": "Маршрут", "type": "string"},
        {"name": "Початкова зупинка", "type": "string"},
        {"name": "Кінцева зупинка", "type": "string"},
        {"name": "Кількість тролейбусів", "type": "integer"},
    ]
}
SCHEMA_STOPS = {
    "fields": [
        {"name": "Код зупинки", "type": "string", "constraints": {"required": True}},
        {"name": "Назва", "type": "string"},
        {"name": "Широта", "type": "number"},
        {"name": "Довгота", "type": "number"},
        {"name": "Вид транспорту", "type": "string"},
    ],
    "primaryKey": ["Код зупинки"],
}
# The same columns as the file, but "Голосів" wrongly typed as a date: the
# validation must report it, not the loader.
SCHEMA_PARTICIPATION = {
    "fields": [
        {"name": "Номер проєкту", "type": "string"},
        {"name": "Назва проєкту", "type": "string"},
        {"name": "Категорія", "type": "string"},
        {"name": "Вартість, грн", "type": "integer"},
        {"name": "Голосів", "type": "date"},
        {"name": "Стан", "type": "string"},
    ]
}

OPEN_DATA = "https://data.lutskrada.gov.ua"

# People named here are invented; some also appear in ``persons.py`` (the register),
# some have left since (their datasets' contacts are stale), some nowhere.
KOVALCHUK = responsible("Ковальчук Ірина Василівна", "i.kovalchuk@lutskrada.gov.ua")
MELNYK = responsible("Мельник Андрій Петрович", "a.melnyk@lutskrada.gov.ua")
SHEVCHUK = responsible("Шевчук Оксана Миколаївна", "o.shevchuk@lutskrada.gov.ua")
HNATIUK = responsible("Гнатюк Марія Степанівна", "m.hnatiuk@lutskrada.gov.ua")
BONDAR = responsible("Бондар Василь Іванович", "v.bondar@lutskrada.gov.ua")
TKACHUK = responsible("Ткачук Роман Олегович", "r.tkachuk@lutskrada.gov.ua")
SAVCHUK = responsible("Савчук Петро Олександрович", "p.savchuk@electrotrans.lutsk.ua")
LYSENKO = responsible("Лисенко Юрій Вікторович", "y.lysenko@lutskrada.gov.ua")
ROMANIUK = responsible("Романюк Наталія Ігорівна", "n.romaniuk@vodokanal.lutsk.ua")
OLIINYK = responsible("Олійник Галина Романівна", "parks@lutskrada.gov.ua")
LYTVYN = responsible("Литвин Олег Сергійович", "opendata@lutskrada.gov.ua")

DATASETS: list[DemoDataset] = [
    # --- Департамент фінансів, бюджету та аудиту ---------------------------------------------
    DemoDataset(
        "budget-2025",
        "finance",
        "Бюджет Луцької міської територіальної громади на 2025 рік",
        "Показники бюджету громади на 2025 рік за програмною класифікацією видатків"
        " (КПКВ): план і виконання.",
        "бюджет, фінанси, видатки",
        "once a year",
        "Бюджетний кодекс України, ст. 28: оприлюднення рішення про місцевий бюджет.",
        40,
        "normal",
        (
            DemoResource("Видатки за програмами (CSV)", "csv", "budget", schema=SCHEMA_BUDGET),
            DemoResource("Видатки за програмами (XLSX)", "xlsx", "budget"),
        ),
        {
            **CC_BY,
            **KOVALCHUK,
            "charter_principles": ["open_by_default", "improved_governance"],
            "legal_basis": "Бюджетний кодекс України, ст. 28",
            "data_actuality_date": actual(10),
            "temporal_start": "2025-01-01",
            "temporal_end": "2025-12-31",
        },
    ),
    DemoDataset(
        "budget-execution-monthly",
        "finance",
        "Звіт про виконання бюджету громади (щомісячний)",
        "Виконання видаткової частини бюджету громади наростаючим підсумком з початку року."
        " Файл вивантажено з бухгалтерської програми: кодування windows-1251, роздільник «;».",
        "бюджет, виконання бюджету",
        "once a month",
        "Бюджетний кодекс України, ст. 80: звітування про виконання місцевого бюджету.",
        70,
        "overdue",
        (
            DemoResource(
                "Виконання бюджету, windows-1251",
                "cp1251",
                "budget-execution",
                validation_options=CP1251_SEMICOLON,
            ),
        ),
        {
            **CC_BY,
            **KOVALCHUK,
            "data_actuality_date": actual(5),
            "temporal_start": start_of_change_year,
            "temporal_end": change_day,
        },
    ),
    DemoDataset(
        "budget-requests",
        "finance",
        "Бюджетні запити головних розпорядників коштів",
        "Бюджетні запити головних розпорядників бюджетних коштів на наступний рік і граничні"
        " обсяги видатків.",
        "бюджет, планування",
        "once a year",
        "Бюджетний кодекс України, ст. 75: складання проєкту місцевого бюджету.",
        420,
        "overdue",
        (DemoResource("Бюджетні запити", "xlsx", "budget-requests"),),
        {**CC_BY},
    ),
    # --- Департамент економічної політики ----------------------------------------------------
    DemoDataset(
        "participation-budget",
        "economy",
        list835.title("OMS-18"),
        "Проєкти громадського бюджету Луцька: категорія, вартість, кількість голосів і стан"
        " реалізації.",
        "громадський бюджет, участь, голосування",
        "once a year",
        "Положення про громадський бюджет Луцької міської територіальної громади.",
        360,
        "due_soon",
        (
            csv(
                "Проєкти громадського бюджету",
                "participation",
                schema=SCHEMA_PARTICIPATION,
                description="Структура описує колонку «Голосів» як дату — помилка публікатора.",
            ),
        ),
        {**CC_BY, **MELNYK, "charter_principles": ["improved_governance", "inclusive_development"]},
        item_835="OMS-18",
    ),
    DemoDataset(
        "municipal-property",
        "economy",
        list835.title("OMS-1"),
        "Об'єкти нерухомого майна комунальної власності Луцької міської територіальної громади:"
        " адреса, площа, балансоутримувач, спосіб використання.",
        "комунальна власність, майно, нерухомість",
        "once a quarter",
        "Закон України «Про місцеве самоврядування в Україні», ст. 60: облік комунального майна.",
        30,
        "normal",
        (
            csv("Об'єкти комунальної власності", "property"),
            DemoResource("Об'єкти комунальної власності (JSON)", "json", "property"),
        ),
        {**CC_BY, **MELNYK, "data_actuality_date": actual(3)},
        item_835="OMS-1",
    ),
    DemoDataset(
        "property-lease",
        "economy",
        list835.title("OMS-33"),
        list835.ITEMS["OMS-33"] + ". Договори оренди комунального майна Луцька та їх умови.",
        "оренда, комунальна власність",
        "once a quarter",
        "Закон України «Про оренду державного та комунального майна».",
        120,
        "overdue",
        (
            DemoResource(
                "Договори оренди (KOI8-U)",
                "koi8u",
                "leases",
                validation_options={"encoding": "koi8-u", "dialect": {"csv": {"delimiter": ";"}}},
            ),
        ),
        {**CC_BY},
        item_835="OMS-33",
    ),
    DemoDataset(
        "regulatory-acts",
        "economy",
        list835.title("ALL-9"),
        "Регуляторні акти Луцької міської ради та виконавчого комітету: дата набрання чинності,"
        " строки відстеження результативності, джерело оприлюднення.",
        "регуляторні акти, нормативні акти",
        "immediately after making changes",
        "Закон України «Про засади державної регуляторної політики у сфері господарської"
        " діяльності».",
        200,
        "normal",
        (
            DemoResource(
                "Регуляторні акти (посилання)",
                "link",
                url=f"{OPEN_DATA}/files/regulatory-acts.csv",
            ),
        ),
        {**CC_BY, **MELNYK},
        item_835="ALL-9",
    ),
    # --- Департамент освіти ------------------------------------------------------------------
    DemoDataset(
        "schools",
        "education",
        "Перелік закладів загальної середньої освіти",
        "Заклади загальної середньої освіти громади з адресами, кількістю учнів і телефонами.",
        "освіта, школи, ліцеї",
        "once a year",
        "Закон України «Про повну загальну середню освіту»: мережа закладів освіти громади.",
        100,
        "normal",
        (
            csv("Заклади освіти", "schools"),
            DemoResource("Заклади освіти (TSV)", "tsv", "schools"),
        ),
        {
            **CC_BY,
            **SHEVCHUK,
            "charter_principles": ["accessible_and_usable"],
            "data_actuality_date": actual(20),
        },
    ),
    DemoDataset(
        "kindergartens-queue",
        "education",
        list835.title("OMS-25"),
        "Кількість дітей у черзі до закладів дошкільної освіти Луцька за даними електронної"
        " реєстрації.",
        "освіта, дитячі садки, черга",
        "once a week",
        "Закон України «Про дошкільну освіту»; Порядок електронної реєстрації дітей.",
        12,
        "overdue",
        (DemoResource("Черга до ЗДО (UTF-8 з BOM)", "csv-bom", "kindergarten-queue"),),
        {**CC_BY, **SHEVCHUK},
        item_835="OMS-25",
    ),
    DemoDataset(
        "school-meals",
        "education",
        "Вартість харчування у закладах освіти",
        "Вартість харчування дітей у закладах освіти за віковими групами і частка батьківської"
        " плати.",
        "освіта, харчування",
        "once a half year",
        "Рішення виконавчого комітету про організацію харчування у закладах освіти.",
        178,
        "due_soon",
        (DemoResource("Вартість харчування", "xlsx", "school-meals"),),
        {**CC_BY},
    ),
    # --- Департамент культури та бібліотечна система -----------------------------------------
    DemoDataset(
        "libraries",
        "library",
        "Публічні бібліотеки громади",
        "Бібліотеки Луцької міської централізованої бібліотечної системи, їх фонди та кількість"
        " користувачів.",
        "бібліотеки, культура",
        "once a year",
        "Закон України «Про бібліотеки і бібліотечну справу»: звітність бібліотек.",
        30,
        "normal",
        (csv("Бібліотеки", "libraries"),),
        {**CC_BY, **HNATIUK},
    ),
    DemoDataset(
        "cultural-events",
        "culture",
        "Календар культурно-мистецьких заходів",
        "Заходи, що проводять заклади культури громади: дата, місце, організатор.",
        "культура, заходи",
        "once a month",
        "Програма розвитку культури Луцької міської територіальної громади.",
        26,
        "due_soon",
        # windows-1251 with ";" but no validation options: the publisher did not say.
        (DemoResource("Заходи (windows-1251)", "cp1251", "events"),),
        {**CC_BY, **HNATIUK},
    ),
    DemoDataset(
        "museums",
        "culture",
        "Музеї та виставкові зали",
        "Музеї Луцька, адреси, графік роботи та вартість квитків.",
        "музеї, культура",
        "no longer updated",
        "Довідкова інформація для мешканців і гостей міста.",
        900,
        "inactive",
        (csv("Музеї", "museums"),),
    ),
    DemoDataset(
        "tourist-sites",
        "culture",
        "Туристичні об'єкти Луцька (англійською мовою)",
        "Пам'ятки та туристичні об'єкти Луцька з координатами — для іноземних гостей, англійською.",
        "туризм, визначні місця",
        "once a half year",
        "Програма розвитку туризму Луцької міської територіальної громади.",
        60,
        "normal",
        (
            DemoResource("Tourist sites (JSON)", "json", "tourist-sites"),
            csv("Tourist sites (CSV)", "tourist-sites"),
        ),
        {**CC_BY, "charter_principles": ["accessible_and_usable", "inclusive_development"]},
        language="en",
    ),
    # --- Департамент житлово-комунального господарства ---------------------------------------
    DemoDataset(
        "green-plantings-removal",
        "housing",
        list835.title("OMS-14"),
        "Акти обстеження зелених насаджень, що підлягають видаленню: адреса, вид, кількість,"
        " причина.",
        "зелені насадження, благоустрій",
        "once a month",
        "Порядок видалення дерев, кущів, газонів і квітників у населених пунктах (постанова КМУ"
        " від 01.08.2006 № 1045).",
        10,
        "normal",
        (csv("Акти обстеження", "trees"),),
        {**CC_BY, **BONDAR, "data_actuality_date": actual(2)},
        item_835="OMS-14",
    ),
    DemoDataset(
        "housing-stock",
        "housing",
        "Житловий фонд громади",
        "Багатоквартирні будинки Луцька: рік побудови, поверховість, кількість квартир, форма"
        " управління.",
        "житло, будинки",
        "once a half year",
        "Облік житлового фонду (Житловий кодекс України).",
        260,
        "overdue",
        (DemoResource("Будинки (з розірваними рядками)", "ragged", "housing"),),
        {**CC_BY, **BONDAR},
    ),
    DemoDataset(
        "repair-works",
        "housing",
        list835.title("OMS-3"),
        "Об'єкти капітального та поточного ремонту і благоустрою, вартість, підрядники, строки.",
        "ремонт, благоустрій",
        "once a week",
        "Програма благоустрою Луцької міської територіальної громади.",
        6,
        "due_soon",
        # The export failed and the gateway's error page was saved as the CSV.
        (DemoResource("Титульний список", "html", "repairs"),),
        {**CC_BY},
        item_835="OMS-3",
    ),
    # --- Департамент містобудування, земельних ресурсів та реклами ---------------------------
    DemoDataset(
        "land-plots",
        "urban-planning",
        list835.title("OMS-40"),
        "Земельні ділянки комунальної власності, що пропонуються для передачі у власність або"
        " користування: кадастровий номер, площа, цільове призначення.",
        "земля, земельні ділянки",
        "once a quarter",
        "Земельний кодекс України, ст. 122, 134.",
        88,
        "due_soon",
        (csv("Земельні ділянки", "land-plots"),),
        {**CC_BY, **TKACHUK},
        item_835="OMS-40",
    ),
    DemoDataset(
        "advertising",
        "urban-planning",
        list835.title("OMS-4"),
        list835.ITEMS["OMS-4"] + ".",
        "реклама, дозволи",
        "once a month",
        "Закон України «Про рекламу»; Правила розміщення зовнішньої реклами в м. Луцьку.",
        45,
        "overdue",
        (DemoResource("Рекламні засоби", "empty"),),
        {"license_id": "other-closed"},
        item_835="OMS-4",
    ),
    DemoDataset(
        "master-plan",
        "urban-planning",
        list835.title("OMS-35"),
        "Генеральний план Луцька, плани зонування та детальні плани територій.",
        "містобудування, генплан",
        "no longer updated",
        "Закон України «Про регулювання містобудівної діяльності», ст. 17.",
        1500,
        "inactive",
        (
            DemoResource(
                "Генеральний план (посилання)",
                "link",
                url=f"{OPEN_DATA}/pages/heneralnyi-plan",
            ),
        ),
        {"license_id": "cc-nc"},
        item_835="OMS-35",
    ),
    # --- Управління транспорту та КП «Луцьке підприємство електротранспорту» -----------------
    DemoDataset(
        "trolleybus-routes",
        "electrotrans",
        list835.title("OMS-9"),
        "Тролейбусні маршрути Луцька, кінцеві зупинки та кількість тролейбусів на маршруті.",
        "транспорт, тролейбус, маршрути",
        "once a quarter",
        "Закон України «Про міський електричний транспорт».",
        20,
        "normal",
        (
            DemoResource("Маршрути", "csv", "routes", schema=SCHEMA_ROUTES),
            DemoResource("Маршрути (XLSX)", "xlsx", "routes"),
        ),
        {**CC_BY, **SAVCHUK, "charter_principles": ["comparable_and_interoperable"]},
        item_835="OMS-9",
    ),
    DemoDataset(
        "transport-gps",
        "transport",
        list835.title("OMS-36"),
        "GPS-дані про місцезнаходження тролейбусів і автобусів Луцька, оновлення щохвилини.",
        "транспорт, GPS, реальний час",
        "more than once a day",
        "Програма розвитку громадського транспорту Луцької міської територіальної громади.",
        1,
        "normal",
        (DemoResource("GPS API", "link", url=f"{OPEN_DATA}/api/transport/vehicles.json"),),
        {**CC_BY},
        item_835="OMS-36",
    ),
    DemoDataset(
        "transport-stops",
        "transport",
        list835.title("OMS-10"),
        "Зупинки громадського транспорту Луцька з координатами (WGS 84).",
        "транспорт, зупинки, геодані",
        "once a year",
        "Правила надання послуг пасажирського автомобільного транспорту.",
        150,
        "normal",
        (csv("Зупинки", "stops", schema=SCHEMA_STOPS),),
        {
            **CC_BY,
            "charter_principles": ["comparable_and_interoperable"],
            "spatial_coverage": "м. Луцьк",
        },
        item_835="OMS-10",
    ),
    DemoDataset(
        "parking-lots",
        "transport",
        list835.title("OMS-19"),
        "Майданчики для платного паркування, оператори, кількість місць, вартість, наявність"
        " паркоматів.",
        "паркування, транспорт",
        "once a month",
        "Правила паркування транспортних засобів (постанова КМУ від 03.12.2009 № 1342).",
        95,
        "overdue",
        (DemoResource("Майданчики (windows-1251, «;»)", "cp1251", "parking"),),
        {**CC_BY, **LYSENKO},
        item_835="OMS-19",
    ),
    DemoDataset(
        "parking-fines",
        "transport",
        list835.title("OMS-52"),
        "Постанови про накладення штрафів за порушення правил паркування (ст. 152-1 КУпАП).",
        "паркування, штрафи",
        "once a day",
        "Кодекс України про адміністративні правопорушення, ст. 152-1.",
        4,
        "overdue",
        (csv("Штрафи", "parking-fines"),),
        {**CC_BY, "temporal_start": a_year_before_change, "temporal_end": change_day},
        item_835="OMS-52",
    ),
    # --- Комунальні підприємства -------------------------------------------------------------
    DemoDataset(
        "water-tariffs",
        "vodokanal",
        list835.title("OMS-44", "водопостачання та водовідведення"),
        "Діючі тарифи КП «Луцькводоканал» на централізоване водопостачання і водовідведення.",
        "тарифи, вода",
        "immediately after making changes",
        "Закон України «Про житлово-комунальні послуги»; рішення виконавчого комітету.",
        300,
        "normal",
        (csv("Тарифи", "water-tariffs"),),
        {**CC_BY, **ROMANIUK},
        item_835="OMS-44",
    ),
    DemoDataset(
        "water-quality",
        "vodokanal",
        "Якість питної води",
        "Результати лабораторних досліджень питної води у точках відбору.",
        "вода, якість",
        "once a month",
        "ДСанПіН 2.2.4-171-10: контроль якості питної води.",
        15,
        "normal",
        (DemoResource("Показники якості", "xlsx", "water-quality"),),
        {
            **CC_BY,
            **ROMANIUK,
            "data_actuality_date": actual(7),
            "temporal_start": a_year_before_change,
            "temporal_end": change_day,
        },
    ),
    DemoDataset(
        "heating-tariffs",
        "lutskteplo",
        list835.title("OMS-44", "теплопостачання"),
        "Тарифи КП «Луцьктепло» на теплову енергію та постачання гарячої води.",
        "тарифи, тепло",
        "once a year",
        "Закон України «Про теплопостачання».",
        500,
        "overdue",
        (csv("Тарифи на тепло", "heating-tariffs"),),
        # Only what the schema requires: an incomplete passport.
    ),
    DemoDataset(
        "boiler-houses",
        "lutskteplo",
        "Котельні та теплові мережі",
        "Котельні підприємства, їх потужність і протяжність теплових мереж.",
        "тепло, котельні",
        "once a year",
        "Закон України «Про теплопостачання».",
        60,
        "normal",
        (),  # nothing uploaded yet
        {**CC_BY},
    ),
    DemoDataset(
        "parks-list",
        "parks",
        "Парки та сквери міста",
        "Парки і сквери Луцька з площею, адресами та обладнанням.",
        "парки, сквери, зелені зони",
        "once a half year",
        "Закон України «Про благоустрій населених пунктів».",
        90,
        "normal",
        (csv("Парки", "parks"),),
        {**CC_BY, **OLIINYK},
    ),
    # --- Управління інформаційно-комунікаційних технологій -----------------------------------
    DemoDataset(
        "open-data-register",
        "ict",
        list835.title("ALL-6"),
        "Реєстр наборів даних Луцької міської ради та її виконавчих органів (колонки як на"
        " data.gov.ua).",
        "відкриті дані, реєстр",
        "once a quarter",
        "Постанова КМУ від 21.10.2015 № 835; Закон України «Про доступ до публічної інформації».",
        50,
        "normal",
        (csv("Реєстр наборів даних", "register"),),
        {
            **CC_BY,
            **LYTVYN,
            "charter_principles": ["open_by_default", "timely_and_comprehensive"],
        },
        item_835="ALL-6",
    ),
    DemoDataset(
        "bodies-directory",
        "ict",
        list835.title("ALL-1"),
        list835.ITEMS["ALL-1"] + ".",
        "довідник, розпорядники, контакти",
        "immediately after making changes",
        "Закон України «Про доступ до публічної інформації», ст. 15.",
        45,
        "normal",
        (
            csv("Довідник розпорядників", "directory"),
            DemoResource("Довідник розпорядників (XLSX)", "xlsx", "directory"),
        ),
        {**CC_BY, **LYTVYN, "data_actuality_date": actual(0)},
        item_835="ALL-1",
    ),
    DemoDataset(
        "personal-data-requests",
        "ict",
        list835.title("ALL-5", "запити на публічну інформацію"),
        "Запити на публічну інформацію, що надійшли до міської ради, і результати їх розгляду.",
        "запити, публічна інформація",
        "once a month",
        "Закон України «Про доступ до публічної інформації», ст. 15.",
        14,
        "normal",
        (csv("Запити", "info-requests"),),
        {
            **CC_BY,
            "private": True,
            "closed_justification": (
                "Дані ще не знеособлено відповідно до Закону «Про захист персональних даних»."
            ),
            "planned_release_date": release_in(120),
        },
        item_835="ALL-5",
    ),
    DemoDataset(
        "cctv-cameras",
        "ict",
        list835.title("OMS-54"),
        "Розташування камер системи «Безпечне місто».",
        "безпека, відеоспостереження",
        "once a quarter",
        "Програма «Безпечне місто» Луцької міської територіальної громади.",
        30,
        "normal",
        (csv("Камери", "cameras"),),
        # Private, and no reason given yet: the Charter check must flag it.
        {**CC_BY, "private": True},
        item_835="OMS-54",
    ),
    DemoDataset(
        "land-lease-contracts",
        "ict",
        "Договори оренди земельних ділянок комунальної власності",
        "Договори оренди землі: ділянка, орендар, строк, орендна плата. Готується до"
        " оприлюднення після знеособлення даних орендарів — фізичних осіб.",
        "земля, оренда",
        "once a month",
        "Земельний кодекс України, ст. 124; Закон «Про оренду землі».",
        20,
        "normal",
        (csv("Договори", "leases"),),
        {
            **CC_BY,
            **LYTVYN,
            "private": True,
            "closed_justification": "Містить персональні дані орендарів — фізичних осіб.",
            # The promised date has passed and the data is still closed.
            "planned_release_date": release_in(-20),
            "data_actuality_date": actual(0),
        },
    ),
    DemoDataset(
        "old-portal-parking",
        "transport",
        "Майданчики для паркування (з попереднього порталу)",
        "Перелік майданчиків для платного паркування, перенесений зі старого порталу без"
        " ключових слів, з мовою, записаною кодом «uk» замість «ua», частотою «Щороку» і"
        " форматом «csv».",
        "паркування",
        "once a year",
        "Постанова КМУ від 03.12.2009 № 1342 «Про затвердження Правил паркування».",
        90,
        "normal",
        (csv("Майданчики", "parking"),),
        {**CC_BY, "data_actuality_date": actual(0)},
        legacy={"tags": [], "language": "uk", "update_frequency": "Щороку", "format": "csv"},
    ),
]

#: Dataset name → the timeliness state the monitoring should show.
INTENDED: dict[str, str] = {d.name: d.intended for d in DATASETS}


def register_rows(datasets: list[DemoDataset], bodies: Mapping[str, Mapping[str, Any]]) -> Table:
    """The 835 register of datasets, listing the public demo datasets."""
    rows: Table = [list(REGISTER_COLUMNS)]
    for d in datasets:
        if d.private:
            continue
        body = bodies[d.org]
        rows.append(
            [
                d.name,
                d.title,
                d.notes,
                d.frequency,
                d.tags,
                d.purpose,
                f"{OPEN_DATA}/dataset/{d.name}",
                body["title"],
                body["edrpou"],
                d.extra.get("maintainer", ""),
                d.extra.get("maintainer_email", ""),
            ]
        )
    return rows
