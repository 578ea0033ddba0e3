"""The interface text and the page templates: both languages complete, nothing left untranslated."""

from __future__ import annotations

import re

from conftest import ROOT
from generator.templating import load_strings, md_text

STRINGS = load_strings(ROOT / "templates")


def test_every_interface_string_has_english_and_french() -> None:
    for key, value in STRINGS.items():
        assert set(value) == {"en", "fr"}, key
        assert all(isinstance(v, str) and v.strip() for v in value.values()), key


def test_no_interface_string_is_written_twice() -> None:
    """YAML keeps the last of two equal keys: the first would be silently lost."""
    import yaml

    keys = [key.value for key, _ in yaml.compose((ROOT / "templates" / "strings.yaml").read_text(encoding="utf-8")).value]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []


def test_every_string_the_templates_and_code_use_exists() -> None:
    used = set()
    for path in (ROOT / "templates" / "pages").glob("*.j2"):
        used |= set(re.findall(r"\bt\.(\w+)", path.read_text(encoding="utf-8")))
    for path in (ROOT / "generator").glob("*.py"):
        used |= set(re.findall(r"""\bt\[["'](\w+)["']\]""", path.read_text(encoding="utf-8")))
    assert used - set(STRINGS) == set()


def test_french_strings_use_french_punctuation_spacing() -> None:
    for key, value in STRINGS.items():
        bad = re.search(r"[^\u00a0\u202f][:;?!](\s|$)", value["fr"])
        assert not bad, f"{key}: a non-breaking space goes before : ; ? ! in French"


def test_markdown_text_is_inert() -> None:
    assert str(md_text("*a* [b](javascript:x) <i>")) == "&#42;a&#42; &#91;b&#93;&#40;javascript&#58;x&#41; &#60;i&#62;"


def test_relative_links_are_what_posixpath_relpath_gives() -> None:
    import posixpath
    import random

    from generator.urls import relative

    rng = random.Random(7)
    segments = ["en", "fr", "enjeux", "organisations", "meta", "l-ia"]
    for _ in range(5000):
        path = "/".join(rng.choice(segments) for _ in range(rng.randint(0, 3)))
        here = "/".join(rng.choice(segments) for _ in range(rng.randint(0, 3)))
        assert relative(path, here) == posixpath.relpath(path or ".", here or "."), (path, here)
