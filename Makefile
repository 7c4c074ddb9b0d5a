# microcosm: the two commands a new machine needs are `make demo` and
# `make test`. Both install missing Debian packages first (make deps).
BUILD      ?= build/release
DEBUG      ?= build/debug
JOBS       ?= $(shell nproc)
MICROCOSM  := $(BUILD)/microcosm
PY         := /usr/bin/python3

.PHONY: all deps build debug test test-sanitize demo bench docs validate-facts validate-facts-quick clean install-python web web-deps

all: build

deps:
	@bash scripts/deps.sh

$(BUILD)/build.ninja: CMakeLists.txt CMakePresets.json
	cmake --preset release >/dev/null

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

debug: deps
	cmake --preset debug >/dev/null
	cmake --build $(DEBUG) -j $(JOBS)

# Every test: C++ (unit, golden, statistical, e2e) through CTest, then the
# Python tests with Debian's interpreter.
test: build web-deps
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	MICROCOSM_BIN=$(CURDIR)/$(MICROCOSM) MICROCOSM_PYTHONPATH=$(CURDIR)/$(BUILD)/python \
	  $(PY) -m pytest -q tests/python

# The unit, golden and e2e tiers under address and undefined-behaviour sanitizers.
test-sanitize: debug
	ctest --preset debug -j $(JOBS)

# The default scenario: the same society under chronological and engagement
# feeds (micro-identity model, 3000 agents, one year), compared in a table
# and a figure.
DEMO_SET := --set model.population=3000 --set simulation.steps=365 --set 'output.network_formats=["edgelist"]'
demo: build
	$(MICROCOSM) run scenarios/mim/baseline.toml $(DEMO_SET) --out runs/demo/chronological --overwrite
	$(MICROCOSM) run scenarios/mim/engagement.toml $(DEMO_SET) --out runs/demo/engagement --overwrite
	$(PY) scripts/demo_report.py runs/demo/chronological runs/demo/engagement runs/demo/comparison.png
	$(MICROCOSM) report runs/demo/chronological runs/demo/engagement --out runs/demo/report.html

# The dashboard's front end (web/, docs/report_and_dashboard.md): npm packages
# as package-lock.json pins them (also playwright-core for the browser tests),
# and the bundle web/dist, which is committed so `make` needs no network.
web-deps:
	@test -d web/node_modules/playwright-core || (cd web && npm ci --no-audit --no-fund)

web: web-deps
	cd web && node build.mjs

bench: build
	bash bench/run.sh

# The stylised facts of MODEL.md §7 for the micro-identity model, written to
# docs/validation.md (VALIDATE_ARGS="--population 10000 --seeds 20" for the
# full protocol).
validate-facts: build
	$(PY) scripts/validate_facts.py $(VALIDATE_ARGS)

# A fifth of the protocol's population (same 20 seeds; fact 8 at N = 500):
# about 25 minutes.
validate-facts-quick: build
	$(PY) scripts/validate_facts.py --population 2000 --fact5-seeds 5 --fact8-population 500 $(VALIDATE_ARGS)

# Regenerates the generated documentation (the parameter dictionary).
docs: build
	$(MICROCOSM) models --markdown > docs/models.md

# The Python package (docs/python.md) into the user's site-packages.
install-python: build
	@test -f $(BUILD)/python/microcosm/__init__.py || { echo "install-python: the Python module was not built (needs pybind11-dev and python3-dev)"; exit 1; }
	site=$$($(PY) -m site --user-site) && mkdir -p "$$site" && rm -rf "$$site/microcosm" && \
	  cp -r $(BUILD)/python/microcosm "$$site/" && echo "installed microcosm into $$site"

clean:
	rm -rf build
