"""The safety net: every page, as every role, answers without a server error and in Ukrainian.

One small city (two bodies, their people, a validated and a failing dataset, a
draft, flags, responsible persons and a change in the feed) is built once per
module; then every page reachable from the navigation and every route of our
blueprint is opened by CKAN's test app as each role:

anonymous, a plain user, a member, an editor and an admin of the body, the admin
of another body, and a sysadmin.

Each answer must be below 500 and free of template errors; a page answered 200
on the Ukrainian UI must not show English interface text (the short list of
allowed words is ``ALLOWED_LATIN`` below, each with its reason). POST-only
routes get an empty form and must refuse it without a 5xx. A route of our
blueprint missing from ``PAGES``/``POSTS`` fails ``test_every_route_is_crawled``.
"""

from __future__ import annotations

import html.parser
import json
import re
from collections.abc import Iterator

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import LutskDataset, LutskOrganization, add_csv, site_context

ROLES = ("anonymous", "user", "member", "editor", "admin", "other_admin", "sysadmin")

# Pages as URL templates; ``{x}`` are filled from the city below. Each one is
# opened as every role (what a role may not see must answer 403/404, not 500).
PAGES = [
    # CKAN's own, with our fields, facets, filters and sorts
    "/",
    "/about",
    "/dataset/",
    "/dataset/?q=школи&sort=charter_score+desc",
    "/dataset/?sort=charter_score+asc",
    "/dataset/?charter_band=bad",
    "/dataset/?charter_flags=validation_failed&charter_band=bad",
    "/dataset/?tags=освіта&res_format=CSV",
    "/dataset/new",
    "/dataset/{dataset}",
    "/dataset/edit/{dataset}",
    "/dataset/{draft}/resource/new",  # the second step of a new dataset
    "/dataset/edit/{draft}",
    "/dataset/{dataset}/resource/new",
    "/dataset/{dataset}/resource/{resource}",
    "/dataset/{dataset}/resource/{resource}/edit",
    "/dataset/resources/{dataset}",
    "/dataset/groups/{dataset}",
    "/dataset/activity/{dataset}",
    "/dataset/{failing}",
    "/dataset/{failing}/resource/{failing_resource}",
    "/organization/",
    "/organization/{body}",
    "/organization/about/{body}",
    "/organization/members/{body}",
    "/organization/edit/{body}",
    "/organization/bulk_process/{body}",
    "/organization/activity/{body}",
    "/organization/new",
    "/group/",
    "/user/{editor_name}",
    "/user/edit/{editor_name}",
    "/user/activity/{editor_name}",
    "/dashboard/datasets",
    "/dashboard/organizations",
    "/dashboard/groups",
    "/user/login",
    "/user/register",
    "/ckan-admin",
    "/ckan-admin/config",
    "/ckan-admin/trash",
    # the extension's pages and exports
    "/dataset/{dataset}/resource/{resource}/validation",
    "/dataset/{dataset}/resource/{resource}/validation/report.json",
    "/dataset/{failing}/resource/{failing_resource}/validation",
    "/dataset/{failing}/resource/{failing_resource}/validation/datapackage.json",
    "/organization/responsible/{body}",
    "/organization/quality/{body}",
    "/organization/quality/{body}?status=acknowledged&severity=error",
    "/organization/monitoring/{body}",
    "/organization/monitoring/{body}?state=overdue&sort=-title",
    "/organization/monitoring/{body}/export/bodies.csv",
    "/organization/monitoring/{body}/export/datasets.xlsx",
    "/organization/monitoring/{body}/export/trend.csv",
    "/ckan-admin/responsible-changes",
    "/ckan-admin/required-datasets",
    "/ckan-admin/required-datasets?organization_id={body_id}",
    "/ckan-admin/required-datasets/A1/edit",
    "/ckan-admin/quality",
    "/ckan-admin/quality?code=validation_failed",
    "/ckan-admin/monitoring",
    "/ckan-admin/monitoring?body={body}&state=overdue&sort=-overdue",
    "/ckan-admin/monitoring/export/bodies.csv",
    "/ckan-admin/monitoring/export/bodies.xlsx",
    "/ckan-admin/monitoring/export/datasets.csv",
    "/ckan-admin/monitoring/export/trend.xlsx",
    "/dataset-register.csv",
    "/dataset-register.xlsx",
    "/dataset-register.csv?organization={body}",
    # the Charter action plan (the demo-like plan of the city below)
    "/charter",
    "/charter/{plan}",
    "/charter/{plan}?principle=open_by_default&status=overdue",
    "/charter/{plan}?body={body}",
    "/charter/{plan}/measure/1.1",
    "/charter/{plan}/measure/{measure_id}",
    "/charter/{plan}/plan-uk.docx",
    "/charter/{plan}/progress-en.xlsx",
    "/charter/report/{measure_id}/file/evidence.csv",
    "/ckan-admin/charter",
    "/ckan-admin/charter?problem=missing&sort=-deadline",
    "/ckan-admin/charter/measure/{measure_id}/report/2024-H1",
    "/ckan-admin/charter/plan/new",
    "/ckan-admin/charter/plan/{plan}/edit",
    "/ckan-admin/charter/{plan}/measure/new",
    "/ckan-admin/charter/{plan}/measure/1.1/edit",
    "/organization/charter/{body}",
]

