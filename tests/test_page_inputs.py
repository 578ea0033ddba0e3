"""Each page's inputs, recorded while it is rendered (generator/inputs.py), name exactly the pages
a change touches: random edits to the seed and to synthetic content, both sides rendered, every
page whose output differs named by `diff`, and few others."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from conftest import ROOT
from generator.check import check
from generator.diff import Sides
from generator.facts import FactSet, build_factset
from generator.inputs import files_read
from generator.model import KINDS, LANGS, Correction, Localized, PartialDate
from generator.render import render_language
from generator.walks import references

Records = dict[str, dict[str, Any]]


def facts_of(records: Records, base: FactSet) -> FactSet:
    """A fact set of `records` (kind -> id -> record), with `base`'s site, scale and archives."""
    loaded = SimpleNamespace(site=base.site, scale=base.scale, archives=dict(base.archives),
                             records={k: {rid: SimpleNamespace(record=r) for rid, r in records[k].items()} for k in KINDS})
    return build_factset(loaded)


def records_of(facts: FactSet) -> Records:
    return {kind: dict(getattr(facts, kind)) for kind in KINDS}


def rendered(facts: FactSet) -> dict[str, tuple[str, frozenset]]:
    return {f"/{lang}/{p.url}": (p.markdown, p.inputs) for lang in LANGS for p in render_language(facts, lang)}


# --- Random edits: each returns the edited records, or None when it does not apply ---------------------


