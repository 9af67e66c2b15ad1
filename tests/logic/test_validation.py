"""Data validation through real uploads and links, a real RQ worker and PostgreSQL."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import LutskDataset, site_context, upload
from tests.validation.corpus import ROWS, SCHEMA, _csv

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)

GOOD = _csv(ROWS)
BAD_TYPE = _csv([*ROWS, ["5", "Вокзал", "багато"]], ";", "cp1251")


def _resource(dataset, data: bytes, name: str = "routes.csv", **extra):
    return call_action(
        "resource_create",
        context=site_context(),
        package_id=dataset["id"],
        name=name,
        url=name,
        format="CSV",
        upload=upload(data, name),
        **extra,
    )


def _show(resource):
    return call_action("lutsk_charter_validation_show", resource_id=resource["id"])


def _in_dataset(resource):
    dataset = call_action("package_show", id=resource["package_id"])
    return next(r for r in dataset["resources"] if r["id"] == resource["id"]), dataset


class TestBackground:
    def test_an_upload_is_validated_by_the_worker(self, dataset, run_jobs):
        resource = _resource(dataset, GOOD, schema=SCHEMA)
        assert _show(resource)["status"] == "pending"
        shown, before = _in_dataset(resource)
        assert shown["validation_status"] == "pending"
        run_jobs()
        result = _show(resource)
        assert result["status"] == "success"
        assert result["report"]["meta"]["rows"] == 3
        shown, after = _in_dataset(resource)
        assert shown["validation_status"] == "success"
        assert shown["validation_timestamp"] == result["finished_at"]
        # Storing the result did not touch the dataset: monitors still see when data changed.
        assert after["metadata_modified"] == before["metadata_modified"]

    def test_a_cp1251_file_with_a_wrong_value_fails_with_the_row(self, dataset, run_jobs):
        resource = _resource(dataset, BAD_TYPE, schema=SCHEMA)
        run_jobs()
        result = _show(resource)
        assert result["status"] == "failure"
        assert result["report"]["meta"]["encoding"] == "windows-1251"
        assert result["report"]["meta"]["delimiter"] == ";"
        [error] = result["report"]["errors"]
        assert (error["type"], error["rowNumber"], error["fieldName"], error["cell"]) == (
            "type-error",
            5,
            "Тролейбусів",
            "багато",
        )
        codes = {f["code"] for f in result["report"]["findings"]}
        assert "encoding-not-utf8" in codes

    def test_an_unchanged_file_is_not_validated_again(self, dataset, run_jobs):
        resource = _resource(dataset, GOOD)
        run_jobs()
        first = _show(resource)
        again = call_action("lutsk_charter_validation_run", resource_id=resource["id"], sync=True)
        assert again["unchanged"] is True
        assert again["finished_at"] == first["finished_at"]
        call_action(
            "resource_patch",
            context=site_context(),
            id=resource["id"],
            upload=upload(BAD_TYPE, "routes.csv"),
            schema=SCHEMA,
        )
        run_jobs()
        assert _show(resource)["status"] == "failure"

    def test_the_worker_survives_a_queue_of_bad_files(self, dataset, run_jobs):
        bad = [b"", b"\x00\x01binary", b"<html><body>502</body></html>", b"a,b\n1\n1,2,3\n"]
        resources = [_resource(dataset, data, name=f"bad{n}.csv") for n, data in enumerate(bad)]
        good = _resource(dataset, GOOD, name="good.csv")
        run_jobs()
        assert [_show(r)["status"] for r in resources] == ["failure"] * 4
        assert [_show(r)["error"] for r in resources[:3]] == [
            "empty-file",
            "binary-file",
            "html-page",
        ]
        assert _show(good)["status"] == "success"

    def test_other_formats_are_left_alone(self, dataset):
        resource = call_action(
            "resource_create",
            context=site_context(),
            package_id=dataset["id"],
            url="https://example.com/a.pdf",
            format="PDF",
        )
        with pytest.raises(tk.ObjectNotFound):
            _show(resource)
        with pytest.raises(tk.ValidationError) as raised:
            call_action("lutsk_charter_validation_run", resource_id=resource["id"])
        assert raised.value.error_dict["resource_id"] == ["Дані у форматі «PDF» не перевіряються."]

    def test_legacy_status_shows_as_imported_until_our_first_result(self, dataset, run_jobs):
        resource = _resource(
            dataset, GOOD, validation_status="failure", validation_timestamp="2023-01-01T00:00:00"
        )
        shown, _ = _in_dataset(resource)
        assert shown["validation_status"] == "imported"
        assert shown["validation_status_imported"] == "failure"
        run_jobs()
        shown, _ = _in_dataset(resource)
        assert shown["validation_status"] == "success"
        assert "validation_status_imported" not in shown


@pytest.mark.ckan_config("ckanext.lutsk_charter.validation.allow_private_urls", "true")
@pytest.mark.ckan_config("ckanext.lutsk_charter.validation.timeout", "1")
class TestLinks:
    def _link(self, dataset, url):
        return call_action(
            "resource_create",
            context=site_context(),
            package_id=dataset["id"],
            url=url,
            format="CSV",
        )

    def test_a_linked_file_is_downloaded_and_validated(self, dataset, run_jobs, file_server):
        base, folder = file_server
        (folder / "routes.csv").write_bytes(GOOD)
        resource = self._link(dataset, f"{base}/routes.csv")
        run_jobs()
        assert _show(resource)["status"] == "success"

    @pytest.mark.parametrize(
        ("path", "code"),
        [
            ("/slow.csv", "download-timeout"),
            ("/loop", "too-many-redirects"),
            ("/missing.csv", "download-failed"),
        ],
    )
    def test_a_bad_link_ends_in_error(self, dataset, run_jobs, file_server, path, code):
        base, _folder = file_server
        resource = self._link(dataset, f"{base}{path}")
        run_jobs()
        result = _show(resource)
        assert (result["status"], result["error"]) == ("error", code)


def test_private_addresses_are_refused_by_default(dataset, run_jobs, file_server):
    base, folder = file_server
    (folder / "routes.csv").write_bytes(GOOD)
    resource = call_action(
        "resource_create",
        context=site_context(),
        package_id=dataset["id"],
        url=f"{base}/routes.csv",
        format="CSV",
    )
    run_jobs()
    assert _show(resource)["error"] == "private-address"


@pytest.mark.ckan_config("ckanext.lutsk_charter.validation.sync", "true")
class TestWhileSaving:
    def test_invalid_data_is_refused_and_nothing_is_saved(self, dataset):
        with pytest.raises(tk.ValidationError) as raised:
            _resource(dataset, BAD_TYPE, schema=SCHEMA)
        assert "type-error (row 5)" in raised.value.error_dict["url"][0]
        assert call_action("package_show", id=dataset["id"])["resources"] == []

    def test_valid_data_is_saved_with_its_result(self, dataset):
        resource = _resource(dataset, GOOD, schema=SCHEMA)
        assert _show(resource)["status"] == "success"


def test_redis_down_saves_and_leaves_pending_for_the_cli(dataset, monkeypatch, ckan_config, cli):
    import ckan.lib.redis as ckan_redis
    from ckan.cli.cli import ckan

    monkeypatch.setitem(ckan_config, "ckan.redis.url", "redis://127.0.0.1:1/1")
    monkeypatch.setattr(ckan_redis, "_connection_pool", None)
    resource = _resource(dataset, GOOD)
    assert _show(resource)["status"] == "pending"
    monkeypatch.undo()
    result = cli.invoke(ckan, ["lutsk-charter", "validate", "--pending"])
    assert result.exit_code == 0, result.output
    assert "1 resource(s) validated — success: 1" in result.output
    assert _show(resource)["status"] == "success"


def test_cli_validates_a_dataset(dataset, cli):
    from ckan.cli.cli import ckan

    _resource(dataset, GOOD, name="a.csv")
    _resource(dataset, BAD_TYPE, name="b.csv", schema=SCHEMA)
    result = cli.invoke(ckan, ["lutsk-charter", "validate", "--dataset", dataset["name"]])
    assert result.exit_code == 0, result.output
    assert "2 resource(s) validated — failure: 1, success: 1" in result.output
    bad = cli.invoke(ckan, ["lutsk-charter", "validate", "--org", "no-such-body"])
    assert bad.exit_code != 0


class TestAuth:
    def test_who_may_run_and_see(self, organization, run_jobs):
        dataset = LutskDataset(owner_org=organization["id"])
        private = LutskDataset(owner_org=organization["id"], private=True)
        public_resource = _resource(dataset, GOOD)
        private_resource = _resource(private, GOOD)
        users = {"anonymous": None, "sysadmin": factories.Sysadmin(), "outsider": factories.User()}
        for capacity in ("member", "editor"):
            users[capacity] = factories.User()
            call_action(
                "organization_member_create",
                context=site_context(),
                id=organization["id"],
                username=users[capacity]["name"],
                role=capacity,
            )

        def may(action, who, resource):
            user = users[who]
            try:
                tk.check_access(
                    action, {"user": user["name"] if user else ""}, {"resource_id": resource["id"]}
                )
            except tk.NotAuthorized:
                return False
            return True

        run = {w for w in users if may("lutsk_charter_validation_run", w, public_resource)}
        assert run == {"editor", "sysadmin"}
        show = {w for w in users if may("lutsk_charter_validation_show", w, public_resource)}
        assert show == set(users)
        hidden = {w for w in users if may("lutsk_charter_validation_show", w, private_resource)}
        assert hidden == {"member", "editor", "sysadmin"}
        batch = {w for w in users if may("lutsk_charter_validation_run_batch", w, dataset)}
        assert batch == {"sysadmin"}


@pytest.mark.ckan_config(
    "ckan.plugins",
    "lutsk_charter scheming_datasets scheming_organizations activity lutsk_charter_test_validation",
)
def test_other_plugins_choose_and_receive(dataset):
    from tests.plugins import ValidationObserver

    ValidationObserver.reports.clear()
    skipped = _resource(dataset, GOOD, name="skip-me.csv")
    with pytest.raises(tk.ObjectNotFound):
        _show(skipped)
    with pytest.raises(tk.ValidationError) as raised:
        call_action("lutsk_charter_validation_run", resource_id=skipped["id"], sync=True)
    assert raised.value.error_dict["resource_id"] == [
        "Інший плагін вирішив не перевіряти цей ресурс."
    ]
    kept = _resource(dataset, GOOD, name="routes.csv")
    result = call_action("lutsk_charter_validation_run", resource_id=kept["id"], sync=True)
    assert ValidationObserver.reports == [(kept["id"], result["status"])]
