"""The site as MkDocs builds it: one MkDocs site per language under a small bilingual hub.

Each language site is a complete MkDocs site in `<site_dir>/en/` and `<site_dir>/fr/`, with its own
navigation, interface language and search index; the hub is the root `mkdocs.yml`, whose build
makes the language-choice page, the guide and the downloads around them; Pagefind then indexes both
languages for search. This module holds those phases of the build (`build_languages`, `hub_files`,
`index_search`), which `build` runs in order and the plugin (`mkdocs_plugin`) from MkDocs' events.
"""

from __future__ import annotations

import atexit
import gc
import json
import logging
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from logging.handlers import QueueHandler, QueueListener
from pathlib import Path
from typing import Any

from .engine import engine_of
from .facts import FactSet
from .model import LANGS
from .parallel import can_fork, jobs
from .sitefiles import editors_guide, hub_downloads, hub_page
from .templating import load_strings
from .timings import PhaseTime, Timings
from .urls import GUIDE_PAGE, GUIDES, absolute, language_url, page_source, section_source

log = logging.getLogger("mkdocs.plugins.factsheet")  # ProperDocs forwards this logger too


def language_config(hub: Any, lang: str, plugin_name: str = "factsheet") -> Any:
    """The configuration of the `lang` site: the hub's, with its own folder, URL, language and nav."""
    engine = engine_of(hub)
    raw = language_raw(hub, lang, plugin_name)
    config = engine.config_class(config_file_path=hub.config_file_path)
    config.load_dict(raw)
    errors, warnings = config.validate()
    for name, warning in warnings:
        log.warning("%s site: config '%s': %s", lang, name, warning)
    if errors:
        raise engine.configuration_error("; ".join(f"{name}: {error}" for name, error in errors))
    return config


def language_raw(hub: Any, lang: str, plugin_name: str = "factsheet") -> dict[str, Any]:
    """The `lang` site's configuration as written: the hub's `mkdocs.yml`, with its own folder,
    URL, language and nav, and the plugin told its language."""
    engine = engine_of(hub)
    with open(hub.config_file_path, "rb") as fh:
        raw = engine.yaml_load(fh) or {}
    raw["site_dir"] = os.path.join(hub.site_dir, lang)
    if hub.site_url:
        raw["site_url"] = language_url(hub.site_url, lang)
    raw.setdefault("theme", {})["language"] = lang
    raw["strict"] = bool(hub.strict)
    raw["nav"] = language_nav(lang, Path(hub.config_file_path).parent / _templates_option(raw, plugin_name))
    plugins = []
    for entry in raw.get("plugins", []):
        name = entry if isinstance(entry, str) else next(iter(entry))
        options = {} if isinstance(entry, str) else dict(entry[name] or {})
        if name == plugin_name:
            options["language"] = lang
        plugins.append({name: options})
    raw["plugins"] = plugins
    return raw


def _templates_option(raw: dict[str, Any], plugin_name: str) -> str:
    for entry in raw.get("plugins", []):
        if isinstance(entry, dict) and plugin_name in entry:
            option: str = (entry[plugin_name] or {}).get("templates", "templates")
            return option
    return "templates"


def language_nav(lang: str, templates: Path) -> list[dict[str, str]]:
    """The navigation of a language site: its index pages only. Entity pages are listed on those
    (a nav with every page would be rendered into every page, making the build quadratic)."""
    t = {key: value[lang] for key, value in load_strings(templates).items()}
    keys = ("organisations", "issues", "people", "timeline", "partnerships", "sources", "methodology", "corrections", "data")
    return [{t["home"]: "index.md"}] + [{t[key]: section_source(key, lang)} for key in keys]


def build_languages(hub: Any, facts: Any, plugin_of: Callable[[Any], Any], previous: Path | None = None) -> list[PhaseTime]:
    """Render each language's pages and lay them out with MkDocs, into the hub's site_dir, from the
    hub's checked `facts` (handed to each site's plugin, which `plugin_of` finds in its
    configuration); the phases each site's build timed (see `build_language`). When it is safe (see
    `parallel.can_fork`) each language is built in a forked process, `parallel.jobs()` of them at
    once (one per core), whose memory is given back when it ends, before the search indexer starts;
    the output is the same either way. Each is built dirty (MkDocs skips the pages the last good
    site, in `previous`, already holds: see `lastsite`)."""
    engine = engine_of(hub)
    configs = []
    for lang in LANGS:
        config = language_config(hub, lang)
        plugin_of(config).preloaded = facts
        plugin_of(config).previous = previous / lang if previous is not None else None
        configs.append(config)
    with dirty_is_meant(hub):
        return _build_each(engine, configs, plugin_of)


@contextmanager
def dirty_is_meant(config: Any) -> Iterator[None]:
    """Within it, MkDocs' warning that a dirty build may be wrong is not logged (see `_DirtyIsMeant`)."""
    quiet = _DirtyIsMeant()
    logging.getLogger(f"{engine_of(config).name}.commands.build").addFilter(quiet)
    try:
        yield
    finally:
        logging.getLogger(f"{engine_of(config).name}.commands.build").removeFilter(quiet)


