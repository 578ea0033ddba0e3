"""French as a French reader expects it: interface strings agreeing with their noun, and French
typography set on every French text at render, never in content/."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from types import MappingProxyType

import pytest

from conftest import ROOT
from generator.check import check
from generator.facts import build_factset
from generator.render import renderer
from generator.templating import load_strings
from generator.typography import french
from generator.urls import url_of

STRINGS = load_strings(ROOT / "templates")
NB, FINE = "\u00a0", "\u202f"


def test_each_empty_list_says_none_with_its_own_noun_in_both_languages() -> None:
    assert {key: STRINGS[key] for key in ("no_quotes", "no_events", "no_partnerships")} == {
        "no_quotes": {"en": "No quotes in our sources.", "fr": "Aucune citation dans nos sources."},
        "no_events": {"en": "No events in our sources.", "fr": "Aucun événement dans nos sources."},
        "no_partnerships": {"en": "No partnerships in our sources.", "fr": "Aucun partenariat dans nos sources."},
    }


def test_no_none_string_is_shared_across_nouns() -> None:
    nones = {key: value for key, value in STRINGS.items() if re.match(r"(None|No |Aucun)", value["en"] + value["fr"])
             or value["fr"].startswith("Aucun")}
    for lang in ("en", "fr"):
        texts = [value[lang] for value in nones.values()]
        assert len(texts) == len(set(texts)), lang
    assert "no_items" not in STRINGS


@pytest.mark.parametrize("typed,set_", [
    ("Il a dit « une farce totale » : c’est tout ; vraiment ? Oui !",
     f"Il a dit «{NB}une farce totale{NB}»{NB}: c’est tout{FINE}; vraiment{FINE}? Oui{FINE}!"),
    ("«farce»", f"«{NB}farce{NB}»"),
    ("Pourquoi?! Parce que: voilà", f"Pourquoi{FINE}?! Parce que{NB}: voilà"),
    (f"Déjà{NB}: bien «{NB}typé{NB}»", f"Déjà{NB}: bien «{NB}typé{NB}»"),
    ("Rendez-vous à 18:30, rapport 1:2.", "Rendez-vous à 18:30, rapport 1:2."),
    ("Voir https://example.org/a?b=1&c=2#x: puis `a : b` et <a href=\"x\">?</a>",
     "Voir https://example.org/a?b=1&c=2#x: puis `a : b` et <a href=\"x\">?</a>"),
    ("Sans ponctuation", "Sans ponctuation"),
])
def test_french_typography_sets_the_spaces_the_imprimerie_nationale_asks_for(typed: str, set_: str) -> None:
    assert french(typed) == set_
    assert french(set_) == set_


def test_a_french_text_typed_with_ordinary_spaces_is_set_on_the_french_page_and_left_as_typed_in_content(content_copy: Path) -> None:
    path = content_copy / "organisations" / "spotify.yaml"
    typed = "Service suédois : on l’appelle « le streaming » ; vraiment ?"
    text = path.read_text(encoding="utf-8").replace("Entreprise de streaming musical et audio fondée en Suède.", typed)
    path.write_text(text.replace("Music and audio streaming company founded in Sweden.", "Swedish: really?"), encoding="utf-8")
    before = path.read_bytes()
    facts = build_factset(check(content_copy))
    french_page = {p.src: p.markdown for p in renderer(facts, "fr").pages()}["organisations/spotify.md"]
    assert f"Service suédois{NB}: on l’appelle «{NB}le streaming{NB}»{FINE}; vraiment{FINE}?" in french_page
    assert typed not in french_page
    english_page = {p.src: p.markdown for p in renderer(facts, "en").pages()}["organisations/spotify.md"]
    assert "Swedish: really?" in english_page
    assert path.read_bytes() == before
    assert facts.organisations["spotify"].description.fr == typed  # the facts themselves are as typed


def test_a_french_wording_is_set_on_the_english_page_too() -> None:
    facts = build_factset(check(ROOT / "content"))
    quote_id, quote = next(iter(facts.quotes.items()))
    wording = dataclasses.replace(quote.wording, fr=dataclasses.replace(quote.wording.fr, text="une farce ? totale !"))
    quotes = MappingProxyType({**facts.quotes, quote_id: dataclasses.replace(quote, wording=wording)})
    view = renderer(dataclasses.replace(facts, quotes=quotes), "en").wording(quote_id, "fr")
    assert view.text == f"une farce{FINE}? totale{FINE}!"


def test_a_wording_that_is_ours_says_so_in_the_stance_tables_too() -> None:
    facts = build_factset(check(ROOT / "content"))
    found = [(stance, item.quote) for stance in facts.stances.values() for item in stance.current.evidence
             if item.quote and facts.quotes[item.quote].wording.fr.provenance == "editorial"]
    assert found, "the content has a stance resting on a quote we translated into French"
    stance, quote_id = found[0]
    r = renderer(facts, "fr")
    page = {p.src: p.markdown for p in r.pages()}[f"organisations/{url_of(facts, 'organisations', stance.organisation, 'fr').split('/')[1]}.md"]
    wording = r.wording(quote_id, "fr")
    assert f'{wording.open}{wording.text}{wording.close} <span class="fs-provenance--editorial">(notre traduction)</span>' in page
    assert STRINGS["our_translation_short"] == {"en": "our translation", "fr": "notre traduction"}
