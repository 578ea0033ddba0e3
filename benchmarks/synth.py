#!/usr/bin/env python3
"""Write a synthetic content/ of N organisations for the benchmarks: N/10 issues, 20·N quotes,
N/2 people, 2·N sources with archived texts holding every quote and excerpt word for word,
5·N claims, 3 stances per organisation, N events and N/2 partnerships, in English and French.

Fabricated but plausible, valid (`python -m generator check` passes) and deterministic: the same
N and seed give the same bytes. site.yaml and scale.yaml are copied from the real content/.

    python benchmarks/synth.py --size 500 --out /tmp/bench-500    # writes /tmp/bench-500/content/
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from pathlib import Path

import yaml
from yaml.resolver import Resolver

from words import (
    ASSOCIATION_TOPICS,
    ASSOCIATIONS,
    CONTEXTS,
    COUNTRIES,
    ENDINGS,
    EVENT_KINDS,
    FACTS,
    FILLER,
    FIRST,
    FRAGMENT_FRAMES,
    FRAGMENTS,
    INSTRUMENTS,
    LAST,
    OPENINGS,
    OUTLETS,
    PARTNERSHIP_TYPES,
    PLACES,
    PREDICATES,
    PUBLIC_BODIES,
    QUOTE_FRAMES,
    ROOTS,
    SECTORS,
    SOURCE_KINDS,
    SUBJECTS,
    TITLES,
    TOPICS,
)

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "fr")
KINDS = ("organisations", "people", "instruments", "issues", "sources", "quotes", "claims", "stances",
         "partnerships", "events")
_PLAIN = re.compile(r"[a-z0-9][a-z0-9-]*")
_RESOLVER = Resolver()


def slug(text: str) -> str:
    from slugify import slugify  # the generator's own slug rule, so ids and URLs agree with it

    return slugify(text.replace("’", "'"))


def lower_first(text: str) -> str:
    return text[0].lower() + text[1:]


def de(phrase: str) -> str:
    """French 'de' before a noun phrase, contracted where French requires it."""
    if phrase.startswith("les "):
        return "des " + phrase[4:]
    if phrase.startswith("le "):
        return "du " + phrase[3:]
    return "de " + phrase


class Corpus:
    """The records of one synthetic content set, as plain YAML-ready data."""

    def __init__(self, n: int, seed: int, levels: dict[str, dict[str, str]]) -> None:
        self.n, self.rng = n, random.Random(seed * 1_000_003 + n)
        self.levels = levels
        self.records: dict[str, dict[str, dict]] = {kind: {} for kind in KINDS}
        self.archive: dict[str, list[str]] = {}     # source id -> sentences its text must hold
        self.names: dict[str, dict[str, str]] = {}  # organisation id -> name per language
        self.focus: dict[str, list[str]] = {}       # organisation id -> the issues it speaks on
        self.people_of: dict[str, list[str]] = {}
        self.events_of: dict[str, list[str]] = {}
        self.quotes_of: dict[tuple[str, str], list[str]] = {}
        self.statements_of: dict[tuple[str, str], list[str]] = {}
        self.evidence_of: dict[str, list[dict]] = {}  # organisation id -> quotes and claims usable as evidence
        self.sources_in: dict[str, list[str]] = {"en": [], "fr": []}
        self.issue_words: dict[str, tuple[str, str]] = {}

    # --- helpers ----------------------------------------------------------------------------

    def pick(self, items: list, k: int = 1) -> list:
        return self.rng.sample(items, min(k, len(items)))

    def date(self, known: float) -> str:
        if self.rng.random() > known:
            return "unknown"
        year, month, day = self.rng.randint(2019, 2025), self.rng.randint(1, 12), self.rng.randint(1, 28)
        precision = self.rng.random()
        return f"{year}" if precision < 0.15 else f"{year}-{month:02d}" if precision < 0.4 else f"{year}-{month:02d}-{day:02d}"

    def cite(self, lang: str, sentence: str) -> str:
        """A source in `lang` whose archived text will hold `sentence`; returns its id."""
        source = self.rng.choice(self.sources_in[lang])
        self.archive[source].append(sentence)
        return source

    def excerpt(self, en: str, fr: str) -> dict:
        lang = self.rng.choice(LANGS)
        text = en if lang == "en" else fr
        return {"source": self.cite(lang, text), "excerpt": text}

    def sentence(self) -> tuple[str, str]:
        """A position in both languages, e.g. 'these rules will hold back innovation across Europe'."""
        subject, predicate = self.rng.choice(SUBJECTS), self.rng.choice(PREDICATES)
        return f"{subject[0]} {predicate[0]}", f"{subject[1]} {predicate[1] if subject[2] == 'sg' else predicate[2]}"

    # --- record kinds, in dependency order --------------------------------------------------

    def generate(self) -> None:
        self.instruments()
        self.issues()
        self.sources()
        self.organisations()
        self.people()
        self.events()
        for oid in list(self.records["organisations"]):
            self.quotes(oid)
            self.claims(oid)
        self.partnerships()
        self.stances()
        self.event_evidence()

    def instruments(self) -> None:
        for kind, en, fr, short, celex in INSTRUMENTS[: max(2, min(len(INSTRUMENTS), self.n // 20))]:
            self.records["instruments"][slug(en)] = {
                "kind": kind, "name": {"en": en, "fr": fr}, "short_name": {"en": short, "fr": short}, "identifiers": {"celex": celex},
                "url": f"https://eur-lex.europa.eu/eli/{kind[:3]}/{celex[1:5]}/{int(celex[6:])}/oj"}

    def issues(self) -> None:
        combos = [(t, p) for t in TOPICS for p in PLACES]
        self.rng.shuffle(combos)
        instruments = list(self.records["instruments"])
        for i in range(max(2, self.n // 10)):
            (topic_en, topic_fr), (place_en, place_fr) = combos[i % len(combos)]
            suffix = f" ({i // len(combos) + 1})" if i >= len(combos) else ""
            en, fr = f"{topic_en} {place_en}{suffix}", f"{topic_fr} {place_fr}{suffix}"
            iid = slug(en)
            self.issue_words[iid] = (lower_first(en), lower_first(fr))
            self.records["issues"][iid] = {
                "name": {"en": en, "fr": fr},
                "summary": {"en": f"Whether and how {lower_first(topic_en)} {place_en} should be regulated at EU level, and who "
                                  "should enforce the rules.",
                            "fr": f"La question de savoir s’il faut encadrer {lower_first(topic_fr)} {place_fr} au niveau "
                                  "européen, et qui doit faire appliquer les règles."},
                "benchmark": {"en": f"Binding EU rules on {lower_first(topic_en)} {place_en}, enforced by the Commission and national authorities.",
                              "fr": f"Des règles européennes contraignantes sur {lower_first(topic_fr)} {place_fr}, appliquées "
                                    "par la Commission et les autorités nationales."},
                "instruments": self.pick(instruments, self.rng.randint(1, 2)),
            }

    def sources(self) -> None:
        issues = list(self.issue_words)
        width = len(str(2 * self.n))
        for i in range(2 * self.n):
            lang = LANGS[i % 2]
            kind = self.rng.choices(list(SOURCE_KINDS), weights=(70, 15, 10, 5))[0]
            sid = f"{lang}-{kind.split('-')[-1]}-{i:0{width}d}"
            outlet = self.rng.choice(OUTLETS[lang]) if kind == "news-report" and self.rng.random() < 0.6 else "unknown"
            date = self.date(0.7)
            about_en, about_fr = self.issue_words[self.rng.choice(issues)]
            language = {"en": ("English", "anglais"), "fr": ("French", "français")}[lang]
            headline = f"What the new rules change for {about_en}" if lang == "en" else f"Ce que les nouvelles règles changent pour {about_fr}"
            title = "unknown" if self.rng.random() < 0.4 else headline
            self.records["sources"][sid] = {
                "kind": kind, "language": lang, "title": title, "outlet": outlet,
                "author": f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}" if outlet != "unknown" and self.rng.random() < 0.7 else "unknown",
                "date": date,
                "url": f"https://{slug(outlet)}.example/{date[:4]}/{sid}" if outlet != "unknown" and date != "unknown" else "unknown",
                "archive": "full",
                "description": {"en": f"{language[0]}-language {SOURCE_KINDS[kind][0]} on {about_en}.",
                                "fr": f"{SOURCE_KINDS[kind][1]} en {language[1]} sur {about_fr}."},
            }
            self.archive[sid] = [headline]
            self.sources_in[lang].append(sid)

    def organisation_name(self, kind: str) -> tuple[str, str, str, str]:
        if kind == "public-body":
            (adj, m, f), (en, fr, what_en, what_fr) = self.rng.choice(COUNTRIES), self.rng.choice(PUBLIC_BODIES)
            return (en.format(c=adj), fr.format(m=m, f=f), f"{adj} public body: {what_en}, with powers over digital services.",
                    f"Organisme public {m} : {what_fr}, compétent pour les services numériques.")
        if kind == "other":
            (en, fr), (topic_en, topic_fr) = self.rng.choice(ASSOCIATIONS), self.rng.choice(ASSOCIATION_TOPICS)
            return (en.format(s=topic_en), fr.format(s=topic_fr), "An association that speaks for its members on "
                                                                  f"{topic_en.lower()} policy in Brussels.",
                    f"Une association qui représente ses membres à Bruxelles sur les questions de {topic_fr}.")
        root, (suffix, what_en, what_fr) = self.rng.choice(ROOTS), self.rng.choice(SECTORS)
        if self.rng.random() < 0.3:
            root += self.rng.choice(ROOTS).lower()[:4]
        adj = self.rng.choice(COUNTRIES)
        return (f"{root} {suffix}", f"{root} {suffix}", f"{what_en[0].upper()}{what_en[1:]} ({adj[0]}).",
                f"{what_fr[0].upper()}{what_fr[1:]} ({adj[1]}).")

    def organisations(self) -> None:
        issues = list(self.issue_words)
        while len(self.records["organisations"]) < self.n:
            kind = self.rng.choices(("company", "public-body", "other"), weights=(80, 10, 10))[0]
            en, fr, desc_en, desc_fr = self.organisation_name(kind)
            oid = slug(en)
            if oid in self.records["organisations"] or any(slug(fr) == slug(o["name"]["fr"])
                                                           for o in self.records["organisations"].values() if o["kind"] != "company"):
                continue
            record = {"kind": kind, "name": {"en": en, "fr": fr}, "description": {"en": desc_en, "fr": desc_fr}}
            if self.rng.random() < 0.7:
                record["website"] = f"https://www.{oid}.example/"
            self.records["organisations"][oid] = record
            self.names[oid] = {"en": en, "fr": fr}
            self.focus[oid] = self.pick(issues, 3)

    def people(self) -> None:
        orgs = list(self.records["organisations"])
        taken: set[str] = set()
        for i in range(self.n // 2):
            name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
            while slug(name) in taken:
                name = f"{self.rng.choice(FIRST)} {chr(65 + self.rng.randrange(26))}. {self.rng.choice(LAST)}"
            taken.add(slug(name))
            roles = []
            for oid in [orgs[(i * 2) % len(orgs)]] + self.pick(orgs, 1 if self.rng.random() < 0.2 else 0):
                if any(r["organisation"] == oid for r in roles):
                    continue
                title = self.rng.choice(TITLES)
                role = {"organisation": oid, "title": {"en": title[0], "fr": title[1]},
                        "sources": self.pick(self.sources_in["en"] + self.sources_in["fr"], self.rng.randint(1, 2))}
                start = self.date(0.5)
                if start != "unknown":
                    role["start"] = start
                roles.append(role)
                self.people_of.setdefault(oid, []).append(slug(name))
            first = roles[0]
            org = self.names[first["organisation"]]
            self.records["people"][slug(name)] = {
                "name": name,
                "description": {"en": f"{first['title']['en']} at {org['en']}, as named in the press.",
                                "fr": f"{first['title']['fr']} chez {org['fr']}, selon la presse."},
                "roles": roles}

    def events(self) -> None:
        orgs = list(self.records["organisations"])
        width = len(str(self.n))
        for i in range(self.n):
            oid = orgs[i % len(orgs)]
            iid = self.rng.choice(self.focus[oid])
            title = self.rng.choice(EVENT_KINDS)
            issue_en, issue_fr = self.issue_words[iid]
            eid = f"{oid}-event-{i:0{width}d}"
            date = self.date(0.85)
            record = {"date": date}
            if date == "unknown" or self.rng.random() < 0.1:
                record["date_note"] = {"en": "The source says only that this happened “recently”.",
                                       "fr": "La source indique seulement que cela s’est produit « récemment »."}
            record["title"] = {"en": title[0].format(o=self.names[oid]["en"], i=issue_en),
                               "fr": title[1].format(o=self.names[oid]["fr"], i=issue_fr, de_i=de(issue_fr))}
            if self.rng.random() < 0.5:
                record["description"] = {"en": f"The {'meeting' if 'meets' in title[0] else 'announcement'} was reported by the "
                                               "press and discussed by other organisations.",
                                         "fr": "L’événement a été rapporté par la presse et commenté par d’autres organisations."}
            partners = [oid] + [o for o in self.pick(orgs, 1) if o != oid and self.rng.random() < 0.3]
            record["organisations"] = partners
            people = self.pick(self.people_of.get(oid, []), 1)
            if people:
                record["people"] = people
            record["issues"] = [iid]
            self.records["events"][eid] = record
            for o in partners:
                self.events_of.setdefault(o, []).append(eid)

    def wording(self, lang: str, text: str, speaker: str, published: bool, fragment: bool) -> dict:
        if not published:
            return {"text": text, "provenance": "editorial"}
        frame = self.rng.choice((FRAGMENT_FRAMES if fragment else QUOTE_FRAMES)[lang])
        sources = [self.cite(lang, frame.format(q=text, s=speaker)) for _ in range(1 if self.rng.random() < 0.9 else 2)]
        return {"text": text, "provenance": "published", "sources": sorted(set(sources))}

    def quotes(self, oid: str) -> None:
        for k in range(20):
            speakers = [{"organisation": oid}]
            people = self.people_of.get(oid, [])
            if people and self.rng.random() < 0.4:
                speakers[0]["person"] = self.rng.choice(people)
            issues = self.pick(self.focus[oid], self.rng.randint(1, 2))
            fragment = self.rng.random() < 0.3
            if fragment:
                en, fr = self.rng.choice(FRAGMENTS)
            else:
                (open_en, open_fr), (end_en, end_fr) = self.rng.choice(OPENINGS), self.rng.choice(ENDINGS)
                body_en, body_fr = self.sentence()
                en = (open_en + body_en if open_en else body_en[0].upper() + body_en[1:]) + end_en
                fr = (open_fr + body_fr if open_fr else body_fr[0].upper() + body_fr[1:]) + end_fr
            original = self.rng.choices(("en", "fr", "unknown"), weights=(45, 45, 10))[0]
            first = original if original != "unknown" else self.rng.choice(LANGS)
            speaker = {lang: self.records["people"][speakers[0]["person"]]["name"] if "person" in speakers[0] else self.names[oid][lang]
                       for lang in LANGS}
            both = self.rng.random() < 0.35
            wording = {lang: self.wording(lang, {"en": en, "fr": fr}[lang], speaker[lang], lang == first or both, fragment) for lang in LANGS}
            context = self.rng.choice(CONTEXTS)
            qid = f"{oid}-quote-{k:02d}"
            record = {"speakers": speakers, "original_language": original, "context": {"en": context[0], "fr": context[1]},
                      "issues": issues}
            if self.events_of.get(oid) and self.rng.random() < 0.15:
                record["event"] = self.rng.choice(self.events_of[oid])
            record["wording"] = wording
            self.records["quotes"][qid] = record
            for iid in issues:
                self.quotes_of.setdefault((oid, iid), []).append(qid)
            self.evidence_of.setdefault(oid, []).append({"quote": qid})

    def claims(self, oid: str) -> None:
        name = self.names[oid]
        for k in range(5):
            kind = self.rng.choices(("statement", "reported", "inference"), weights=(50, 35, 15))[0]
            iid = self.rng.choice(self.focus[oid])
            issue_en, issue_fr = self.issue_words[iid]
            if kind == "statement":
                en, fr = self.sentence()
                text = {"en": f"{name['en']} says that, on {issue_en}, {en}.", "fr": f"{name['fr']} affirme qu’en matière {de(issue_fr)}, {fr}."}
                excerpts = (f"{name['en']} argued that {en}.", f"{name['fr']} a fait valoir que {fr}.")
            elif kind == "reported":
                fact, k_, y = self.rng.choice(FACTS), self.rng.randint(2, 90), self.rng.randint(2018, 2025)
                en, fr = fact[0].format(k=k_, y=y), fact[1].format(k=k_, y=y)
                text = {"en": f"{name['en']} {en}.", "fr": f"{name['fr']} {fr}."}
                excerpts = (f"According to figures seen by the newspaper, {name['en']} {en}.",
                            f"Selon des chiffres consultés par le journal, {name['fr']} {fr}.")
            else:
                text = {"en": f"{name['en']} may be trying to win time before the rules on {issue_en} apply.",
                        "fr": f"{name['fr']} chercherait à gagner du temps avant l’application des règles sur {issue_fr}."}
                excerpts = (f"If one reads between the lines, {name['en']} is trying to win time before the rules on {issue_en} apply.",
                            f"On peut supposer que {name['fr']} cherche à gagner du temps avant l’application des règles sur {issue_fr}.")
            cid = f"{oid}-claim-{k}"
            record = {"kind": kind, "text": text, "sources": [self.excerpt(*excerpts)]}
            if kind == "statement":
                record["said_by"] = [oid]
                self.statements_of.setdefault((oid, iid), []).append(cid)
            record["organisations"] = [oid]
            record["issues"] = [iid]
            self.records["claims"][cid] = record
            if kind != "inference":
                self.evidence_of[oid].append({"claim": cid})

    def partnerships(self) -> None:
        orgs = list(self.records["organisations"])
        width = len(str(self.n))
        for i in range(self.n // 2):
            a, b = self.pick(orgs, 2)
            kind = self.rng.choice(list(PARTNERSHIP_TYPES))
            noun_en, noun_fr = PARTNERSHIP_TYPES[kind]
            pid = f"partnership-{i:0{width}d}"
            cid = f"{pid}-announced"
            names = {lang: (self.names[a][lang], self.names[b][lang]) for lang in LANGS}
            self.records["claims"][cid] = {
                "kind": "reported",
                "text": {"en": f"{names['en'][0]} and {names['en'][1]} have entered a {noun_en}.",
                         "fr": f"{names['fr'][0]} et {names['fr'][1]} ont conclu un partenariat ({noun_fr})."},
                "sources": [self.excerpt(f"{names['en'][0]} and {names['en'][1]} announced a {noun_en} this week.",
                                         f"{names['fr'][0]} et {names['fr'][1]} ont annoncé cette semaine un partenariat ({noun_fr}).")],
                "organisations": [a, b]}
            record = {"type": kind, "parties": [a, b], "name": {"en": f"{names['en'][0]}–{names['en'][1]} {noun_en}",
                                                                "fr": f"{noun_fr.capitalize()} {names['fr'][0]}–{names['fr'][1]}"},
                      "description": {"en": f"A {noun_en} between {names['en'][0]} and {names['en'][1]}, reported by the press.",
                                      "fr": f"Un partenariat ({noun_fr}) entre {names['fr'][0]} et {names['fr'][1]}, rapporté par la presse."},
                      "start": self.date(0.6)}
            if self.rng.random() < 0.4:
                record["issues"] = [self.rng.choice(self.focus[a])]
            record["evidence"] = [{"claim": cid}] + [{"event": e} for e in self.pick(self.events_of.get(a, []), 1) if self.rng.random() < 0.3]
            self.records["partnerships"][pid] = record

    def stances(self) -> None:
        positive = [lvl for lvl in self.levels if lvl != "no-public-position"]
        for oid, issues in self.focus.items():
            for iid in issues:
                position = "no-public-position" if self.rng.random() < 0.1 else self.rng.choice(positive)
                record = {"organisation": oid, "issue": iid, "position": position}
                name, (issue_en, issue_fr), label = self.names[oid], self.issue_words[iid], self.levels[position]
                record["summary"] = {"en": f"On {issue_en}, the position of {name['en']} is: {label['en'].lower()}.",
                                     "fr": f"Sur {issue_fr}, la position de {name['fr']} est : {label['fr'].lower()}."}
                evidence: list[dict] = []
                if position != "no-public-position":
                    evidence += [{"quote": q} for q in self.quotes_of.get((oid, iid), [])[:2]]
                    evidence += [{"claim": c} for c in self.statements_of.get((oid, iid), [])[:1]]
                    if not evidence or self.rng.random() < 0.3:
                        evidence.append(self.excerpt(f"{name['en']} has made its position on {issue_en} clear.",
                                                     f"{name['fr']} a clairement fait connaître sa position sur {issue_fr}."))
                if evidence:
                    record["evidence"] = evidence
                self.records["stances"][f"{oid}-{iid}"] = record

    def event_evidence(self) -> None:
        for event in self.records["events"].values():
            oid = event["organisations"][0]
            evidence = self.pick(self.evidence_of[oid], self.rng.randint(1, 2))
            if self.rng.random() < 0.4:
                evidence.append(self.excerpt(event["title"]["en"] + ".", event["title"]["fr"] + "."))
            event["evidence"] = evidence

    # --- archives ---------------------------------------------------------------------------

    def archive_text(self, sid: str) -> str:
        """The source's text: its headline, then its sentences in paragraphs with news filler."""
        lang = self.records["sources"][sid]["language"]
        head, *items = self.archive[sid]
        self.rng.shuffle(items)
        paragraphs = []
        while items or not paragraphs:
            size = self.rng.randint(1, 2)
            take, items = items[:size], items[size:]
            paragraphs.append(" ".join(take + self.pick(FILLER[lang], self.rng.randint(1, 2))))
        return head + "\n" + "\n".join(paragraphs) + "\n"


