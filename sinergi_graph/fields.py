"""The one list of actor and link fields, taken from the records themselves.

Readers, validation, exports and forms use these instead of writing the
columns out again, so a field added to :class:`~sinergi_graph.models.Actor`
or :class:`~sinergi_graph.models.CoordinationLink` reaches all of them.
"""

from __future__ import annotations

from sinergi_graph.models import Actor, CoordinationLink

__all__ = ["ACTOR_FIELDS", "CONTACT_FIELDS", "LINK_FIELDS"]

#: Node columns, in file order: ``id, kind, name, area, member_of, phone, email, note``.
ACTOR_FIELDS: tuple[str, ...] = tuple(f for f in Actor.model_fields if f != "properties")
#: Link columns, in file order: ``id, source, target, type, date, topic, note``.
LINK_FIELDS: tuple[str, ...] = tuple(CoordinationLink.model_fields)
#: The actor fields that are personal contact data (withheld unless asked for).
CONTACT_FIELDS: tuple[str, ...] = ("phone", "email")
