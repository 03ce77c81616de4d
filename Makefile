# tenderpack: the two quick-start commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    := out
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages the tests need: LibreOffice and Gnumeric as independent clients, poppler for PDF checks.
DEBS   := libreoffice-writer-nogui libreoffice-calc-nogui gnumeric poppler-utils fonts-liberation2 fonts-dejavu-core
BENCHES := benchmarks/build.py benchmarks/reader.py benchmarks/parse.py benchmarks/importing.py

.PHONY: demo test bench sysdeps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

sysdeps:
	@if command -v soffice >/dev/null && command -v pdftoppm >/dev/null && command -v ssconvert >/dev/null; then \
	  echo "sysdeps: LibreOffice, Gnumeric and poppler present"; \
	else \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DEBS); \
	fi

demo: $(VENV)/.installed
	bash samples/demo.sh $(CURDIR)/$(BIN)/tenderpack $(CURDIR)/$(OUT)

test: $(VENV)/.installed sysdeps
	$(BIN)/python -m pytest

bench: $(VENV)/.installed
	@for b in $(BENCHES); do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(OUT) build dist .pytest_cache
