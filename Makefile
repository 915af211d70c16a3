# The two commands in the README: `make site` and `make test`. Each sets up what it needs
# when missing (tools/setup: system packages, .venv pinned by constraints.txt).
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test check lint serve setup-site setup-test lock

setup-site:
	@tools/setup site

setup-test:
	@tools/setup test

site: setup-site
	$(BIN)/dateline build

check: setup-site
	$(BIN)/dateline check $(CHECK_ARGS)

serve: setup-site
	$(BIN)/dateline serve

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/vulture

test: setup-test
	NO_MKDOCS_2_WARNING=1 $(BIN)/pytest -n 2 --dist loadfile

# constraints.txt again from the newest releases that pyproject.toml allows: run it on
# purpose, build, look at the charts that changed, and commit both.
lock:
	rm -rf .cache/lock-venv
	python3 -m venv .cache/lock-venv
	.cache/lock-venv/bin/pip install --quiet --upgrade pip
	PIP_CONSTRAINT= .cache/lock-venv/bin/pip install --quiet '.[test]'
	( echo "# Every package make and CI install, pinned: make lock writes it (see Makefile)."; \
	  .cache/lock-venv/bin/pip freeze --all --exclude dateline --exclude pip ) > constraints.txt
	rm -rf .cache/lock-venv
