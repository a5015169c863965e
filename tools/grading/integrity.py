"""Cheat detection: an exercise earns nothing if its answer cheats, and the instructor is told why.

Two layers, both run by ``make autograde`` (``IntegrityCheck`` runs right after execution):

1. **Static** (this file, on the submitted code, outside the student's reach). Every cell the
   student wrote or changed is parsed (IPython magics translated first):
   - *tampering*: assigning to, deleting or ``setattr``-ing anything in ``helpers``, ``numpy``,
     ``builtins``, ``sys`` (a no-op checker, a lying ``np.allclose``), rebinding a module the tests
     use (``np = ...``), and the tools of a sandbox escape or a hidden-test leak: ``exec``,
     ``eval``, ``compile``, ``__import__``, ``globals``, ``vars``, ``get_ipython`` (apart from
     ``%time``/``%timeit``/``%matplotlib`` and shell lines), ``importlib``, ``ctypes``, ``gc``,
     ``inspect``, ``unittest.mock``, frame and code attributes (``__globals__``, ``f_back`` ...).
     Every test cell from the tampering cell on scores 0 (they all ran under the patch).
   - *calling the reference*: per answer id, ``solutions/NN-topic/integrity.toml`` names the
     helpers that implement that very exercise. The answer cell, and every function or value of
     the submission it uses (transitively), must not reach one of them, under any alias
     (``ref.relu``, ``helpers.relu``, ``from helpers.activations import relu as r``); a listed
     method (``helpers.mlp.MLP.loss_and_grads``) is matched by name. Only that exercise scores 0.
     Calling helpers the exercise builds *on* is never flagged.
2. **At run time** (code sent by :mod:`tools.grading.execute` after every cell): the functions of
   ``helpers``, ``numpy``, ``numpy.testing`` and ``builtins`` must still be the ones loaded before
   the submission ran, defined in the installed files, and the checkers must still reject a
   wrong value. This catches patches hidden from the static layer.

Findings go to ``.grading/integrity/<assignment>/<student>.json``; ``make autograde`` gathers them
into ``integrity.csv``. Hard-coded values are left to the hidden tests.
"""

from __future__ import annotations

import ast
import functools
import importlib
import json
import textwrap
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

COURSE = Path(__file__).resolve().parents[2]
RESULT_NAME = "__import__('sys').modules['_grading_canary'].check()"
ENAME = "IntegrityError"

PROTECTED_ROOTS = {"helpers", "numpy", "builtins", "sys", "IPython", "nbgrader", "math", "operator"}
DYNAMIC_NAMES = {"exec", "eval", "compile", "__import__", "globals", "vars", "breakpoint",
                 "__builtins__", "get_ipython", "__loader__", "__spec__"}
DYNAMIC_MODULES = {"importlib", "ctypes", "gc", "inspect", "builtins", "linecache", "IPython",
                   "unittest.mock", "mock", "code", "codeop", "marshal", "_ctypes", "sys.modules"}
DANGEROUS_ATTRS = {"__globals__", "__code__", "__builtins__", "__subclasses__", "__dict__", "__closure__",
                   "__import__", "__loader__", "__spec__", "f_back", "f_globals", "f_locals", "f_builtins",
                   "f_code", "gi_frame", "cr_frame", "tb_frame", "tb_next", "__setattr__", "__delattr__",
                   "modules", "settrace", "setprofile", "_getframe", "meta_path", "path_hooks",
                   "displayhook", "excepthook", "FunctionType", "CodeType"}
GENERIC_METHODS = {"backward", "forward", "fit", "step", "predict", "__call__"}
SAFE_MAGICS = {"time", "timeit", "matplotlib"}
SAFE_IPYTHON_CALLS = {"system", "getoutput"}


@dataclass
class Finding:
    """One integrity problem: which cell, which test cell loses its points, and why."""

    cell: int
    kind: str  # "tampering" (this and every later test cell) or "reference" (one exercise)
    reason: str
    answer: str | None = None  # the answer id, for "reference"


