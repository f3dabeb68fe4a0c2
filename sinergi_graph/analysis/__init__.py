"""Network analysis on the coordination graph, as plain networkx-style functions.

One module per concept; every function takes the graph built by
:func:`sinergi_graph.graph.build_graph` and never modifies it:

- :mod:`~sinergi_graph.analysis.metrics` — degree, betweenness (exact or
  seeded k-sample, flagged), PageRank, eigenvector centrality;
- :mod:`~sinergi_graph.analysis.brokerage` — Burt's constraint and effective
  size, Gould–Fernandez brokerage roles with actor categories as groups;
- :mod:`~sinergi_graph.analysis.resilience` — articulation points, bridges and
  who loses every path to the KPU of their regency;
- :mod:`~sinergi_graph.analysis.communities` — Louvain and alignment with areas;
- :mod:`~sinergi_graph.analysis.reach` — PPS/PPK within N steps of their KPU;
- :mod:`~sinergi_graph.analysis.paths` — shortest paths and warm introductions;
- :mod:`~sinergi_graph.analysis.simulation` — scenarios with incremental gap
  re-evaluation, saved in and applied to the store with undo;
- :mod:`~sinergi_graph.analysis.recommend` — link plans, resilience links and
  link prediction.
"""
