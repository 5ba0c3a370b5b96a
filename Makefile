# dossier: two commands do all the set-up on a fresh Debian machine.
#   make demo   install everything, then build the sample company's dossier
#   make test   install everything, then run the tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DATA   ?= company_data/example

.PHONY: demo test install system-deps clean

demo: install
	$(BIN)/dossier validate $(DATA)
	$(BIN)/dossier build $(DATA)
	$(BIN)/dossier check build/$(notdir $(DATA)) --as-of 2026-11-27 || true
	@echo "申请材料汇编：build/$(notdir $(DATA))/binder.pdf　核查报告：build/$(notdir $(DATA))/report.html"

test: install
	$(BIN)/python -m pytest -q

install: system-deps $(STAMP)

system-deps:
	@sh scripts/install-system-deps.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build .pytest_cache
