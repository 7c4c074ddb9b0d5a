"""Writes scenario dictionaries as TOML text.

The Python API never validates scenarios itself: it writes what the user
gave as TOML and lets the engine's scenario parser (the one behind scenario
files and ``microcosm run --set``) check it, so every check and error message
is the CLI's.
"""
import json
import math
import numbers
import os
import re

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
SECTIONS = ("simulation", "network", "model", "output")
TIMELINE = ("events", "interventions")


def key(name):
    """A TOML key: bare when possible, else quoted; dots separate parts."""
    parts = str(name).split(".")
    return ".".join(p if _BARE_KEY.match(p) else _string(p) for p in parts)


def _string(s):
    # JSON string escapes are valid TOML basic-string escapes; TOML also
    # forbids a raw DEL character.
    return json.dumps(s, ensure_ascii=False).replace("\x7f", "\\u007f")


def value(v, where="value"):
    """A Python value as a TOML value (bool, int, float, str, path, list)."""
    if hasattr(v, "item") and not isinstance(v, (list, tuple, dict, str)):
        try:
            v = v.item()  # numpy scalar
        except (TypeError, ValueError):
            pass
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, numbers.Integral):
        return str(int(v))
    if isinstance(v, numbers.Real):
        f = float(v)
        if math.isnan(f):
            return "nan"
        if math.isinf(f):
            return "inf" if f > 0 else "-inf"
        return repr(f)
    if isinstance(v, (str, os.PathLike)):
        return _string(os.fspath(v))
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(value(x, where) for x in v) + "]"
    if hasattr(v, "tolist"):
        return value(v.tolist(), where)
    raise TypeError(f"{where}: cannot write a {type(v).__name__} as a scenario value")


def _flatten(table, prefix=""):
    for k, v in table.items():
        name = f"{prefix}{k}"
        if isinstance(v, dict):
            yield from _flatten(v, name + ".")
        else:
            yield name, v


def dumps(doc):
    """A scenario document ({section: {key: value}}, events and interventions
    as lists of tables) as TOML text. Nested tables become dotted keys, which
    the [model] section reads as grouped parameter names (feed.k)."""
    out = []
    for section, table in doc.items():
        if section in TIMELINE:
            for entry in table or ():
                out.append(f"[[{key(section)}]]")
                out.extend(f"{key(k)} = {value(v, f'{section} {k}')}" for k, v in _flatten(entry))
                out.append("")
            continue
        if not isinstance(table, dict):
            # Let the engine's parser report it (it names the valid sections).
            out.insert(0, f"{key(section)} = {value(table, section)}")
            continue
        out.append(f"[{key(section)}]")
        out.extend(f"{key(k)} = {value(v, f'[{section}] {k}')}" for k, v in _flatten(table))
        out.append("")
    return "\n".join(out) + "\n"


def override(name, v):
    """An override as `microcosm run --set` takes it: section.key=value."""
    return f"{name}={value(v, name)}"
