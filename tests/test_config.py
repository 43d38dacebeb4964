"""mkdocs.yml is read as YAML, once, and what the generator needs travels as arguments."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import REPO, briefings, copy_project

from generator.config import REQUIRED_EXTENSIONS, Edition, SiteConfig, read_site_config
from generator.publish.bundle import zip_folder


def write_config(tmp_path: Path, text: str) -> Path:
    (tmp_path / "mkdocs.yml").write_text(text, "utf-8")
    return tmp_path


def test_the_real_configuration_reads_without_problems() -> None:
    config, problems = read_site_config(REPO)
    assert problems == []
    assert config.site_name == "Briefings" and config.slug == "briefings"
    assert [name for name, _ in config.markdown_extensions] == list(REQUIRED_EXTENSIONS)
    assert dict(config.markdown_extensions)["toc"] == {"permalink": True}


def test_yaml_forms_no_pattern_would_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFINGS_TEST_URL", "https://example.org/b/")
    config, problems = read_site_config(
        write_config(
            tmp_path,
            "# comment\n"
            "site_name: >-\n  Kazakhstan #1\n  watch\n"
            "site_url: !ENV [BRIEFINGS_TEST_URL, 'https://default.example/']\n"
            "markdown_extensions: [footnotes, attr_list, {md_in_html: null}, tables,\n"
            "  {toc: {permalink: '#'}},\n"
            "  {pymdownx.emoji: {emoji_index:\n"
            "    !!python/name:material.extensions.emoji.twemoji }}]\n",
        ),
    )
    assert problems == []
    assert config.site_name == "Kazakhstan #1 watch" and config.slug == "kazakhstan-1-watch"
    assert config.site_url == "https://example.org/b/"
    assert dict(config.markdown_extensions)["toc"] == {"permalink": "#"}
    assert "pymdownx.emoji" in dict(config.extensions)


def test_a_missing_extension_the_pages_need_is_a_problem(tmp_path: Path) -> None:
    _, problems = read_site_config(
        write_config(tmp_path, "site_name: x\nmarkdown_extensions: [tables, toc]\n")
    )
    assert [(str(p.location), p.code) for p in problems] == [("mkdocs.yml:1:1", "invalid-config")]
    assert "must list footnotes, attr_list, md_in_html" in problems[0].message


def test_broken_yaml_is_located_and_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    text = (project / "mkdocs.yml").read_text("utf-8")
    (project / "mkdocs.yml").write_text(text.replace("site_dir: site", "site_dir: [site"), "utf-8")
    run = briefings(project, "build", "--pages-only")
    assert run.code == 1 and "Traceback" not in run.err
    assert run.err.startswith("mkdocs.yml:") and "[invalid-config]" in run.err
    assert not (project / "docs/pairs").exists()


def test_no_configuration_means_the_pages_defaults(tmp_path: Path) -> None:
    config, problems = read_site_config(tmp_path)
    assert problems == [] and config == SiteConfig()


def test_the_bundle_is_dated_by_the_build_option_not_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text("x", "utf-8")
    target = tmp_path / "b.zip"
    assert zip_folder(folder, target, "b", 1600000000)
    with zipfile.ZipFile(target) as archive:
        assert archive.getinfo("b/index.html").date_time == (2020, 9, 13, 12, 26, 40)
    assert not zip_folder(folder, target, "b", 1600000000)  # the same bytes: untouched


def test_new_takes_its_example_topic_from_topics_yml_read_as_yaml(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "seeds/topics.yml").write_text(
        '{"naval-cooperation": {name: Navies}, "agreement": {name: Agreements}}\n', "utf-8"
    )
    article = tmp_path / "a.txt"
    article.write_text("A text.\n", "utf-8")
    run = briefings(project, "new", str(article))
    assert run.code == 0, run.err
    annotation = next((project / "seeds/annotations").glob("002_*.yml")).read_text("utf-8")
    assert "#   topic: naval-cooperation  # a topic id" in annotation


def test_the_licence_line_is_read_for_the_data_and_citations(tmp_path: Path) -> None:
    config, problems = read_site_config(REPO)
    assert not problems and config.copyright is not None
    assert config.copyright.startswith("Text and data of this briefing: CC BY 4.0.")
    assert Edition.of(config).copyright == config.copyright
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\ncopyright: [not, text]\nmarkdown_extensions: "
        "[footnotes, attr_list, md_in_html, tables, toc]\n",
        "utf-8",
    )
    config, problems = read_site_config(tmp_path)
    assert config.copyright is None
    assert [p.message for p in problems] == ["copyright must be the licence line, as text"]
