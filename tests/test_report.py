"""`python -m generator report`: the editors' to-do list, on the real content and on a small crafted set."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, run_generator

EN_SRC = "en-report-meta-spotify-eu-ai"

CRAFTED: dict[str, str] = {
    f"sources/{EN_SRC}.yaml": (ROOT / "content" / "sources" / f"{EN_SRC}.yaml").read_text(encoding="utf-8"),
    "sources/second-report.yaml": 'kind: other\nlanguage: fr\ntitle: unknown\noutlet: unknown\nauthor: unknown\ndate: "2024"\n'
                                  'url: https://example.org/a\narchive: full\ndescription:\n  en: A report.\n  fr: Un article.\n',
    "organisations/acme.yaml": 'kind: company\nname:\n  en: Acme\n  fr: Acme\ndescription:\n  en: A company.\n  fr: "TODO: translate"\n',
    "organisations/beta.yaml": "kind: company\nname:\n  en: Beta\ndescription:\n  en: A company.\n  fr: Une entreprise.\n",
    "organisations/gamma.yaml": "kind: company\nname:\n  en: Gamma\n  fr: Gamma\ndescription:\n  en: A company.\n  fr: Une entreprise.\n",
    "issues/widgets.yaml": "name:\n  en: Widgets\n  fr: Gadgets\nsummary:\n  en: S.\n  fr: S.\nbenchmark:\n  en: B.\n  fr: B.\n",
    "quotes/acme-gatekeeper.yaml": "speakers:\n  - organisation: acme\noriginal_language: en\ncontext:\n  en: in a post\n  fr: dans un billet\n"
                                   "issues: [widgets]\nwording:\n  en:\n    text: gatekeeper\n    provenance: published\n"
                                   f"    sources: [{EN_SRC}]\n  fr:\n    text: gardien\n    provenance: editorial\n",
    "stances/acme-widgets.yaml": "organisation: acme\nissue: widgets\nposition: supports\nsummary:\n  en: Supports.\n  fr: Favorable.\n"
                                 "evidence:\n  - quote: acme-gatekeeper\n",
    "stances/gamma-widgets.yaml": "organisation: gamma\nissue: widgets\nposition: opposes\nsummary:\n  en: Opposes.\n  fr: Défavorable.\n"
                                  "evidence:\n  - quote: acme-gatekeeper\n  - source: second-report\n    excerpt: gadgets\n",
    "events/launch.yaml": "date: unknown\ntitle:\n  en: Launch\n  fr: Lancement\nevidence:\n  - quote: acme-gatekeeper\n",
    "partnerships/acme-gamma.yaml": "type: commercial\nparties: [acme, gamma]\nname:\n  en: Deal\n  fr: Accord\ndescription:\n"
                                    '  en: A deal.\n  fr: Un accord.\nstart: "2024"\nevidence:\n  - event: launch\n',
}


def crafted_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "archive").mkdir(parents=True)
    for name in ("site.yaml", "scale.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)
    shutil.copy(ROOT / "content" / "archive" / f"{EN_SRC}.txt", content / "archive")
    for rel, text in CRAFTED.items():
        (content / rel).parent.mkdir(exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    return content


def test_report_of_the_real_content(golden) -> None:
    result = run_generator("report")
    assert (result.returncode, result.stderr) == (0, "")
    golden("report.txt", result.stdout)


def test_report_of_a_crafted_content_lists_each_thing_to_do_by_group(tmp_path: Path) -> None:
    result = run_generator("report", "--content", str(crafted_content(tmp_path)))
    assert result.stdout == """\
Texts to write or translate: 2
  content/organisations/acme.yaml:7:7: description.fr: marked TODO
  content/organisations/beta.yaml:3:3: name.fr: French text missing

Undated events and partnerships: 1
  content/events/launch.yaml:1:7: date: unknown: add it when a source gives it

Sources without a URL: 1
  content/sources/en-report-meta-spotify-eu-ai.yaml:8:6: url: unknown: add the address where it was published, if it was

Sources without an archived text: 1
  content/sources/second-report.yaml:1:1: no archived text: save it as content/archive/second-report.txt

Sources we hold only in excerpts: none

Archives too short to be a full text: none

Stances resting on a single source: 1
  content/stances/acme-widgets.yaml:8:3: evidence: rests on one source only (en-report-meta-spotify-eu-ai): look for a second

Quotes published in one language only: 1
  content/quotes/acme-gatekeeper.yaml:14:5: wording.fr: our own translation: no source prints it in French

7 things to do; the check finds 6 problems: run make check.
"""
    assert (result.returncode, result.stderr) == (0, "")


def test_report_exits_0_even_when_the_content_has_problems(tmp_path: Path) -> None:
    result = run_generator("report", "--content", str(tmp_path / "nowhere"))
    assert result.stdout.splitlines()[-1] == "0 things to do; the check finds 1 problem: run make check."
    assert result.returncode == 0
