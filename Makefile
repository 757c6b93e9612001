# Two commands on a fresh machine: `make demo` and `make test`. Both bootstrap .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PIP_FLAGS := --quiet --disable-pip-version-check

.PHONY: demo test bench system clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "安装依赖到 $(VENV) …"
	@$(BIN)/pip install $(PIP_FLAGS) -e '.[dev]' 2> $(VENV)/pip.log || (cat $(VENV)/pip.log; exit 1)
	@touch $(STAMP)

system:
	@bash scripts/setup-system.sh

demo: system $(STAMP)
	@bash scripts/demo.sh

test: system $(STAMP)
	@$(BIN)/ruff check --quiet src tests bench scripts
	@$(BIN)/python -m pytest -n 2 -p no:cacheprovider

bench: system $(STAMP)
	@for b in bench/bench_*.py; do $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
