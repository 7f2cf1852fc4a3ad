"""The manifest's YAML: strict UTF-8, no duplicate keys, and the line of every value.

PyYAML's safe loader would let the last of two equal keys win silently and reports a bad byte
as a ``UnicodeDecodeError``; here both are problems naming the line and, inside ``reports:``,
the entry. :class:`NodeIndex` maps a path in the loaded data (``("reports", 2, "parameters",
"fx")``) to its line, for the messages of the later checks.
"""

from __future__ import annotations

from typing import Any

Problem = tuple[int | None, str]


def report_label(name: Any) -> str:
    """``report 'NAME'`` for messages (a very long name cut, with its length).

    >>> report_label("budget-growth"), report_label("x" * 300)[:20], report_label(None)
    ("report 'budget-growth'", "report 'xxxxxxxxxxxx", 'report')
    """
    if not isinstance(name, str):
        return "report"
    if len(name) > 60:
        return f"report {name[:40]!r}... ({len(name)} characters)"
    return f"report {name!r}"


class ManifestYamlError(ValueError):
    """The manifest is not readable YAML; ``problems`` are ``(line, message)`` pairs."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(message for _, message in problems))


class NodeIndex:
    """Lines of the values of the composed YAML document, by path."""

    def __init__(self, root: Any):
        self.root = root

    def node(self, *path: Any, key_line: bool = False) -> Any:
        """The node at ``path`` (its key node with ``key_line``), or the deepest one found."""
        import yaml

        node = self.root
        for step in path:
            if isinstance(node, yaml.MappingNode):
                match = [(k, v) for k, v in node.value if k.value == step]
                if not match:
                    return node
                key, node = match[-1]
                if key_line and step == path[-1]:
                    return key
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if not 0 <= step < len(node.value):
                    return node
                node = node.value[step]
            else:
                return node
        return node

    def line(self, *path: Any, key_line: bool = False) -> int:
        node = self.node(*path, key_line=key_line)
        return node.start_mark.line + 1 if node is not None else 1

    def entry_label(self, line: int) -> str:
        """``"report 'NAME': "`` for the ``reports:`` entry spanning ``line``, else ``""``."""
        import yaml

        reports = self.node("reports")
        if not isinstance(reports, yaml.SequenceNode):
            return ""
        for entry in reports.value:
            if entry.start_mark.line + 1 <= line <= entry.end_mark.line + 1:
                if isinstance(entry, yaml.MappingNode):
                    names = [v.value for k, v in entry.value if k.value == "name"]
                    return f"{report_label(names[0] if names else None)}: "
                return "report: "
        return ""


def _compose(text: str) -> Any:
    import yaml

    loader = yaml.SafeLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _syntax_error(exc: Any) -> ManifestYamlError:
    mark = getattr(exc, "problem_mark", None)
    what = "; ".join(
        str(s) for s in (getattr(exc, "context", None), getattr(exc, "problem", None)) if s
    )
    return ManifestYamlError([(mark.line + 1 if mark else None, f"not valid YAML: {what or exc}")])


def _duplicates(node: Any, index: NodeIndex) -> list[Problem]:
    import yaml

    found: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        first: dict[Any, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1
            if key.value in first:
                found.append(
                    (
                        line,
                        f"{index.entry_label(line)}duplicate key {key.value!r} "
                        f"(first at line {first[key.value]}; YAML would keep only the last)",
                    )
                )
            else:
                first[key.value] = line
            found += _duplicates(value, index)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _duplicates(item, index)
    return found


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        label = ""
        try:  # name the entry from a lossy reading, when the rest parses
            label = NodeIndex(_compose(raw.decode("utf-8", "replace"))).entry_label(line)
        except Exception:
            label = ""
        raise ManifestYamlError(
            [
                (
                    line,
                    f"{label}not UTF-8 text: byte 0x{raw[exc.start]:02x} cannot be decoded "
                    "(save the manifest as UTF-8)",
                )
            ]
        ) from None


def parse(raw: bytes) -> tuple[Any, NodeIndex]:
    """The manifest's data and its :class:`NodeIndex`; :class:`ManifestYamlError` if unreadable."""
    import yaml

    text = _decode(raw)
    try:
        node = _compose(text)
    except yaml.YAMLError as exc:
        raise _syntax_error(exc) from exc
    index = NodeIndex(node)
    duplicates = _duplicates(node, index)
    if duplicates:
        raise ManifestYamlError(duplicates)
    if node is None:
        return None, index
    loader = yaml.SafeLoader("")
    try:
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise _syntax_error(exc) from exc
    finally:
        loader.dispose()
    return data, index