# --- writing --------------------------------------------------------------------------------------


def scalar(value: str) -> str:
    plain = _PLAIN.fullmatch(value) and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"
    return value if plain else json.dumps(value, ensure_ascii=False)


def emit(value: dict, indent: int = 0) -> list[str]:
    """Block-style YAML, as editors write it."""
    pad, lines = " " * indent, []
    for key, item in value.items():
        if isinstance(item, str):
            lines.append(f"{pad}{key}: {scalar(item)}")
        elif isinstance(item, dict):
            lines += [f"{pad}{key}:"] + emit(item, indent + 2)
        else:
            lines.append(f"{pad}{key}:")
            for element in item:
                if isinstance(element, dict):
                    inner = emit(element, indent + 4)
                    lines += [f"{pad}  - {inner[0].lstrip()}"] + inner[1:]
                else:
                    lines.append(f"{pad}  - {scalar(element)}")
    return lines


def write(corpus: Corpus, content: Path) -> int:
    for name in ("site.yaml", "scale.yaml"):
        content.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "content" / name, content / name)
    count = 0
    for kind, records in corpus.records.items():
        (content / kind).mkdir()
        for rid, record in records.items():
            text = f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n" + "\n".join(emit(record)) + "\n"
            (content / kind / f"{rid}.yaml").write_text(text, encoding="utf-8")
            count += 1
    (content / "archive").mkdir()
    for sid in corpus.records["sources"]:
        (content / "archive" / f"{sid}.txt").write_text(corpus.archive_text(sid), encoding="utf-8")
    return count


def synthesise(n: int, out: Path, seed: int = 1) -> int:
    """Write out/content/ for `n` organisations; returns the number of records."""
    content = out / "content"
    if content.exists():
        raise SystemExit(f"synth.py: {content} exists: remove it or choose another --out")
    scale = yaml.safe_load((ROOT / "content" / "scale.yaml").read_text(encoding="utf-8"))
    levels = {lvl["id"]: lvl["label"] for lvl in scale["levels"]}
    corpus = Corpus(n, seed, levels)
    corpus.generate()
    return write(corpus, content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True, help="N, the number of organisations")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write content/ into")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.size < 4:
        parser.error("--size must be at least 4")
    records = synthesise(args.size, args.out, args.seed)
    print(f"wrote {records} records into {args.out / 'content'}", file=sys.stderr)


if __name__ == "__main__":
    main()
