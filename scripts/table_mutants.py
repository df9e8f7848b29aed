"""Mutants of a module's tables: each entry of each module-level dict, tuple, list or set changed, removed, and
one entry added, for ``scripts/mutation.py --tables``.

mutmut mutates only the code inside functions (a module's top-level statements are copied as they are), so a
table of number words or export columns is never mutated by it. A table here is a module-level assignment whose
value is a literal collection, ``frozenset("a b c".split())``, ``frozenset({...})``, a comprehension over a
literal tuple of rows, or ``A | frozenset(...)`` (the literal part). Each mutant is the module's source with
that one statement rewritten (ast.unparse: its comments and layout go, its meaning changes only as named).
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Iterator
from typing import NamedTuple


class Mutant(NamedTuple):
    table: str
    what: str  # "change 'seven'", "remove 'seven'", "add"
    source: str  # the whole module, mutated


def tables(source: str) -> dict[str, ast.Assign | ast.AnnAssign]:
    """The module's tables by name, each with its statement."""
    found: dict[str, ast.Assign | ast.AnnAssign] = {}
    for node in ast.parse(source).body:
        if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
            continue
        name = ast.unparse(node.targets[0] if isinstance(node, ast.Assign) else node.target)
        if name != "__all__" and _literal(node.value) is not None:
            found[name] = node
    return found


def mutants(source: str) -> Iterator[Mutant]:
    """Every table mutant of the module ``source``."""
    lines = source.splitlines(keepends=True)
    for name, node in tables(source).items():
        assert node.value is not None
        for what, mutate in _edits(_literal(copy.deepcopy(node.value))):  # type: ignore[arg-type]
            mutated = copy.deepcopy(node)
            table = _literal(mutated.value)
            assert table is not None
            mutate(table)
            ast.fix_missing_locations(mutated)
            text = "".join(lines[: node.lineno - 1]) + ast.unparse(mutated) + "\n" + "".join(lines[node.end_lineno :])
            yield Mutant(name, what, text)


def _literal(value: ast.expr) -> ast.expr | None:
    """The literal collection that a table's value is made of, or None for a value that is no table."""
    if isinstance(value, ast.Dict):
        return value if value.keys else None
    if isinstance(value, ast.Tuple | ast.List | ast.Set):
        return value if value.elts else None
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in _COLLECTIONS:
        arg = value.args[0] if value.args else None
        if _split_words(arg):
            return arg
        return _literal(arg) if arg is not None else None
    if isinstance(value, ast.DictComp | ast.SetComp | ast.ListComp | ast.GeneratorExp):
        return _literal(value.generators[0].iter)
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.BitOr):
        return _literal(value.right) or _literal(value.left)
    return None


_COLLECTIONS = {"frozenset", "set", "tuple", "dict", "list", "enumerate"}


def _split_words(node: ast.expr | None) -> bool:
    """``"a b c".split()``."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "split"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
        and not node.args
    )


def _edits(table: ast.expr) -> Iterator[tuple[str, object]]:
    """(description, a function that makes that change to a copy of ``table``) for each mutant of it."""
    if isinstance(table, ast.Call):  # "a b c".split()
        words = table.func.value.value.split()  # type: ignore[attr-defined]

        def words_edit(i: int, kind: str):  # type: ignore[no-untyped-def]
            def edit(node: ast.Call) -> None:
                new = list(words)
                if kind == "change":
                    new[i] += "x"
                elif kind == "remove":
                    del new[i]
                else:
                    new.append("mutantword")
                node.func.value.value = " ".join(new)  # type: ignore[attr-defined]

            return edit

        for i, word in enumerate(words):
            yield f"change {word!r}", words_edit(i, "change")
            yield f"remove {word!r}", words_edit(i, "remove")
        yield "add", words_edit(0, "add")
        return
    entries = table.keys if isinstance(table, ast.Dict) else table.elts  # type: ignore[attr-defined]
    for i in range(len(entries)):
        label = _label(table, i)
        if label is None:
            continue
        yield f"change {label}", _entry_edit(i, "change")
        yield f"remove {label}", _entry_edit(i, "remove")
    if any(_label(table, i) is not None for i in range(len(entries))):
        yield "add", _entry_edit(0, "add")


def _label(table: ast.expr, i: int) -> str | None:
    """How entry ``i`` is named in a report; None for what is no entry of its own (``**OTHER`` in a dict)."""
    if isinstance(table, ast.Dict):
        key = table.keys[i]
        return None if key is None else ast.unparse(key)
    elt = table.elts[i]  # type: ignore[attr-defined]
    if isinstance(elt, ast.Starred):
        return None
    text = ast.unparse(elt)
    return text if len(text) <= 40 else text[:37] + "..."


def _entry_edit(i: int, kind: str):  # type: ignore[no-untyped-def]
    def edit(table: ast.expr) -> None:
        if isinstance(table, ast.Dict):
            if kind == "remove":
                del table.keys[i], table.values[i]
            elif kind == "change":
                if not _change_first_constant(table.values[i]):
                    _change_first_constant(table.keys[i])  # type: ignore[arg-type]
            else:
                table.keys.append(ast.Constant("mutant-key"))
                table.values.append(copy.deepcopy(table.values[0]))
            return
        elts = table.elts  # type: ignore[attr-defined]
        if kind == "remove":
            del elts[i]
        elif kind == "change":
            _change_first_constant(elts[i])
        else:
            added = copy.deepcopy(elts[0])
            _change_first_constant(added)
            elts.append(added)

    return edit


def _change_first_constant(node: ast.expr) -> bool:
    """Change the first constant in ``node`` (a number +1, a text with an 'x' after, a truth value flipped)."""
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and child.value is not None:
            value = child.value
            if isinstance(value, bool):
                child.value = not value
            elif isinstance(value, int | float):
                child.value = value + 1
            elif isinstance(value, str):
                child.value = value + "x"
            else:
                continue
            return True
    return False
