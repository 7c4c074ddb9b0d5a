"""Scenarios: what to simulate (model, network, parameters, seed, steps).

A Scenario is built from a TOML file, a dict, or keyword arguments. Every
form is written as TOML and parsed by the engine's scenario parser, so the
validation and error messages are exactly those of ``microcosm run``: a bad
value raises ValueError (microcosm.ParameterError) naming the parameter and
its valid range.
"""
import json
import os
import pathlib
import re

from . import _core, _toml

_SIMULATION_KEYS = None
_GENERATED = ("Scenario(...)", "<dict>")


def _simulation_keys():
    global _SIMULATION_KEYS
    if _SIMULATION_KEYS is None:
        _SIMULATION_KEYS = {row["parameter"] for row in _core.section_schema("simulation")}
    return _SIMULATION_KEYS


def _override_strings(overrides):
    """Overrides as 'section.key=value' strings. Keys are 'section.key'; a bare
    key is a [simulation] key when it names one (seed, steps, threads,
    record_every, ...) and a [model] parameter otherwise."""
    out = []
    for name, v in overrides.items():
        name = str(name)
        section = name.split(".", 1)[0]
        if section not in _toml.SECTIONS:
            name = ("simulation." if name in _simulation_keys() else "model.") + name
        if isinstance(v, dict):  # model.feed={"k": 5} -> model.feed.k=5
            out.extend(_override_strings({f"{name}.{k}": x for k, x in v.items()}))
            continue
        out.append(_toml.override(name, v))
    return out


