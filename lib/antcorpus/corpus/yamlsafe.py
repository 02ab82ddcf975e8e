"""Reading the catalog YAML defensively.

- the file is size-capped (config.SIZE_LIMITS) and must be strict UTF-8;
- nesting depth and the node count are capped, counting every alias as the nodes it
  stands for, so an alias bomb ("billion laughs") is refused after MAX_NODES nodes;
  an alias inside the node it names (a cycle) is refused;
- a key repeated in one mapping (PyYAML silently keeps the last) is a problem,
  reported with the other schema problems rather than alone;
- timestamps stay strings, so an impossible date (2017-02-30) reaches the schema
  check instead of crashing the YAML constructor.

libyaml's C parser (when PyYAML has it) scans and parses; the same Python composer
counts and builds the nodes. Any failure on that path reparses with the pure-Python
loader, so every refusal carries the pure loader's message and line; text where the two
parsers were found to disagree (`pure_only`) goes to the pure loader alone.
"""

from __future__ import annotations

import gc
import re
from pathlib import Path

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from ..errors import CorpusError, Problem
from .catalog import piece_label, printable
from .sources import decode_utf8, read_limited

MAX_DEPTH = 32
MAX_NODES = 200_000
# Where libyaml accepts what the pure loader refuses, or reads it differently (found by
# differential fuzzing, tests/test_load_speed.py): tabs, byte-order marks, tags, `#`
# right after a block scalar's header, and `?` with a flow collection (`pure_only`).
PURE_ONLY = re.compile(r"[\t\ufeff!]|[|>][-+0-9]*#")


class StrictComposer(Composer):
    """A composer capping depth and the node count with every alias expanded."""

    def start_counts(self) -> None:
        """Nothing composed yet."""
        self.depth = self.nodes = 0
        self.sizes: dict[int, int] = {}  # id(anchored node) -> nodes it stands for

    def compose_node(self, parent, index):
        """Compose one node, counting it (and an alias as all it stands for)."""
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            return self.compose_alias(parent, index, event)
        start = self.nodes
        self.depth += 1
        self.count(1, event)
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if getattr(event, "anchor", None) is not None:
            self.sizes[id(node)] = self.nodes - start
        return node

    def compose_alias(self, parent, index, event):
        """The aliased node, counted as every node it holds; a cycle is refused."""
        node = super().compose_node(parent, index)
        if id(node) not in self.sizes:
            raise ComposerError(
                None, None, "an alias inside the node it names", event.start_mark
            )
        self.count(self.sizes[id(node)], event)
        return node

    def count(self, nodes: int, event) -> None:
        """Add to the node count; refuse a document too deep or too large."""
        self.nodes += nodes
        if self.depth > MAX_DEPTH or self.nodes > MAX_NODES:
            raise ComposerError(
                None,
                None,
                f"nested deeper than {MAX_DEPTH} or over {MAX_NODES:,} nodes"
                " (aliases counted as the nodes they stand for)",
                event.start_mark,
            )


class StrictLoader(StrictComposer, yaml.SafeLoader):
    """SafeLoader (pure Python) with the strict composer."""

    def __init__(self, stream):
        super().__init__(stream)
        self.start_counts()


