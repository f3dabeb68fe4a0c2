// sinergi's schema in Neo4j: run once per database, before the first write.
// Every statement is idempotent (IF NOT EXISTS), so running it again is harmless.
// All of these are available in Neo4j Community 5.26.

// One node per actor id, area code, saved document and metadata record.
CREATE CONSTRAINT sinergi_actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT sinergi_area_code IF NOT EXISTS FOR (x:Area) REQUIRE x.code IS UNIQUE;
CREATE CONSTRAINT sinergi_document_key IF NOT EXISTS FOR (d:SinergiDocument) REQUIRE (d.namespace, d.key) IS UNIQUE;
CREATE CONSTRAINT sinergi_meta_name IF NOT EXISTS FOR (m:SinergiMeta) REQUIRE m.name IS UNIQUE;

// Members are found by the id they point at (also when that actor arrives later).
CREATE INDEX sinergi_actor_member_of IF NOT EXISTS FOR (a:Actor) ON (a.member_of);
// Gap queries look up "actors of these kinds whose area starts with this code".
CREATE INDEX sinergi_actor_kind_area IF NOT EXISTS FOR (a:Actor) ON (a.kind, a.area);

// A coordination link's id is unique within its relationship type: one
// constraint (and so one index) per link type in sinergi_graph.models.LinkType.
CREATE CONSTRAINT sinergi_link_koordinasi IF NOT EXISTS FOR ()-[r:KOORDINASI]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT sinergi_link_rapat IF NOT EXISTS FOR ()-[r:RAPAT]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT sinergi_link_sosialisasi IF NOT EXISTS FOR ()-[r:SOSIALISASI]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT sinergi_link_audiensi IF NOT EXISTS FOR ()-[r:AUDIENSI]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT sinergi_link_kerjasama IF NOT EXISTS FOR ()-[r:KERJASAMA]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT sinergi_link_surat IF NOT EXISTS FOR ()-[r:SURAT]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT sinergi_link_kunjungan IF NOT EXISTS FOR ()-[r:KUNJUNGAN]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT sinergi_link_bimtek IF NOT EXISTS FOR ()-[r:BIMTEK]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT sinergi_link_monitoring IF NOT EXISTS FOR ()-[r:MONITORING]-() REQUIRE r.id IS UNIQUE;

// Kegiatan (activities) and kerja sama (agreements): one node per id.
CREATE CONSTRAINT sinergi_kegiatan_id IF NOT EXISTS FOR (k:Kegiatan) REQUIRE k.id IS UNIQUE;
CREATE CONSTRAINT sinergi_kerjasama_id IF NOT EXISTS FOR (g:KerjaSama) REQUIRE g.id IS UNIQUE;
