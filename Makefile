# The course's commands. Students: `make lab`. Everyone: `make test`. Instructors: release,
# autograde, feedback. Every target sets up .venv first if it is missing or out of date.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PATH := $(abspath $(BIN)):$(PATH)

ASSIGNMENTS = $(notdir $(patsubst %/,%,$(sort $(dir $(wildcard solutions/*/*.cells)))))
SUBMITTED   = $(sort $(notdir $(patsubst %/,%,$(wildcard submitted/*/*/))))

.PHONY: lab lecture test check release autograde feedback export bench lint clean-grading

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Students: JupyterLab on work/, a copy of notebooks/ that course updates never overwrite
## (new notebooks are added, edited ones kept), without nbgrader's instructor tools.
lab: $(STAMP)
	$(BIN)/python tools/lab.py student

## Lecturers: JupyterLab on lecture/, a working copy of the solution notebooks (solutions/ stays clean).
lecture: $(STAMP)
	$(BIN)/python tools/lab.py lecture

## The whole test suite: helper package, every solution notebook run once with its exercises'
## wrong and correct answers (tests/test_exercises.py), the grading pipeline. Two workers; a
## worker that runs out of tests steals from the other (the notebook tests take longest).
test: $(STAMP)
	$(BIN)/pytest -n 2 --dist worksteal

## Developers, before every commit (under a minute): lint, the builder's checks, the unit tests
## (everything but the tests marked `notebooks`, which start kernels or nbgrader).
check: lint $(STAMP)
	$(BIN)/python tools/cells.py --check
	$(BIN)/pytest -n 2 --dist worksteal -q -m "not notebooks" --ignore=tests/test_lint.py

## Instructors: rebuild solutions/*.ipynb from their .cells sources and regenerate notebooks/.
release: $(STAMP)
	$(BIN)/python tools/cells.py
	@for a in $(ASSIGNMENTS); do $(BIN)/nbgrader generate_assignment $$a --force --log-level=WARN || exit 1; done

## Instructors: grade everything in submitted/<student>/<assignment>/ into gradebook.db.
autograde: $(STAMP)
	@test -n "$(SUBMITTED)" || { echo "nothing in submitted/<student>/<assignment>/ to grade"; exit 1; }
	@failed=""; for a in $(SUBMITTED); do \
	  $(BIN)/nbgrader generate_assignment $$a --force --log-level=WARN && \
	  $(BIN)/nbgrader autograde $$a --log-level=WARN || failed="$$failed $$a"; done; \
	  test -z "$$failed" || { echo "Some submissions of:$$failed could not be graded (see the errors above;"; \
	    echo "the others were graded). Fix or remove them and run make autograde again."; exit 1; }

## Instructors: feedback HTML in feedback/<student>/<assignment>/ (hidden tests never shown).
feedback: $(STAMP)
	@failed=""; for a in $(SUBMITTED); do \
	  $(BIN)/nbgrader generate_feedback $$a --log-level=WARN || failed="$$failed $$a"; done; \
	  test -z "$$failed" || { echo "No feedback for some submissions of:$$failed (see above)."; exit 1; }

## Instructors: grades.csv from the gradebook.
export: $(STAMP)
	$(BIN)/nbgrader export

## Maintainers: time the helper MLP against PyTorch (optional extra, CPU build) and scikit-learn.
bench: $(STAMP)
	@test -f $(VENV)/.bench-installed || { $(BIN)/python -m pip install --quiet -e '.[dev,bench]' && touch $(VENV)/.bench-installed; }
	$(BIN)/python benchmarks/mlp_vs_torch.py

## Maintainers: lint the package, tests, tools and solution notebooks; type-check the package.
lint: $(STAMP)
	$(BIN)/ruff check helpers tests tools benchmarks solutions nbgrader_config.py conftest.py
	$(BIN)/mypy

## Remove nbgrader's grading folders and gradebook (asks nothing: they are not in git).
clean-grading:
	rm -rf autograded feedback gradebook.db .nbgrader.log nbgrader_solution
