"""The demo datasets: every update frequency, several ages, complete and incomplete
passports, good files and the broken ones publishers really upload.

``age_days`` is how long ago the data last changed (the resources' ``last_modified``);
``intended`` is the timeliness state the monitoring should show for it, with the
existing Lutsk monitor's rules (7-day reminder window).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# --- tables the files are made from -----------------------------------------------------------

BUDGET = [
    ["КПКВ", "Назва програми", "План, грн", "Виконано, грн"],
    ["0611010", "Надання дошкільної освіти", 612500000, 598341220],
    ["0611021", "Надання загальної середньої освіти", 1045000000, 1031877400],
    ["1014030", "Забезпечення діяльності бібліотек", 38100000, 37650210],
    ["1216030", "Організація благоустрою населених пунктів", 254000000, 241980035],
    ["1217461", "Утримання та розвиток автомобільних доріг", 310500000, 287440900],
]
SCHOOLS = [
    ["Назва закладу", "Адреса", "Кількість учнів", "Телефон"],
    ["Луцький ліцей № 1", "вул. Винниченка, 30", 1210, "+380332724011"],
    ["Луцький ліцей № 2", "вул. Шопена, 24", 980, "+380332724022"],
    ["Луцька гімназія № 4 імені Модеста Левицького", "вул. Кравчука, 8", 1104, "+380332724033"],
    ["Луцький ліцей № 21 імені Михайла Кравчука", "вул. Кравчука, 32", 1530, "+380332724044"],
]
ROUTES = [
    ["Маршрут", "Початкова зупинка", "Кінцева зупинка", "Кількість тролейбусів"],
    ["1", "Вокзал", "Завод ЛуАЗ", 9],
    ["2", "Гнідавська", "Вокзал", 6],
    ["4", "Кічкарівка", "Вокзал", 7],
    ["7", "Вокзал", "Теремно", 8],
]
PARKING = [
    ["Адреса майданчика", "Кількість місць", "Оператор", "Вартість за годину, грн"],
    ["вул. Лесі Українки, 40", 35, "КП «Луцькавтодор»", 20],
    ["просп. Волі, 2", 48, "КП «Луцькавтодор»", 20],
    ["вул. Шевченка, 6", 22, "ТОВ «Паркінг Луцьк»", 15],
]
TREES = [
    ["Номер акта", "Дата акта", "Адреса", "Вид насадження", "Кількість", "Причина видалення"],
    ["112", "2025-03-14", "вул. Градний Узвіз, 5", "Тополя", 2, "аварійний стан"],
    ["113", "2025-03-21", "просп. Перемоги, 11", "Клен", 1, "сухостій"],
    ["114", "2025-04-02", "вул. Рівненська, 78", "Липа", 3, "будівництво"],
]
TARIFFS = [
    ["Послуга", "Одиниця", "Тариф, грн", "Діє з"],
    ["Централізоване водопостачання", "м³", 24.12, "2025-01-01"],
    ["Централізоване водовідведення", "м³", 19.86, "2025-01-01"],
    ["Постачання теплової енергії", "Гкал", 2184.48, "2024-10-01"],
]
PROPERTY = [
    ["Назва об'єкта", "Адреса", "Площа, м²", "Балансоутримувач"],
    ["Нежитлове приміщення", "вул. Крилова, 2", 84.5, "Департамент ЖКГ"],
    ["Будівля колишньої котельні", "вул. Садова, 9а", 210.0, "КП «Луцьктепло»"],
    ["Нежитлове приміщення", "просп. Волі, 14", 46.2, "Департамент економічної політики"],
]
LIBRARIES = [
    ["Бібліотека", "Адреса", "Фонд, примірників", "Користувачів за рік"],
    ["Центральна міська бібліотека", "вул. Лесі Українки, 30", 112000, 9400],
    ["Бібліотека-філія № 2", "вул. Кравчука, 11", 38000, 2100],
    ["Бібліотека-філія № 5", "вул. Ветеранів, 1", 29500, 1800],
]
# No «» here: KOI8-U has no guillemets, and this table is written in it.
LEASES = [
    ["Об'єкт оренди", "Адреса", "Орендар", "Площа, м²", "Строк до"],
    ["Нежитлове приміщення", "вул. Крилова, 2", "ФОП Петренко О. І.", 84.5, "2027-12-31"],
    ["Частина вестибюля", "просп. Волі, 14", "ТОВ Волинь-Сервіс", 12.0, "2026-06-30"],
]
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

TABLES: dict[str, list[list[Any]]] = {
    "budget": BUDGET,
    "schools": SCHOOLS,
    "routes": ROUTES,
    "parking": PARKING,
    "trees": TREES,
    "tariffs": TARIFFS,
    "property": PROPERTY,
    "libraries": LIBRARIES,
    "leases": LEASES,
}


@dataclass(frozen=True)
class DemoResource:
    """One file (``kind`` says how it is made from ``table``) or link of a dataset."""

    name: str
    kind: str  # csv, csv-bom, cp1251, koi8u, tsv, xlsx, json, ragged, html, empty, link
    table: str = ""
    url: str = ""
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
    intended: str  # normal, due_soon, overdue, inactive
    resources: tuple[DemoResource, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


CC_BY = {"license_id": "cc-by"}
PURPOSE_835 = (
    "Постанова КМУ від 21.10.2015 № 835; Закон України «Про доступ до публічної інформації»."
)


def _responsible(name: str, email: str) -> dict[str, str]:
    return {"maintainer": name, "maintainer_email": email}


def _csv(name: str, table: str, **kw: Any) -> DemoResource:
    return DemoResource(name=name, kind="csv", table=table, **kw)


DATASETS: list[DemoDataset] = [
    DemoDataset(
        "budget-2025",
        "finance",
        "Бюджет Луцької міської територіальної громади на 2025 рік",
        "Показники бюджету громади за програмною класифікацією видатків.",
        "бюджет, фінанси, видатки",
        "once a year",
        "Бюджетний кодекс України, ст. 28.",
        40,
        "normal",
        (
            DemoResource("Видатки за програмами (CSV)", "csv", "budget", schema=SCHEMA_BUDGET),
            DemoResource("Видатки за програмами (XLSX)", "xlsx", "budget"),
        ),
        {
            **CC_BY,
            **_responsible("Ковальчук Ірина Василівна", "i.kovalchuk@lutskrada.gov.ua"),
            "charter_principles": ["open_by_default", "improved_governance"],
            "legal_basis": "Постанова КМУ № 835, перелік для ОМС",
            "data_actuality_date": "2025-10-01",
            "temporal_start": "2025-01-01",
            "temporal_end": "2025-12-31",
        },
    ),
    DemoDataset(
        "budget-execution-monthly",
        "finance",
        "Звіт про виконання бюджету громади (щомісячний)",
        "Щомісячні дані про виконання дохідної та видаткової частин бюджету.",
        "бюджет, виконання бюджету",
        "once a month",
        "Бюджетний кодекс України, ст. 80.",
        70,
        "overdue",
        (
            DemoResource(
                "Виконання бюджету, windows-1251",
                "cp1251",
                "budget",
                validation_options={
                    "encoding": "windows-1251",
                    "dialect": {"csv": {"delimiter": ";"}},
                },
            ),
        ),
        {**CC_BY, **_responsible("Ковальчук Ірина Василівна", "i.kovalchuk@lutskrada.gov.ua")},
    ),
    DemoDataset(
        "budget-requests",
        "finance",
        "Бюджетні запити головних розпорядників коштів",
        "Бюджетні запити на наступний рік.",
        "бюджет, планування",
        "once a year",
        PURPOSE_835,
        420,
        "overdue",
        (DemoResource("Бюджетні запити", "xlsx", "budget"),),
        {**CC_BY},
    ),
    DemoDataset(
        "participation-budget",
        "economy",
        "Громадський бюджет: проєкти та результати голосування",
        "Проєкти громадського бюджету, результати голосування, стан реалізації.",
        "громадський бюджет, участь",
        "once a year",
        PURPOSE_835,
        358,
        "due_soon",
        (_csv("Проєкти громадського бюджету", "property"),),
        {
            **CC_BY,
            **_responsible("Мельник Андрій Петрович", "a.melnyk@lutskrada.gov.ua"),
            "charter_principles": ["improved_governance", "inclusive_development"],
        },
    ),
    DemoDataset(
        "municipal-property",
        "economy",
        "Перелік об'єктів комунальної власності",
        "Об'єкти нерухомого майна комунальної власності Луцької громади.",
        "комунальна власність, майно, нерухомість",
        "once a quarter",
        PURPOSE_835,
        30,
        "normal",
        (
            _csv("Об'єкти комунальної власності", "property"),
            DemoResource("Об'єкти (JSON)", "json", "property"),
        ),
        {
            **CC_BY,
            **_responsible("Мельник Андрій Петрович", "a.melnyk@lutskrada.gov.ua"),
            "legal_basis": "Постанова КМУ № 835, перелік для ОМС, п. 1",
        },
    ),
    DemoDataset(
        "property-lease",
        "economy",
        "Об'єкти комунальної власності, передані в оренду",
        "Договори оренди комунального майна та їх умови.",
        "оренда, комунальна власність",
        "once a quarter",
        PURPOSE_835,
        120,
        "overdue",
        (
            DemoResource(
                "Договори оренди", "koi8u", "leases", validation_options={"encoding": "koi8-u"}
            ),
        ),
        {**CC_BY},
    ),
    DemoDataset(
        "regulatory-acts",
        "economy",
        "Переліки регуляторних актів",
        "Регуляторні акти міської ради та виконавчого комітету, дати набрання чинності.",
        "регуляторні акти, нормативні акти",
        "immediately after making changes",
        PURPOSE_835,
        200,
        "normal",
        (
            DemoResource(
                "Регуляторні акти (посилання)",
                "link",
                url="https://data.lutskrada.gov.ua/regulatory-acts.csv",
            ),
        ),
        {**CC_BY, **_responsible("Мельник Андрій Петрович", "a.melnyk@lutskrada.gov.ua")},
    ),
    DemoDataset(
        "schools",
        "education",
        "Перелік закладів загальної середньої освіти",
        "Заклади загальної середньої освіти громади з адресами та кількістю учнів.",
        "освіта, школи, ліцеї",
        "once a year",
        PURPOSE_835,
        100,
        "normal",
        (_csv("Заклади освіти", "schools"), DemoResource("Заклади освіти (TSV)", "tsv", "schools")),
        {
            **CC_BY,
            **_responsible("Шевчук Оксана Миколаївна", "o.shevchuk@lutskrada.gov.ua"),
            "charter_principles": ["accessible_and_usable"],
            "data_actuality_date": "2025-09-01",
        },
    ),
    DemoDataset(
        "kindergartens-queue",
        "education",
        "Електронна черга до закладів дошкільної освіти",
        "Кількість дітей у черзі за закладами дошкільної освіти.",
        "освіта, дитячі садки, черга",
        "once a week",
        PURPOSE_835,
        12,
        "overdue",
        (DemoResource("Черга (з BOM)", "csv-bom", "schools"),),
        {**CC_BY, **_responsible("Шевчук Оксана Миколаївна", "o.shevchuk@lutskrada.gov.ua")},
    ),
    DemoDataset(
        "school-meals",
        "education",
        "Вартість харчування у закладах освіти",
        "Вартість харчування дітей у закладах освіти за віковими групами.",
        "освіта, харчування",
        "once a half year",
        PURPOSE_835,
        178,
        "due_soon",
        (DemoResource("Вартість харчування", "xlsx", "tariffs"),),
        {**CC_BY},
    ),
    DemoDataset(
        "libraries",
        "library",
        "Публічні бібліотеки громади",
        "Бібліотеки, їх фонди та кількість користувачів.",
        "бібліотеки, культура",
        "once a year",
        PURPOSE_835,
        30,
        "normal",
        (_csv("Бібліотеки", "libraries"),),
        {**CC_BY, **_responsible("Гнатюк Марія Степанівна", "m.hnatiuk@lutskrada.gov.ua")},
    ),
    DemoDataset(
        "cultural-events",
        "culture",
        "Календар культурно-мистецьких заходів",
        "Заходи, що проводять заклади культури громади.",
        "культура, заходи",
        "once a month",
        PURPOSE_835,
        27,
        "due_soon",
        (DemoResource("Заходи (cp1251)", "cp1251", "libraries"),),
        {**CC_BY, **_responsible("Гнатюк Марія Степанівна", "m.hnatiuk@lutskrada.gov.ua")},
    ),
    DemoDataset(
        "museums",
        "culture",
        "Музеї та виставкові зали",
        "Музеї громади, адреси та графік роботи.",
        "музеї, культура",
        "no longer updated",
        PURPOSE_835,
        900,
        "inactive",
        (_csv("Музеї", "libraries"),),
        {**CC_BY},
    ),
    DemoDataset(
        "green-plantings-removal",
        "housing",
        "Дані про зелені насадження, що підлягають видаленню",
        "Акти обстеження зелених насаджень, що підлягають видаленню.",
        "зелені насадження, благоустрій",
        "once a month",
        PURPOSE_835,
        10,
        "normal",
        (_csv("Акти обстеження", "trees"),),
        {
            **CC_BY,
            **_responsible("Бондар Василь Іванович", "v.bondar@lutskrada.gov.ua"),
            "legal_basis": "Постанова КМУ № 835, перелік для ОМС",
        },
    ),
    DemoDataset(
        "housing-stock",
        "housing",
        "Житловий фонд громади",
        "Багатоквартирні будинки, форма управління, рік побудови.",
        "житло, будинки",
        "once a half year",
        PURPOSE_835,
        260,
        "overdue",
        (DemoResource("Будинки (з розірваними рядками)", "ragged", "property"),),
        {**CC_BY, **_responsible("Бондар Василь Іванович", "v.bondar@lutskrada.gov.ua")},
    ),
    DemoDataset(
        "repair-works",
        "housing",
        "Ремонтні роботи на об'єктах благоустрою",
        "Об'єкти, на яких ведуться ремонтні роботи, терміни виконання.",
        "ремонт, благоустрій",
        "once a week",
        PURPOSE_835,
        3,
        "normal",
        (DemoResource("Ремонтні роботи", "html", "property"),),
        {**CC_BY},
    ),
    DemoDataset(
        "land-plots",
        "urban-planning",
        "Земельні ділянки комунальної власності для передачі",
        "Земельні ділянки, що пропонуються для передачі у користування.",
        "земля, земельні ділянки",
        "once a quarter",
        PURPOSE_835,
        88,
        "due_soon",
        (_csv("Земельні ділянки", "property"),),
        {**CC_BY, **_responsible("Ткачук Роман Олегович", "r.tkachuk@lutskrada.gov.ua")},
    ),
    DemoDataset(
        "advertising",
        "urban-planning",
        "Інформація щодо рекламних засобів",
        "Місце розміщення, розміри, розповсюджувач, строк дії дозволу.",
        "реклама, дозволи",
        "once a month",
        PURPOSE_835,
        45,
        "overdue",
        (DemoResource("Рекламні засоби", "empty"),),
        {"license_id": "other-closed"},
    ),
    DemoDataset(
        "master-plan",
        "urban-planning",
        "Генеральний план та плани зонування",
        "Містобудівна документація Луцька.",
        "містобудування, генплан",
        "no longer updated",
        PURPOSE_835,
        1500,
        "inactive",
        (
            DemoResource(
                "Генеральний план (посилання)",
                "link",
                url="https://www.lutskrada.gov.ua/pages/heneralnyi-plan",
            ),
        ),
        {**CC_BY},
    ),
    DemoDataset(
        "trolleybus-routes",
        "electrotrans",
        "Тролейбусні маршрути та рухомий склад",
        "Маршрути, кінцеві зупинки та кількість тролейбусів на маршруті.",
        "транспорт, тролейбус, маршрути",
        "once a quarter",
        PURPOSE_835,
        20,
        "normal",
        (
            DemoResource("Маршрути", "csv", "routes", schema=SCHEMA_ROUTES),
            DemoResource("Маршрути (XLSX)", "xlsx", "routes"),
        ),
        {
            **CC_BY,
            **_responsible("Савчук Петро Олександрович", "p.savchuk@electrotrans.lutsk.ua"),
            "charter_principles": ["comparable_and_interoperable"],
        },
    ),
    DemoDataset(
        "transport-gps",
        "transport",
        "Місцезнаходження громадського транспорту в реальному часі",
        "GPS-дані про місцезнаходження тролейбусів і автобусів.",
        "транспорт, GPS, реальний час",
        "more than once a day",
        PURPOSE_835,
        1,
        "normal",
        (DemoResource("GPS API", "link", url="https://gps.lutskrada.gov.ua/api/vehicles"),),
        {**CC_BY},
    ),
    DemoDataset(
        "parking-lots",
        "transport",
        "Дані про паркування",
        "Майданчики для платного паркування, оператори та вартість.",
        "паркування, транспорт",
        "once a month",
        PURPOSE_835,
        95,
        "overdue",
        (DemoResource("Майданчики (;)", "cp1251", "parking"),),
        {**CC_BY, **_responsible("Лисенко Юрій Вікторович", "y.lysenko@lutskrada.gov.ua")},
    ),
    DemoDataset(
        "parking-fines",
        "transport",
        "Штрафи за порушення правил паркування",
        "Накладені штрафи за порушення правил паркування транспортних засобів.",
        "паркування, штрафи",
        "once a day",
        PURPOSE_835,
        4,
        "overdue",
        (_csv("Штрафи", "parking"),),
        {**CC_BY},
    ),
    DemoDataset(
        "water-tariffs",
        "vodokanal",
        "Тарифи на водопостачання та водовідведення",
        "Діючі тарифи КП «Луцькводоканал».",
        "тарифи, вода",
        "immediately after making changes",
        PURPOSE_835,
        300,
        "normal",
        (_csv("Тарифи", "tariffs"),),
        {**CC_BY, **_responsible("Романюк Наталія Ігорівна", "n.romaniuk@vodokanal.lutsk.ua")},
    ),
    DemoDataset(
        "water-quality",
        "vodokanal",
        "Якість питної води",
        "Результати лабораторних досліджень питної води.",
        "вода, якість",
        "once a month",
        PURPOSE_835,
        15,
        "normal",
        (DemoResource("Показники якості", "xlsx", "tariffs"),),
        {
            **CC_BY,
            **_responsible("Романюк Наталія Ігорівна", "n.romaniuk@vodokanal.lutsk.ua"),
            "data_actuality_date": "2025-11-01",
        },
    ),
    DemoDataset(
        "heating-tariffs",
        "lutskteplo",
        "Тарифи на теплову енергію",
        "Тарифи на теплову енергію та послуги з постачання гарячої води.",
        "тарифи, тепло",
        "once a year",
        PURPOSE_835,
        500,
        "overdue",
        (_csv("Тарифи на тепло", "tariffs"),),
        {},
    ),
    DemoDataset(
        "boiler-houses",
        "lutskteplo",
        "Котельні та теплові мережі",
        "Котельні підприємства, потужність і протяжність мереж.",
        "тепло, котельні",
        "once a year",
        PURPOSE_835,
        60,
        "normal",
        (),
        {**CC_BY},
    ),
    DemoDataset(
        "parks-list",
        "parks",
        "Парки та сквери міста",
        "Перелік парків і скверів з площею та адресами.",
        "парки, сквери, зелені зони",
        "once a half year",
        PURPOSE_835,
        90,
        "normal",
        (_csv("Парки", "trees"),),
        {**CC_BY, **_responsible("Олійник Галина Романівна", "parks@lutskrada.gov.ua")},
    ),
    DemoDataset(
        "open-data-register",
        "ict",
        "Реєстр наборів даних, що перебувають у володінні розпорядника",
        "Реєстр наборів даних Луцької міської ради (Постанова КМУ № 835).",
        "відкриті дані, реєстр",
        "once a quarter",
        PURPOSE_835,
        50,
        "normal",
        (_csv("Реєстр наборів даних", "property"),),
        {
            **CC_BY,
            **_responsible("Литвин Олег Сергійович", "opendata@lutskrada.gov.ua"),
            "charter_principles": ["open_by_default", "timely_and_comprehensive"],
        },
    ),
    DemoDataset(
        "personal-data-requests",
        "ict",
        "Запити на публічну інформацію (знеособлені)",
        "Запити на публічну інформацію та результати їх розгляду.",
        "запити, публічна інформація",
        "once a month",
        PURPOSE_835,
        20,
        "normal",
        (_csv("Запити", "property"),),
        {
            **CC_BY,
            "private": True,
            "closed_justification": (
                "Дані ще не знеособлено відповідно до Закону «Про захист персональних даних»."
            ),
            "planned_release_date": "2027-03-01",
        },
    ),
    DemoDataset(
        "cctv-cameras",
        "ict",
        "Камери відеоспостереження міської системи",
        "Розташування камер системи «Безпечне місто».",
        "безпека, відеоспостереження",
        "once a quarter",
        PURPOSE_835,
        30,
        "normal",
        (_csv("Камери", "parking"),),
        {**CC_BY, "private": True},
    ),
]
