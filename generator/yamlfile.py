"""Read YAML files into plain data while remembering the line of every value.

PyYAML implements YAML 1.1, which reads an unquoted ``no`` as ``False`` and ``1.10`` as the number 1.1.
Instead of constructing Python objects directly, this module walks PyYAML's node tree: it keeps the line
of each value (so model errors point at ``file:line``), rejects duplicate keys (PyYAML keeps the last one
silently) and anchors, and explains YAML 1.1 surprises when a model rejects the resulting value.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import Finding, InputError, Location

_TAG = "tag:yaml.org,2002:"
# Spellings that YAML 1.1 reads as booleans but YAML 1.2 (and most people) read as words.
_BOOL_WORDS = {"true", "false"}
_MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
"""Values (scalars, lists, mappings) a YAML document may hold. The largest clause library (a generated one
of 1,000 clauses in one file) holds about 50,000; a 5 MiB list of a million values would take seconds
and gigabytes to build into nodes, so its events are counted first, which costs little memory."""
_MAX_DIGITS = 4300  # Python's int() refuses longer decimal strings (sys.int_info.default_max_str_digits)
# libyaml's composer is several times faster than the pure-Python one and keeps the same marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlDoc:
    """Plain data read from one YAML file, with the source line and raw text of each value.

    ``lines`` and ``plain`` are keyed by the path of keys and indexes from the root, e.g.
    ``("clauses", 3, "kpi", "minimum")``. ``plain`` holds, for unquoted scalars that YAML turned into
    something other than a string, the text as written.
    """

    path: str
    data: Any
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict)
    plain: dict[tuple[Any, ...], str] = field(default_factory=dict)

    def location(self, loc: tuple[Any, ...], item_key: str = "id") -> Location:
        """The location of the value at model-error path ``loc``: file, nearest line, owning item ID.

        Segments of ``loc`` that are not keys of the data (pydantic adds union tags and validator
        names) are skipped. The owning item is the innermost mapping on the path with an ``id`` key.
        """
        node: Any = self.data
        path: tuple[Any, ...] = ()
        item = None
        item_path: tuple[Any, ...] = ()
        for seg in loc:
            if isinstance(node, dict) and seg in node:
                node = node[seg]
            elif isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node):
                node = node[seg]
            else:
                continue
            path += (seg,)
            if isinstance(node, dict) and isinstance(node.get(item_key), str):
                item, item_path = node[item_key], path
        line = None
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.lines:
                line = self.lines[path[:cut]]
                break
        rest = [str(s) for s in path[len(item_path):]] if item else [str(s) for s in path]
        return Location(path=self.path, line=line, item=item, field=".".join(rest) or None)

    def findings(self, error: ValidationError) -> list[Finding]:
        """Turn a pydantic error about this document's data into located, readable findings."""
        out = []
        for err in error.errors(include_url=False):
            loc = tuple(err["loc"])
            location = self.location(loc)
            message = _explain(err, self._plain_text(loc))
            out.append(Finding(location, message))
        return out

    def _plain_text(self, loc: tuple[Any, ...]) -> str | None:
        node: Any = self.data
        path: tuple[Any, ...] = ()
        for seg in loc:
            if isinstance(node, (dict, list)):
                try:
                    node = node[seg]
                except (KeyError, IndexError, TypeError):
                    continue
                path += (seg,)
        return self.plain.get(path)