LOADERS: list[type] = [StrictLoader]
CParser = getattr(getattr(yaml, "cyaml", None), "CParser", None)
if yaml.__with_libyaml__ and CParser is not None:

    class CStrictLoader(StrictComposer, CParser, SafeConstructor, Resolver):
        """libyaml's events, composed and built like StrictLoader's."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self.start_counts()

    LOADERS.insert(0, CStrictLoader)

for _loader in LOADERS:
    _loader.add_constructor(
        "tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str
    )


def load_yaml(path: Path) -> tuple[object, list[Problem]]:
    """The parsed document and its duplicate-key problems; bad YAML is a CorpusError."""
    text = decode_utf8(path, read_limited(path, "catalog"))
    try:
        return parse(text)
    except yaml.YAMLError as err:
        raise CorpusError(
            path, f"does not parse as YAML{_line(err, text)}: {_problem(err)}"
        ) from None
    except (ValueError, KeyError, TypeError) as err:
        raise CorpusError(
            path, f"holds a value YAML cannot build ({type(err).__name__}: {err})"
        ) from None


def parse(text: str) -> tuple[object, list[Problem]]:
    """Parse with the fastest loader; on any failure, as the pure loader does."""
    # The cyclic garbage collector pauses meanwhile: every node is alive, so its passes
    # find nothing (they took 40% of the parse of an 11,000-piece catalog).
    paused = gc.isenabled()
    gc.disable()
    try:
        return _parse(text)
    finally:
        if paused:
            gc.enable()


def _parse(text: str) -> tuple[object, list[Problem]]:
    """The first loader that parses the text; the pure one's result or error."""
    *fast, pure = LOADERS
    for loader in [] if pure_only(text) else fast:
        try:
            return parse_with(loader, text)
        except Exception:  # noqa: BLE001 - the pure loader raises its own error
            pass
    return parse_with(pure, text)


def pure_only(text: str) -> bool:
    """Whether the text holds something libyaml and the pure loader may read apart."""
    flow = "?" in text and ("[" in text or "{" in text)
    return flow or PURE_ONLY.search(text) is not None


def parse_with(loader_class: type, text: str) -> tuple[object, list[Problem]]:
    """Compose the one document, find duplicate keys, then build Python values."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        return loader.construct_document(node), duplicate_keys(node)
    finally:
        loader.dispose()


def _line(err: yaml.YAMLError, text: str) -> str:
    """` at line N` for a YAML error that knows where it happened."""
    mark = getattr(err, "problem_mark", None)
    if mark is not None:
        return f" at line {mark.line + 1}"
    position = getattr(err, "position", None)
    return (
        "" if position is None else f" at line {text.count(chr(10), 0, position) + 1}"
    )


def _problem(err: yaml.YAMLError) -> str:
    """What the YAML error says was wrong, on one line."""
    problem = getattr(err, "problem", None) or str(err).split("\n")[0]
    return " ".join(str(problem).split())


def duplicate_keys(
    node: Node, where: str = "", seen: set | None = None
) -> list[Problem]:
    """Every key given twice in one mapping, anywhere in the tree, with its lines."""
    seen = set() if seen is None else seen
    if id(node) in seen:  # an aliased node, already walked where it was defined
        return []
    seen.add(id(node))
    if isinstance(node, SequenceNode):
        return [
            p
            for i, child in enumerate(node.value)
            for p in duplicate_keys(child, _item_label(where, i, child), seen)
        ]
    if not isinstance(node, MappingNode):
        return []
    problems, first = [], {}
    for key, value in node.value:
        name = printable(key.value) if isinstance(key, ScalarNode) else "?"
        line = key.start_mark.line + 1
        if name in first:
            problems.append(_duplicate(where, name, first[name], line))
        first.setdefault(name, line)
        problems += duplicate_keys(value, f"{where}.{name}" if where else name, seen)
    return problems


def _duplicate(where: str, name: str, first: int, again: int) -> Problem:
    """The problem for a key repeated in one mapping."""
    field = f"{where}.{name}" if where else name
    return Problem(
        field,
        f"key `{name}` is given twice (lines {first} and {again});"
        " YAML would silently keep only the last",
    )


def _item_label(where: str, index: int, child: Node) -> str:
    """A piece's label (its safe doc_id, else `entry n`), else `where[index]`."""
    if where != "pieces":
        return f"{where}[{index}]"
    ids = [
        v.value
        for k, v in getattr(child, "value", [])
        if isinstance(child, MappingNode) and getattr(k, "value", None) == "doc_id"
    ]
    return piece_label(ids[0] if ids else None, index + 1)
