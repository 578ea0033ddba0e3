"""`new`: start a record file for an editor, from a template of its kind (`newtemplates`).

Each value given is read by the check's converter for the record field it fills, and the file,
before it is written, is checked by the check's own code with the whole content: a value the check
would refuse is refused, in the check's words. What the editor has still to write (the TODOs) is
left to them. Never over an existing file.
"""

from __future__ import annotations

import re
from pathlib import Path

from .cache import Cache
from .description import Shape, field_shape, fields_of
from .errors import GeneratorError, Problem
from .load import load, read_one
from .loaded import Located
from .model import KINDS, Scale
from .newtemplates import TEMPLATES, Answers, Field, Template
from .schema import MAX_SLUG, SLUG_RE, Reader
from .tree import DiskTree, Unreadable
from .validate import reference_problem, validate
from .yamlread import Scalar, read
from .yamlwrite import RecordFile


class BadValue(GeneratorError):
    """A value given to `new` that would make a broken record; `option` names the option that gave
    it, when it is not the one being read."""

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option


# --- Checking what the editor gives --------------------------------------------------------------


def check_value(field: Field, value: str, content: Path) -> str:
    """`value` cleaned of surrounding spaces, or BadValue saying what is wrong and how to fix it:
    read by the check's own converter for the field it fills, and, an id, looked up as the check
    looks up a reference (the same rules, the same messages)."""
    value = value.strip()
    if field.shape.kind == "record":  # a speaker: organisation, or organisation:person
        shapes = {f.name: f.shape.required() for f in fields_of(field.shape.cls)}
        organisation, colon, person = value.partition(":")
        _check_one(shapes["organisation"], organisation, field.name, content)
        if colon:
            _check_one(shapes["person"], person, field.name, content)
        return value
    _check_one(field.shape.required(), value, field.name, content)
    return value


def _check_one(shape: Shape, value: str, name: str, content: Path) -> None:
    problems: list[Problem] = []
    Reader("option", problems).convert(Scalar(value.strip(), "text", 1, 1), shape, name)
    if problems:
        raise BadValue(problems[0].message)
    if shape.kind == "ref":
        levels = scale_levels(content) if shape.target == "scale" else ()
        ids = {k: record_ids(content, k) for k in KINDS} if shape.target != "scale" else {}
        problem = reference_problem(value.strip(), shape.target, ids, levels)
        if problem:
            raise BadValue(problem)


def record_ids(content: Path, kind: str) -> frozenset[str]:
    """The ids of the records of `kind` in `content` (regular files only, as the check reads them)."""
    try:
        entries = DiskTree(content).entries(kind) if DiskTree(content / kind).exists() else []
    except Unreadable:
        return frozenset()
    return frozenset(n.removesuffix(".yaml") for n, entry in entries if entry == "file" and n.endswith(".yaml"))


def check_answers(kind: str, answers: Answers) -> None:
    """BadValue if the answers together cannot make a record of `kind`."""
    if kind == "quotes" and not (answers.one("words-en") or answers.one("words-fr")):
        raise BadValue("a quote needs its words in at least one language: give --words-en or --words-fr")
    if kind == "quotes" and answers.one("person") and len(answers.all("speaker")) != 1:
        raise BadValue("--person goes with a single --speaker: for several, give each as --speaker organisation:person")
    if kind == "partnerships" and len(answers.all("party")) != 2:
        raise BadValue(f"a partnership is between two organisations: give --party twice (found {len(answers.all('party'))})")
    sources, excerpts = len(answers.all("source")), len(answers.all("excerpt"))
    if kind in ("claims", "stances", "events", "partnerships") and sources != excerpts:
        raise BadValue(f"give one --excerpt for each --source, in the same order (found {sources} --source and "
                       f"{excerpts} --excerpt)")


def scale_levels(content: Path) -> tuple[str, ...]:
    """The ids of the stance scale's levels; empty if content/scale.yaml cannot be read."""
    try:
        node = read(DiskTree(content).read("scale.yaml"), "scale.yaml", [])
    except Unreadable:
        return ()
    scale = Reader("scale.yaml", []).record(node, Scale) if node is not None else None
    return tuple(level.id for level in scale.levels) if isinstance(scale, Scale) else ()


# --- Writing the file ----------------------------------------------------------------------------


def render(kind: str, answers: Answers) -> str:
    """The text of a new record file of `kind`."""
    y = RecordFile(kind)
    TEMPLATES[kind].write(y, answers)
    return y.render()


def record_path(content: Path, kind: str, record_id: str) -> Path:
    return content / kind / f"{record_id}.yaml"


def check_content_folder(content: Path) -> None:
    if not content.is_dir():
        raise GeneratorError(f"no content folder at {content}: run this from the project folder, or give --content")


def create(content: Path, kind: str, record_id: str, answers: Answers) -> Path:
    """Write the new record file and return its path; never over an existing file, and never one
    in which the check would find a problem with a value the editor gave (`problems_of`)."""
    if not SLUG_RE.match(record_id):
        raise BadValue(f"'{record_id}' is not a valid id: use lower-case letters, digits and single hyphens")
    if len(record_id) > MAX_SLUG:
        raise BadValue(f"the id is {len(record_id)} characters long: give one of at most {MAX_SLUG} with --id")
    check_content_folder(content)
    path = record_path(content, kind, record_id)
    shown = f"{content.name}/{kind}/{record_id}.yaml"
    exists = GeneratorError(f"{shown} already exists: edit that file, or give the new record another id with --id")
    if path.exists():
        raise exists
    text = render(kind, answers)
    for problem in problems_of(content, kind, record_id, text):
        option = given_option(TEMPLATES[kind], answers, problem.field)
        if option is not None:
            raise BadValue(problem.message, option.name)
    path.parent.mkdir(exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        raise exists from None
    return path


def problems_of(content: Path, kind: str, record_id: str, text: str) -> list[Problem]:
    """What the check would report in the file `text`, were it written as the record `record_id`
    of `kind`: read by the check's own code, then checked with the whole content (its references,
    its slugs, its excerpts against the archives), nothing written. Sorted as the check sorts them."""
    cache = Cache.open(content)  # read only: a check saves it, not this
    loaded = load(content, cache)
    rel = f"{content.name}/{kind}/{record_id}.yaml"
    reading = read_one(rel, kind, record_id, text.encode("utf-8"))
    problems = list(reading.problems)
    if reading.valid:
        loaded.records[kind][record_id] = Located(kind, rel, reading)
        loaded.ids[kind].add(record_id)
        problems += [p for p in validate(loaded, cache.matches) if p.path == rel]
    return sorted(set(problems))


def given_option(template: Template, answers: Answers, field: str) -> Field | None:
    """The option given whose value a problem with `field` is about: the one filling that field
    or a part of it (the most precise), or one language of a text in both; None if the problem is
    with what the editor has still to write."""
    path = re.sub(r"\[\d+\]", "[]", field)
    found: Field | None = None
    for f in template.fields:
        base = f.fills.removesuffix("[]")
        if answers.all(f.name) and (path == base or path.startswith((base + ".", base + "["))) \
                and (found is None or len(f.fills) > len(found.fills)):
            found = f
    if found is None and field_shape(KINDS[template.kind], path).localised:
        found = next((f for f in template.fields if answers.all(f.name) and f.fills.startswith(path + ".")), None)
    return found
