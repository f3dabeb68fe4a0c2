// A first load into an EMPTY database drops these before writing and creates
// them again from schema.cypher afterwards (sinergi_graph/store/neo4j/first_load.py):
// nothing in the load looks anything up through them, and building an index
// over the loaded data in one pass is cheaper than maintaining it row by row.
// The actor id and area code constraints stay: the load finds nodes by them.
// Every name here is created in schema.cypher (a test checks).
DROP CONSTRAINT sinergi_link_koordinasi IF EXISTS;
DROP CONSTRAINT sinergi_link_rapat IF EXISTS;
DROP CONSTRAINT sinergi_link_sosialisasi IF EXISTS;
DROP CONSTRAINT sinergi_link_audiensi IF EXISTS;
DROP CONSTRAINT sinergi_link_kerjasama IF EXISTS;
DROP CONSTRAINT sinergi_link_surat IF EXISTS;
DROP CONSTRAINT sinergi_link_kunjungan IF EXISTS;
DROP CONSTRAINT sinergi_link_bimtek IF EXISTS;
DROP CONSTRAINT sinergi_link_monitoring IF EXISTS;
DROP INDEX sinergi_actor_member_of IF EXISTS;
DROP INDEX sinergi_actor_kind_area IF EXISTS;
