"""Parsing untrusted YAML and JSON text with bounded work: aliases, nesting and odd strings.

A few hundred bytes of YAML can name a tree of a billion nodes through aliases
("billion laughs"), and deep nesting exhausts the recursion of every parser. Both are
refused here, before anything is built, with a message naming the cause.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, SequenceNode

MAX_DEPTH = 64  # nesting of lists and mappings (a scenario needs fewer than 10)
MAX_ALIASES = 1_000  # alias uses (*name) in one document
MAX_ALIAS_NODES = 100_000  # nodes that aliases may add when expanded


class DocumentTooComplex(ValueError):
    """A document over one of the limits; the message names the limit and the value."""


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader that counts aliases and nesting while it composes."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise DocumentTooComplex(
                    f"more than {MAX_ALIASES} aliases (*name) at line {mark.line + 1}"
                )
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise DocumentTooComplex(
                f"nested more than {MAX_DEPTH} levels deep at line {mark.line + 1}"
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _expanded_size(root: Node) -> int:
    """Nodes of the tree with every alias expanded, counted without expanding it."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if children_done or not children:
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(root)]


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _distinct_nodes(root: Node) -> int:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen.add(id(node))
            stack.extend(_children(node))
    return len(seen)


def load_yaml(text: str) -> Any:
    """The YAML document in ``text`` as plain Python data (safe tags only).

    Raises ``DocumentTooComplex`` when aliases or nesting go over the limits, and
    ``yaml.YAMLError`` when the text is not YAML.
    """
    loader = _BoundedLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        added = _expanded_size(root) - _distinct_nodes(root)
        if added > MAX_ALIAS_NODES:
            raise DocumentTooComplex(
                f"aliases expand the document by {added} nodes, over the limit of "
                f"{MAX_ALIAS_NODES} (an alias bomb?)"
            )
        return loader.construct_document(root)
    finally:
        loader.dispose()


def check_nesting(data: Any) -> None:
    """Refuse data nested deeper than ``MAX_DEPTH`` (without recursion)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise DocumentTooComplex(f"nested more than {MAX_DEPTH} levels deep")
            items = value.values() if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items if isinstance(item, dict | list))
