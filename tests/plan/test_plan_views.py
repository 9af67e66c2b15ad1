"""The plan's pages through CKAN's test app: who sees what, refusals in words, the documents."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest

from tests.plan.city import PLAN_NAME, RETURN_COMMENT, build_plan_city

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")


@pytest.fixture
def plan_city():
    return build_plan_city()


def _as(app, user: dict | None, url: str, **kwargs):
    headers = {"Authorization": user["token"]} if user else {}
    return app.get(url, headers=headers, **kwargs)


def test_the_public_page_in_ukrainian_and_english(app, plan_city):
    page = app.get("/uk/charter").get_data(as_text=True)
    assert "План дій з реалізації принципів Хартії відкритих даних на 2024–2025 роки" in page
    assert "Затверджено розпорядженням міського голови від 07.03.2024 № 123" in page
    assert "1. Відкритість за замовчуванням" in page
    assert "прострочено" in page
    assert "IV квартал 2024" in page
    assert "постійно" in page
    assert "Переклад відсутній" not in page
    english = app.get("/en/charter").get_data(as_text=True)
    assert "Open Data Charter action plan for 2024–2025" in english
    assert "Translation missing" in english
    assert "Відкрити дані про заклади освіти" in english  # shown in Ukrainian, marked
    assert "overdue" in english
    assert app.get(f"/uk/charter/{PLAN_NAME}").status_code == 200


def test_filters_by_principle_body_and_status(app, plan_city):
    page = app.get("/uk/charter?status=overdue").get_data(as_text=True)
    assert 'data-measure="1.2"' in page
    assert 'data-measure="1.1"' not in page
    page = app.get("/uk/charter?body=ikt&principle=accessible_and_usable").get_data(as_text=True)
    assert 'data-measure="3.1"' in page
    assert 'data-measure="1.2"' not in page


def test_a_measure_page_shows_accepted_reports_and_approved_feedback_only(app, plan_city):
    page = app.get(f"/uk/charter/{PLAN_NAME}/measure/1.2").get_data(as_text=True)
    assert "Оприлюднено 40 закладів із 52." in page
    assert "Зібрано перелік закладів." not in page  # returned: not public
    done = app.get(f"/uk/charter/{PLAN_NAME}/measure/1.1").get_data(as_text=True)
    assert "Дякую, перелік дуже корисний." in done
    assert "Коли з&#39;являться дані про транспорт?" not in done
    assert "Коли з'являться дані про транспорт?" not in done


def test_unknown_plans_measures_and_documents_are_404_in_words(app, plan_city):
    response = app.get("/uk/charter/no-such-plan")
    assert response.status_code == 404
    assert "Такого плану заходів немає." in response.get_data(as_text=True)
    response = app.get(f"/uk/charter/{PLAN_NAME}/measure/9.9")
    assert response.status_code == 404
    assert "У плані немає заходу 9.9." in response.get_data(as_text=True)
    assert app.get(f"/uk/charter/{PLAN_NAME}/plan-de.docx").status_code == 404
    response = app.get(f"/uk/charter/{PLAN_NAME}/progress-uk.xlsx?date=01.12.2026")
    assert response.status_code == 400
    assert "Дату слід писати як РРРР-ММ-ДД" in response.get_data(as_text=True)


def test_the_documents_download_in_both_languages(app, plan_city):
    response = app.get(f"/uk/charter/{PLAN_NAME}/plan-uk.docx")
    assert response.status_code == 200
    assert f'filename="{PLAN_NAME}-plan-uk.docx"' in response.headers["Content-Disposition"]
    word = docx.Document(io.BytesIO(response.data))
    rows = [[c.text for c in row.cells] for row in word.tables[0].rows]
    assert rows[0][1] == "Захід"
    assert any(r[0] == "1.2" and r[2] == "Департамент освіти" for r in rows)
    response = app.get(f"/en/charter/{PLAN_NAME}/progress-en.xlsx?date=2025-01-15")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Open Data Charter action plan for 2024–2025" in cells
    assert "Progress of the measures as of 15.01.2025" in cells
    assert "Відкрити дані про заклади освіти [Translation missing]" in cells


def test_the_control_page_is_for_sysadmins_only(app, plan_city):
    people = plan_city["people"]
    response = _as(app, people["ikt_admin"], "/uk/ckan-admin/charter")
    assert response.status_code == 403
    assert "Контролювати план дій можуть лише системні адміністратори" in response.get_data(
        as_text=True
    )
    page = _as(app, people["sysadmin"], "/uk/ckan-admin/charter?problem=no_executor")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'data-measure="5.1"' in text
    assert 'data-measure="1.1"' not in text
    assert "Коли з&#39;являться дані про транспорт?" in text  # pending feedback to moderate


def test_a_refused_plan_form_keeps_its_values_and_says_why_in_ukrainian(app, plan_city):
    sysadmin = plan_city["people"]["sysadmin"]
    response = app.post(
        "/uk/ckan-admin/charter/plan/new",
        data={
            "name": "next-plan",
            "title_uk": "Наступний план",
            "period_start": "2027-12-31",
            "period_end": "2026-01-01",
        },
        headers={"Authorization": sysadmin["token"]},
    )
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "План не збережено: перевірте позначені поля." in page
    assert 'value="Наступний план"' in page


def test_the_body_tab_shows_measures_and_a_returned_comment_to_its_admins(app, plan_city):
    people = plan_city["people"]
    page = _as(app, people["osvita_admin"], "/uk/organization/charter/osvita")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert RETURN_COMMENT in text
    assert 'data-measure="3.1"' in text  # co-executor
    assert "Надіслати звіт" in text
    member = _as(app, people["osvita_member"], "/uk/organization/charter/osvita")
    assert member.status_code == 200
    assert "Надіслати звіт" not in member.get_data(as_text=True)
    stranger = _as(app, people["transport_editor"], "/uk/organization/charter/osvita")
    assert stranger.status_code == 403
    assert "Заходи плану органу можуть бачити лише його учасники." in stranger.get_data(
        as_text=True
    )
