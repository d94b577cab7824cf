# Two commands for a fresh machine with python3 and make:
#   make site   set up .venv, build the site into site/ with its search index, print the home page's path
#               (make site BASE_URL=https://user.github.io/repo/ for absolute canonical links, sitemap, feed)
#   make test   set up .venv with the test extra and node_modules (npm ci), run the tests
# and for writing: make serve (live-reloading server on http://127.0.0.1:8000/)
# and for speed:   make bench (this project against Pelican on a generated corpus; about 10 minutes)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The browser tests drive Debian's /usr/bin/chromium; Playwright never downloads a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

BASE_URL ?=
# make bench: ARTICLES and RUNS for the comparison with Pelican, SCALE for the sizes built once each
# (SCALE= for none), BENCH_ARGS for the rest (.venv/bin/python benchmarks/bench_site.py --help).
ARTICLES ?= 1000
RUNS ?= 5
SCALE ?= 100 1000 3000 10000
BENCH_ARGS ?=

.PHONY: site test serve bench clean

site: $(VENV)/.installed
	$(BIN)/python build.py --search $(if $(BASE_URL),--base-url "$(BASE_URL)")

serve: $(VENV)/.installed
	$(BIN)/python build.py serve

test: $(VENV)/.installed-test node_modules/.installed
	$(BIN)/python -m pytest

# Pelican is installed on first use into benchmarks/.pelican-venv (its own environment, not .venv).
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_site.py --articles $(ARTICLES) --runs $(RUNS) $(if $(strip $(SCALE)),--scale $(SCALE)) $(BENCH_ARGS)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

# axe-core and vnu-jar for tests/browser, pinned in package-lock.json. --ignore-scripts: vnu-jar's
# postinstall would download a Java runtime when none is installed (.ci/run installs Debian's).
# Without npm the browser tests skip (and fail under CI=true).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: node_modules not installed, the browser tests will skip"; fi

clean:
	rm -rf site $(VENV) node_modules test-artifacts benchmarks/.pelican-venv
