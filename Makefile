# microcosm: the two commands a new machine needs are `make demo` and
# `make test`. Both install missing Debian packages first (make deps).
BUILD      ?= build/release
DEBUG      ?= build/debug
JOBS       ?= $(shell nproc)
MICROCOSM  := $(BUILD)/microcosm
PY         := /usr/bin/python3

.PHONY: all deps build debug test test-sanitize demo bench docs validate-facts clean

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
test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	MICROCOSM_BIN=$(CURDIR)/$(MICROCOSM) $(PY) -m pytest -q tests/python

# The unit, golden and e2e tiers under address and undefined-behaviour sanitizers.
test-sanitize: debug
	ctest --preset debug -j $(JOBS)

# The default scenario: the same society under chronological and engagement
# feeds (micro-identity model, 3000 agents, one year), compared in a table
# and a figure.
DEMO_SET := --set model.population=3000 --set simulation.steps=365
demo: build
	$(MICROCOSM) run scenarios/mim/baseline.toml $(DEMO_SET) --out runs/demo/chronological --overwrite
	$(MICROCOSM) run scenarios/mim/engagement.toml $(DEMO_SET) --out runs/demo/engagement --overwrite
	$(PY) scripts/demo_report.py runs/demo/chronological runs/demo/engagement runs/demo/comparison.png

bench: build
	bash bench/run.sh

# The stylised facts of MODEL.md §7 for the micro-identity model, written to
# docs/validation.md (VALIDATE_ARGS="--population 10000 --seeds 20" for the
# full protocol).
validate-facts: build
	$(PY) scripts/validate_facts.py $(VALIDATE_ARGS)

# Regenerates the generated documentation (the parameter dictionary).
docs: build
	$(MICROCOSM) models --markdown > docs/models.md

clean:
	rm -rf build
