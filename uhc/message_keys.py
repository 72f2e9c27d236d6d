"""The message keys the code uses, read from its syntax tree: the Babel extraction method of babel.cfg.

``make catalogs`` (pybabel extract) and tests/test_catalogs.py run it over uhc/, pages/ and
dashboard.py. A message key is a string literal that is

- the first argument of ``i18n.text``, ``i18n.template`` or ``N_`` (``i18n.N_``: a key kept in a
  dict, a tuple or a field is marked with it), or the argument of a callable that babel.cfg lists
  in ``key_callables`` (``BoundaryError("geo_no_file")``; ``Segment:2``, its second argument);
- the first argument of ``i18n.plural`` or ``N_plural``: a message with plural forms;
- the value of a keyword argument babel.cfg lists in ``key_keywords`` or ``plural_key_keywords``
  (``heading_key="col_coverage"``), or the values of a dict given there: the registry of figures
  (uhc/figures.py) imports nothing of the project, so its keys are found by their keywords;
- a branch of a conditional expression in those places (``"a" if x else "b"``).

A name or an expression there (``i18n.text(label_key, ...)``) is passed over: its key is a literal
found elsewhere. A key built from pieces (an f-string, ``+``, ``%``, ``.format``) is refused with
its file and line, as no extraction can see the messages it stands for: map the value to a literal
key with a dict instead.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO


def N_(key: str) -> str:
    """``key`` itself: marks a message key kept for later (in a dict, a tuple, a field); gettext's ``N_``.

    Extraction finds message keys where they are used (``i18n.text``, ``i18n.plural``,
    ``i18n.template``) and where they are marked with ``N_``, so ``make catalogs`` sees every one.
    """
    return key


def N_plural(key: str) -> str:
    """``key`` itself: marks the key of a message with plural forms kept for later, like :func:`N_`."""
    return key


class BuiltKey(ValueError):
    """A message key made of pieces where a literal key belongs."""


@dataclass(frozen=True)
class Rules:
    """Where message keys are written: callables and the argument that is one, keyword arguments.

    singular, plural:  (callable, 1-based position of the key argument)
    keywords:          keyword arguments (of any call) that hold a key, or a dict whose values are keys
    plural_keywords:   the same, for messages with plural forms
    """

    singular: tuple[tuple[str, int], ...] = (("i18n.text", 1), ("i18n.template", 1), ("N_", 1))
    plural: tuple[tuple[str, int], ...] = (("i18n.plural", 1), ("N_plural", 1))
    keywords: frozenset[str] = frozenset()
    plural_keywords: frozenset[str] = frozenset()


def rules(options: Mapping[str, str]) -> Rules:
    """The default rules plus babel.cfg's: ``key_callables`` (``name`` or ``name:position``, spaces
    between), ``plural_key_callables``, ``key_keywords`` and ``plural_key_keywords``."""

    def callables(option: str) -> tuple[tuple[str, int], ...]:
        specs = [spec.partition(":") for spec in options.get(option, "").split()]
        return tuple((name, int(position or 1)) for name, _, position in specs)

    default = Rules()
    return Rules(
        default.singular + callables("key_callables"),
        default.plural + callables("plural_key_callables"),
        frozenset(options.get("key_keywords", "").split()),
        frozenset(options.get("plural_key_keywords", "").split()),
    )


def extract(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: Mapping[str, str]
) -> Iterator[tuple[int, str, list[str], list[str]]]:
    """Babel's extraction method: ``(line, "gettext", [key], [])`` or ``(line, "ngettext", [key, key], [])``.

    ``options`` are babel.cfg's for the file (see :func:`rules`).
    """
    name = getattr(fileobj, "name", "<source>")
    for line, key, is_plural in keys_in(fileobj.read().decode("utf-8"), name, rules(options)):
        yield (line, "ngettext", [key, key], []) if is_plural else (line, "gettext", [key], [])


DEFAULT_RULES = Rules()


def keys_in(source: str, file_name: str, where: Rules = DEFAULT_RULES) -> Iterator[tuple[int, str, bool]]:
    """Each message key in ``source`` as (line, key, whether it has plural forms)."""
    for node in ast.walk(ast.parse(source, filename=file_name)):
        if not isinstance(node, ast.Call):
            continue
        callee = _dotted(node.func)
        for specs, is_plural in ((where.singular, False), (where.plural, True)):
            for position in _positions(callee, specs):
                argument: ast.expr | None
                if len(node.args) >= position:
                    argument = node.args[position - 1]
                else:
                    argument = next((k.value for k in node.keywords if k.arg == "key" and position == 1), None)
                for key in _literal_keys(argument, file_name):
                    yield node.lineno, key, is_plural
        for keyword in node.keywords:
            is_plural = keyword.arg in where.plural_keywords
            if is_plural or keyword.arg in where.keywords:
                values = keyword.value.values if isinstance(keyword.value, ast.Dict) else [keyword.value]
                for value in values:
                    for key in _literal_keys(value, file_name):
                        yield keyword.value.lineno, key, is_plural


def _dotted(node: ast.expr) -> str:
    """``i18n.text`` for the callee ``i18n.text``; "" for a callee that is not a dotted name."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""


def _positions(callee: str, specs: tuple[tuple[str, int], ...]) -> list[int]:
    """Where ``callee`` takes a key: ``geo.BoundaryError`` matches ``BoundaryError``, ``uhc.i18n.text`` ``i18n.text``."""
    return [position for name, position in specs if callee == name or callee.endswith("." + name)]


def _literal_keys(node: ast.expr | None, file_name: str) -> Iterator[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _literal_keys(node.body, file_name)
        yield from _literal_keys(node.orelse, file_name)
    elif node is not None and _built(node):
        raise BuiltKey(
            f"{file_name}:{node.lineno}: the message key {ast.unparse(node)} is built from pieces, so the "
            "catalogs cannot list the messages it stands for. Map each value to a literal key with a dict."
        )


def _built(node: ast.expr) -> bool:
    """An f-string, a string joined with ``+`` or ``%``, or a ``"...".format(...)``."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return any(_is_text(n) or _built(n) for n in (node.left, node.right))
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))
