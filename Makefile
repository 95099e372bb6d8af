# Two commands set everything up on a fresh Debian machine: `make run` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint sandbox system-deps onedir package bench faults clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/fwdesk

sandbox: $(STAMP)
	$(VENV)/bin/fwdesk-sandbox --speed 600

system-deps:
	./scripts/system-deps.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check fwdesk tests
	$(VENV)/bin/ruff format --check fwdesk tests
	$(VENV)/bin/lint-imports

# The suite runs on a virtual X server with a real Secret Service (gnome-keyring) on a
# private D-Bus session, as a shop owner's desktop would provide them.
test: $(STAMP) system-deps lint
	xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
		./scripts/with-keyring.sh $(VENV)/bin/python -m pytest

# Speed figures with their budgets, written to docs/PERFORMANCE.md.
bench: $(STAMP) system-deps onedir
	xvfb-run -a -s "-screen 0 1280x800x24" $(PY) bench/run_all.py

# The fault suite with its full settings (200 orders, SIGKILLs, 10,000 fuzzed bodies per
# family, the key scan), written to docs/RELIABILITY.md; `make test` runs it small.
faults: $(STAMP) system-deps
	xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
		./scripts/with-keyring.sh $(PY) scripts/faults.py

# The double-click installers start from this one folder (PyInstaller onedir); here it is
# packed as a .deb, on Windows and macOS by packaging/windows and packaging/macos.
onedir: $(STAMP)
	$(PY) packaging/make_icons.py build/icons
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath build/dist \
		--workpath build/work packaging/fwdesk.spec

package: onedir
	PYTHON=$(PY) ./packaging/build_deb.sh

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
