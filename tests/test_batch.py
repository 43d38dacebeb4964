"""The generator's stages run in a process of their own during `briefings build`."""

from __future__ import annotations

import os

import pytest

from generator.commands.batch import INTERRUPTED, in_own_process

held: list[bytes] = []


def test_a_stage_runs_in_another_process_and_gives_its_memory_back() -> None:
    parent = os.getpid()
    seen: list[int] = []

    def stage() -> int:
        seen.append(os.getpid())
        held.append(b"x" * 10_000_000)  # what a stage holds stays with its process
        return 0 if os.getpid() != parent else 99

    assert in_own_process(stage) == 0
    assert seen == [] and held == []


def test_a_stage_exit_code_is_returned() -> None:
    assert in_own_process(lambda: 1) == 1


def test_an_interrupted_stage_interrupts_the_build() -> None:
    def stage() -> int:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        in_own_process(stage)
    with pytest.raises(KeyboardInterrupt):
        in_own_process(lambda: INTERRUPTED)  # a stage that caught Ctrl-C and stopped


def test_a_failing_stage_is_a_failure_not_a_hang(capfd: pytest.CaptureFixture[str]) -> None:
    def stage() -> int:
        raise RuntimeError("a bug")

    assert in_own_process(stage) == 1
    assert "RuntimeError: a bug" in capfd.readouterr().err


def test_output_captured_as_objects_is_not_lost(capsys: pytest.CaptureFixture[str]) -> None:
    """A caller that captures output in objects (not files) gets the stage's output."""

    def stage() -> int:
        print("pages: 3 written")
        return 0

    assert in_own_process(stage) == 0
    assert capsys.readouterr().out == "pages: 3 written\n"


def test_a_stage_writing_to_files_shares_them(capfd: pytest.CaptureFixture[str]) -> None:
    def stage() -> int:
        print("from the stage's process", os.getpid() != parent)
        return 0

    parent = os.getpid()
    assert in_own_process(stage) == 0
    assert capfd.readouterr().out == "from the stage's process True\n"