def _walk(value: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    """Every (path, value) inside a record, through dataclass fields and tuples."""
    out = [(path, value)]
    if dataclasses.is_dataclass(value) and not isinstance(value, (Localized, PartialDate)):
        for f in dataclasses.fields(value):
            out += _walk(getattr(value, f.name), path + (f.name,))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            out += _walk(item, path + (i,))
    return out


def _set(value: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        return value[:head] + (_set(value[head], rest, new),) + value[head + 1:]
    return dataclasses.replace(value, **{head: _set(getattr(value, head), rest, new)})


def _pick(rng: random.Random, records: Records, kinds=KINDS) -> tuple[str, str]:
    kind = rng.choice([k for k in kinds if records[k]])
    return kind, rng.choice(sorted(records[kind]))


def edit_text(rng: random.Random, records: Records) -> Records | None:
    """A text in one language (a description, a summary, a note, a name)."""
    kind, rid = _pick(rng, records)
    spots = [(p, v) for p, v in _walk(records[kind][rid]) if isinstance(v, Localized)]
    if not spots:
        return None
    path, text = rng.choice(spots)
    lang = rng.choice(LANGS)
    records[kind][rid] = _set(records[kind][rid], path, dataclasses.replace(text, **{lang: text[lang] + " (revu)"}))
    return records


def edit_plain(rng: random.Random, records: Records) -> Records | None:
    """A field that is the same in both languages: a source's outlet, title or author, a person's name."""
    kind, rid = _pick(rng, records, ("sources", "people"))
    field = rng.choice(("outlet", "title", "author")) if kind == "sources" else "name"
    records[kind][rid] = dataclasses.replace(records[kind][rid], **{field: getattr(records[kind][rid], field) + " Bis"})
    return records


def edit_date(rng: random.Random, records: Records) -> Records | None:
    spots = [(k, rid, p, v) for k in KINDS for rid in sorted(records[k]) for p, v in _walk(records[k][rid])
             if isinstance(v, PartialDate) and "corrections" not in p]
    kind, rid, path, day = rng.choice(spots)
    records[kind][rid] = _set(records[kind][rid], path, dataclasses.replace(day, year=day.year - 1) if day.known
                              else PartialDate(2024, rng.randint(1, 12)))
    return records


def edit_reference(rng: random.Random, records: Records) -> Records | None:
    """A quote or an event about another issue, or an event with one more organisation."""
    kind, rid = _pick(rng, records, ("quotes", "events"))
    record = records[kind][rid]
    if kind == "events" and rng.random() < 0.5:
        others = sorted(set(records["organisations"]) - set(record.organisations))
        if not others:
            return None
        records[kind][rid] = dataclasses.replace(record, organisations=record.organisations + (rng.choice(others),))
        return records
    others = sorted(set(records["issues"]) - set(record.issues))
    if not record.issues or not others:
        return None
    records[kind][rid] = dataclasses.replace(record, issues=(rng.choice(others),) + record.issues[1:])
    return records


def add_correction(rng: random.Random, records: Records) -> Records | None:
    kind, rid = _pick(rng, records)
    note = Correction(PartialDate(2025, 3, 4), rng.choice(("correction", "clarification", "update")),
                      Localized("We fixed a date.", "Nous avons corrigé une date."))
    records[kind][rid] = dataclasses.replace(records[kind][rid], corrections=records[kind][rid].corrections + (note,))
    return records


def add_record(rng: random.Random, records: Records) -> Records | None:
    """A new record: a copy of one, under a new id (and a new name, where names make addresses)."""
    kind, rid = _pick(rng, records, ("organisations", "people", "quotes", "events", "partnerships", "sources", "claims"))
    record = records[kind][rid]
    new_id = f"{rid}-bis"
    if kind == "organisations":
        record = dataclasses.replace(record, name=Localized(record.name.en + " Bis", record.name.fr + " Bis"), slug=None)
    elif kind == "people":
        record = dataclasses.replace(record, name=record.name + " Bis", slug=None)
    records[kind][new_id] = dataclasses.replace(record, id=new_id)
    return records


def delete_record(rng: random.Random, records: Records) -> Records | None:
    """A record nothing refers to, deleted."""
    referenced = {(k, i) for kind in KINDS for r in records[kind].values() for _, k, i in references(r)}
    candidates = [(k, r) for k in ("quotes", "claims", "events", "partnerships", "stances", "sources") for r in sorted(records[k])
                  if (k, r) not in referenced]
    if not candidates:
        return None
    kind, rid = rng.choice(candidates)
    del records[kind][rid]
    return records


EDITS: tuple[Callable[[random.Random, Records], Records | None], ...] = (
    edit_text, edit_plain, edit_date, edit_reference, add_correction, add_record, delete_record)


def run_edits(facts: FactSet, seed: int, n: int) -> tuple[int, int, list[str]]:
    """Make `n` random edits (each to `facts` afresh); return the pages that changed, the pages
    named needlessly, and the changed pages that were not named (each with its edit)."""
    rng = random.Random(seed)
    before = rendered(facts)
    changed_total, needless_total, missed = 0, 0, []
    done = tries = 0
    while done < n and tries < 10 * n:
        edit = EDITS[tries % len(EDITS)]
        tries += 1
        edited = edit(rng, records_of(facts))
        if edited is None:
            continue
        try:
            new = facts_of(edited, facts)
            after = rendered(new)
        except (KeyError, StopIteration, IndexError):  # an edit this content cannot take
            continue
        done += 1
        changed = {url for url in before.keys() | after.keys() if before.get(url, ("",))[0] != after.get(url, ("",))[0]}
        named = set(Sides.of(facts, new, {u: i for u, (_, i) in before.items()}, {u: i for u, (_, i) in after.items()}).touched)
        missed += [f"{edit.__name__}: {url}" for url in sorted(changed - named)]
        changed_total += len(changed)
        needless_total += len(named - changed)
    return changed_total, needless_total, missed


@pytest.fixture(scope="module")
def seed_facts() -> FactSet:
    return build_factset(check(ROOT / "content"))


def test_every_page_a_random_edit_of_the_seed_changes_is_named_and_few_others(seed_facts: FactSet) -> None:
    changed, needless, missed = run_edits(seed_facts, seed=14, n=14)
    assert missed == []
    assert changed > 0 and needless * 10 <= changed + needless


def test_every_page_a_random_edit_of_synthetic_content_changes_is_named_and_few_others(synthetic_project: Path) -> None:
    facts = build_factset(check(synthetic_project / "content"))
    changed, needless, missed = run_edits(facts, seed=15, n=7)
    assert missed == []
    assert changed > 0 and needless * 10 <= changed + needless


def test_a_source_s_outlet_is_an_input_of_every_page_citing_it(seed_facts: FactSet) -> None:
    sid = next(iter(seed_facts.cited_by))
    pages = [p for p in render_language(seed_facts, "en") if ("sources", sid, "outlet") in p.inputs]
    assert len(pages) >= 2
    assert all(f"content/sources/{sid}.yaml" in files_read(p.inputs) for p in pages)


def test_an_english_text_is_not_an_input_of_a_french_page(seed_facts: FactSet) -> None:
    fr = render_language(seed_facts, "fr")
    assert not any(key[-1] == "en" and key[-2] in ("summary", "description") for p in fr for key in p.inputs)