# POST-only routes: an empty form as every role must be refused (4xx or a redirect
# with a message), never a 5xx. The happy paths are in the page and journey tests.
POSTS = [
    "/organization/responsible/{body}/assign",
    "/organization/responsible/{body}/end/{assignment}",
    "/ckan-admin/responsible-changes/{change}/acknowledge",
    "/ckan-admin/responsible-changes/acknowledge",
    "/ckan-admin/responsible-changes/{change}/resend",
    "/dataset/{dataset}/resource/{resource}/validation/run",
    "/quality/review",
    "/charter/{plan}/measure/1.1/feedback",
    "/ckan-admin/charter/feedback/{feedback}/review",
    "/organization/charter/{body}/report",
]

#: Latin-letter words a Ukrainian page may show, and why.
ALLOWED_LATIN = {
    # All-caps abbreviations (CSV, API, URL, DCAT, MQA, CC BY) pass without a list.
    # Names of standards and products a Ukrainian text uses as they are spelt
    "Table", "Schema", "Markdown", "frictionless", "DataStore", "Database",
    # licence titles as their authors spell them ("Creative Commons Attribution",
    # "Open Data Commons …"): the name of a licence is not translated
    "Creative", "Commons", "Attribution", "Open", "Data", "License",
    # the city's domain (lutskrada.gov.ua) and the share buttons' product names
    "ua", "Facebook", "Twitter",
    # the command a reader types to repeat a validation ("frictionless validate datapackage.json")
    "validate",
    # CKAN 2.11 only: the close button of its facet modal is a literal of the template, and
    # the follow button's label comes from CKAN's JavaScript catalog, which ours cannot reach
    "close", "Follow",
    # a column name and a missing-value marker quoted from the data ("Колонка «id» має «x»")
    "id", "x",
}  # fmt: skip

#: Pages left out of the English check, and why.
ENGLISH_PAGES_LEFT = {
    # CKAN's site settings form for sysadmins: its help texts are long core msgids with
    # markup that change between CKAN versions; the settings themselves are the site's.
    "/ckan-admin/config",
}

