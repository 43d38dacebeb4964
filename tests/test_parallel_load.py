"""Loading and checking in several processes gives the verdict of one process, exactly."""

from __future__ import annotations

import shutil
import sys
from dataclasses import replace
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

import pytest

from generator.content import load_content, read_seeds, validate_seeds
from generator.content.parallel import _split
from generator.model import Content
from generator.problems import sort_problems

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from synthetic import make_corpus  # noqa: E402

EXTENSIONS = ()


def one_process(project: Path) -> tuple[object, list[str]]:
    raw, found = read_seeds(project)
    content, more = validate_seeds(raw, EXTENSIONS)
    return content, [str(p) for p in sort_problems(found + more)]


def several(project: Path, workers: int = 2) -> tuple[object, list[str]]:
    content, problems = load_content(project, EXTENSIONS, workers, least=1)
    return content, [str(p) for p in sort_problems(problems)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("parallel")
    make_corpus(root, 40, 5)
    return root


def test_a_valid_corpus_gives_the_same_content(corpus: Path) -> None:
    content, problems = several(corpus)
    assert problems == []
    alone = one_process(corpus)[0]
    assert isinstance(content, Content) and isinstance(alone, Content)
    assert content.actors.declared == alone.actors.declared
    assert content.actors.complete == alone.actors.complete
    assert replace(content, actors=alone.actors) == alone
    assert len(content.claims) == 200


def test_every_problem_is_found_as_one_process_finds_it(corpus: Path, tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(corpus, project)
    seeds = project / "seeds"
    annotations = sorted((seeds / "annotations").glob("*.yml"))
    documents = sorted((seeds / "documents").glob("*.txt"))
    first, last = annotations[0], annotations[-1]
    # A claim id of the first share used again in the last share, and within one file.
    first_text = first.read_text("utf-8")
    claim_id = first_text.split("- id: ", 1)[1].split("\n", 1)[0]
    last_text = last.read_text("utf-8")
    second_id = last_text.split("- id: ", 1)[1].split("\n", 1)[0]
    last.write_text(last_text.replace(f"- id: {second_id}\n", f"- id: {claim_id}\n", 1), "utf-8")
    # A quote that is not in its document, a document that is not UTF-8, a document that
    # nobody annotates, and an annotation without its document.
    middle = annotations[len(annotations) // 2]
    middle.write_text(middle.read_text("utf-8").replace("quote: ", "quote: zzz ", 1), "utf-8")
    documents[5].write_bytes(b"caf\xe9")
    (seeds / "documents" / "999_ffffffffffffffff.txt").write_text("nobody\n", "utf-8")
    (seeds / "annotations" / "998_eeeeeeeeeeeeeeee.yml").write_text("claims: []\n", "utf-8")
    content, problems = several(project)
    alone = one_process(project)
    assert content is None and alone[0] is None
    assert problems == alone[1]
    text = "\n".join(problems)
    for code in (
        "duplicate-claim-id",
        "not-utf8",
        "document-without-annotation",
        "annotation-without-document",
    ):
        assert code in text, code
    assert f"claim id '{claim_id}' is already used at {first.relative_to(project)}" in text


@pytest.mark.parametrize("workers", [1, 3])
def test_any_number_of_processes_agrees(corpus: Path, workers: int) -> None:
    content, problems = several(corpus, workers)
    alone, none = one_process(corpus)
    assert isinstance(content, Content) and isinstance(alone, Content)
    assert problems == none == []
    assert replace(content, actors=alone.actors) == alone


def test_shares_cover_every_annotation_once_in_order() -> None:
    for count in (0, 1, 7, 200, 10_001):
        for parts in (1, 2, 8):
            shares = _split(count, parts)
            covered = [i for a, b in shares for i in range(a, b)]
            assert covered == list(range(count))
            assert all(a < b for a, b in shares)


def test_shares_send_claims_and_sources_back_as_they_are(corpus: Path) -> None:
    """The pickling the shares are sent back with (constructor and fields) reads back equal
    objects of the same types, nested ones included."""
    content, problems = one_process(corpus)
    assert isinstance(content, Content) and not problems
    claims, sources = content.claims, content.sources
    sent = (claims, sources)
    back = ForkingPickler.loads(ForkingPickler.dumps(sent))
    assert back == sent
    assert type(back[0][0].loc) is type(claims[0].loc)
    assert type(back[0][0].quotes[0]) is type(claims[0].quotes[0])
    # The registered reduction is the one used: a claim pickles as its constructor's call.
    reduced = ForkingPickler._extra_reducers[type(claims[0])](claims[0])
    assert reduced[0] is type(claims[0]) and reduced[1][0] == claims[0].id
