"""MkDocs or ProperDocs (its maintained drop-in fork): the modules of whichever engine runs us.

The plugin is loaded by either; the language sites must be built, and errors raised, with the
same engine as the hub, or its strict mode and error handling would not see them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Engine:
    name: str
    build: Callable[..., None]
    config_class: type
    plugin_error: type[Exception]
    abort: type[BaseException]
    configuration_error: type[Exception]
    yaml_load: Callable[..., Any]


def engine_of(config: object) -> Engine:
    """The engine whose configuration object `config` is."""
    top = type(config).__module__.split(".")[0]
    return load_engine(top if top in ("mkdocs", "properdocs") else "mkdocs")


def load_engine(name: str) -> Engine:
    build = importlib.import_module(f"{name}.commands.build")
    defaults = importlib.import_module(f"{name}.config.defaults")
    exceptions = importlib.import_module(f"{name}.exceptions")
    yaml = importlib.import_module(f"{name}.utils.yaml")
    config_class = getattr(defaults, "MkDocsConfig", None) or defaults.ProperDocsConfig
    return Engine(name, build.build, config_class, exceptions.PluginError, exceptions.Abort,
                  exceptions.ConfigurationError, yaml.yaml_load)
