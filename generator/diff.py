"""`diff`: what a change since a git commit does to the facts and to the pages, for a reviewer.

The content at the commit is read from git's object store (`git ls-tree`, `git cat-file`), never
checked out, so the work tree is not touched. Both sides go through the same loader; records are
compared by kind and id, and each change is mapped to the pages it shows on in each language
(their URLs come from the renderer, `Renderer.url_of` and `SECTIONS`).
"""

from __future__ import annotations

import dataclasses
import stat
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .errors import ContentError, GeneratorError
from .facts import FactSet, build_factset
from .load import ARCHIVE_DIR, Loaded, load, load_files
from .model import KINDS, LANGS, SINGULAR, PartialDate
from .render import SECTIONS, Renderer
from .schema import LANG_NAMES, _fields
from .schema import references
from .tree import MAX_ARCHIVE_BYTES, MAX_FILE_BYTES, too_large, what
from .validate import validate

Status = Literal["added", "changed", "removed"]
STATUSES: tuple[Status, ...] = ("added", "changed", "removed")
OWN_PAGE = ("organisations", "issues", "people")  # kinds with a page of their own
ON_HOME = ("organisations", "issues", "stances")  # shown in the home page's matrix
CROSS_LISTED = {"organisations": "issues", "issues": "organisations"}  # each page lists every record of the other kind


class GitError(GeneratorError):
    """git could not give the content at the commit asked for."""


@dataclass(frozen=True)
class Change:
    """One record (or site-wide file) added, changed or removed, and the pages it shows on."""

    status: Status
    kind: str
    id: str
    path: str
    fields: tuple[str, ...] = ()
    pages: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)  # lang -> URLs, in the new site
    moves: tuple[tuple[str, str], ...] = ()  # (old URL, new URL) of a page whose address changes
    gone: tuple[str, ...] = ()  # URLs of pages that no longer exist
    everywhere: bool = False  # a site-wide file: every page changes

    @property
    def sort_key(self) -> tuple[int, int, str]:
        order = list(KINDS) + ["scale", "site"]
        return STATUSES.index(self.status), order.index(self.kind), self.id


@dataclass(frozen=True)
class Diff:
    ref: str
    changes: tuple[Change, ...]
    ref_problems: int  # problems of the content at `ref` (records it could not read show as added)


# --- Reading the content at a commit ---------------------------------------------------------------


