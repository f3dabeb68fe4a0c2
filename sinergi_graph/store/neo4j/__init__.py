"""The Neo4j store, by responsibility: ``driver`` (one per process), ``errors``
(what the driver raises, as one clear line), ``rows`` (parameter rows in,
records out), ``plan`` (the upsert plan), ``store`` (the GraphStore) and
``gaps`` (the gap rules evaluated in Cypher).

The graph is modelled the way a Neo4j Browser user expects:

- actors are ``(:Actor:<Category>:<KIND> {id, kind, name, area, member_of,
  phone, email, note, properties_json})``, e.g. ``(:Actor:Penyelenggara:PPS)``;
  the two extra labels come from the kind catalogue, never from user text;
- areas are ``(:Area {code, name, level})`` with ``(:Area)-[:IN]->(:Area)`` up
  to the province, created for every area an actor uses;
- ``(:Actor)-[:LOCATED_IN]->(:Area)`` and ``(:Actor)-[:MEMBER_OF]->(:Actor)``;
- coordination links are relationships typed by their link type
  (``:KOORDINASI``, ``:RAPAT``, …) with ``{id, date, topic, note}``; the id is
  unique per type, so parallel links between one pair stay distinct;
- saved documents are ``(:SinergiDocument {namespace, key, body})`` and the
  revision counter lives on ``(:SinergiMeta {name: 'network'})``.
"""

from sinergi_graph.store.neo4j.driver import close_drivers
from sinergi_graph.store.neo4j.rows import BATCH_SIZE
from sinergi_graph.store.neo4j.store import SCHEMA_VERSION, Neo4jStore

__all__ = ["BATCH_SIZE", "SCHEMA_VERSION", "Neo4jStore", "close_drivers"]