def build_language(engine: Any, config: Any, plugin_of: Callable[[Any], Any]) -> list[PhaseTime]:
    """Build one language site: its plugin renders its pages and keeps those of the last good site
    that did not change, MkDocs lays out the others; the phases, each named with the language
    ("MkDocs" is the rest of MkDocs' build)."""
    lang = plugin_of(config).config.language
    whole = Timings()
    with whole.phase("site"):
        engine.build(config, dirty=True)
    inner = plugin_of(config).timings.phases
    site = whole.phases[0]
    mkdocs = PhaseTime(f"MkDocs {lang}", site.wall - sum(p.wall for p in inner), site.cpu - sum(p.cpu for p in inner), "languages")
    return [PhaseTime(f"{p.name} {lang}", p.wall, p.cpu, "languages") for p in inner] + [mkdocs]


class _DirtyIsMeant(logging.Filter):
    """MkDocs warns that a dirty build's navigation may be wrong, as it would be if it skipped pages
    on their files' times; ours skips only what the last build laid out the same (`lastsite`). The
    hub is built dirty too, by `build`, around the language sites already in its folder."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _build_each(engine: Any, configs: list[Any], plugin_of: Callable[[Any], Any]) -> list[PhaseTime]:
    """Build each language site (`build_language`): in forked worker processes when it is safe
    (`parallel.can_fork`), `parallel.jobs()` of them at once, each batch in a pool of its own whose
    processes end, giving their memory back, before the next batch or the search indexer starts;
    else here, one after the other. What a worker logs comes back through a queue and is logged
    here, each site's in its order and the sites in theirs, where MkDocs' strict mode counts the
    warnings; its phases come back with its result. Either way every site is built, and what failed
    first is raised once all have been tried: the editor is told each site's problems at once."""
    if not can_fork():
        return _build_here(engine, configs, plugin_of)
    global _BATCH
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    replay = _Replay()
    phases: list[PhaseTime] = []
    # The objects alive now (the facts above all) are moved out of the collector's sight: a
    # worker's collections then neither walk them nor write to them, which would copy every page
    # of them the worker shares with this process.
    gc.freeze()
    try:
        at_once = jobs()
        for first in range(0, len(configs), at_once):
            _BATCH = (engine, configs[first:first + at_once], queue, plugin_of)  # what the forked workers inherit
            sys.stdout.flush()
            sys.stderr.flush()
            listener, listening = QueueListener(queue, replay), False
            try:
                with ProcessPoolExecutor(max_workers=len(_BATCH[1]), mp_context=context) as pool:
                    futures = [pool.submit(_build_in_worker, n) for n in range(len(_BATCH[1]))]  # forks them all
                    listener.start()  # only now: no thread of this process may be forked
                    listening = True
                    results = [future.result() for future in futures]
                failures = [failure for failure, _ in results]
                phases += [phase for _, done in results for phase in done]
            except BrokenProcessPool:
                failures = ["a language site was not built: its process ended unexpectedly"]
            finally:
                if listening:
                    listener.stop()  # once every worker has ended: all their records are in
                replay.log()
            for failure in failures:
                if failure is not None:
                    raise engine.abort(failure)
    finally:
        _BATCH = None
        gc.unfreeze()
    return phases


def _build_here(engine: Any, configs: list[Any], plugin_of: Callable[[Any], Any]) -> list[PhaseTime]:
    """Build each language site in this process, one after the other (see `_build_each`)."""
    phases: list[PhaseTime] = []
    failed: Exception | None = None
    for config in configs:
        try:
            phases += build_language(engine, config, plugin_of)
        except Exception as exc:  # raised once the other sites have been tried
            failed = failed or exc
    if failed is not None:
        raise failed
    return phases


# The engine, the configurations, the log queue of the workers and how to find our plugin in a configuration.
_BATCH: tuple[Any, list[Any], Any, Callable[[Any], Any]] | None = None


def _build_in_worker(n: int) -> tuple[str | None, list[PhaseTime]]:
    """In a forked worker: build the `n`th site of the batch, its log records sent to the parent;
    why it failed (or None), and its phases."""
    assert _BATCH is not None
    engine, configs, queue, plugin_of = _BATCH
    handler = QueueHandler(queue)
    handler.addFilter(_Tag(n))
    for name in {"mkdocs", engine.name}:
        logger = logging.getLogger(name)
        logger.handlers, logger.propagate = [handler], False
    try:
        return None, build_language(engine, configs[n], plugin_of)
    except BaseException as exc:  # reported to the parent, which raises it
        return str(exc) or type(exc).__name__, []
    finally:
        handler.close()


class _Tag(logging.Filter):
    """Marks a worker's records with the site it builds."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n

    def filter(self, record: logging.LogRecord) -> bool:
        record.factsheet_site = self.n
        return True


class _Replay(logging.Handler):
    """Keeps the workers' records as they come, to log them here once the batch is done, site by site."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def log(self) -> None:
        records, self.records = self.records, []
        for record in sorted(records, key=lambda r: getattr(r, "factsheet_site", 0)):  # stable: each site's in order
            logger = logging.getLogger(record.name)
            if logger.isEnabledFor(record.levelno):
                logger.handle(record)


