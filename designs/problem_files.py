"""The problem library on disk (designs/problems/*.json): interview problems beyond the
handbook's five, each with its statement, the scale it gives, where its figures come from
and a reference design (a design document) that meets its own SLOs.

A problem file: `title`, `summary` (one line), `difficulty` (easy, medium, hard),
`statement` (Markdown: what the interviewer asks), `scale` (the givens, one line each:
counts a day, sizes, retention; never a figure the candidate is to work out), `sources`
(`figure`, `source`, optional `url`: which given figures come from a public source, and
which are ours) and `reference` (the design document). designs/problems/README.md says how
the references are built.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PROBLEMS_DIR = Path(__file__).resolve().parent / "problems"
DIFFICULTIES = ("easy", "medium", "hard")
PROBLEM_FIELDS = {"title", "summary", "difficulty", "statement", "scale", "sources", "reference"}
SOURCE_FIELDS = {"figure", "source", "url"}


class ProblemFileError(ValueError):
    """A problem file that does not follow the format; the message names the file and field."""


@dataclass(frozen=True)
class ProblemFile:
    slug: str
    title: str
    summary: str
    difficulty: str
    statement: str
    scale: tuple[str, ...]
    sources: tuple[dict, ...]
    reference: dict  # the reference design document: read-only, copy before changing

    @property
    def difficulty_rank(self) -> int:
        return DIFFICULTIES.index(self.difficulty)


def _checked(slug: str, data: object) -> ProblemFile:
    def fail(field: str, message: str) -> ProblemFileError:
        return ProblemFileError(f"designs/problems/{slug}.json: {field}: {message}")

    if not isinstance(data, dict):
        raise fail("(file)", "must be a JSON object")
    if unknown := sorted(set(data) - PROBLEM_FIELDS):
        raise fail(unknown[0], "unknown field")
    if missing := sorted(PROBLEM_FIELDS - set(data)):
        raise fail(missing[0], "required")
    for field in ("title", "summary", "statement"):
        if not isinstance(data[field], str) or not data[field].strip():
            raise fail(field, "must be non-empty text")
    if data["difficulty"] not in DIFFICULTIES:
        raise fail("difficulty", f"must be one of {', '.join(DIFFICULTIES)}")
    if not isinstance(data["scale"], list) or not data["scale"] or not all(
            isinstance(line, str) and line.strip() for line in data["scale"]):
        raise fail("scale", "must be a non-empty list of non-empty lines")
    if not isinstance(data["sources"], list) or not data["sources"]:
        raise fail("sources", "must be a non-empty list")
    for index, source in enumerate(data["sources"]):
        if not isinstance(source, dict) or set(source) - SOURCE_FIELDS or not all(
                isinstance(source.get(field), str) and source[field].strip()
                for field in ("figure", "source")):
            raise fail(f"sources[{index}]",
                       "needs text `figure` and `source` (and an optional `url`)")
    if not isinstance(data["reference"], dict):
        raise fail("reference", "must be a design document")
    return ProblemFile(
        slug=slug, title=data["title"], summary=data["summary"],
        difficulty=data["difficulty"], statement=data["statement"],
        scale=tuple(data["scale"]), sources=tuple(data["sources"]),
        reference=data["reference"],
    )


def problem_paths() -> list[Path]:
    return sorted(PROBLEMS_DIR.glob("*.json"))


@cache
def problem_files() -> tuple[ProblemFile, ...]:
    """Every problem, easiest first, then by title. Raises ProblemFileError."""
    problems = [
        _checked(path.stem, json.loads(path.read_text(encoding="utf-8")))
        for path in problem_paths()
    ]
    return tuple(sorted(problems, key=lambda p: (p.difficulty_rank, p.title.lower())))


def problem_slugs() -> set[str]:
    """The slugs the problems' reference designs load under: no saved design may take one."""
    return {path.stem for path in problem_paths()}
