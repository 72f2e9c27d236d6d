"""The message keys the code uses, read from its syntax tree: the Babel extraction method of babel.cfg.

``make catalogs`` (pybabel extract) and tests/test_catalogs.py run it over uhc/, pages/ and
dashboard.py. A message key is a string literal that is

- the first argument of ``i18n.text``, ``i18n.template`` or ``N_`` (``i18n.N_``: a key kept in a
  dict, a tuple or a field is marked with it), or of a callable that babel.cfg lists in
  ``key_callables`` (an exception that takes its message key first, ``BoundaryError("geo_no_file")``);
- the first argument of ``i18n.plural`` or ``N_plural``: a message with plural forms;
- a branch of a conditional expression in those places (``"a" if x else "b"``).

A name or an expression there (``i18n.text(label_key, ...)``) is passed over: its key is a literal
found elsewhere. A key built from pieces (an f-string, ``+``, ``%``, ``.format``) is refused with
its file and line, as no extraction can see the messages it stands for: map the value to a literal
key with a dict instead.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from typing import IO

SINGULAR_CALLABLES = ("i18n.text", "i18n.template", "N_")
PLURAL_CALLABLES = ("i18n.plural", "N_plural")


class BuiltKey(ValueError):
    """A message key made of pieces where a literal key belongs."""


def extract(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: Mapping[str, str]
) -> Iterator[tuple[int, str, list[str], list[str]]]:
    """Babel's extraction method: ``(line, "gettext", [key], [])`` or ``(line, "ngettext", [key, key], [])``.

    ``options["key_callables"]`` (from babel.cfg) names more callables, separated by spaces,
    whose first argument is a message key.
    """
    name = getattr(fileobj, "name", "<source>")
    singular = SINGULAR_CALLABLES + tuple(options.get("key_callables", "").split())
    for line, key, is_plural in keys_in(fileobj.read().decode("utf-8"), name, singular, PLURAL_CALLABLES):
        yield (line, "ngettext", [key, key], []) if is_plural else (line, "gettext", [key], [])


def keys_in(
    source: str,
    file_name: str,
    singular: tuple[str, ...] = SINGULAR_CALLABLES,
    plural: tuple[str, ...] = PLURAL_CALLABLES,
) -> Iterator[tuple[int, str, bool]]:
    """Each message key in ``source`` as (line, key, whether it has plural forms)."""
    for node in ast.walk(ast.parse(source, filename=file_name)):
        if not isinstance(node, ast.Call):
            continue
        callee = _dotted(node.func)
        is_plural = _matches(callee, plural)
        if not (is_plural or _matches(callee, singular)):
            continue
        argument = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "key"), None)
        for key in _literal_keys(argument, file_name):
            yield node.lineno, key, is_plural


def _dotted(node: ast.expr) -> str:
    """``i18n.text`` for the callee ``i18n.text``; "" for a callee that is not a dotted name."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""


def _matches(callee: str, names: tuple[str, ...]) -> bool:
    """``geo.BoundaryError`` matches ``BoundaryError``; ``uhc.i18n.text`` matches ``i18n.text``."""
    return any(callee == name or callee.endswith("." + name) for name in names)


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