class Scenario:
    """A validated scenario.

    Forms::

        Scenario(model="deffuant", network={"kind": "erdos_renyi", "n": 1000,
                 "mean_degree": 10}, steps=200, seed=1, epsilon=0.3)
        Scenario.from_toml("scenarios/deffuant.toml", epsilon=0.3, seed=2)
        Scenario.from_toml("scenarios/deffuant.toml", {"model.epsilon": 0.3})
        Scenario.from_dict({"simulation": {...}, "network": {...}, "model": {...}})

    Keyword arguments that name a [simulation] key (threads, record_every,
    stop_when_converged, network_seed) go there; all others are model
    parameters (grouped ones as ``feed={"k": 5}`` or ``**{"feed.k": 5}``).
    ``network`` may also be a networkx / igraph graph or a microcosm Network:
    it is then attached to the scenario (``scenario.graph``) and used by every
    Simulation of it; it is not part of to_toml()/to_dict().
    """

    def __init__(self, model=None, network=None, steps=None, seed=None, *, simulation=None,
                 output=None, events=None, interventions=None, base_dir=None, graph=None,
                 **params):
        from . import networks

        sim = dict(simulation or {})
        model_params = {}
        for k, v in params.items():
            if k in _simulation_keys() and k != "model":
                sim[k] = v
            else:
                model_params[k] = v
        if model is not None:
            sim["model"] = model
        if steps is not None:
            sim["steps"] = steps
        if seed is not None:
            sim["seed"] = seed
        if isinstance(network, str):
            network = {"kind": network}
        if network is not None and not isinstance(network, dict):
            graph = network
            network = None
        doc = {"simulation": sim, "network": dict(network or {}), "model": model_params,
               "output": dict(output or {})}
        if events:
            doc["events"] = list(events)
        if interventions:
            doc["interventions"] = list(interventions)
        base = pathlib.Path(base_dir) if base_dir is not None else pathlib.Path.cwd()
        self._init(_toml.dumps(doc), "Scenario(...)", base, [],
                   networks.as_network(graph) if graph is not None else None)

    def _init(self, text, source, base_dir, overrides, graph):
        # The original text and overrides are kept (not only the resolved
        # scenario), so replace(seed=...) behaves like `--seed`: the network
        # follows the new seed unless the text fixes network_seed.
        self._text = text
        self._source = source
        self._base_dir = pathlib.Path(base_dir)
        self._overrides = list(overrides)
        try:
            self._core = _core.Scenario.parse(text, source, str(self._base_dir), self._overrides)
        except _core.ParameterError as e:
            if source in _GENERATED:
                # Line numbers of generated TOML text mean nothing to the user.
                raise _core.ParameterError(re.sub(r" \(line \d+\)", "", str(e))) from None
            raise
        self._graph = graph

    @classmethod
    def _make(cls, text, source, base_dir, overrides=(), graph=None):
        self = cls.__new__(cls)
        self._init(text, source, base_dir, overrides, graph)
        return self

    @classmethod
    def from_toml(cls, path, overrides=None, **kw):
        """Loads a scenario file as `microcosm run FILE --set k=v ...` does.

        ``overrides`` is a dict {"model.epsilon": 0.2, "simulation.seed": 3};
        keyword arguments add more (bare names: [simulation] keys or model
        parameters, e.g. ``seed=3, epsilon=0.2``). Relative paths in the file
        resolve against the file's directory.
        """
        path = pathlib.Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as e:
            raise _core.InputError(f"{path}: cannot open scenario file ({e.strerror})") from None
        merged = dict(overrides or {})
        merged.update(kw)
        return cls._make(text, str(path), path.parent, _override_strings(merged))

    @classmethod
    def from_string(cls, text, base_dir=".", source="<string>", overrides=None, **kw):
        """Parses TOML scenario text."""
        merged = dict(overrides or {})
        merged.update(kw)
        return cls._make(text, source, base_dir, _override_strings(merged))

    @classmethod
    def from_dict(cls, d, base_dir=None):
        """From {"simulation": {...}, "network": {"kind": ..., ...}, "model": {...},
        "output": {...}, "events": [...], "interventions": [...]} (the shape of
        to_dict())."""
        base = pathlib.Path(base_dir) if base_dir is not None else pathlib.Path.cwd()
        return cls._make(_toml.dumps(d), "<dict>", base)

    def replace(self, overrides=None, **kw):
        """A copy with overrides applied (same forms as from_toml), e.g.
        ``scenario.replace(seed=7, epsilon=0.25)``."""
        merged = dict(overrides or {})
        merged.update(kw)
        return Scenario._make(self._text, self._source, self._base_dir,
                              self._overrides + _override_strings(merged), self._graph)

    def with_graph(self, graph, label=None, weight=None):
        """A copy that runs on `graph` (networkx, igraph or microcosm Network)."""
        from . import networks
        return Scenario._make(self._text, self._source, self._base_dir, self._overrides,
                              networks.as_network(graph, label=label, weight=weight))

    def to_toml(self):
        """The resolved scenario (every default filled in) as TOML text that
        `microcosm run` accepts and that loads back to the same scenario."""
        return self._core.to_toml()

    def to_dict(self):
        """The resolved scenario as a dict of sections."""
        return json.loads(self._core.to_json())

    def write(self, path):
        """Writes to_toml() to `path`."""
        pathlib.Path(path).write_text(self.to_toml(), encoding="utf-8")
        return path

    @property
    def model(self):
        return self._core.model

    @property
    def seed(self):
        return self._core.seed

    @property
    def steps(self):
        return self._core.steps

    @property
    def network_kind(self):
        return self._core.network_kind

    @property
    def params(self):
        """Model parameters (resolved, defaults included)."""
        return self.to_dict()["model"]

    @property
    def network(self):
        """The [network] section (resolved)."""
        return self.to_dict()["network"]

    @property
    def graph(self):
        """The attached network (microcosm Network) or None."""
        return self._graph

    @property
    def source(self):
        return self._core.source

    @property
    def base_dir(self):
        return self._base_dir

    def __eq__(self, other):
        return (isinstance(other, Scenario) and self.to_toml() == other.to_toml()
                and self._graph is other._graph)

    def __hash__(self):
        return hash(self.to_toml())

    def __repr__(self):
        extra = f", graph={self._graph!r}" if self._graph is not None else ""
        return (f"Scenario(model={self.model!r}, network={self.network_kind!r}, "
                f"steps={self.steps}, seed={self.seed}{extra})")

    def __reduce__(self):  # picklable (for multiprocessing); the graph is dropped
        return (Scenario._make, (self._text, self._source, str(self._base_dir), self._overrides))


def as_scenario(obj, **overrides):
    """A Scenario from a Scenario, a TOML path or a dict; overrides applied."""
    if isinstance(obj, Scenario):
        return obj.replace(**overrides) if overrides else obj
    if isinstance(obj, dict):
        s = Scenario.from_dict(obj)
        return s.replace(**overrides) if overrides else s
    if isinstance(obj, (str, os.PathLike)):
        return Scenario.from_toml(obj, **overrides)
    raise TypeError(f"expected a Scenario, a scenario file path or a dict, not {type(obj).__name__}")