def hub_files(facts: FactSet | None, root: Path, templates: Path, site_url: str | None) -> dict[str, str]:
    """The hub's own files, by path in it: the English editors' guide, the language-choice page, the
    data downloads and robots.txt. Without `facts` (under `mkdocs serve`, when the site cannot be
    built) only the guides, the French one too, since no French site holds it."""
    files: dict[str, str] = {}
    if (root / GUIDES["en"][0]).is_file():
        files[GUIDE_PAGE] = editors_guide((root / GUIDES["en"][0]).read_text(encoding="utf-8"), site_url, "en", templates)
    if facts is None:
        if (root / GUIDES["fr"][0]).is_file():
            files[page_source(GUIDES["fr"][1])] = editors_guide((root / GUIDES["fr"][0]).read_text(encoding="utf-8"),
                                                                absolute(site_url, "fr", ""), "fr", templates)
        return files
    files["index.md"] = hub_page(facts, templates, site_url).markdown
    files.update(hub_downloads(facts, site_url))
    return files


# Left out of the search index: heading anchors; a quote's wording in the other language (each
# language's index holds that language's text, stemmed by its rules: the French wording is found
# on the French site); the home page's matrix (its cells only repeat the stance labels of the
# organisation and issue pages, and would make the home page the answer to every level's name).
SEARCH_EXCLUDED = (".headerlink", ".fs-wording--other", ".fs-matrix")


def index_search(site_dir: Path, error: type[Exception] = RuntimeError, output: Path | None = None,
                 stop: threading.Event | None = None) -> None:
    """Run Pagefind over each language site, into one bundle (`output`, by default the site's
    `pagefind/`): one index per language, each indexed in a run of its own (Pagefind holds the
    whole index of a run in memory: one run per language halves its peak), their entry files merged.
    When `stop` is set, Pagefind is ended and `error` raised."""
    output = output or site_dir / "pagefind"
    entry = output / "pagefind-entry.json"
    merged: dict[str, Any] = {}
    for lang in LANGS:
        cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(output),
               "--glob", f"{lang}/**/*.html", "--silent"]
        for selector in SEARCH_EXCLUDED:
            cmd += ["--exclude-selectors", selector]
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as pagefind:
            while True:
                try:
                    out, err = pagefind.communicate(timeout=0.2)
                    break
                except subprocess.TimeoutExpired:
                    if stop is not None and stop.is_set():
                        pagefind.kill()
                        raise error("search indexing stopped: a newer build replaces it") from None
        if pagefind.returncode != 0:
            raise error(f"search indexing (pagefind) failed: {err.strip() or out.strip()}")
        data = json.loads(entry.read_text(encoding="utf-8"))
        languages = {**merged.get("languages", {}), **data["languages"]}
        merged = {**data, "languages": languages}
    # Written with sorted keys: Pagefind writes its maps in hash-map order, which changes from run
    # to run, and two builds of the same content must be byte for byte the same.
    entry.write_text(json.dumps(merged, sort_keys=True, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


class LaterSearch:
    """Under `mkdocs serve`, the search index is made after the rebuilt pages are served: the last
    index is put back at once (it finds what the pages said before the save), and a thread indexes
    the new pages beside it and swaps the new index in. A rebuild that starts before it is done
    ends it (Pagefind is stopped), and makes the newer index in its turn; so does the end of
    `serve` (Ctrl-C), which would otherwise leave Pagefind running and its scratch folder behind."""

    def __init__(self) -> None:
        self.thread: threading.Thread | None = None
        self.stop = threading.Event()
        atexit.register(self.wait)  # before the interpreter drops the indexing thread mid-way

    def wait(self) -> None:
        """End the indexing under way, if any: the build about to start makes a newer index."""
        if self.thread is not None:
            self.stop.set()
            self.thread.join()
            self.thread = None
            self.stop = threading.Event()

    def start(self, site_dir: Path, aside: Path | None) -> None:
        self.wait()
        live = site_dir / "pagefind"
        if aside is not None and (aside / "pagefind").is_dir() and not live.exists():
            os.rename(aside / "pagefind", live)
        scratch = Path(tempfile.mkdtemp(prefix=".search-", dir=site_dir.parent))
        self.thread = threading.Thread(target=self._index, args=(site_dir, scratch, self.stop), daemon=True)
        self.thread.start()

    @staticmethod
    def _index(site_dir: Path, scratch: Path, stop: threading.Event) -> None:
        try:
            index_search(site_dir, RuntimeError, scratch / "pagefind", stop)
            live = site_dir / "pagefind"
            if live.exists():
                os.rename(live, scratch / "old")
            os.rename(scratch / "pagefind", live)
        except (OSError, RuntimeError, ValueError) as exc:
            if not stop.is_set():  # else a newer build makes the index
                log.error("search index not rebuilt: %s", exc)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


LATER_SEARCH = LaterSearch()  # one `serve` per process
