"""`diff`: what a change since a git commit does to the facts and to the pages, for a reviewer.

The content at the commit is read from git's object store (`git ls-tree`, `git cat-file`), never
checked out, so the work tree is not touched. Both sides go through the same loader; records are
compared by kind and id. Both sides are rendered in memory, each page noting what it reads of
the facts (`inputs`): a page is named when a value it read differs, and only then.
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
from .inputs import Key, differs, value_at
from .load import ARCHIVE_DIR, load, load_files
from .loaded import Loaded
from .model import KINDS, LANGS, SINGULAR
from .render import render_language
from .schema import LANG_NAMES
from .tree import MAX_ARCHIVE_BYTES, MAX_FILE_BYTES, too_large, what
from .urls import LISTED, OWN_PAGE, site_path, url_of
from .validate import validate
from .walks import changed_fields

Status = Literal["added", "changed", "removed"]
STATUSES: tuple[Status, ...] = ("added", "changed", "removed")


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
    everywhere: tuple[str, ...] = ()  # the languages in which it changes every page (a site-wide file)

    @property
    def sort_key(self) -> tuple[int, int, str]:
        order = list(KINDS) + ["scale", "site"]
        return STATUSES.index(self.status), order.index(self.kind), self.id


@dataclass(frozen=True)
class Diff:
    ref: str
    changes: tuple[Change, ...]
    ref_problems: int  # problems of the content at `ref` (records it could not read show as added)
    review: tuple[str, ...] = ()  # every page of the new site whose output differs, by URL


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
            length = int(out[pos:header_end].split()[2])
            files[path] = out[header_end + 1: header_end + 1 + length]
            pos = header_end + 1 + length + 1
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
    sides = Sides(_facts(old), _facts(new))
    changes = tuple(sorted(compare(old, new, sides), key=lambda c: c.sort_key))
    return Diff(ref, changes, len(set(validate(old))), review_pages(changes, sides.touched))


def review_pages(changes: tuple[Change, ...], touched: Mapping[str, object]) -> tuple[str, ...]:
    """The pages a reviewer reads: every page touched, at the anchor of what changed on it when
    that is one record of a list page."""
    named = {url for c in changes for urls in c.pages.values() for url in urls}
    gone = {url for c in changes for url in c.gone}
    bases = {url.partition("#")[0] for url in named}
    return tuple(sorted(named | {url for url in touched if url not in bases and url not in gone}))


def compare(old: Loaded, new: Loaded, sides: Sides | None = None) -> Iterator[Change]:
    """Every record added, changed or removed from `old` to `new`, with the pages it shows on: the
    pages that read, while they were rendered (see `inputs`), a value the change alters."""
    sides = sides or Sides(_facts(old), _facts(new))
    old_facts, new_facts, touched = sides.old, sides.new, sides.touched
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
            pages = {lang: tuple(sorted({_anchored(old_facts, new_facts, kind, rid, url)
                                         for url, why in touched.items() if url.startswith(site_path(lang, "")) and (kind, rid) in why}))
                     for lang in LANGS}
            yield Change(status, kind, rid, (after.get(rid) or before[rid]).path, fields,
                         {lang: tuple(u for u in urls if u not in gone) for lang, urls in pages.items()},
                         _moves(old_facts, new_facts, kind, rid),
                         tuple(u for u in _own_pages(old_facts, kind, rid) if u in gone) if rid in before else ())
    for name, kind in (("site.yaml", "site"), ("scale.yaml", "scale")):
        fields = changed_fields(getattr(old, kind), getattr(new, kind))
        if fields:
            pages = {lang: tuple(sorted(url for url, why in touched.items() if url.startswith(site_path(lang, "")) and (kind, name) in why))
                     for lang in LANGS}
            everywhere = tuple(lang for lang in LANGS if pages[lang]
                               and len(pages[lang]) == sum(url.startswith(site_path(lang, "")) for url in sides.after))
            yield Change("changed", kind, name, f"{new.root.name}/{name}", fields,
                         {lang: urls for lang, urls in pages.items() if lang not in everywhere}, everywhere=everywhere)


# --- Pages ---------------------------------------------------------------------------------------


def _facts(loaded: Loaded) -> FactSet | None:
    return build_factset(loaded) if loaded.site is not None and loaded.scale is not None else None


def site_inputs(facts: FactSet | None) -> dict[str, frozenset[Key]] | None:
    """Every page of both language sites (by '/<lang>/<url>') and what it read of `facts` while
    it was rendered; None when `facts` cannot be rendered (content at a commit with problems)."""
    if facts is None:
        return None
    try:
        return {site_path(lang, page.url): page.inputs for lang in LANGS for page in render_language(facts, lang)}
    except (KeyError, AttributeError, TypeError, ValueError, IndexError, StopIteration, GeneratorError):
        return None


class Sides:
    """The facts before and after a change, each site's pages with their inputs, and the pages
    the change touches."""

    def __init__(self, old: FactSet | None, new: FactSet | None) -> None:
        self.old, self.new = old, new
        self.before: Mapping[str, frozenset[Key]] | None = site_inputs(old)
        self.after: Mapping[str, frozenset[Key]] = site_inputs(new) or {}
        self.touched = pages_touched(old, new, self.before, self.after)

    @classmethod
    def of(cls, old: FactSet | None, new: FactSet | None, before: Mapping[str, frozenset[Key]] | None,
           after: Mapping[str, frozenset[Key]]) -> Sides:
        """The sides of a change whose pages' inputs are known already (`site_inputs`)."""
        sides = cls.__new__(cls)
        sides.old, sides.new, sides.before, sides.after = old, new, before, after
        sides.touched = pages_touched(old, new, before, after)
        return sides


