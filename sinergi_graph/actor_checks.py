"""Checks over all the actors of an import: membership chains and areas the rules cannot use.

Run by :func:`sinergi_graph.validation.validate_tables` once every nodes table
is read, with its collector, so the findings are located like every problem.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sinergi_graph.activity_validation import Out
from sinergi_graph.areas import level_of, truncate
from sinergi_graph.i18n import t
from sinergi_graph.kinds import KindCatalogue, Level
from sinergi_graph.models import Actor
from sinergi_graph.store.protocol import GraphStore

__all__ = ["MAX_CHAIN", "check_areas", "check_membership"]

# How deep a member_of chain is followed into the store when looking for a cycle.
MAX_CHAIN = 16


def check_membership(
    actors: list[Actor],
    by_row: dict[tuple[str, int], Actor],
    labels: Mapping[str, Callable[[str], str]],
    store: GraphStore,
    catalogue: KindCatalogue,
    out: Out,
) -> None:
    """A member_of cycle is a problem; an institution folded into another is a warning."""
    where = {a.id: pos for pos, a in by_row.items()}
    parent = {a.id: a.member_of for a in actors if a.member_of}
    kinds = {a.id: a.kind for a in actors}
    names = {a.id: a.name for a in actors}
    # Follow chains that leave the input into the store, a level at a time.
    frontier = {p for p in parent.values() if p not in parent and p not in kinds}
    for _ in range(MAX_CHAIN):
        if not frontier:
            break
        stored = store.actors(frontier)
        for a in stored:
            kinds[a.id], names[a.id] = a.kind, a.name
            if a.member_of:
                parent[a.id] = a.member_of
        frontier = {a.member_of for a in stored if a.member_of and a.member_of not in kinds}
    for a in actors:
        chain = [a.id]
        node = parent.get(a.id)
        while node is not None and node not in chain and len(chain) <= MAX_CHAIN:
            chain.append(node)
            node = parent.get(node)
        file, row_no = where[a.id]
        column = labels[file]("member_of")
        if node == a.id:
            out.add(file, row_no, column, "p_member_cycle", chain=" → ".join([*chain, a.id]))
        elif a.member_of and catalogue.is_institution(a.kind):
            body = a.member_of
            out.warn(
                file,
                row_no,
                column,
                "w_institution_folded",
                name=a.name,
                kind=a.kind,
                body=names.get(body, body),
                body_kind=kinds.get(body, "?"),
            )


def check_areas(
    actors: list[Actor],
    by_row: dict[tuple[str, int], Actor],
    labels: Mapping[str, Callable[[str], str]],
    catalogue: KindCatalogue,
    out: Out,
) -> None:
    """An institution the gap rules would skip without trace: no area, or an area above its level.

    A PPS belongs to a desa/kelurahan and a PPK to a kecamatan; one recorded
    at its kabupaten (``34.03``) or province has no desa or kecamatan for a
    rule to place it in, so every rule passes it by.
    """
    where = {a.id: pos for pos, a in by_row.items()}
    for a in actors:
        info = catalogue.get(a.kind)
        if info is None or not info.institution or info.level is Level.NASIONAL:
            continue
        if a.area is None:
            file, row_no = where[a.id]
            out.warn(file, row_no, labels[file]("area"), "w_no_area", name=a.name, kind=a.kind)
        elif level_of(a.area) is not None and truncate(a.area, info.level) is None:
            file, row_no = where[a.id]
            out.warn(
                file,
                row_no,
                labels[file]("area"),
                "w_area_above_level",
                name=a.name,
                kind=a.kind,
                area=a.area,
                level=t(f"level_{info.level.value}"),
            )
