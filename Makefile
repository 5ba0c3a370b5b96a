# dossier: two commands do all the set-up on a fresh Debian machine.
#   make demo   install everything, then build the sample company's dossier
#   make test   install everything, then run the whole test suite (what CI runs)
#   make check  the developer's quick loop: the tests not marked slow
#   make lock   move to newer dependency versions: a new requirements.lock, kept only if the suite is green
# What gets installed is decided by requirements.lock (exact versions, with hashes), not by the day's registry.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
LOCK   := requirements.lock
DATA   ?= company_data/example
# -n auto: one test worker per core; the tests that read the sample's session build share one worker
export PYTEST_OPTS := -q -p no:cacheprovider -n auto --dist loadgroup
PYTEST := $(BIN)/python -m pytest $(PYTEST_OPTS)

.PHONY: demo test check lock install system-deps test-system-deps clean

OUT_DEMO = build/$(notdir $(DATA))

demo: install
	$(BIN)/dossier validate $(DATA) --stage application
	$(BIN)/dossier build $(DATA) --stage application
	$(BIN)/dossier check $(OUT_DEMO)/application --as-of 2026-10-15
	@if [ -f $(DATA)/rectification.yaml ]; then \
	  $(BIN)/dossier build $(DATA) --stage rectification && \
	  $(BIN)/dossier check $(OUT_DEMO)/rectification --as-of 2026-11-30; fi
	@echo "认证申请材料：$(OUT_DEMO)/application/binder.pdf　整改材料：$(OUT_DEMO)/rectification/binder.pdf"

test: install test-system-deps
	$(PYTEST)

check: install test-system-deps
	$(PYTEST) -m "not slow"

lock: system-deps test-system-deps
	PYTHON=$(PYTHON) sh scripts/refresh-lock.sh

install: system-deps $(STAMP)

system-deps:
	@PYTHON=$(PYTHON) sh scripts/install-system-deps.sh

test-system-deps:
	@PYTHON=$(PYTHON) sh scripts/install-system-deps.sh --test

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

clean:
	rm -rf $(VENV) .venv-lock build .pytest_cache