# --------------------------------------------------------------------------- static layer
def python_source(cell_source: str) -> str:
    """The cell as plain Python (IPython's magics and shell lines translated)."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        return TransformerManager().transform_cell(cell_source)
    except Exception:  # noqa: BLE001 - a cell IPython cannot read is parsed as it is
        return cell_source


@functools.lru_cache(maxsize=8192)
def parse(cell_source: str) -> ast.Module | None:
    """The cell's syntax tree (cached: treat it as read-only), None if it is not Python."""
    try:
        return ast.parse(python_source(cell_source))
    except (SyntaxError, ValueError):
        return None


def load_forbidden(assignment_dir: Path) -> dict[str, list[str]]:
    """``{answer id: [dotted names]}`` from ``integrity.toml`` (empty if there is none)."""
    path = assignment_dir / "integrity.toml"
    if not path.exists():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {str(k): [str(n) for n in v] for k, v in data.get("forbidden", {}).items()}


_MISSING = object()


@functools.lru_cache(maxsize=8192)
def resolve(dotted: str) -> Any:
    """The object a dotted name of ``helpers`` stands for (``_MISSING`` if none)."""
    if not dotted.startswith("helpers"):
        return _MISSING
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        found: Any = obj
        for name in parts[cut:]:
            found = getattr(found, name, _MISSING)
            if found is _MISSING:
                return _MISSING
        return found
    return _MISSING


def dotted_name(node: ast.AST, aliases: dict[str, str],
                local: frozenset[str] | set[str] = frozenset()) -> str | None:
    """``ref.relu`` -> ``helpers.activations.relu`` through the notebook's imports."""
    if isinstance(node, ast.Name):
        if node.id in local:
            return None
        return aliases.get(node.id, node.id)
    if isinstance(node, ast.Attribute):
        base = dotted_name(node.value, aliases, local)
        return f"{base}.{node.attr}" if base else None
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr"
            and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)):
        base = dotted_name(node.args[0], aliases, local)
        return f"{base}.{node.args[1].value}" if base else None
    return None


