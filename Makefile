# Veivis. The two commands that matter: `make run` and `make test` (README.md).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export RASA_TELEMETRY_ENABLED := false
export PYTHONWARNINGS := ignore
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TQDM_DISABLE := 1

.PHONY: run up setup train test test-fast validate browser eval bench translations lock clean

run: setup train  ## set up, train if needed, start everything (web chat on http://localhost:8080)
	$(PY) -m bot up

up:  ## start the stack with the current model, no setup
	$(PY) -m bot up

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt constraints.txt scripts/setup.sh
	scripts/setup.sh "$(VENV)"
	@touch $(STAMP)

train: setup  ## train the model if config, domain or data changed
	$(PY) scripts/train.py

validate: setup
	$(PY) -m rasa data validate --data data/nlu data/rules data/stories --domain domain.yml --config config.yml

test: setup train validate browser  ## the whole suite (what CI runs)
	$(PY) -m pytest

browser:  ## Debian's chromium for the browser tests
	scripts/install-browser.sh

test-fast: setup  ## unit tests only, no model, no servers, no browser
	$(PY) -m pytest -m "not stack and not browser"

eval: setup train  ## NLU per language (split and unseen), language detection, job offers, screening, into reports/
	$(PY) scripts/eval_language.py
	$(PY) scripts/eval_messages.py
	$(PY) scripts/eval_job_offers.py
	$(PY) scripts/eval_screening.py
	$(PY) scripts/eval_nlu.py

bench: setup train  ## simulated people chatting, latency and memory, into reports/
	$(PY) scripts/bench.py

translations: setup  ## extract keys, update every catalog, list what is missing
	$(PY) scripts/catalogs.py update

lock:  ## re-pin every dependency after changing requirements*.txt
	$(PY) -m pip list --format=freeze --exclude-editable | grep -vE '^(pip|setuptools|wheel)==' > constraints.txt

clean:
	rm -rf models .rasa reports/*.json .pytest_cache
