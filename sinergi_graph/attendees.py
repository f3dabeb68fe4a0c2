"""Who a daftar hadir row is: an actor found from name, jabatan and instansi.

A printed daftar hadir says ``Sutrisno | Lurah | Kalurahan Tepus``, not an
actor id. The jabatan gives the kind (``Lurah`` → LURAH) or makes the person
a member of a body (``Ketua PPS`` → a member of a PPS); the instansi gives the
area (``Kalurahan Tepus`` → the village Tepus), looked for within the
activity's area when it has one. A row that does not resolve comes back with
the candidates, and, where kind and area are certain, the actors that would
have to be created for it (``import --create-missing``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sinergi_graph.actor_refs import Candidate, Directory, derived_id
from sinergi_graph.areas import AreaIndex, is_within, level_of
from sinergi_graph.kinds import KindCatalogue
from sinergi_graph.models import Actor, ActorRow
from sinergi_graph.text import fold, fold_words

__all__ = ["AttendeeResolver", "Found"]

# Words of an instansi that name an area level, not the area itself.
_AREA_WORDS = {
    "desa", "kelurahan", "kalurahan", "kecamatan", "kapanewon", "kemantren", "distrik",
    "kabupaten", "kab", "kota", "provinsi", "prov", "kantor", "balai", "pemerintah",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Found:
    """A resolved attendee (``id``), or the candidates and the actors to create."""

    id: str | None
    candidates: tuple[Candidate, ...] = ()
    create: tuple[Actor, ...] = ()
    area: str | None = None


class AttendeeResolver:
    """Resolve attendance rows against the input's and the store's actors."""

    def __init__(
        self,
        directory: Directory,
        catalogue: KindCatalogue,
        areas: AreaIndex,
        input_actors: Sequence[Actor],
        store_rows: Callable[[], Iterable[ActorRow]],
    ) -> None:
        self._directory = directory
        self._catalogue = catalogue
        self._areas = areas
        self._input = input_actors
        self._store_rows = store_rows
        self._members: dict[str, list[Candidate]] | None = None
        self._by_id: dict[str, Candidate] = {}
        # Actors proposed for creation, by id: the same person on two sheets is one actor.
        self.created: dict[str, Actor] = {}

    def _index(self) -> dict[str, list[Candidate]]:
        if self._members is None:
            self._members = {}
            parents: dict[str, str | None] = {}
            for row in self._store_rows():
                self._by_id[row.id] = Candidate(row.id, row.kind, row.name, row.area)
                parents[row.id] = row.member_of
            for a in self._input:
                self._by_id[a.id] = Candidate(a.id, a.kind, a.name, a.area)
                parents[a.id] = a.member_of
            for actor_id, parent in parents.items():
                if parent:
                    self._members.setdefault(parent, []).append(self._by_id[actor_id])
        return self._members

    def area_of(self, actor_id: str) -> str | None:
        """The recorded area of an actor of the input or the store (created ones too)."""
        self._index()
        if actor_id in self.created:
            return self.created[actor_id].area
        found = self._by_id.get(actor_id)
        return found.area if found else None

    def by_reference(self, text: str, area: str | None) -> Found:
        """An actor given by id or name (an ``actor`` column, a JSON attendee)."""
        res = self._directory.resolve(text, area=area)
        return Found(res.id, res.candidates, area=self.area_of(res.id) if res.id else None)

    def by_position(self, name: str, role: str, organisation: str, area: str | None) -> Found:
        """A person given by name, jabatan and instansi, within ``area`` when given."""
        cat = self._catalogue
        kind = cat.resolve(role) if role else None
        if kind is not None and not cat.is_institution(kind):
            kind = None
        body_kind = cat.resolve_member(role) if role and kind is None else None
        if kind is None and body_kind is None:
            return self._by_organisation(name, organisation, area)
        target = kind or body_kind
        assert target is not None
        bodies, codes = self._bodies(target, organisation, area)
        if kind is not None:
            if len(bodies) == 1:
                return Found(bodies[0].id, area=bodies[0].area)
            if bodies or len(codes) != 1:
                return Found(None, tuple(bodies))
            body = self._proposed(kind, codes[0], f"{role} {self._areas.name(codes[0])}")
            return Found(None, create=(body,), area=codes[0])
        if len(bodies) > 1 or (not bodies and len(codes) != 1):
            return Found(None, tuple(bodies))
        create: list[Actor] = []
        if bodies:
            body_id, body_area = bodies[0].id, bodies[0].area
            members = self._index().get(body_id, [])
            wanted = fold_words(name)
            same = [m for m in members if fold_words(m.name) == wanted] if wanted else []
            if len(same) == 1:
                return Found(same[0].id, area=body_area)
            if not name:
                return Found(body_id, area=body_area)
            candidates = tuple(members)
        else:
            body_area = codes[0]
            label = cat[target].label_id if target in cat else target
            proposed = self._proposed(target, body_area, f"{label} {self._areas.name(body_area)}")
            body_id = proposed.id
            create.append(proposed)
            candidates = ()
            if not name:
                return Found(None, create=tuple(create), area=body_area)
        person = Actor(
            id=derived_id("PERSON", body_area, name),
            kind="PERSON",
            name=name,
            area=body_area,
            member_of=body_id,
            properties={"jabatan": role},
        )
        create.append(self.created.get(person.id, person))
        return Found(None, candidates, create=tuple(create), area=body_area)

    def _proposed(self, kind: str, area: str | None, name: str) -> Actor:
        actor = Actor(id=derived_id(kind, area, name), kind=kind, name=name, area=area)
        return self.created.get(actor.id, actor)

    def _by_organisation(self, name: str, organisation: str, area: str | None) -> Found:
        """A jabatan that names no kind (``Staf``): the person by name, else the instansi."""
        if name:
            res = self._directory.resolve(name, area=area)
            if res.id is not None:
                return Found(res.id, area=self.area_of(res.id))
        if not organisation:
            return Found(None)
        res = self._directory.resolve(organisation, area=area)
        if res.id is None:
            return Found(None, res.candidates)
        return Found(res.id, area=self.area_of(res.id))

    def _bodies(
        self, kind: str, organisation: str, area: str | None
    ) -> tuple[list[Candidate], list[str]]:
        """Actors of ``kind`` the instansi names, and the area codes it may mean."""
        if organisation:
            res = self._directory.resolve(organisation, area=area, kinds=[kind])
            if res.id is not None:
                self._index()
                found = self._by_id.get(res.id)
                if found is not None and found.kind == kind:
                    return [found], [found.area] if found.area else []
        codes = self._area_codes(kind, organisation, area)
        bodies = [b for code in codes for b in self._directory.bodies(kind, code)]
        if len(codes) > 1 and bodies:
            # The area names several places: those where such a body is recorded count.
            codes = sorted({b.area for b in bodies if b.area})
        return bodies, codes

    def _area_codes(self, kind: str, organisation: str, area: str | None) -> list[str]:
        info = self._catalogue.get(kind)
        words = fold_words(organisation).split()
        # Drop the leading words that say what the body is (``Kalurahan``, ``PPS``).
        while words and (words[0] in _AREA_WORDS or self._catalogue.resolve(words[0])):
            words = words[1:]
        query = " ".join(words)
        if not query:
            if area is not None and (info is None or level_of(area) is info.level):
                return [area]
            return []
        level = info.level if info is not None else None
        found = self._areas.find(query, level=level, limit=200)
        exact = [a for a in found if fold(a.name) == fold(query)]
        codes = [a.code for a in (exact or found)]
        if area is not None:
            codes = [c for c in codes if is_within(c, area) or is_within(area, c)]
        return codes
