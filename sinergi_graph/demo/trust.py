"""Telling a demo's actors from real ones, so a demo is never mixed into real data.

The generator marks what it makes: every person carries ``synthetic = "true"``,
a ``member_of`` and a toll-free ``0800`` number; every institution has an id
built from its kind and the digits of its area (``PPS-3323012001``,
``PUSKESMAS-332301-2``), no phone, no extra properties and an e-mail, if any,
at the reserved ``example.invalid`` domain. The national bodies and
ministries (no area) have ids ``KPU_RI``, ``BAWASLU_RI``, ``DKPP`` and
``KEMENTERIAN-…``. The marks are read here rather than added to every record
so demo networks stay exactly as they were generated (the same seed gives the
same export, byte for byte).

Examples
--------
>>> from sinergi_graph.models import Actor
>>> is_demo_actor(Actor(id="PPS-3323012001", kind="PPS", name="PPS Desa X", area="33.23.01.2001"))
True
>>> is_demo_actor(Actor(id="pps-tepus", kind="PPS", name="PPS Tepus", area="34.03.07.2004"))
False
"""

from __future__ import annotations

from sinergi_graph.errors import SinergiError
from sinergi_graph.models import Actor
from sinergi_graph.store.protocol import GraphStore
from sinergi_graph.text import printable

__all__ = ["DemoOverRealData", "is_demo_actor", "refuse_unless_demo_only"]

_NATIONAL_IDS = frozenset({"KPU_RI", "BAWASLU_RI", "DKPP"})


class DemoOverRealData(SinergiError):
    """``demo`` into a store that holds actors no demo made (real data)."""

    default_code = "demo_over_real_data"


def _numbered(id_: str, prefix: str) -> bool:
    """``id_`` is ``prefix`` followed by an ASCII number."""
    rest = id_[len(prefix) :]
    return id_.startswith(prefix) and rest.isascii() and rest.isdigit()


def is_demo_actor(actor: Actor) -> bool:
    """True when ``actor`` carries the marks the demo generator gives its records."""
    if actor.kind == "PERSON":
        institution = actor.member_of
        return (
            actor.properties.get("synthetic") == "true"
            and institution is not None
            and _numbered(actor.id, f"{institution}-")
            and actor.email is None
            and (actor.phone is None or actor.phone.startswith("0800"))
        )
    if actor.phone is not None or actor.member_of is not None or actor.properties:
        return False
    if actor.email is not None and not actor.email.endswith("@example.invalid"):
        return False
    if actor.area is None:
        if actor.kind == "KEMENTERIAN":
            return actor.id.startswith("KEMENTERIAN-")
        return actor.id == actor.kind and actor.id in _NATIONAL_IDS
    own = f"{actor.kind}-{actor.area.replace('.', '')}"
    return actor.id == own or _numbered(actor.id, f"{own}-")


def refuse_unless_demo_only(store: GraphStore) -> None:
    """Raise :class:`DemoOverRealData` unless ``store`` is empty or holds only demo actors.

    Links are not looked at: a link between two demo actors is kept by a
    re-run (upserts never delete), and one that touches a real actor means
    a real actor is there.
    """
    if store.is_empty():
        return
    foreign = [a.id for a in store.actors() if not is_demo_actor(a)]
    if foreign:
        raise DemoOverRealData(
            count=len(foreign), example=printable(foreign[0], multiline=False), store=store.location
        )