#: CKAN's own literals that no catalog reaches: the password legend is built as a msgid
#: from the user's name, and a sysadmin form's placeholder is not marked for translation.
#: CKAN 2.11 also writes two literals: the count on a body's bulk-edit page and the
#: /ckan-admin welcome (not marked for translation in its templates).
CKAN_LITERALS = re.compile(
    r"^(Change .*'s password|Username|\d+ datasets|sysadmin guide|"
    r"As a sysadmin user you have full control over this CKAN instance\. Proceed with care!|"
    r"For guidance on using sysadmin features, see the CKAN)$"
)
#: An address on another machine (the portal is 127.0.0.1 in the tests).
_REMOTE = re.compile(r"^(https?:)?//(?!127\.0\.0\.1[:/]|localhost[:/])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")


class _Text(html.parser.HTMLParser):
    """The text a person reads: no scripts, styles, code or machine values."""

    SKIP = {"script", "style", "code", "pre", "textarea", "svg", "option"}

    def __init__(self) -> None:
        super().__init__()
        self.skipping = 0
        self.parts: list[str] = []
        #: Scripts, styles, images and frames loaded from another machine.
        self.remote: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        attributes = dict(attrs)
        source = attributes.get("src") if tag in ("script", "img", "iframe") else None
        if tag == "link" and attributes.get("rel") in ("stylesheet", "icon", "preload"):
            source = attributes.get("href")
        if source and _REMOTE.match(source):
            self.remote.append(source)
        for name in ("placeholder", "title", "aria-label", "alt"):
            if attributes.get(name) and not self.skipping:
                self.parts.append(attributes[name])

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping and data.strip():
            self.parts.append(data.strip())


def remote_assets(page: str) -> list[str]:
    """What ``page`` would load from another machine (CDNs, gravatar.com)."""
    parser = _Text()
    parser.feed(page)
    return parser.remote


def english_words(page: str, known: set[str]) -> list[str]:
    """Text fragments of ``page`` holding a Latin word that is neither allowed nor data."""
    parser = _Text()
    parser.feed(page)
    found = []
    for part in parser.parts:
        if CKAN_LITERALS.match(part):
            continue
        for word in _WORD.findall(_DATA.sub(" ", part)):
            if word in ALLOWED_LATIN or word in known or word.upper() == word:
                continue
            found.append(part)
            break
    return found


#: E-mails, addresses, file names, ids and URL names: data, whatever their letters.
_DATA = re.compile(
    r"[\w.+-]+@[\w.-]+|https?://\S+|/\S+|\b\w+\.\w{2,5}\b|\b[\w-]*[\d_][\w-]*\b"
    r"|\b[a-z]+(?:-[a-z0-9]+)+\b|\{[^}]*\}|ckan lutsk-charter \w+"
)


def _known(city: dict) -> set[str]:
    """Latin words that are data, not interface: names, ids, e-mails of the city's records."""
    words: set[str] = set()
    for value in city["data_words"]:
        words.update(_WORD.findall(value))
    return words


