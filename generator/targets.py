"""Where `build` and `export` may write: never over what they did not create.

A command that replaces a folder (`build --site-dir`, `export`) first asks `check_target`: the
folder may not be the project, its content/ or templates/ folder (or anything inside them, or
its .git), nor a folder that holds any of them; it may not be or lie under a file; and if it
exists and holds anything, it must be one that command wrote: its marker file is in it (or, for a
site built before the marker existed, it holds exactly what a build writes and nothing else).
Every refusal is a `GeneratorError` (a message, exit 1) saying what to do.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import GeneratorError

SITE_MARKER = ".factsheet-site"
SITE_MARKER_TEXT = ("This folder is a site built by the factsheet generator (python -m generator build, or mkdocs build):\n"
                    "the next build replaces it whole. Keep nothing else in it.\n")
# What a build writes at the top of its site: a folder holding exactly these (with index.html,
# en/ and fr/) is taken for a site built before the marker existed.
SITE_NAMES = frozenset({"404.html", "assets", "data", "en", "fr", "guide", "index.html", "pagefind", "robots.txt",
                        "sitemap.xml", "sitemap.xml.gz", SITE_MARKER})


def check_target(target: Path, protected: dict[str, Path], option: str, example: str = "site") -> Path:
    """`target` resolved, if a command may replace it; GeneratorError otherwise. `protected` names
    the folders it may neither be, hold, nor lie in (the project, content/, templates/...);
    `option` is how the user gave it (in messages)."""
    resolved = _resolved(target, option)
    for name, folder in protected.items():
        folder = folder.resolve()
        if resolved == folder:
            raise GeneratorError(f"{option} {target}: that is {name}; choose a folder of its own (such as {example})")
        if folder.is_relative_to(resolved):
            raise GeneratorError(f"{option} {target}: that folder holds {name}, which it would replace; "
                                 f"choose a folder of its own (such as {example})")
        if name != "the project folder" and resolved.is_relative_to(folder):
            raise GeneratorError(f"{option} {target}: that is inside {name}; choose a folder outside it (such as {example})")
    return resolved


def _resolved(target: Path, option: str) -> Path:
    """`target` as an absolute path with links resolved; GeneratorError if it is or lies under a
    file, or cannot be looked at."""
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError) as exc:
        raise GeneratorError(f"{option} {target}: cannot use that path ({exc}); choose another folder") from None
    for path in (resolved, *resolved.parents):
        try:
            if os.path.exists(path) and not path.is_dir():
                where = "is a file" if path == resolved else f"is under {path}, which is a file"
                raise GeneratorError(f"{option} {target}: that {where}; choose a folder")
        except OSError as exc:
            raise GeneratorError(f"{option} {target}: cannot use that path ({exc.strerror}); choose another folder") from None
    if len(os.fsencode(resolved.name)) > 255:
        raise GeneratorError(f"{option} {target}: the folder's name is too long; choose a shorter one")
    return resolved


def protected_folders(project: Path, content: Path, templates: Path) -> dict[str, Path]:
    """The folders of a project that no command may replace, by how messages name them."""
    return {"the project folder": project, "the content folder": content, "the templates folder": templates,
            "the project's .git folder": project / ".git"}


def refuse_protected(site_dir: Path, root: Path, content: str, templates: str) -> None:
    """For MkDocs' own `build` and `serve`: PluginError if the site folder is one of the project's."""
    from mkdocs.exceptions import PluginError

    try:
        check_target(site_dir, protected_folders(root, root / content, root / templates), "site_dir")
    except GeneratorError as exc:
        raise PluginError(exc.message) from None


def check_site_dir(site_dir: Path, protected: dict[str, Path]) -> Path:
    """`site_dir` resolved, if `build` may replace it: a new or empty folder, or a site a build
    wrote; GeneratorError otherwise."""
    resolved = check_target(site_dir, protected, "--site-dir")
    if resolved.is_dir() and not is_site(resolved):
        raise GeneratorError(f"--site-dir {site_dir}: that folder exists and is not a site the build wrote (it has no "
                             f"{SITE_MARKER} file), and building would replace it whole; choose another folder, or "
                             "move its files away yourself")
    return resolved


def is_site(folder: Path) -> bool:
    """Whether `folder` is empty or a site a build wrote (its marker, or exactly a build's files)."""
    try:
        names = set(os.listdir(folder))
    except OSError:
        return False
    if not names or SITE_MARKER in names:
        return True
    return names <= SITE_NAMES and {"index.html", "en", "fr"} <= names


def mark_site(site_dir: Path) -> None:
    """Write the marker that says `site_dir` is a built site, which a build may replace."""
    (site_dir / SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8")
