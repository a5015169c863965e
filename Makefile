# The course's commands. Students: `make lab`. Everyone: `make test`. Instructors: release,
# autograde, feedback. Every target sets up .venv first if it is missing or out of date.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PATH := $(abspath $(BIN)):$(PATH)

ASSIGNMENTS = $(notdir $(patsubst %/,%,$(sort $(dir $(wildcard solutions/*/*.cells)))))
JOBS       ?= 2

.PHONY: lab lecture test check release autograde feedback export bench lint clean-grading reset-gradebook \
	class-report integrity-report student-kit zip-collect formgrader release-assignment collect release-feedback hub

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
	$(BIN)/pytest -n 2 --dist worksteal --durations=25

## Developers, before every commit (under a minute): lint, the builder's checks, the unit tests
## (everything but the tests marked `notebooks`, which start kernels or nbgrader).
check: lint $(STAMP)
	$(BIN)/python tools/cells.py --check
	$(BIN)/python tools/study_time.py --check --quiet
	$(BIN)/pytest -n 2 --dist worksteal -q -m "not notebooks" --ignore=tests/test_lint.py

## Instructors: rebuild solutions/*.ipynb from their .cells sources and regenerate notebooks/
## (each introduction's **Time:** line is recounted first: tools/study_time.py).
release: $(STAMP)
	$(BIN)/python tools/study_time.py --write --quiet
	$(BIN)/python tools/cells.py
	@for a in $(ASSIGNMENTS); do $(BIN)/nbgrader generate_assignment $$a --force --log-level=WARN || exit 1; done

## Instructors: grade what is new or changed in submitted/<student>/<assignment>/ into gradebook.db,
## sandboxed (tools/grading/), $(JOBS) workers; integrity.csv lists exercises scored 0 for cheating.
autograde: $(STAMP)
	$(BIN)/python -m tools.grading.workflow autograde -j $(JOBS)

## Instructors: feedback HTML in feedback/<student>/<assignment>/ (hidden tests never shown),
## rewritten every time, so manual grades appear.
feedback: $(STAMP)
	$(BIN)/python -m tools.grading.workflow feedback

## Instructors: grades.csv from the gradebook, with a status and its reason per row.
export: $(STAMP)
	$(BIN)/nbgrader export --log-level=WARN

## Instructors: reports/class-report.html: the most failed exercises, their commonest message, scores.
class-report: $(STAMP)
	$(BIN)/python -m tools.grading.workflow report

## Instructors: the exercises scored 0 for cheating, with the reason (written by make autograde).
integrity-report:
	@cat integrity.csv 2>/dev/null || echo "no integrity.csv yet: run make autograde"

## Instructors: what a graded class receives (release notebooks, helpers, environment): build/student-kit/.
student-kit: $(STAMP)
	$(BIN)/python -m tools.grading.workflow student-kit build/student-kit

## Instructors: the exchange on one machine (course id and root in nbgrader_config.py).
release-assignment: $(STAMP)
	$(BIN)/nbgrader release_assignment $(ASSIGNMENT) --force
collect: $(STAMP)
	$(BIN)/nbgrader collect $(ASSIGNMENT) --update
release-feedback: $(STAMP)
	$(BIN)/nbgrader release_feedback $(ASSIGNMENT)

## Instructors: submissions from an LMS zip (downloaded/$(ASSIGNMENT)/archive/*.zip, Moodle names).
zip-collect: $(STAMP)
	$(BIN)/nbgrader zip_collect $(ASSIGNMENT) --force

## Instructors: the formgrader (written answers) on http://127.0.0.1:8899/formgrader
formgrader: $(STAMP)
	$(BIN)/jupyter server --ServerApp.ip=127.0.0.1 --ServerApp.port=8899 --no-browser \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

## Maintainers: time the helper MLP against PyTorch (optional extra, CPU build) and scikit-learn.
bench: $(STAMP)
	@test -f $(VENV)/.bench-installed || { $(BIN)/python -m pip install --quiet -e '.[dev,bench]' && touch $(VENV)/.bench-installed; }
	$(BIN)/python benchmarks/mlp_vs_torch.py
	$(BIN)/python benchmarks/regularization_vs_torch.py

## Maintainers: every helpers.optim optimizer against torch.optim's counterpart (same set-up as bench).
.PHONY: bench-optimizers
bench-optimizers: $(STAMP)
	@test -f $(VENV)/.bench-installed || { $(BIN)/python -m pip install --quiet -e '.[dev,bench]' && touch $(VENV)/.bench-installed; }
	$(BIN)/python benchmarks/mlp_vs_torch.py --optimizers all

## Maintainers: lint the package, tests, tools and solution notebooks; type-check the package.
lint: $(STAMP)
	$(BIN)/ruff check helpers tests tools benchmarks solutions hub nbgrader_config.py conftest.py
	$(BIN)/mypy

## Instructors: remove autograded/, feedback/ and the grading state; gradebook.db (manual grades) stays.
clean-grading:
	$(BIN)/python -m tools.grading.workflow reset

## Instructors: also delete gradebook.db; asks first when it holds manual grades (CONFIRM=yes: no question).
reset-gradebook:
	$(BIN)/python -m tools.grading.workflow reset --gradebook $(if $(filter yes,$(CONFIRM)),--yes)

## Instructors: a JupyterHub for the class on this machine (run as root; hub/README.md).
## Creates the accounts, the course environment, the exchange and the instructor's course copy,
## then serves on http://$(HUB_IP):$(HUB_PORT) (loopback unless HUB_IP says otherwise).
HUB_ROOT       ?= /srv/dnn-course
HUB_ENV        ?= $(HUB_ROOT)/env
HUB_IP         ?= 127.0.0.1
HUB_PORT       ?= 8000
HUB_INSTRUCTOR ?= instructor
HUB_STUDENTS   ?=
hub: $(STAMP)
	$(BIN)/python hub/classroom.py setup --root $(HUB_ROOT) --env $(HUB_ENV) --ip $(HUB_IP) --port $(HUB_PORT) \
	  --instructor $(HUB_INSTRUCTOR) --students $(HUB_STUDENTS)
	$(BIN)/python hub/classroom.py start --root $(HUB_ROOT)
