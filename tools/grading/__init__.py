"""The course's grading code, run by nbgrader (see ``nbgrader_config.py``) and the Makefile.

Modules:
    sandbox    bubblewrap around the kernel that runs a submission (no course files, no network,
               memory and CPU caps), with a loud warning where bubblewrap cannot run
    execute    nbgrader's Execute, made robust: a dead, stuck or memory-hogging cell costs only
               its own exercise; output is capped; the notebook's time is bounded
    integrity  cheat detection: patched checkers or numpy, sandbox escapes, answers that call the
               course's reference implementation (``solutions/NN-topic/integrity.toml``)
    feedback   feedback that never shows hidden tests, whatever a submission prints
    status     grades with a status per row, and the per-exercise class report (HTML)
    kit        the student kit: release notebooks and helpers, nothing private
    workflow   the instructor commands behind ``make autograde`` and friends
"""