def import_aliases(tree: ast.AST) -> dict[str, str]:
    """Names bound by the imports anywhere in ``tree``: ``{name: dotted}``."""
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    found[alias.asname] = alias.name
                else:
                    root = alias.name.split(".")[0]
                    found[root] = root
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                if alias.name == "*":
                    module = resolve(node.module)
                    for name in getattr(module, "__all__", None) or [n for n in dir(module) if n[0] != "_"]:
                        found[name] = f"{node.module}.{name}"
                else:
                    found[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return found


def _module_level_stores(tree: ast.Module) -> Iterator[tuple[str, ast.AST]]:
    """Names bound at module level (not inside functions or classes) and the statement binding them."""
    def visit(stmts: Iterable[ast.stmt]) -> Iterator[tuple[str, ast.AST]]:
        for stmt in stmts:
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                yield stmt.name, stmt
                continue
            if isinstance(stmt, ast.Import | ast.ImportFrom):
                for alias in stmt.names:
                    yield (alias.asname or alias.name.split(".")[0]), stmt
                continue
            for node in ast.walk(stmt):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    yield node.id, stmt
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
                    break
            for field in ("body", "orelse", "finalbody", "handlers"):
                inner = getattr(stmt, field, None)
                if isinstance(inner, list):
                    yield from visit(inner)

    yield from visit(tree.body)


def _walk_scope(tree: ast.AST) -> Iterator[ast.AST]:
    """Like ``ast.walk``, but yields nested functions without going into their bodies."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        if node is not tree and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            todo.extend(node.decorator_list if not isinstance(node, ast.Lambda) else [])
            continue
        todo.extend(ast.iter_child_nodes(node))


def _locals_of(fn: ast.AST) -> set[str]:
    names: set[str] = set()
    if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
        args = fn.args
        for a in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
            if a is not None:
                names.add(a.arg)
        for node in ast.walk(fn):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return names


def tampering(tree: ast.Module, aliases: dict[str, str], course_modules: dict[str, str]) -> list[str]:
    """Why this student cell tampers with the grading (empty: it does not)."""
    reasons: list[str] = []
    allowed_names: set[int] = set()
    for node in ast.walk(tree):  # get_ipython().run_line_magic('timeit', ...) and shell lines are fine
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Call) and isinstance(node.func.value.func, ast.Name)
                and node.func.value.func.id == "get_ipython"):
            method = node.func.attr
            first = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
            if method in SAFE_IPYTHON_CALLS or (method in {"run_line_magic", "run_cell_magic"}
                                               and first in SAFE_MAGICS):
                allowed_names.add(id(node.func.value.func))

    def protected(target: ast.AST) -> str | None:
        name = dotted_name(target, aliases)
        if name and name.split(".")[0] in PROTECTED_ROOTS:
            return name
        return None

    for node in ast.walk(tree):
        targets: list[ast.AST] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = list(node.targets)
        while targets:
            part = targets.pop()
            if isinstance(part, ast.Tuple | ast.List):
                targets += part.elts
            elif isinstance(part, ast.Starred):
                targets.append(part.value)
            elif isinstance(part, ast.Attribute | ast.Subscript):
                name = protected(part.value)
                if name:
                    what = f"{name}.{part.attr}" if isinstance(part, ast.Attribute) else f"{name}[...]"
                    reasons.append(f"replaces {what}")
                targets.append(part.value)
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in {"setattr", "delattr"}):
            name = protected(node.args[0]) if node.args else None
            reasons.append(f"calls {node.func.id} on {name or 'an object'}" if name else "")
        if isinstance(node, ast.Name) and node.id in DYNAMIC_NAMES and id(node) not in allowed_names:
            reasons.append(f"uses {node.id}, which the grader cannot check")
        if isinstance(node, ast.Attribute) and node.attr in DANGEROUS_ATTRS:
            base = dotted_name(node.value, aliases) or ""
            if node.attr in {"modules", "settrace", "setprofile", "_getframe", "meta_path", "path_hooks",
                             "displayhook", "excepthook"} and base != "sys":
                continue
            if node.attr in {"FunctionType", "CodeType"} and base != "types":
                continue
            reasons.append(f"uses .{node.attr}, which the grader cannot check")
        if isinstance(node, ast.Import | ast.ImportFrom):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            if isinstance(node, ast.ImportFrom):
                modules += [f"{node.module}.{a.name}" for a in node.names]
            for module in modules:
                if module in DYNAMIC_MODULES or module.split(".")[0] in DYNAMIC_MODULES - {"sys.modules"}:
                    reasons.append(f"imports {module}, which the grader cannot check")
    for name, stmt in _module_level_stores(tree):
        if name in course_modules:
            same = isinstance(stmt, ast.Import | ast.ImportFrom) and import_aliases(stmt).get(name)
            if same == course_modules[name]:
                continue
            reasons.append(f"rebinds `{name}`, which the course's cells and tests use")
    return sorted({r for r in reasons if r})


@functools.lru_cache(maxsize=8192)
def _aliases_cached(source: str) -> tuple[tuple[str, str], ...]:
    tree = parse(source)
    return tuple(import_aliases(tree).items()) if tree else ()


@functools.lru_cache(maxsize=8192)
def _stores_cached(source: str) -> tuple[tuple[str, ast.AST], ...]:
    tree = parse(source)
    return tuple(_module_level_stores(tree)) if tree else ()


@functools.lru_cache(maxsize=8192)
def _tampering_cached(source: str, aliases: tuple, course_modules: tuple) -> tuple[str, ...]:
    tree = parse(source)
    return tuple(tampering(tree, dict(aliases), dict(course_modules))) if tree else ()


def reference_calls(answer_tree: ast.Module, forbidden: list[str], aliases: dict[str, str],
                    definitions: dict[str, list[ast.AST]]) -> list[str]:
    """Which of the ``forbidden`` helpers the answer reaches (through the submission's own code)."""
    targets: dict[int, str] = {}
    methods: dict[str, tuple[str, Any]] = {}  # method name -> (its dotted name, the owning class)
    for name in forbidden:
        obj = resolve(name)
        if obj is _MISSING:
            continue
        targets[id(obj)] = name
        qualname = getattr(obj, "__qualname__", "")
        if "." in qualname and "<" not in qualname:
            methods[qualname.rsplit(".", 1)[1]] = (name, resolve(name.rsplit(".", 1)[0]))
    owners = {id(owner) for _, owner in methods.values()}
    method_hits: set[str] = set()
    owner_seen = False
    found: set[str] = set()
    seen: set[int] = set()
    todo: list[tuple[ast.AST, frozenset[str]]] = [(answer_tree, frozenset())]
    while todo:
        tree, local = todo.pop()
        if id(tree) in seen:
            continue
        seen.add(id(tree))
        for node in _walk_scope(tree):
            scope = local
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) and node is not tree:
                todo.append((node, frozenset(local | _locals_of(node))))
                continue
            if isinstance(node, ast.Attribute) and node.attr in methods:
                method_hits.add(node.attr)
            if isinstance(node, ast.ImportFrom) and node.module:
                for name in import_aliases(node).values():
                    obj = resolve(name)
                    if id(obj) in targets:
                        found.add(targets[id(obj)])
            if isinstance(node, ast.Name | ast.Attribute | ast.Call):
                dotted = dotted_name(node, aliases, scope)
                if dotted:
                    obj = resolve(dotted)
                    if obj is not _MISSING and id(obj) in targets:
                        found.add(targets[id(obj)])
                    if obj is not _MISSING and id(obj) in owners:
                        owner_seen = True
                    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in scope:
                        for definition in definitions.get(node.id, []):
                            todo.append((definition, frozenset(_locals_of(definition))))
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr"
                    and len(node.args) >= 2 and not isinstance(node.args[1], ast.Constant)):
                base = dotted_name(node.args[0], aliases, scope) or ""
                if base.startswith("helpers"):
                    found.add(f"a name of {base} looked up at run time")
    for method in method_hits:
        # a distinctive method name is enough; a generic one (.backward) needs its class in sight
        if method not in GENERIC_METHODS or owner_seen:
            found.add(methods[method][0])
    return sorted(found)


