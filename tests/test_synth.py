"""benchmarks/synth.py: a synthetic content set that checks clean, scaled by N, the same bytes
every time."""

from __future__ import annotations

from pathlib import Path

from conftest import run_generator, synthesise


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_synthetic_content_checks_clean(synthetic_project: Path) -> None:
    result = run_generator("check", "--content", str(synthetic_project / "content"))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_synthetic_content_scales_with_n(synthetic_project: Path) -> None:
    content = synthetic_project / "content"
    counts = {kind: len(list((content / kind).glob("*.yaml"))) for kind in ("organisations", "issues", "quotes", "sources")}
    assert counts == {"organisations": 8, "issues": 2, "quotes": 160, "sources": 16}
    assert len(list((content / "archive").glob("*.txt"))) == 16
    assert (content / "site.yaml").is_file() and (content / "scale.yaml").is_file()


def test_synth_writes_the_same_bytes_every_time(synthetic_project: Path, tmp_path: Path) -> None:
    assert synthesise(8, tmp_path).returncode == 0
    assert tree(tmp_path / "content") == tree(synthetic_project / "content")


def test_synth_never_writes_over_a_content_folder(synthetic_project: Path) -> None:
    result = synthesise(8, synthetic_project)
    assert result.returncode == 1
    assert f"{synthetic_project}/content exists: remove it or choose another --out" in result.stderr
