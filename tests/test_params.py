"""Tuned numbers live in frozen parameter dataclasses, each field with its meaning and origin.

Read from the source (ast), so a new `*Params` class anywhere in the package is held to the
same rules, and a float threshold written back into the code of the parameterised packages
is caught.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import tokenize
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "aligner"

#: Code whose tuned numbers all live in parameter dataclasses: a float literal other than
#: 0.0 and 1.0 compared with or computed into a value there is a bare tuned number.
#: (aligner/align has its own params modules and is held to them by its owners.)
PARAMETERISED = [
    *sorted((PACKAGE / "checks").glob("*.py")),
    *sorted((PACKAGE / "readers").glob("*.py")),
    *sorted((PACKAGE / "text").glob("*.py")),
    PACKAGE / "model.py",
    PACKAGE / "amendments.py",
]


def _module(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)


def _params_classes() -> list[tuple[Path, ast.ClassDef]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [
            (path, node)
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef) and node.name.endswith("Params")
        ]
    return found


CLASSES = _params_classes()


def _comments(path: Path) -> dict[int, str]:
    """The comment on each line of a file, by line number."""
    with path.open("rb") as f:
        tokens = tokenize.tokenize(f.readline)
        return {t.start[0]: t.string for t in tokens if t.type == tokenize.COMMENT}


def _field_docs(path: Path, node: ast.ClassDef) -> dict[str, list[str]]:
    """Each field of a dataclass: the `#:` comment block above it, or its trailing comment."""
    comments = _comments(path)
    docs = {}
    for stmt in node.body:
        if not isinstance(stmt, ast.AnnAssign) or not isinstance(stmt.target, ast.Name):
            continue
        block, line = [], stmt.lineno - 1
        while line in comments and comments[line].startswith("#:"):
            block.insert(0, comments[line])
            line -= 1
        if not block and stmt.lineno in comments:
            block = [comments[stmt.lineno]]
        docs[stmt.target.id] = block
    return docs


def test_the_package_has_its_parameter_classes() -> None:
    names = {node.name for _, node in CLASSES}
    assert {"ParagraphParams", "ContentParams", "SentenceCheckParams", "NumberingParams"} <= names
    assert {"LangidParams", "FeatureParams", "SegmentParams", "LexiconParams"} <= names
    assert {"LayoutParams", "AssemblyParams", "ProseParams", "AmendmentParams"} <= names


@pytest.mark.parametrize(("path", "node"), CLASSES, ids=[node.name for _, node in CLASSES])
def test_params_are_frozen_dataclasses_with_defaults(path: Path, node: ast.ClassDef) -> None:
    cls = getattr(importlib.import_module(_module(path)), node.name)
    assert dataclasses.is_dataclass(cls)
    params = cls()  # every field has its default: one module-level instance is the setting
    field = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(params, field, getattr(params, field))


@pytest.mark.parametrize(("path", "node"), CLASSES, ids=[node.name for _, node in CLASSES])
def test_every_field_says_what_it_is_and_where_its_value_comes_from(
    path: Path, node: ast.ClassDef
) -> None:
    docs = _field_docs(path, node)
    assert docs, f"{node.name} has no fields"
    undocumented = [name for name, block in docs.items() if not block]
    assert not undocumented, f"{node.name}: fields without a comment: {undocumented}"
    without_origin = [
        name
        for name, block in docs.items()
        if block[0].startswith("#:") and not any("Origin:" in line for line in block)
    ]
    assert not without_origin, f"{node.name}: fields without an 'Origin:' line: {without_origin}"


def _bare_floats(source: str) -> list[tuple[int, float]]:
    """Float literals (but 0.0 and 1.0) compared with or computed into a value."""
    found = []
    for node in ast.walk(ast.parse(source)):
        operands: list[ast.expr] = []
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
        elif isinstance(node, ast.BinOp):
            operands = [node.left, node.right]
        elif isinstance(node, ast.AugAssign):
            operands = [node.value]
        for operand in operands:
            if isinstance(operand, ast.UnaryOp):
                operand = operand.operand
            if (
                isinstance(operand, ast.Constant)
                and type(operand.value) is float
                and operand.value not in (0.0, 1.0)
            ):
                found.append((operand.lineno, operand.value))
    return found


def test_bare_floats_are_found() -> None:
    assert _bare_floats("if share > 0.6:\n    x = 2 * 1.5\n") == [(1, 0.6), (2, 1.5)]
    assert _bare_floats("score += 0.5\nok = x >= 1.0 or y == 0.0\n") == [(1, 0.5)]
    assert _bare_floats("y = -0.25 * x\n") == [(1, 0.25)]


@pytest.mark.parametrize("path", PARAMETERISED, ids=[_module(p) for p in PARAMETERISED])
def test_no_bare_tuned_float_outside_the_parameters(path: Path) -> None:
    found = _bare_floats(path.read_text(encoding="utf-8"))
    assert not found, f"{_module(path)}: tuned numbers belong in its params dataclass: {found}"