@pytest.fixture
def city(clean_db, clean_index) -> Iterator[dict]:
    """Two bodies, their people, a validated and a failing dataset, a draft, flags, persons."""
    people = {
        "user": factories.UserWithToken(image_url="", fullname="Іван Читач", about=""),
        "member": factories.UserWithToken(image_url="", fullname="Олена Учасниця", about=""),
        "editor": factories.UserWithToken(image_url="", fullname="Петро Редактор", about=""),
        "admin": factories.UserWithToken(image_url="", fullname="Марія Адміністраторка", about=""),
        "other_admin": factories.UserWithToken(image_url="", fullname="Оксана Інша", about=""),
        "sysadmin": factories.SysadminWithToken(
            image_url="", fullname="Адміністратор порталу", about=""
        ),
    }
    body = LutskOrganization(
        name="osvita",
        title="Департамент освіти",
        description="Управляє закладами освіти громади.",
        image_url="",
        users=[
            {"name": people[r]["name"], "capacity": c}
            for r, c in (("member", "member"), ("editor", "editor"), ("admin", "admin"))
        ],
    )
    LutskOrganization(
        name="transport",
        title="Департамент транспорту",
        description="Міський транспорт.",
        image_url="",
        users=[{"name": people["other_admin"]["name"], "capacity": "admin"}],
    )
    dataset = LutskDataset(
        owner_org=body["id"], name="shkoly", title="Школи Луцька", tag_string="освіта, школи"
    )
    resource = add_csv(dataset, days_ago=40, data="id,назва\n1,Ліцей № 1\n".encode())
    failing = LutskDataset(owner_org=body["id"], name="sadky", title="Садочки")
    failing_resource = add_csv(failing, data=b"id,name\n1,a,extra\nx\n")
    draft = LutskDataset(owner_org=body["id"], name="chernetka", title="Чернетка", state="draft")
    for r in (resource, failing_resource):
        call_action(
            "lutsk_charter_validation_run", context=site_context(), resource_id=r["id"], sync=True
        )
    person = call_action(
        "lutsk_charter_responsible_assign",
        context=site_context(),
        organization_id=body["id"],
        role="publisher",
        full_name="Петренко Іван",
        email="publisher@lutskrada.gov.ua",
    )
    call_action("lutsk_charter_quality_recheck", context=site_context())
    change = call_action(
        "lutsk_charter_responsible_change_list", context=site_context(), acknowledged=False
    )["results"][0]
    plan = _plan(body, people)
    city = {
        **plan,
        "people": people,
        "dataset": dataset["name"],
        "resource": resource["id"],
        "failing": failing["name"],
        "failing_resource": failing_resource["id"],
        "draft": draft["name"],
        "body": body["name"],
        "body_id": body["id"],
        "editor_name": people["editor"]["name"],
        "assignment": person["id"],
        "change": change["id"],
    }
    city["data_words"] = [
        *(p["name"] for p in people.values()),
        *(p["email"] for p in people.values()),
        body["name"],
        "transport",
        dataset["name"],
        failing["name"],
        draft["name"],
        "data",
        "csv",
        "publisher",
    ]
    return city


def _plan(body: dict, people: dict) -> dict:
    """A current plan with a measure of the body (report for 2024-H1 sent) and feedback."""
    plan = call_action(
        "lutsk_charter_plan_create",
        context=site_context(),
        name="charter-2024-2025",
        title_uk="План дій з реалізації Хартії відкритих даних",
        period_start="2024-01-01",
        period_end="2025-12-31",
        document_number="123",
        document_date="2024-03-07",
        state="approved",
        current=True,
    )
    measure = call_action(
        "lutsk_charter_measure_create",
        context=site_context(),
        plan_id=plan["id"],
        number="1.1",
        title_uk="Оприлюднити перелік наборів даних",
        principles=["open_by_default"],
        lead_organization_id=body["id"],
        deadline_kind="half_year",
        deadline="2025-H1",
    )
    call_action(
        "lutsk_charter_report_submit",
        context={"user": people["admin"]["name"]},
        measure_id=measure["id"],
        period="2024-H1",
        text_uk="Перелік складено.",
        percent=40,
        links=[],
    )
    feedback = call_action(
        "lutsk_charter_feedback_submit",
        context={"user": ""},
        measure_id=measure["id"],
        name="Андрій",
        text="Дякую!",
    )
    return {"plan": plan["name"], "measure_id": measure["id"], "feedback": feedback["id"]}


def _headers(city: dict, role: str) -> dict:
    if role == "anonymous":
        return {}
    return {"Authorization": city["people"][role]["token"]}


def _fill(template: str, city: dict) -> str:
    return template.format(**{k: v for k, v in city.items() if isinstance(v, str)})