def pages_touched(old: FactSet | None, new: FactSet | None, before: Mapping[str, frozenset[Key]] | None,
                  after: Mapping[str, frozenset[Key]]) -> dict[str, set[tuple[str, str]]]:
    """The pages of the new site (and those the old one had) whose output may differ, each with
    the records (kind, id), or site files ('site', 'site.yaml'), whose change makes it differ. A
    page differs only if it read, in the old site or the new one, a value that differs."""
    out: dict[str, set[tuple[str, str]]] = {}
    for url in after.keys() | (before or {}).keys():
        keys = (before or {}).get(url, frozenset()) | after.get(url, frozenset())
        if before is None or old is None or new is None or url not in before or url not in after:
            out[url] = {why for key in keys for why in _records_of(old, new, key)} | {("page", url)}
            continue
        why: set[tuple[str, str]] = set()
        for key in keys:
            if differs(old, new, key):  # a change of order alone is the page's own
                why |= _records_of(old, new, key) or {("page", url)}
        if why:
            out[url] = why
    return out


def _records_of(old: FactSet | None, new: FactSet | None, key: Key) -> set[tuple[str, str]]:
    """The records (or site files) whose change a change of `key`'s value comes from."""
    head = key[0]
    if head in ("site", "scale"):
        return {(head, f"{head}.yaml")}
    if head == "index":
        if key[1] == "archives":
            return {("sources", key[2])} if len(key) > 2 and key[2] != "#keys" else set()
        kind = _INDEX_KINDS[key[1]] or (key[2] if key[1] == "corrected" else "")
        before, after = (_ids(f, key[:3]) for f in (old, new))
        return {item if isinstance(item, tuple) else (kind, item) for item in before ^ after}
    if key[1] == "#keys":
        ids = [set(getattr(f, head)) if f is not None else set() for f in (old, new)]
        return {(head, rid) for rid in ids[0] ^ ids[1]}
    return {(head, key[1])}


def _ids(facts: FactSet | None, key: Key) -> set[Any]:
    value = value_at(facts, key) if facts is not None else None
    return set(value) if isinstance(value, tuple) else set()


# What the ids of each reverse index of `FactSet` are ids of (`cited_by` and `answered_by` hold
# (kind, id) pairs; `corrected`, ids of the kind it is read by).
_INDEX_KINDS = {"quotes_by_org": "quotes", "quotes_by_person": "quotes", "quotes_by_issue": "quotes",
                "claims_by_org": "claims", "claims_by_issue": "claims", "stance_by_pair": "stances",
                "partnerships_by_org": "partnerships", "partnerships_by_issue": "partnerships",
                "events_by_org": "events", "events_by_person": "events", "events_by_issue": "events",
                "people_by_org": "people", "cited_by": "", "answered_by": "", "corrected": ""}


def _anchored(old: FactSet | None, new: FactSet | None, kind: str, rid: str, url: str) -> str:
    """A page's URL, with the anchor of the record `kind`/`rid` when it is one of many on a list page."""
    if kind not in LISTED:
        return url
    lang = url.split("/")[1]
    for facts in (new, old):
        if facts is not None and rid in getattr(facts, kind):
            target = _path(facts, kind, rid, lang)
            if target.partition("#")[0] == url:
                return target
    return url


def _own_pages(facts: FactSet | None, kind: str | None = None, rid: str | None = None) -> tuple[str, ...]:
    """The URLs of the pages of a record of its own (the only pages a change can take away): all of
    them, or the record `kind`/`rid`'s."""
    if facts is None or (kind is not None and kind not in OWN_PAGE):
        return ()
    records = [(kind, rid)] if kind and rid else [(k, r) for k in OWN_PAGE for r in getattr(facts, k)]
    return tuple(_path(facts, k, r, lang) for k, r in records for lang in LANGS)


def _moves(old: FactSet | None, new: FactSet | None, kind: str, rid: str) -> tuple[tuple[str, str], ...]:
    if kind not in OWN_PAGE or old is None or new is None or rid not in getattr(old, kind) or rid not in getattr(new, kind):
        return ()
    paths = [(_path(old, kind, rid, lang), _path(new, kind, rid, lang)) for lang in LANGS]
    return tuple((a, b) for a, b in paths if a != b)


def _path(facts: FactSet, kind: str, rid: str, lang: str) -> str:
    """The record `kind`/`rid`'s page (at its anchor), as `diff` names pages: from the site's root."""
    return site_path(lang, url_of(facts, kind, rid, lang))


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
        lines.extend(_review_lines(changes, result.review))
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
    if len(change.everywhere) == len(LANGS):
        lines.append("  every page, in both languages")
    for lang in LANGS:
        if lang in change.everywhere and len(change.everywhere) < len(LANGS):
            lines.append(f"  {lang}: every page")
        elif change.pages.get(lang):
            lines.append(f"  {lang}: {' '.join(change.pages[lang])}")
    return lines


def _review_lines(changes: tuple[Change, ...], review: tuple[str, ...]) -> list[str]:
    every = {lang for c in changes for lang in c.everywhere}
    if len(every) == len(LANGS):
        return ["Pages to review: every page, in both languages (a site-wide file changed)."]
    lines = []
    for lang in LANGS:
        if lang in every:
            lines.append(f"Pages to review in {LANG_NAMES[lang]}: every page (a site-wide file changed)")
            continue
        urls = [url for url in review if url.startswith(site_path(lang, ""))]
        lines.append(f"Pages to review in {LANG_NAMES[lang]}: {len(urls)}")
        lines.extend(f"  {url}" for url in urls)
    gone = sorted({url for c in changes for url in c.gone})
    if gone:
        lines.append(f"Pages that will no longer exist: {len(gone)}")
        lines.extend(f"  {url}" for url in gone)
    return lines