def analyse(cells: list[NotebookNode], course_sources: frozenset[str] | set[str],
            forbidden: dict[str, list[str]]) -> list[Finding]:
    """The static findings on a submission's ``cells`` (``course_sources``: the course's own code)."""
    trees: list[tuple[int, ast.Module, bool]] = []
    aliases: dict[str, str] = {}
    course_modules: dict[str, str] = {}
    for index, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        tree = parse(cell.source)
        if tree is None:
            continue
        is_course = cell.source.strip() in course_sources or (utils.is_grade(cell) and utils.is_locked(cell))
        found = dict(_aliases_cached(cell.source))
        aliases.update(found)
        if is_course:  # the modules the course's cells bind (np, plt, ref, ...): not to be rebound
            for node in ast.walk(tree):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    for name, dotted in import_aliases(node).items():
                        if isinstance(node, ast.Import) or isinstance(resolve(dotted), ModuleType):
                            course_modules.setdefault(name, dotted)
        trees.append((index, tree, is_course))
    definitions: dict[str, list[ast.AST]] = {}
    for index, _, _ in trees:
        for name, stmt in _stores_cached(cells[index].source):
            if not isinstance(stmt, ast.Import | ast.ImportFrom):
                definitions.setdefault(name, []).append(stmt)
    findings: list[Finding] = []
    for index, tree, is_course in trees:
        if is_course:
            continue
        for reason in _tampering_cached(cells[index].source, tuple(sorted(aliases.items())),
                                        tuple(sorted(course_modules.items()))):
            findings.append(Finding(index, "tampering", f"cell {index} {reason}"))
        answer = grade_id(cells[index]) if utils.is_solution(cells[index]) else None
        if answer and answer in forbidden:
            for name in reference_calls(tree, forbidden[answer], aliases, definitions):
                findings.append(Finding(index, "reference", f"answer `{answer}` calls {name}, the course's "
                                        "reference implementation of this exercise", answer))
    return findings


