"""An illustrative 2024–2025 action plan for the Open Data Charter (demo only).

The real plan, approved by the mayor's order of 07.03.2024 No. 123, lives in a
Word file; this one is made up to show the portal, and its title and
description say so, until the real plan is imported with
``ckan lutsk-charter plan import``.
"""

from __future__ import annotations

from typing import Any

PLAN_NAME = "charter-2024-2025"

PLAN: dict[str, Any] = {
    "name": PLAN_NAME,
    "title_uk": (
        "План заходів з впровадження принципів Міжнародної хартії відкритих даних "
        "у Луцькій міській раді на 2024–2025 роки (приклад)"
    ),
    "title_en": (
        "Action plan for implementing the principles of the International Open Data "
        "Charter in Lutsk City Council for 2024–2025 (example)"
    ),
    "description_uk": (
        "Ілюстративний приклад для демонстрації порталу: заходи, виконавці та звіти "
        "вигадані. Справжній план, затверджений розпорядженням міського голови від "
        "07.03.2024 № 123, буде імпортовано замість нього."
    ),
    "description_en": (
        "An illustrative example to show the portal: its measures, executors and "
        "reports are made up. The real plan, approved by the mayor's order of "
        "07.03.2024 No. 123, will be imported in its place."
    ),
    "period_start": "2024-01-01",
    "period_end": "2025-12-31",
    "document_number": "123",
    "document_date": "2024-03-07",
    "state": "approved",
    "current": True,
    "reporting_period": "half_year",
    "report_due_day": 10,
}

OPEN = "open_by_default"
TIMELY = "timely_and_comprehensive"
ACCESSIBLE = "accessible_and_usable"
COMPARABLE = "comparable_and_interoperable"
GOVERNANCE = "improved_governance"
INCLUSIVE = "inclusive_development"


def _m(
    number: str,
    principles: list[str],
    lead: str,
    kind: str,
    deadline: str,
    title: tuple[str, str],
    result: tuple[str, str],
    indicator: tuple[str, str],
    status: str = "in_progress",
    **extra: Any,
) -> dict[str, Any]:
    section = {
        "1": ("Відкритість за замовчуванням", "Open by default"),
        "2": ("Оперативність і повнота", "Timely and comprehensive"),
        "3": ("Доступність і придатність до використання", "Accessible and usable"),
        "4": ("Порівнянність і сумісність", "Comparable and interoperable"),
        "5": ("Покращення врядування та залучення громадян",
              "Improved governance and citizen engagement"),
        "6": ("Інклюзивний розвиток та інновації", "Inclusive development and innovation"),
    }[number.split(".")[0]]  # fmt: skip
    return {
        "number": number,
        "position": int(number.replace(".", "")),
        "section_uk": section[0],
        "section_en": section[1],
        "title_uk": title[0],
        "title_en": title[1],
        "principles": principles,
        "lead": lead,
        "deadline_kind": kind,
        "deadline": deadline,
        "expected_result_uk": result[0],
        "expected_result_en": result[1],
        "indicator_text_uk": indicator[0],
        "indicator_text_en": indicator[1],
        "status": status,
        **extra,
    }


