"""What an administrator installs: the built sdist and wheel, and the README that explains them.

The slow end-to-end install (a fresh virtualenv, the README's steps, a running CKAN) is
``dev/wheel_install_test.sh``, run by ``.ci/run``; these checks are quick.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "ckanext/lutsk_charter"


def _tracked(pattern: str = ".") -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", pattern],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line for line in out.splitlines() if (ROOT / line).is_file()]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """The sdist and the wheel built from a copy of the checkout (the wheel from the sdist)."""
    src = tmp_path_factory.mktemp("src")
    for name in _tracked():
        target = src / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    dist = tmp_path_factory.mktemp("dist")
    # An isolated build, as an administrator's: CKAN 2.11 pins a packaging too old for the
    # setuptools that reads our licence expression, so the venv's own cannot build it.
    built = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(src)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    (sdist,) = dist.glob("*.tar.gz")
    (wheel,) = dist.glob("*.whl")
    return sdist, wheel


def test_every_data_file_is_in_the_wheel(built):
    _sdist, wheel = built
    names = set(zipfile.ZipFile(wheel).namelist())
    data = [n for n in _tracked(PACKAGE) if not n.endswith(".py")]
    # What the code reads at run time, named so a new kind of file cannot slip through.
    for required in (
        f"{PACKAGE}/solr/schema-fields.xml",
        f"{PACKAGE}/config_declaration.yaml",
        f"{PACKAGE}/schemas/dataset.yaml",
        f"{PACKAGE}/data/835-list.csv",
        f"{PACKAGE}/assets/webassets.yml",
        f"{PACKAGE}/i18n/uk/LC_MESSAGES/ckanext-lutsk_charter.mo",
        f"{PACKAGE}/i18n/uk/LC_MESSAGES/ckanext-lutsk_charter.po",
        f"{PACKAGE}/migration/lutsk_charter/alembic.ini",
        f"{PACKAGE}/migration/lutsk_charter/script.py.mako",
        f"{PACKAGE}/templates/lutsk_charter/validation_report.html",
    ):
        assert required in data
    missing = sorted(set(data) - names)
    assert missing == []
    code = [n for n in _tracked(PACKAGE) if n.endswith(".py")]
    assert sorted(set(code) - names) == []
    migrations = [n for n in code if "/migration/lutsk_charter/versions/" in n]
    assert len(migrations) >= 6


def test_the_sdist_carries_what_the_wheel_is_built_from(built):
    sdist, _wheel = built
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for name in _tracked(PACKAGE):
        assert name in names, name
    for name in ("README.md", "CHANGELOG.md", "LICENSE", "requirements.txt", "MANIFEST.in"):
        assert name in names


def test_the_wheel_registers_only_what_it_ships(built):
    _sdist, wheel = built
    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    assert not [n for n in names if n.startswith("tests/")]
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    text = archive.read(entry_points).decode()
    assert "ckan.test_plugins" not in text
    assert "tests." not in text
    group = ""
    targets = []
    for line in text.splitlines():
        if line.startswith("["):
            group = line.strip("[]")
        elif "=" in line:
            targets.append((group, line.split("=", 1)[1].strip().split(":")[0]))
    assert ("ckan.plugins", "ckanext.lutsk_charter.plugin") in targets
    for group, module in targets:
        if module.startswith("ckanext.lutsk_charter"):
            assert module.replace(".", "/") + ".py" in names, (group, module)


def test_the_test_plugins_load_from_the_test_distribution():
    from importlib.metadata import entry_points

    found = {ep.name: ep.value for ep in entry_points(group="ckan.test_plugins")}
    assert found["lutsk_charter_test_validation"] == "tests.plugins:ValidationObserver"
    assert found["lutsk_charter_test_checks"] == "tests.plugins:ExtraCheck"
    assert found["lutsk_charter_test_checks"] != ""


# --- the README says what is true ---------------------------------------------------------


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_declared_option_is_in_the_readme():
    declaration = yaml.safe_load((ROOT / PACKAGE / "config_declaration.yaml").read_text())
    keys = [o["key"] for group in declaration["groups"] for o in group["options"]]
    assert len(keys) >= 14
    readme = _readme()
    missing = [k for k in keys if f"| `{k}` |" not in readme]
    assert missing == []


def test_the_layout_names_every_folder_of_the_package():
    readme = _readme()
    layout = readme.split("## Layout", 1)[1].split("## ", 1)[0]
    relative = [p.relative_to(ROOT / PACKAGE) for p in (ROOT / PACKAGE).rglob("*.py")]
    folders = sorted({r.parts[0] for r in relative if len(r.parts) > 1})
    assert "monitoring" in folders
    for folder in folders:
        assert f"  {folder}/" in layout, folder
    assert "are next" not in readme
