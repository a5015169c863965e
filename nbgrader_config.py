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

from tools.feedback import RedactHiddenTestLines, RedactTestTracebacks  # noqa: E402
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
    RedactHiddenTestLines,
    ClearHiddenTests,
    RedactTestTracebacks,
    CSSHTMLHeaderPreprocessor,
]

# The exchange (release_assignment -> fetch_assignment -> submit -> collect -> release_feedback ->
# fetch_feedback) needs a course id and a root on both sides; on one machine keep it inside the
# course (not in git). Students pass the same two (README, Instructors).
c.CourseDirectory.course_id = "dnn-course"
c.Exchange.root = str(COURSE / ".exchange")

# grades.csv with a status per row (graded, needs manual grading, failed to grade, not submitted).
c.ExportApp.plugin_class = "tools.grading.status.StatusExportPlugin"

# zip_collect from an LMS export (Moodle's "Download all submissions" naming; matched on the
# extracted file's path):
#   downloaded/<assignment>/archive/*.zip holding
#   "<student id>_<number>_assignsubmission_file_<notebook>.ipynb"
# e.g. "josé müller_4242_assignsubmission_file_01-neurons.ipynb" -> submitted/josé müller/01-neurons/
c.ZipCollectApp.collector_plugin = "nbgrader.plugins.zipcollect.FileNameCollectorPlugin"
c.FileNameCollectorPlugin.named_regexp = (
    r"^(?:.*/)?(?P<student_id>[^/]+?)_\d+_assignsubmission_file_(?P<file_id>[^/]+\.ipynb)$"
)
c.FileNameCollectorPlugin.valid_ext = [".ipynb"]