@functools.lru_cache(maxsize=64)
def course_sources(assignment_dir: Path, notebook: str) -> frozenset[str]:
    """The stripped sources of the course's own code cells (not answers) of a notebook."""
    import nbformat

    sources: set[str] = set()
    for folder, strip in ((assignment_dir, False), (COURSE / "notebooks" / assignment_dir.name, False)):
        path = folder / f"{notebook}.ipynb"
        if not path.exists():
            continue
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and not utils.is_solution(cell) and not strip:
                sources.add(cell.source.strip())
    return frozenset(sources)


# --------------------------------------------------------------------------- run-time layer
_CANARY_SOURCE = r'''
import sys, types, builtins
def _setup():
    import importlib
    for name in ("helpers", "helpers.checks", "helpers.activations", "numpy", "numpy.testing"):
        try:
            importlib.import_module(name)
        except Exception:
            pass
    mod = types.ModuleType("_grading_canary")
    prefixes = tuple({sys.prefix, sys.base_prefix, sys.exec_prefix,
                      __import__("os").path.dirname(__import__("os").path.dirname(
                          sys.modules["helpers"].__file__)) if "helpers" in sys.modules else sys.prefix})
    watched = ("numpy", "numpy.testing", "numpy._core.numeric", "numpy.testing._private.utils", "builtins")
    def names():
        for name in list(sys.modules):
            if name == "helpers" or name.startswith("helpers.") or name in watched:
                yield name
    _SWAPPED = {"input", "raw_input", "getpass", "display", "get_ipython", "exit", "quit", "help",
                "_", "__", "___", "copyright", "credits", "license"}
    snapshot = {}
    for name in names():
        for attr, value in list(vars(sys.modules[name]).items()):
            if callable(value):
                snapshot[(name, attr)] = value
    def check():
        problems = []
        for name in list(names()):
            module = sys.modules.get(name)
            for attr, value in list(vars(module).items()):
                if name == "builtins" and attr in _SWAPPED:
                    continue
                old = snapshot.get((name, attr))
                if old is not None and old is not value:
                    problems.append(f"{name}.{attr} was replaced")
                elif old is None and isinstance(value, types.FunctionType):
                    if not value.__code__.co_filename.startswith(prefixes):
                        problems.append(f"{name}.{attr} is the submission's own code")
        try:
            from helpers.checks import check_close, check_equal, check_true
            for fn, args in ((check_close, (0.25, 0.75)), (check_equal, (1, 2)), (check_true, (False, "x"))):
                try:
                    fn(*args)
                    problems.append(f"helpers.checks.{fn.__name__} accepts a wrong value")
                except AssertionError:
                    pass
        except Exception as err:
            problems.append(f"the checkers fail ({type(err).__name__})")
        try:
            import numpy as np
            if bool(np.allclose(0.0, 1.0)) or bool(np.array_equal([1], [2])) or bool(np.isclose(0.0, 1.0)):
                problems.append("numpy's comparisons accept wrong values")
            try:
                np.testing.assert_allclose(0.0, 1.0)
                problems.append("numpy.testing.assert_allclose accepts a wrong value")
            except AssertionError:
                pass
        except Exception as err:
            problems.append(f"numpy's comparisons fail ({type(err).__name__})")
        return sorted(set(problems))
    mod.check = check
    sys.modules["_grading_canary"] = mod
if "_grading_canary" not in sys.modules:
    _setup()
del _setup
'''


