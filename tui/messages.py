"""Messages the workers send back to the screens (harlequin style: results travel by message)."""

from __future__ import annotations

from textual.message import Message

from sinergi_graph.areas import AreaIndex
from sinergi_graph.models import ChangeSet
from tui.model import ActorDetail, ActorListing, GapIndex, Network


class AreasReady(Message):
    def __init__(self, areas: AreaIndex) -> None:
        super().__init__()
        self.areas = areas


class StoreOpened(Message):
    def __init__(self, location: str) -> None:
        super().__init__()
        self.location = location


class Progressed(Message):
    """Long work moved on: ``stage`` is a message key, ``fraction`` 0…1 (1 = finished)."""

    def __init__(self, stage: str, fraction: float) -> None:
        super().__init__()
        self.stage = stage
        self.fraction = fraction


class NetworkReady(Message):
    def __init__(self, network: Network) -> None:
        super().__init__()
        self.network = network


class GapsReady(Message):
    def __init__(self, gaps: GapIndex) -> None:
        super().__init__()
        self.gaps = gaps


class SearchReady(Message):
    """The actor search index is built: the palette now finds actors too."""


class ListingReady(Message):
    def __init__(self, area: str, listing: ActorListing) -> None:
        super().__init__()
        self.area = area
        self.listing = listing


class DetailReady(Message):
    def __init__(self, actor_id: str, detail: ActorDetail | None) -> None:
        super().__init__()
        self.actor_id = actor_id
        self.detail = detail


class WorkFailed(Message):
    """A worker could not finish; ``text`` says what happened and what to do."""

    def __init__(self, text: str, *, fatal: bool = False) -> None:
        super().__init__()
        self.text = text
        self.fatal = fatal


class AreaChosen(Message):
    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code


class ActorChosen(Message):
    def __init__(self, actor_id: str) -> None:
        super().__init__()
        self.actor_id = actor_id


class NetworkChanged(Message):
    """The store was written (edit, apply, undo): bring the network up to date and say so.

    ``changes`` is what a journalled write applied (the entry's ``forward``
    after an apply or an edit, its ``inverse`` after an undo) and ``revision``
    the store's revision just before it: then the network is refreshed from
    the change set. Without them (an import, a kegiatan), or when the store
    moved on by more than that write, it is loaded in full.
    """

    def __init__(
        self,
        note: str,
        focus_actor: str | None = None,
        *,
        changes: ChangeSet | None = None,
        revision: int | None = None,
    ) -> None:
        super().__init__()
        self.note = note
        self.focus_actor = focus_actor
        self.changes = changes
        self.revision = revision