MEASURES: list[dict[str, Any]] = [
    _m("1.1", [OPEN], "ict", "quarter", "2024-Q2",
       ("Затвердити порядок оприлюднення відкритих даних виконавчими органами",
        "Approve the procedure by which the executive bodies publish open data"),
       ("Порядок затверджено розпорядженням", "The procedure approved by an order"),
       ("Розпорядження оприлюднено", "The order published"), status="done"),
    _m("1.2", [OPEN, TIMELY], "ict", "year", "2025",
       ("Оприлюднити всі набори даних за Постановою № 835",
        "Publish every dataset Resolution No. 835 requires"),
       ("Усі обов'язкові набори оприлюднено", "Every mandatory dataset published"),
       ("Частка оприлюднених наборів за Постановою № 835",
        "Share of Resolution 835 datasets published"),
       indicator_code="required_published", indicator_target=100,
       indicator_target_date="2025-12-31"),
    _m("1.3", [OPEN, GOVERNANCE], "ict", "half_year", "2024-H2",
       ("Призначити відповідальних за створення та оприлюднення даних у кожному органі",
        "Appoint in every body the persons who create and publish its data"),
       ("Реєстр відповідальних осіб повний", "The register of responsible persons is complete"),
       ("Частка органів з обома відповідальними", "Share of bodies with both persons"),
       indicator_code="bodies_with_persons", indicator_target=100,
       indicator_target_date="2024-12-31"),
    _m("2.1", [TIMELY], "finance", "ongoing", "",
       ("Оновлювати дані про виконання бюджету щомісяця",
        "Update the budget execution data every month"),
       ("Дані оновлюються вчасно", "The data are updated on time"),
       ("Частка публічних наборів без прострочення", "Share of public datasets not overdue"),
       indicator_code="datasets_not_overdue", indicator_target=90,
       indicator_organization="finance"),
    _m("2.2", [TIMELY], "ict", "date", "2024-10-31",
       ("Запровадити щоденний моніторинг оновлення наборів даних",
        "Introduce daily monitoring of how datasets are updated"),
       ("Моніторинг працює на порталі", "Monitoring runs on the portal"),
       ("Щоденні нагадування надсилаються", "Daily reminders are sent"), status="done"),
    _m("2.3", [TIMELY, OPEN], "transport", "quarter", "2025-Q1",
       ("Оприлюднити дані GPS-моніторингу громадського транспорту",
        "Publish the GPS tracking data of public transport"),
       ("Набір даних оприлюднено", "The dataset published"),
       ("Набір оновлюється щодня", "The dataset updated daily")),
    _m("3.1", [ACCESSIBLE], "ict", "half_year", "2025-H1",
       ("Описати структуру табличних ресурсів схемами Table Schema",
        "Describe the structure of tabular resources with Table Schemas"),
       ("Табличні ресурси мають схему", "Tabular resources have a schema"),
       ("Частка табличних ресурсів зі схемою", "Share of tabular resources with a schema"),
       indicator_code="tabular_with_schema", indicator_target=80,
       indicator_target_date="2025-06-30"),
    _m("3.2", [ACCESSIBLE], "ict", "quarter", "2024-Q4",
       ("Перевіряти дані автоматично під час завантаження",
        "Validate data automatically on upload"),
       ("Перевірка даних працює", "Data validation runs"),
       ("Частка ресурсів, що пройшли перевірку", "Share of resources that pass validation"),
       status="done", indicator_code="validation_passing", indicator_target=95),
    _m("3.3", [ACCESSIBLE, INCLUSIVE], "culture", "year", "2024",
       ("Оприлюднити дані про заклади культури у машинозчитуваному форматі",
        "Publish the data on cultural institutions in a machine-readable format"),
       ("Набори даних оприлюднено у CSV", "Datasets published as CSV"),
       ("Кількість наборів", "Number of datasets"), status="cancelled",
       cancel_reason_uk="Дані передано до обласного порталу.",
       cancel_reason_en="The data were handed over to the regional portal."),
    _m("4.1", [COMPARABLE], "ict", "half_year", "2024-H2",
       ("Описувати метадані за DCAT-AP 3 та класифікаторами data.gov.ua",
        "Describe metadata with DCAT-AP 3 and the data.gov.ua vocabularies"),
       ("Метадані відповідають профілю", "Metadata conform to the profile"),
       ("Частка наборів з оцінкою «добре» і вище", "Share of datasets rated Good or better"),
       indicator_code="datasets_good_or_better", indicator_target=75),
    _m("4.2", [COMPARABLE], "urban-planning", "date", "2025-09-30",
       ("Оприлюднити генеральний план у відкритих геоформатах",
        "Publish the master plan in open geodata formats"),
       ("Генеральний план доступний у GeoJSON", "The master plan available as GeoJSON"),
       ("Набір оприлюднено", "The dataset published"), status="planned"),
    _m("4.3", [COMPARABLE, ACCESSIBLE], "vodokanal", "year", "2025",
       ("Уніфікувати формати даних комунальних підприємств",
        "Make the data formats of the municipal enterprises uniform"),
       ("Єдині шаблони даних", "Common data templates"),
       ("Частка наборів за шаблонами", "Share of datasets following the templates")),
    _m("5.1", [GOVERNANCE], "finance", "ongoing", "",
       ("Оприлюднювати звіти про виконання плану кожного півріччя",
        "Publish the reports on the plan every half-year"),
       ("Звіти оприлюднено на порталі", "Reports published on the portal"),
       ("Звіти подано вчасно", "Reports submitted on time")),
    _m("5.2", [GOVERNANCE], "economy", "half_year", "2025-H1",
       ("Оприлюднити дані громадського бюджету з результатами голосування",
        "Publish the participatory budget data with the voting results"),
       ("Дані оприлюднено", "The data published"),
       ("Набір оновлено після голосування", "The dataset updated after the vote"),
       status="done"),
    _m("5.3", [GOVERNANCE, OPEN], "ict", "date", "2025-03-31",
       ("Збирати пропозиції громадськості щодо наборів даних",
        "Collect the public's proposals on datasets"),
       ("Форма зворотного зв'язку працює", "The feedback form works"),
       ("Кількість розглянутих пропозицій", "Number of proposals considered"),
       status="planned"),
    _m("6.1", [INCLUSIVE], "ict", "year", "2025",
       ("Провести хакатон з використанням відкритих даних міста",
        "Hold a hackathon on the city's open data"),
       ("Хакатон проведено", "The hackathon held"),
       ("Кількість учасників", "Number of participants")),
    _m("6.2", [INCLUSIVE, ACCESSIBLE], "ict", "ongoing", "",
       ("Нарощувати кількість публічних наборів даних",
        "Grow the number of public datasets"),
       ("Щороку більше наборів", "More datasets every year"),
       ("Кількість публічних наборів", "Number of public datasets"),
       indicator_code="public_datasets", indicator_target=60),
    _m("6.3", [INCLUSIVE], "education", "half_year", "2024-H2",
       ("Навчити працівників закладів освіти роботі з відкритими даними",
        "Train the staff of educational institutions to work with open data"),
       ("Навчання проведено", "Training held"),
       ("Кількість навчених працівників", "Number of staff trained"), status="planned"),
]  # fmt: skip

