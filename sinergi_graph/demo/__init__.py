"""A realistic, generated coordination network for any area of Indonesia.

``sinergi demo --region CODE`` fills a store with the election bodies of an
area (KPU, Bawaslu, PPK, PPS and their members), the stakeholders they must
reach (camat, kapolsek, danramil, puskesmas, kepala desa / lurah, …) and the
coordination links between them, dated along the seasons of the 2024
elections. The facts it rests on come from the field reports in
``shared/seeds``; everything else is synthetic: people's names are drawn from
common Indonesian names, phone numbers use the toll-free prefix ``0800``
(never a person's mobile number) and e-mail addresses the reserved
``example.invalid`` domain.

Coverage is deliberately incomplete (e.g. ~87 % of PPS know their kepala
desa, ~65 % of PPK their puskesmas) and each regency has its own strength, so
the gap list and its spread between regencies are worth looking at.

The content is deterministic: every regency and kecamatan draws from its own
random stream seeded from ``(seed, area code)``, so the demo of ``33.23`` is
exactly the part of the demo of ``33`` (or ``ID``) that lies in ``33.23``.

Modules, by responsibility:

- :mod:`~sinergi_graph.demo.reference`: the data files in ``data/demo/``
  (link calendar, coverage, institutions, names);
- :mod:`~sinergi_graph.demo.places`: local names of the levels;
- :mod:`~sinergi_graph.demo.network`: random streams and the accumulator;
- :mod:`~sinergi_graph.demo.generator`: what each level holds;
- :mod:`~sinergi_graph.demo.records`: rows validated into models when read;
- :mod:`~sinergi_graph.demo.build`: writing into a store;
- :mod:`~sinergi_graph.demo.trust`: telling demo actors from real ones, so a
  demo never mixes into real data.
"""

from sinergi_graph.demo.build import DemoSummary, build_demo
from sinergi_graph.demo.generator import DEFAULT_SEED, DemoBatch, demo_size, generate_demo
from sinergi_graph.demo.trust import DemoOverRealData

__all__ = [
    "DEFAULT_SEED",
    "DemoBatch",
    "DemoOverRealData",
    "DemoSummary",
    "build_demo",
    "demo_size",
    "generate_demo",
]
