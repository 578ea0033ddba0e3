# Two commands do all the setup on a fresh clone: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test lint golden screenshots check serve schemas bench clean

# The environment, from pinned dependencies (requirements.lock), rebuilt when they change. pip installs
# uv (its pin is in the lock too), which installs the rest: it downloads and unpacks side by side
# where pip takes one wheel after another (16 s against 33 s here). Modules are byte-compiled when
# first imported, not at install: most are never imported. uv's scratch files (the locks of the
# packages it builds) go in a folder of the environment's, removed after, not in the machine's /tmp.
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-compile $$(grep '^uv==' requirements.lock)
	mkdir -p $(VENV)/tmp
	TMPDIR="$(CURDIR)/$(VENV)/tmp" $(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements.lock
	TMPDIR="$(CURDIR)/$(VENV)/tmp" $(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps --no-build-isolation -e .
	rm -rf $(VENV)/tmp
	touch $(STAMP)

## site: set up, check the content, build site/ in English and French
site: $(STAMP)
	$(PY) -m generator check
	$(PY) -m generator build

## check: report every problem in content/
check: $(STAMP)
	$(PY) -m generator check

## serve: preview at http://127.0.0.1:8000/, rebuilt when content/ or templates/ change
serve: $(STAMP)
	$(VENV)/bin/mkdocs serve

## lint: ruff on the code and tests, mypy --strict on generator/ (both configured in pyproject.toml)
lint: $(STAMP)
	$(VENV)/bin/ruff check generator tests benchmarks
	$(VENV)/bin/mypy

## test: lint, then the whole test suite, one worker per core (pytest-xdist; an idle worker takes tests queued for the other)
test: lint
	$(PY) -m pytest -n auto --dist worksteal

## golden: rewrite tests/golden/ from the current output (only the tests that compare with it run); read `git diff tests/golden` before committing
golden: $(STAMP)
	$(PY) -m pytest -q -n auto --dist worksteal --update-golden

## screenshots: the browser tests, saving a full-page screenshot of each page they look at in tests/artifacts/screenshots/
screenshots: $(STAMP)
	$(PY) -m pytest -q -n auto --dist worksteal -m browser --screenshots

## schemas: rewrite schemas/ from the model (a test checks they are in step)
schemas: $(STAMP)
	$(PY) -m generator schemas

## bench: time check, build and plain MkDocs on synthetic content of each size; writes benchmarks/RESULTS.md
SIZES ?= 125 250 500
REPEAT ?= 1
bench: $(STAMP)
	$(PY) benchmarks/bench.py --sizes $(SIZES) --repeat $(REPEAT) --results benchmarks/RESULTS.md

clean:
	rm -rf site .pytest_cache