@pytest.mark.usefixtures("with_plugins")
def test_every_page_answers_in_ukrainian_to_every_role(app, city):
    problems = []
    known = _known(city)
    for role, template in ((r, t) for r in ROLES for t in PAGES):
        url = _fill(template, city)
        response = app.get(
            "/uk" + url if url.startswith("/") else url, headers=_headers(city, role)
        )
        status = response.status_code
        if status >= 500:
            problems.append(f"{role} {url}: {status}")
            continue
        content_type = response.headers.get("Content-Type", "")
        if "html" not in content_type:
            continue
        body = response.get_data(as_text=True)
        if remote_assets(body):
            problems.append(f"{role} {url}: loads from elsewhere {remote_assets(body)[:5]}")
        for sign in ("UndefinedError", "Traceback (most recent call last)", "TemplateSyntaxError"):
            if sign in body:
                problems.append(f"{role} {url}: {sign}")
        if status == 200 and template.split("?")[0] not in ENGLISH_PAGES_LEFT:
            english = english_words(body, known)
            if english:
                problems.append(f"{role} {url}: English text {sorted(set(english))[:15]}")
    assert not problems, "\n".join(problems)


@pytest.mark.usefixtures("with_plugins")
def test_every_form_action_refuses_an_empty_post_without_a_server_error(app, city):
    problems = []
    for role, template in ((r, t) for r in ROLES for t in POSTS):
        url = _fill(template, city)
        response = app.post("/uk" + url, headers=_headers(city, role), data={})
        if response.status_code >= 500:
            problems.append(f"{role} {url}: {response.status_code}")
        elif role == "anonymous" and response.status_code == 200:
            problems.append(f"{role} {url}: an anonymous POST was accepted")
    assert not problems, "\n".join(problems)


def _crawled_rules(app) -> set[str]:
    adapter = app.flask_app.url_map.bind("127.0.0.1")
    city = dict.fromkeys(("dataset", "resource", "failing", "failing_resource", "draft"), "x")
    city |= dict.fromkeys(("body", "body_id", "editor_name", "assignment", "change"), "x")
    city |= dict.fromkeys(("plan", "measure_id", "feedback"), "x")
    rules = set()
    for template, method in [*((t, "GET") for t in PAGES), *((t, "POST") for t in POSTS)]:
        path = _fill(template, city).split("?")[0]
        try:
            endpoint, _args = adapter.match(path, method=method)
        except Exception:
            continue
        rules.add(endpoint)
    return rules


@pytest.mark.usefixtures("with_plugins")
def test_every_route_is_crawled(app):
    ours = {
        rule.endpoint
        for rule in app.flask_app.url_map.iter_rules()
        if rule.endpoint.startswith(("lutsk_charter.", "lutsk_charter_plan."))
    }
    assert ours, "the blueprint has no routes?"
    missing = ours - _crawled_rules(app)
    assert not missing, f"add these routes to PAGES or POSTS in {__name__}: {sorted(missing)}"


def test_the_english_check_finds_english_and_spares_data():
    page = (
        "<html><body><a>Skip to main content</a><p>Школи Луцька</p>"
        "<script>var Show = 'more';</script><span>shkoly.csv</span><p>CSV</p>"
        "<p title='Show more'>Ще</p></body></html>"
    )
    found = english_words(page, known={"shkoly"})
    assert found == ["Skip to main content", "Show more"]
    assert json.dumps(found)
    # Stored codes shown raw are English too (no list of exceptions for them any more).
    codes = "<p>Прибрати фільтр: bad</p><td>success</td><th>Package id</th><td>False</td>"
    assert english_words(codes, known=set()) == [
        "Прибрати фільтр: bad",
        "success",
        "Package id",
        "False",
    ]


def test_the_remote_check_finds_cdns_and_gravatar():
    page = (
        '<img src="https://gravatar.com/avatar/abc?d=identicon">'
        '<script src="//cdn.example.org/jquery.js"></script>'
        '<link rel="stylesheet" href="http://127.0.0.1:5115/webassets/main.css">'
        '<img src="/base/images/placeholder.png">'
    )
    assert remote_assets(page) == [
        "https://gravatar.com/avatar/abc?d=identicon",
        "//cdn.example.org/jquery.js",
    ]
