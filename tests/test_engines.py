"""The site-engine adapter: MkDocs (the default) and ProperDocs build the same briefing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import briefings, copy_project

from generator.publish.engine import DEFAULT_ENGINE, ENGINES, Engine, Zensical

pytestmark = pytest.mark.e2e

# The one line an engine may write differently: its own name in the generator meta tag.
GENERATOR_META = re.compile(rb'<meta name="generator" content="[^"]*">')


def files(folder: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found[path.relative_to(folder).as_posix()] = GENERATOR_META.sub(b"", data)
    return found


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("properdocs") / "project")
    run = briefings(project, "build", "--engine", "properdocs")
    assert run.code == 0, run.err
    return project


def test_default_engine_is_mkdocs() -> None:
    assert DEFAULT_ENGINE == "mkdocs" and set(ENGINES) == {"mkdocs", "properdocs", "zensical"}
    assert all(ENGINES[name].available() for name in ("mkdocs", "properdocs"))


def test_properdocs_builds_the_same_site(built: Path, properdocs_site: Path) -> None:
    """Every page, citation and anchor: the same files, byte for byte but for the meta tag."""
    ours, theirs = files(built / "site"), files(properdocs_site / "site")
    assert sorted(ours) == sorted(theirs)
    different = [rel for rel in ours if ours[rel] != theirs[rel]]
    assert different == []
    page = (properdocs_site / "site/pairs/KZ-TR/index.html").read_text("utf-8")
    assert 'id="kz-tr-anka-production-2024"' in page and 'href="#fn:' in page
    assert b"properdocs" in (properdocs_site / "site/index.html").read_bytes().lower()


def test_properdocs_builds_the_same_offline_bundle(built: Path, properdocs_site: Path) -> None:
    import zipfile

    def entries(path: Path) -> dict[str, bytes]:
        with zipfile.ZipFile(path) as archive:
            return {n: GENERATOR_META.sub(b"", archive.read(n)) for n in archive.namelist()}

    name = "dist/briefings-offline.zip"
    assert entries(built / name) == entries(properdocs_site / name)


def test_a_missing_engine_is_named_with_its_install_command(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    absent = Engine("nothing", "no_such_engine_module", "no-such-engine")
    assert not absent.available()
    from generator.publish.engine import run_build

    result = run_build(absent, project, project / "mkdocs.yml", tmp_path / "out", {})
    assert not result.ok
    assert result.output == (
        "error: the site engine nothing is not installed here: pip install no-such-engine"
    )


def test_zensical_is_given_its_output_folder_in_a_generated_configuration(
    tmp_path: Path,
) -> None:
    """Zensical has no --site-dir: the adapter writes an inheriting configuration, then drops it."""
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Test\n", "utf-8")
    zensical = ENGINES["zensical"]
    assert isinstance(zensical, Zensical)
    fake = tmp_path / "bin"
    fake.mkdir()
    seen = tmp_path / "seen.txt"
    # A stand-in for the engine: records the configuration it was given.
    module = fake / "fake_zensical.py"
    module.write_text(
        "import sys, pathlib\n"
        "config = pathlib.Path(sys.argv[sys.argv.index('-f') + 1])\n"
        f"pathlib.Path({str(seen)!r}).write_text(config.name + '\\n' + config.read_text())\n"
        "print('\\x1b[31mdone\\x1b[0m')\n",
        "utf-8",
    )
    stand_in = Zensical("zensical", "fake_zensical", "zensical")
    result = stand_in.build(
        tmp_path, config, tmp_path / ".briefings/x/site", {"PYTHONPATH": str(fake)}
    )
    assert result.ok and result.output == "done"
    name, text = seen.read_text("utf-8").split("\n", 1)
    assert name == ".mkdocs.zensical.yml"
    assert "INHERIT: mkdocs.yml\n" in text and 'site_dir: ".briefings/x/site"' in text
    assert not (tmp_path / name).exists()
    shutil.rmtree(fake)
