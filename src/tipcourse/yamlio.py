"""YAML sources read with their line numbers and validated by a pydantic model.

ruamel.yaml's round-trip loader keeps the line of every key and list item; pydantic names the
path of what it rejects. This module joins the two, so every loader reports a bad source the
same way: one ``SourceError(path, line, message, hint)`` at the line the author must fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from tipcourse.errors import SourceError

M = TypeVar("M", bound=BaseModel)

# A course source is a few kilobytes. The limits stop hostile input (a "billion laughs" of
# nested aliases, a huge file) from hanging the loaders: ruamel keeps an alias as a shared
# reference, but converting or validating the tree would expand every copy.
MAX_BYTES = 1_000_000
MAX_NODES = 100_000
MAX_DEPTH = 100  # ruamel's flow parser takes seconds per few thousand nested brackets


def parse_yaml(
    text: str,
    path: str | Path,
    error: type[SourceError] = SourceError,
    hint: str = "fix the syntax",
) -> Any:
    """Parse YAML text keeping line numbers (ruamel's round-trip types), or raise ``error``.

    ruamel raises more than its own errors on odd input (an empty ``!!int`` scalar gives an
    IndexError, a mapping merged into itself an AttributeError), so every failure of the
    parser becomes the one domain error. Input size and alias expansion are limited.
    """
    if len(text) > MAX_BYTES:
        message = f"file is too large ({len(text):,} characters; the limit is {MAX_BYTES:,})"
        raise error(path, None, message, "split it into smaller files") from None
    depth, line = _flow_depth(text)
    if depth > MAX_DEPTH:
        raise error(path, line, f"lists or mappings nested more than {MAX_DEPTH} deep",
                    "use fewer levels of [ ] and { }") from None
    try:
        data = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = f"invalid YAML: {exc.problem or exc.context}"
        raise error(path, line, message, hint) from None
    except YAMLError as exc:  # reader errors (control characters) carry no mark
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise error(path, None, f"invalid YAML: {first}", hint) from None
    except Exception as exc:  # noqa: BLE001 (the parser's own bugs on hostile input)
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise error(path, None, f"invalid YAML: a value cannot be read ({first})",
                    hint) from None
    _check_expansion(data, path, error)
    return data


def _flow_depth(text: str) -> tuple[int, int | None]:
    """The deepest nesting of [ and { outside quoted strings and comments, and its line."""
    depth = deepest = 0
    deepest_line = None
    quote = ""
    for number, line in enumerate(text.splitlines(), start=1):
        previous = " "
        for char in line:
            if quote:
                if char == quote:
                    quote = ""
            elif char in "'\"" and previous in " \t[{,:":
                quote = char
            elif char == "#" and previous in " \t":
                break
            elif char in "[{":
                depth += 1
                if depth > deepest:
                    deepest, deepest_line = depth, number
            elif char in "]}":
                depth = max(depth - 1, 0)
            previous = char
        quote = ""  # an estimate: a quoted string spanning lines is read as ending there
    return deepest, deepest_line


def _check_expansion(data: Any, path: str | Path, error: type[SourceError]) -> None:
    """Raise ``error`` if aliases make the tree refer to itself or expand past MAX_NODES.

    Sizes are counted once per shared node, so this takes time in the size of the text."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: Any) -> int:
        if not isinstance(node, (Mapping, list)):
            return 1
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise error(path, line_of(node), "an alias refers to the list or mapping it is "
                        "in", "replace the alias (*name) by the value itself")
        open_nodes.add(key)
        items = [*node.keys(), *node.values()] if isinstance(node, Mapping) else node
        total = 1
        for item in items:
            total += size(item)
            if total > MAX_NODES:
                raise error(path, line_of(node), f"aliases (*name) expand this to more than "
                            f"{MAX_NODES:,} values", "write the values out, or use fewer "
                            "aliases of aliases")
        open_nodes.discard(key)
        sizes[key] = total
        return total

    try:
        size(data)
    except RecursionError:
        raise error(path, None, "invalid YAML: nested too deeply",
                    "use fewer levels of lists and mappings") from None


def read_yaml(path: Path, error: type[SourceError] = SourceError) -> Any:
    """Load a YAML file with line numbers, or raise ``error``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        hint = "create it or run from the course folder"
        raise error(path, None, "file not found", hint) from None
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text ({exc.reason})"
        raise error(path, None, message, "save the file as UTF-8") from None
    return parse_yaml(text, path, error)


def line_of(node: Any, key: Any = None) -> int | None:
    """1-based line of a ruamel mapping key or list item, or of the node itself."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is None:
            return lc.line + 1
        if isinstance(key, int):
            return lc.item(key)[0] + 1
        return lc.key(key)[0] + 1
    except (KeyError, IndexError, TypeError):
        return lc.line + 1


def line_at(data: Any, loc: Sequence[Any]) -> int | None:
    """The line of the deepest node a pydantic error path reaches in the ruamel tree."""
    node, line = data, line_of(data)
    for part in loc:
        if isinstance(node, Mapping) and part in node:
            pass
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            pass
        else:
            break
        line = line_of(node, part) or line
        node = node[part]
    return line


def plain(node: Any) -> Any:
    """ruamel's round-trip containers and scalars as plain Python values (pydantic and other
    YAML writers then see ordinary dict, list, str, int, float)."""
    if isinstance(node, Mapping):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


def validate(
    model: type[M],
    data: Any,
    path: str | Path,
    error: type[SourceError] = SourceError,
    hint: str | None = None,
    *,
    extra: Mapping[str, Any] | None = None,
    what: str = "",
) -> M:
    """``model`` validated from the ruamel tree ``data`` (plus ``extra`` fields the YAML does
    not hold), or ``error`` at the line of the first problem. ``what`` names the part of the
    file being read (e.g. "fact 'x'") when the file holds many."""
    try:
        return model.model_validate({**plain(data), **(extra or {})})
    except ValidationError as exc:
        raise schema_error(model, data, path, exc, error, hint, what) from None


def schema_error(
    model: type[BaseModel],
    data: Any,
    path: str | Path,
    exc: ValidationError,
    error: type[SourceError] = SourceError,
    hint: str | None = None,
    what: str = "",
) -> SourceError:
    """The first of pydantic's errors as one domain error at its YAML line.

    An unknown key is usually a misspelt one, which also makes a key "missing": the
    misspelling is named first, with the closest allowed key.
    """
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    err = errors[0]
    loc = tuple(err["loc"])
    line = line_at(data, loc)
    prefix = f"{what}: " if what else ""
    where = f" in {dotted(loc[:-1])}" if loc[:-1] else ""
    if err["type"] == "extra_forbidden" and loc:
        inner = model_at(model, loc[:-1])
        fields = list(inner.model_fields) if inner else []
        close = difflib.get_close_matches(str(loc[-1]), fields, n=1)
        known = f"did you mean '{close[0]}'? " if close else ""
        known += f"allowed keys: {', '.join(fields)}" if fields else "remove it"
        return error(path, line, f"{prefix}unknown key '{loc[-1]}'{where}", known)
    if err["type"] == "missing" and loc:
        return error(path, line, f"{prefix}'{loc[-1]}' is missing{where}", f"add {loc[-1]}:")
    message = str(err["msg"]).replace("Input should be", "should be")
    if loc:
        message = f"{dotted(loc)}: {message}"
    return error(path, line, prefix + message, hint)


def model_at(model: type[BaseModel], loc: Sequence[Any]) -> type[BaseModel] | None:
    """The pydantic model that the mapping at ``loc`` is validated against."""
    current: Any = model
    key_next = False  # the part after a dict field is one of its keys, not a field name
    for part in loc:
        if isinstance(part, int) or key_next:
            key_next = False
            continue
        if not _is_model(current) or part not in current.model_fields:
            return None
        annotation = current.model_fields[part].annotation
        key_next = get_origin(annotation) in (dict, Mapping)
        args = get_args(annotation)
        # list[X], tuple[X, ...], X | None, dict[str, X]: the model among the arguments
        current = next((a for a in reversed(args) if _is_model(a)), None) if args else annotation
    return current if _is_model(current) else None


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def dotted(loc: Sequence[Any]) -> str:
    """A pydantic path as an author reads it: ``steps[2].minutes`` (items counted from 1)."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
