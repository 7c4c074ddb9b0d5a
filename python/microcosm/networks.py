"""Networks from and to networkx and python-igraph.

A graph becomes a microcosm Network (the engine's CSR graph plus per-node
labels and names) through edge arrays: nodes are numbered in the graph's
node order (networkx: G.nodes; igraph: vertex ids), node names are kept as
strings, and labels come from a node attribute when one is named. Self-loops
and repeated edges are dropped (the first weight is kept), as when the engine
reads an edge-list file.
"""
import numpy as np

from . import _core

Network = _core.Network


def from_networkx(G, label=None, weight=None, names=True):
    """A Network from a networkx Graph or DiGraph.

    label:  node attribute holding each node's label (e.g. "party"), or None.
    weight: edge attribute holding weights, or None for an unweighted graph.
    names:  keep str(node) as node names (reported by agents()).
    """
    nodes = list(G.nodes())
    index = {u: i for i, u in enumerate(nodes)}
    m = G.number_of_edges()
    src = np.fromiter((index[u] for u, _ in G.edges()), dtype=np.int64, count=m)
    dst = np.fromiter((index[v] for _, v in G.edges()), dtype=np.int64, count=m)
    weights = None
    if weight is not None:
        weights = np.fromiter((d.get(weight, 1.0) for _, _, d in G.edges(data=True)),
                              dtype=np.float32, count=m)
    labels = []
    if label is not None:
        missing = [u for u in nodes if label not in G.nodes[u]]
        if missing:
            raise ValueError(f"node {missing[0]!r} has no attribute {label!r} "
                             f"({len(missing)} of {len(nodes)} nodes lack it)")
        labels = [str(G.nodes[u][label]) for u in nodes]
    node_names = [str(u) for u in nodes] if names else []
    return Network.from_edges(len(nodes), src, dst, weights, G.is_directed(), labels, node_names)


def from_igraph(G, label=None, weight=None, names=True):
    """A Network from a python-igraph Graph (vertex ids are node ids; the
    "name" vertex attribute, when present, gives node names)."""
    edges = np.asarray(G.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    weights = None
    if weight is not None:
        weights = np.asarray(G.es[weight], dtype=np.float32)
    labels = []
    if label is not None:
        if label not in G.vs.attributes():
            raise ValueError(f"the graph has no vertex attribute {label!r}; "
                             f"it has: {', '.join(G.vs.attributes()) or 'none'}")
        labels = [str(x) for x in G.vs[label]]
    node_names = []
    if names and "name" in G.vs.attributes():
        node_names = [str(x) for x in G.vs["name"]]
    return Network.from_edges(G.vcount(), edges[:, 0], edges[:, 1], weights, G.is_directed(),
                              labels, node_names)


def as_network(graph, label=None, weight=None):
    """A Network from a Network, a networkx graph or an igraph graph."""
    if graph is None or isinstance(graph, Network):
        return graph
    mod = type(graph).__module__.split(".")[0]
    if mod == "networkx":
        return from_networkx(graph, label=label, weight=weight)
    if mod == "igraph":
        return from_igraph(graph, label=label, weight=weight)
    raise TypeError(f"expected a networkx or igraph graph or a microcosm Network, "
                    f"not {type(graph).__name__}")


def to_networkx(network, directed=None):
    """A networkx graph of a Network (nodes 0..n-1 with "name" and "label"
    attributes when the network has them)."""
    import networkx as nx

    directed = network.directed if directed is None else directed
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(network.num_nodes))
    src, dst = network.edges()
    if network.weighted:
        G.add_weighted_edges_from(zip(src.tolist(), dst.tolist(), network.weights().tolist()))
    else:
        G.add_edges_from(zip(src.tolist(), dst.tolist()))
    for attr, values in (("name", network.node_names), ("label", network.labels)):
        if len(values) == network.num_nodes:
            nx.set_node_attributes(G, dict(enumerate(values)), attr)
    return G