def _git(cwd: Path, *args: str, input: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=input, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed: diff reads the content of a commit with git") from None
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return done.stdout


def files_at(content: Path, ref: str) -> tuple[dict[str, bytes], dict[str, str]]:
    """The regular files under `content` at commit `ref`, by path relative to `content`, read from
    git; and the entries that are not read (links, submodules, files over the size limit), with why."""
    try:
        _git(content, "rev-parse", "--show-toplevel")
    except GitError:
        raise GitError(f"{content} is not in a git repository: diff compares the content with a commit of its history") from None
    try:
        commit = _git(content, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(f"git knows no commit '{ref}': give a branch, a tag or a commit (e.g. main or HEAD~1)") from None
    listing = _git(content, "ls-tree", "-r", "-z", "-l", commit, "--", ".").decode("utf-8", "surrogateescape")
    blobs: list[tuple[str, str]] = []
    others: dict[str, str] = {}
    for entry in filter(None, listing.split("\0")):
        meta, _, path = entry.partition("\t")
        mode, kind, sha, size = meta.split()
        limit = MAX_ARCHIVE_BYTES if path.startswith(f"{ARCHIVE_DIR}/") else MAX_FILE_BYTES
        if mode == "120000":
            others[path] = what(stat.S_IFLNK)
        elif kind != "blob":
            others[path] = "a submodule: remove it"
        elif int(size) > limit:
            others[path] = too_large(limit)
        else:
            blobs.append((path, sha))
    files: dict[str, bytes] = {}
    if blobs:
        out = _git(content, "cat-file", "--batch", input="".join(f"{sha}\n" for _, sha in blobs).encode())
        pos = 0
        for path, _ in blobs:
            header_end = out.index(b"\n", pos)
            size = int(out[pos:header_end].split()[2])
            files[path] = out[header_end + 1: header_end + 1 + size]
            pos = header_end + 1 + size + 1
    return files, others


# --- Comparing ------------------------------------------------------------------------------------


def diff(content: Path, ref: str) -> Diff:
    """The changes to the facts in `content` since commit `ref`. The content now must check clean."""
    new = load(content)
    problems = validate(new)
    if problems:
        raise ContentError(problems)
    if not content.is_dir():
        raise GitError(f"no content folder at {content}")
    old = load_files(Path(content.name), *files_at(content, ref))
    return Diff(ref, tuple(sorted(compare(old, new), key=lambda c: c.sort_key)), len(set(validate(old))))


def compare(old: Loaded, new: Loaded) -> Iterator[Change]:
    """Every record added, changed or removed from `old` to `new`, with the pages it shows on."""
    old_facts, new_facts = _facts(old), _facts(new)
    gone = set(_own_pages(old_facts)) - set(_own_pages(new_facts))
    for kind in KINDS:
        before, after = old.records[kind], new.records[kind]
        for rid in sorted(before.keys() | after.keys()):
            fields: tuple[str, ...] = ()
            if rid in before and rid in after:
                fields = changed_fields(before[rid].record, after[rid].record)
                if kind == "sources" and old.archives.get(rid) != new.archives.get(rid):
                    fields += ("archived text",)
                if not fields:
                    continue
            status: Status = "added" if rid not in before else "removed" if rid not in after else "changed"
            # Every organisation's page has a row for every issue, and every issue's page one for every
            # organisation: adding, removing or renaming one changes every page of the other kind.
            named = set(LANGS) if status != "changed" else _renamed_in(fields)
            pages = _merge(_pages(old_facts, kind, rid, named) if rid in before else {},
                           _pages(new_facts, kind, rid, named) if rid in after else {})
            yield Change(status, kind, rid, (after.get(rid) or before[rid]).path, fields,
                         {lang: tuple(u for u in urls if u not in gone) for lang, urls in pages.items()},
                         _moves(old_facts, new_facts, kind, rid),
                         tuple(u for u in _own_pages(old_facts, kind, rid) if u in gone) if rid in before else ())
    for name, kind in (("site.yaml", "site"), ("scale.yaml", "scale")):
        fields = changed_fields(getattr(old, kind), getattr(new, kind))
        if fields:
            yield Change("changed", kind, name, f"{new.root.name}/{name}", fields, everywhere=True)


def changed_fields(old: Any, new: Any, prefix: str = "") -> tuple[str, ...]:
    """The fields that differ, named down to the text that changed (`name.fr`, `wording.en.text`);
    a list or a date that changed is named as a whole."""
    if old == new:
        return ()
    if type(old) is not type(new) or not dataclasses.is_dataclass(old) or isinstance(old, PartialDate):
        return (prefix or "the whole file",)
    out: list[str] = []
    for name in _fields(type(old)):
        out.extend(changed_fields(getattr(old, name), getattr(new, name), f"{prefix}.{name}" if prefix else name))
    return tuple(out)


# --- Pages ----------------------------------------------------------------------------------------


def _facts(loaded: Loaded) -> FactSet | None:
    return build_factset(loaded) if loaded.site is not None and loaded.scale is not None else None


def _renamed_in(fields: tuple[str, ...]) -> set[str]:
    """The languages in which a change of these fields changes a record's name or address."""
    langs: set[str] = set()
    for field in fields:
        top, _, lang = field.partition(".")
        if top in ("name", "slug"):
            langs.update([lang] if lang in LANGS else LANGS)
    return langs


def _pages(facts: FactSet | None, kind: str, rid: str, named: set[str]) -> dict[str, tuple[str, ...]]:
    """The pages, in each language, on which the record `kind`/`rid` of `facts` shows; in the
    languages `named`, also those showing only its name in a list of them all."""
    if facts is None:
        return {lang: () for lang in LANGS}
    record = getattr(facts, kind)[rid]
    targets: set[tuple[str, str]] = set()  # (kind, id) of the pages it shows on
    if kind in OWN_PAGE or kind in ("sources", "events", "partnerships"):
        targets.add((kind, rid))
    if kind == "instruments":
        targets.update(("issues", iid) for iid, issue in facts.issues.items() if rid in issue.instruments)
    listed_on = [(CROSS_LISTED[kind], oid) for oid in getattr(facts, CROSS_LISTED[kind])] if kind in CROSS_LISTED else []
    for _, ref_kind, ref_id in references(record):
        if ref_kind in OWN_PAGE and ref_id in getattr(facts, ref_kind):
            targets.add((ref_kind, ref_id))
    out: dict[str, tuple[str, ...]] = {}
    for lang in LANGS:
        urls = {Renderer.url_of(facts, k, i, lang) for k, i in targets | set(listed_on if lang in named else ())}
        if kind in OWN_PAGE:
            urls.add(f"{SECTIONS[kind][lang]}/")
        if kind in ON_HOME:
            urls.add("")
        out[lang] = tuple(sorted(f"/{lang}/{url}" for url in urls))
    return out


def _own_pages(facts: FactSet | None, kind: str | None = None, rid: str | None = None) -> tuple[str, ...]:
    """The URLs of the pages of a record of its own (the only pages a change can take away): all of
    them, or the record `kind`/`rid`'s."""
    if facts is None or (kind is not None and kind not in OWN_PAGE):
        return ()
    records = [(kind, rid)] if kind and rid else [(k, r) for k in OWN_PAGE for r in getattr(facts, k)]
    return tuple(f"/{lang}/{Renderer.url_of(facts, k, r, lang)}" for k, r in records for lang in LANGS)


def _merge(a: Mapping[str, tuple[str, ...]], b: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {lang: tuple(sorted(set(a.get(lang, ())) | set(b.get(lang, ())))) for lang in LANGS}


def _moves(old: FactSet | None, new: FactSet | None, kind: str, rid: str) -> tuple[tuple[str, str], ...]:
    if kind not in OWN_PAGE or old is None or new is None or rid not in getattr(old, kind) or rid not in getattr(new, kind):
        return ()
    urls = [(f"/{lang}/{Renderer.url_of(old, kind, rid, lang)}", f"/{lang}/{Renderer.url_of(new, kind, rid, lang)}")
            for lang in LANGS]
    return tuple((a, b) for a, b in urls if a != b)


# --- Output ---------------------------------------------------------------------------------------


def format_diff(result: Diff) -> str:
    changes = result.changes
    if not changes:
        lines = [f"No change to the facts since {result.ref}."]
    else:
        counts = ", ".join(f"{sum(c.status == s for c in changes)} {s}" for s in STATUSES)
        lines = [f"Changes to the facts since {result.ref}: {counts}.", ""]
        for change in changes:
            lines.extend(_change_lines(change))
            lines.append("")
        lines.extend(_review_lines(changes))
    if result.ref_problems:
        n = result.ref_problems
        lines.append(f"Note: the content at {result.ref} has {n} problem{'s' if n != 1 else ''}; "
                     "a record it could not read shows as added.")
    return "\n".join(lines) + "\n"


def _change_lines(change: Change) -> list[str]:
    what = SINGULAR.get(change.kind, f"{change.kind} file")
    head = f"{change.status} {what} {change.id} ({change.path})" if change.kind in KINDS else f"{change.status} {change.path}"
    lines = [head + (f": {', '.join(change.fields)}" if change.fields else "")]
    for old_url, new_url in change.moves:
        lines.append(f"  moves: {old_url} -> {new_url} (links to the old address will break; set `slug:` to keep it)")
    if change.gone and not change.moves:
        lines.append(f"  removed page{'s' if len(change.gone) != 1 else ''}: {' '.join(change.gone)}")
    if change.everywhere:
        lines.append("  every page, in both languages")
    for lang in LANGS:
        if change.pages.get(lang):
            lines.append(f"  {lang}: {' '.join(change.pages[lang])}")
    return lines


def _review_lines(changes: tuple[Change, ...]) -> list[str]:
    if any(c.everywhere for c in changes):
        return ["Pages to review: every page, in both languages (a site-wide file changed)."]
    lines = []
    for lang in LANGS:
        urls = sorted({url for c in changes for url in c.pages.get(lang, ())})
        lines.append(f"Pages to review in {LANG_NAMES[lang]}: {len(urls)}")
        lines.extend(f"  {url}" for url in urls)
    gone = sorted({url for c in changes for url in c.gone})
    if gone:
        lines.append(f"Pages that will no longer exist: {len(gone)}")
        lines.extend(f"  {url}" for url in gone)
    return lines
