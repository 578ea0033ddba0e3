"""A bilingual fact-sheet site generator: YAML facts in content/, checked, rendered to an English/French site."""

__version__ = "0.1.0"
