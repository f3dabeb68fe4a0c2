// Number of actors (from Neo4j's count store: instant at any size).
MATCH (a:Actor)
RETURN count(a) AS actors
