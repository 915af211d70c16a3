# The two commands in the README: `make site` and `make test`. Both set up .venv when missing.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test check lint serve

$(STAMP): pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/dateline build

check: $(STAMP)
	$(BIN)/dateline check $(CHECK_ARGS)

serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/dateline serve

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

test: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/pytest -n 2 --dist loadfile