#: Reports as (measure number, period, text uk, text en, percent, review):
#: review is ``accepted``, ``returned`` (with the comment) or None (left submitted).
REPORTS: list[dict[str, Any]] = [
    {"measure": "1.1", "period": "2024-H1", "percent": 100, "review": "accepted",
     "text_uk": "Порядок затверджено розпорядженням від 15.05.2024 № 210.",
     "text_en": "The procedure was approved by the order of 15.05.2024 No. 210."},
    {"measure": "1.2", "period": "2024-H1", "percent": 40, "review": "accepted",
     "text_uk": "Оприлюднено 12 обов'язкових наборів даних.",
     "text_en": "12 mandatory datasets published."},
    {"measure": "1.2", "period": "2024-H2", "percent": 60, "review": "returned",
     "comment": "Додайте перелік наборів з посиланнями.",
     "text_uk": "Роботу продовжено.", "text_en": ""},
    {"measure": "1.2", "period": "2024-H2", "percent": 60, "review": None,
     "text_uk": "Оприлюднено ще 8 наборів: бюджет, оренда, тарифи.",
     "text_en": "8 more datasets published: budget, leases, tariffs."},
    {"measure": "2.1", "period": "2024-H1", "percent": 50, "review": "accepted",
     "text_uk": "Дані про виконання бюджету оновлюються щомісяця.",
     "text_en": "Budget execution data are updated monthly."},
    {"measure": "5.2", "period": "2025-H1", "percent": 100, "review": "accepted",
     "text_uk": "Результати голосування оприлюднено.", "text_en": ""},
]  # fmt: skip

FEEDBACK: list[dict[str, Any]] = [
    {"measure": "1.2", "name": "Олена", "email": "olena@example.com", "review": "approved",
     "text": "Дякуємо! Просимо також оприлюднити дані про ремонт доріг."},
    {"measure": "2.3", "name": "Андрій", "email": "", "review": None,
     "text": "Коли з'являться дані GPS тролейбусів?"},
]  # fmt: skip