def canary_setup() -> str:
    """Kernel code, run before the submission: remember the checkers and comparisons."""
    return textwrap.dedent(_CANARY_SOURCE)


def canary_check() -> str:
    """Kernel code run after each cell (its result comes back as a user expression)."""
    return "pass"


def canary_problem(reply: dict | None) -> str | None:
    """The tampering the run-time check found, from its reply (None: all is well)."""
    if reply is None:
        return None  # the kernel did not answer in time (it is busy or dead): nothing to conclude
    result = reply.get("user_expressions", {}).get("result", {})
    if result.get("status") != "ok":
        return "the grader's integrity check could not run (something in the kernel was replaced)"
    text = result.get("data", {}).get("text/plain", "[]")
    if text.strip() in {"[]", ""}:
        return None
    return f"tampering seen at run time: {text[:300]}"


# --------------------------------------------------------------------------- preprocessor
class IntegrityCheck(NbGraderPreprocessor):
    """Zero the test cells of cheating exercises and record why (after execution, before scoring)."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        info = resources.get("nbgrader", {})
        assignment, student = info.get("assignment", "unknown"), info.get("student", "unknown")
        notebook = info.get("notebook", "")
        assignment_dir = COURSE / "solutions" / assignment
        findings = analyse(nb.cells, course_sources(assignment_dir, notebook), load_forbidden(assignment_dir))
        for index, reason in resources.get("grading", {}).get("tampered", []):
            findings.append(Finding(index, "tampering", f"after cell {index}: {reason}"))
        stopped = resources.get("grading", {}).get("stopped", [])
        zeroed = apply(nb.cells, findings)
        record(assignment, student, notebook, findings, zeroed, stopped)
        return nb, resources


def grade_id(cell: NotebookNode) -> str | None:
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def test_cell_of(cells: list[NotebookNode], answer: str) -> int | None:
    for index, cell in enumerate(cells):
        if utils.is_grade(cell) and grade_id(cell) == f"{answer}-tests":
            return index
    return None


def apply(cells: list[NotebookNode], findings: list[Finding]) -> dict[str, list[str]]:
    """Give an error output (so 0 points) to every test cell a finding covers: ``{grade id: reasons}``."""
    zeroed: dict[str, list[str]] = {}
    for finding in findings:
        if finding.kind == "reference" and finding.answer:
            index = test_cell_of(cells, finding.answer)
            covered = [index] if index is not None else []
        else:
            covered = [i for i, c in enumerate(cells) if i >= finding.cell and utils.is_grade(c)
                       and c.cell_type == "code"]
        for index in covered:
            zeroed.setdefault(grade_id(cells[index]) or f"cell {index}", []).append(finding.reason)
    for cell in cells:
        gid = grade_id(cell) if utils.is_grade(cell) else None
        if gid in zeroed:
            text = "This exercise scores 0 (integrity): " + "; ".join(sorted(set(zeroed[gid])))
            cell.setdefault("outputs", []).append(NotebookNode(
                output_type="error", ename=ENAME, evalue=text, traceback=[f"{ENAME}: {text}"]))
    return zeroed


def record(assignment: str, student: str, notebook: str, findings: list[Finding],
           zeroed: dict[str, list[str]], stopped: list) -> None:
    """Write this submission's findings (overwritten when it is graded again)."""
    folder = COURSE / ".grading" / "integrity" / assignment
    folder.mkdir(parents=True, exist_ok=True)
    data = {"assignment": assignment, "student": student, "notebook": notebook,
            "findings": [asdict(f) for f in findings], "zeroed": zeroed,
            "stopped": [list(s) for s in stopped]}
    from tools.grading.status import safe_name

    path = folder / f"{safe_name(student)}--{safe_name(notebook)}.json"
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