def _explain(err: dict[str, Any], raw: str | None) -> str:
    message = str(err["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    if raw is not None and err["type"].endswith("_type"):
        value = err.get("input")
        kind = _kind(value)
        return (
            f"{message}: YAML read the unquoted {raw!r} as {kind} {value!r}; "
            f"write it in quotes if you mean the text {raw!r}"
        )
    if err["type"] == "extra_forbidden":
        return f"unknown field {err['loc'][-1]!r}"
    if err["type"] == "missing":
        return f"required field {err['loc'][-1]!r} is missing"
    return message


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "the boolean"
    if isinstance(value, (int, float)):
        return "the number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "the date"
    return "the value"


def load_yaml(path: Path | str, display: str | None = None, raw: bytes | None = None) -> YamlDoc:
    """Read one YAML file; raise :class:`InputError` with ``file:line`` if it is not usable YAML.

    ``display`` is the path shown in messages (defaults to ``path``); ``raw`` is the file's content
    when the caller has read it already. Rejected: files over 5 MiB or of more than :data:`MAX_NODES`
    values, invalid UTF-8, syntax errors, duplicate keys, anchors/aliases, non-string keys, unquoted YAML
    1.1 booleans other than ``true``/``false`` (``yes``, ``no``, ``on``, ``off``, ``y``, ``n``), integers
    of more than 4,300 digits and the floats ``.nan``, ``.inf`` and any that overflow to infinity.
    """
    path = Path(path)
    shown = display or str(path)
    try:
        raw = path.read_bytes() if raw is None else raw
    except FileNotFoundError:
        raise InputError("file not found", Location(path=shown)) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", Location(path=shown)) from None
    if len(raw) > _MAX_BYTES:
        raise InputError(f"file is larger than {_MAX_BYTES // 1024 // 1024} MiB", Location(path=shown))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", Location(path=shown)) from None
    return loads_yaml(text, shown)


def loads_yaml(text: str, display: str) -> YamlDoc:
    """Like :func:`load_yaml`, for text already in memory; ``display`` names it in messages."""
    try:
        _count_nodes(text, display)
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(f"invalid YAML: {problem}", Location(path=display, line=line)) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", Location(path=display)) from None
    doc = YamlDoc(path=display, data=None)
    if root is None:
        doc.data = {}
        return doc
    doc.data = _Walker(doc).value(root, ())
    return doc


def _count_nodes(text: str, display: str) -> None:
    """Refuse a document of more than :data:`MAX_NODES` values, at the line of the first one too many,
    from the parser's event stream (constant memory), before any node is built."""
    nodes = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            nodes += 1
            if nodes > MAX_NODES:
                raise InputError(f"the document holds more than {MAX_NODES:,} values; a tenderpack file has "
                                 "far fewer", Location(path=display, line=event.start_mark.line + 1))


class _Walker:
    def __init__(self, doc: YamlDoc) -> None:
        self.doc = doc
        self.seen: set[int] = set()
        self.constructor = yaml.SafeLoader("")

    def _fail(self, node: yaml.Node, message: str) -> InputError:
        return InputError(message, Location(path=self.doc.path, line=node.start_mark.line + 1))

    def value(self, node: yaml.Node, path: tuple[Any, ...]) -> Any:
        if id(node) in self.seen:
            raise self._fail(node, "anchors and aliases (&name, *name) are not supported; write the value out")
        self.seen.add(id(node))
        self.doc.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == _TAG + "merge":
                    raise self._fail(key_node, "merge keys (<<) are not supported")
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _TAG + "str":
                    raise self._fail(key_node, f"keys must be plain names, not {key_node.value!r}")
                key = key_node.value
                if key in out:
                    raise self._fail(key_node, f"duplicate key {key!r}")
                out[key] = self.value(value_node, path + (key,))
                # A block mapping or list starts on the line after its key; the key's line is where
                # a person looks.
                self.doc.lines[path + (key,)] = key_node.start_mark.line + 1
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

    def scalar(self, node: yaml.ScalarNode, path: tuple[Any, ...]) -> Any:
        tag = node.tag[len(_TAG):] if node.tag.startswith(_TAG) else node.tag
        # The pure-Python composer marks plain scalars with style None, libyaml's with "".
        if node.style or tag == "str":
            return node.value
        if tag == "bool" and node.value.lower() not in _BOOL_WORDS:
            raise self._fail(
                node,
                f"YAML 1.1 reads the unquoted {node.value!r} as a boolean; "
                f"write true or false, or put {node.value!r} in quotes for the word",
            )
        if tag in ("int", "float") and (":" in node.value or "_" in node.value):
            raise self._fail(
                node, f"YAML 1.1 reads {node.value!r} as a base-60 or grouped number; put it in quotes"
            )
        if tag == "int" and len(node.value.lstrip("+-")) > 1 and node.value.lstrip("+-").startswith("0"):
            raise self._fail(node, f"YAML 1.1 reads {node.value!r} as an octal number; put it in quotes")
        if tag not in ("null", "bool", "int", "float", "timestamp"):
            raise self._fail(node, f"unsupported YAML tag !{tag}")
        if tag == "int" and len(node.value) > _MAX_DIGITS:
            raise self._fail(node, f"a number of {len(node.value):,} digits is no value tenderpack uses")
        value = self.constructor.construct_object(node)
        if tag == "float" and not math.isfinite(value):
            raise self._fail(node, f"{node.value[:40]!r} is not a finite number; give a number")
        if tag != "null":
            self.doc.plain[path] = node.value
        return value
