"""nbgrader's configuration for the course (run nbgrader from this folder: `make release`, ...).

solutions/   nbgrader's source folder: solution notebooks with hidden tests (instructors only)
notebooks/   nbgrader's release folder: what students get (generated, never edited by hand)
submitted/, autograded/, feedback/   the grading folders nbgrader fills (not in git)
"""

import sys
from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearHiddenTests,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    SaveAutoGrades,
)

try:
    COURSE = Path(__file__).resolve().parent
except NameError:  # traitlets may exec the file without __file__
    COURSE = Path.cwd()
sys.path.insert(0, str(COURSE))

from tools.feedback import RedactTestTracebacks  # noqa: E402
from tools.grading.execute import RobustExecute  # noqa: E402
from tools.grading.integrity import IntegrityCheck  # noqa: E402

c = get_config()  # noqa: F821 - provided by traitlets when this file is loaded

c.CourseDirectory.root = str(COURSE)
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"
# nbgrader's generate_solution output: a name that cannot be confused with solutions/.
c.CourseDirectory.solution_directory = "nbgrader_solution"
# The .cells text sources and the integrity rules stay with the instructors.
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.cells", "integrity.toml",
]

# Every cell of a submission gets at most this long: an infinite loop scores 0, not a hang.
# RobustExecute (tools/grading/execute.py) runs the kernel in bubblewrap, kills a cell that
# ignores the interrupt, restarts a dead kernel and replays the cells before, caps output and
# the notebook's time; IntegrityCheck zeroes cheating exercises (tools/grading/integrity.py).
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True
c.RobustExecute.notebook_timeout = 600
c.SandboxedKernelManager.memory_mb = 4096
c.Autograde.autograde_preprocessors = [
    RobustExecute,
    IntegrityCheck,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]

# A student who deletes a test cell does not escape it: it is put back and graded.
c.OverwriteCells.add_missing_cells = True

# Feedback: hidden tests removed, and test tracebacks cut to their one-line message.
c.GenerateFeedback.preprocessors = [
    GetGrades,
    ClearHiddenTests,
    RedactTestTracebacks,
    CSSHTMLHeaderPreprocessor,
]

# No shared exchange on a laptop: keep nbgrader's exchange inside the course (not in git).
c.Exchange.root = str(COURSE / ".exchange")
