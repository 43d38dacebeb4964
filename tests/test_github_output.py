"""Problems as GitHub Actions workflow commands, so they show on the pull request's diff."""

from __future__ import annotations

import os
import re
from pathlib import Path

from conftest import briefings

from generator.problems import Location, Problem, format_github, format_plain

ANKA = "seeds/annotations/001_a593577fb9b8170b.yml"
COMMAND = re.compile(r"::error file=([^,]+),line=(\d+),col=(\d+),title=([^:]+)::(.*)")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return {**env, **extra}


def _break(project: Path) -> tuple[str, str]:
    """Misspell a topic and shorten a quote; return the line numbers of both mistakes."""
    path = project / ANKA
    text = path.read_text("utf-8")
    text = text.replace(
        "    topic: co-production\n    date: '2024'", "    topic: coproduction\n    date: '2024'", 1
    )
    text = text.replace(
        "tureckich bezzałogowych statków powietrznych (UAV) Anka", "tureckich dronów Anka", 1
    )
    path.write_text(text, "utf-8")
    lines = text.splitlines()
    topic = next(i for i, x in enumerate(lines, 1) if x == "    topic: coproduction")
    quote = next(i for i, x in enumerate(lines, 1) if "tureckich dronów Anka" in x)
    return str(topic), str(quote)


def test_one_command_per_problem_with_file_line_column_and_code() -> None:
    problems = [Problem(Location("seeds/topics.yml", 3, 5), "unknown-field", "unknown field 'nam'")]
    assert format_github(problems) == [
        "::error file=seeds/topics.yml,line=3,col=5,title=unknown-field::unknown field 'nam'"
    ]


def test_messages_and_properties_are_escaped() -> None:
    problem = Problem(
        Location("seeds/a,b:c.yml", 2, 7),
        "quote-not-found",
        "50% of it: not found\r\nsee below",
        ("closest: «x»", "line 2"),
    )
    [line] = format_github([problem])
    assert line == (
        "::error file=seeds/a%2Cb%3Ac.yml,line=2,col=7,title=quote-not-found::"
        "50%25 of it: not found%0D%0Asee below%0Aclosest: «x»%0Aline 2"
    )
    assert "\n" not in line and "\r" not in line


def test_same_order_and_no_repeats_as_the_plain_lines() -> None:
    a = Problem(Location("seeds/b.yml", 9, 1), "invalid-value", "b")
    b = Problem(Location("seeds/a.yml", 4, 2), "invalid-value", "a")
    lines = format_github([a, b, a])
    assert [COMMAND.match(x).group(1) for x in lines] == ["seeds/a.yml", "seeds/b.yml"]
    assert format_plain([a, b, a]) == [
        "seeds/a.yml:4:2: a [invalid-value]",
        "seeds/b.yml:9:1: b [invalid-value]",
    ]


def test_check_in_github_actions_prints_commands_matching_the_plain_problems(project: Path) -> None:
    topic, quote = _break(project)
    run = briefings(project, "check", env=_env(GITHUB_ACTIONS="true"))
    assert run.code == 1
    plain = [line for line in run.err.splitlines() if line.startswith("seeds/")]
    commands = [COMMAND.fullmatch(line) for line in run.out.splitlines()]
    assert len(plain) == 2 and all(commands) and len(commands) == 2
    for line, command in zip(plain, commands, strict=True):
        path, row, col, code, message = command.groups()
        assert line.startswith(f"{path}:{row}:{col}: ")
        assert line.endswith(f" [{code}]")
        assert message.split("%0A")[0] in line
    assert commands[0].group(1, 2, 3, 4) == (ANKA, topic, "12", "unknown-topic")
    assert commands[1].group(1, 2, 3, 4) == (ANKA, quote, "12", "quote-not-found")
    assert "%0Aclosest passage (86%25 similar)" in commands[1].group(5)


def test_check_outside_github_actions_prints_no_commands(project: Path) -> None:
    topic, _ = _break(project)
    for env in (_env(), _env(GITHUB_ACTIONS="false")):
        run = briefings(project, "check", env=env)
        assert run.code == 1
        assert "::error" not in run.out + run.err
        assert f"{ANKA}:{topic}:12: " in run.err


def test_a_valid_corpus_prints_no_commands_in_github_actions(project: Path) -> None:
    run = briefings(project, "check", env=_env(GITHUB_ACTIONS="true"))
    assert run.code == 0
    assert "::error" not in run.out
