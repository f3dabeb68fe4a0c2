"""A network picture as plain data: placed nodes, links, missing contacts, captions.

The layout (:mod:`sinergi_graph.drawing.layout`) computes a :class:`Picture`
once; the static renderer (PNG/SVG), the interactive page and the report all
draw the same picture, so every output shows the network the same way.
Coordinates are in an abstract square around ``(0, 0)``, y pointing up.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

__all__ = ["EdgeStyle", "NodeDetail", "NodeRole", "PicCaption", "PicEdge", "PicNode", "Picture"]


class NodeRole(StrEnum):
    """How a node is drawn."""

    ACTOR = "actor"  # one institution (or a person belonging to none)
    OUTSIDE = "outside"  # an actor above the area (KPU Kab/Kota for a kecamatan)
    CLUSTER = "cluster"  # a whole kecamatan (or regency) folded into one node
    FOCUS = "focus"  # the actor a picture is drawn around (--around)


class EdgeStyle(StrEnum):
    """What an edge stands for; gaps are drawn dashed."""

    LINK = "link"  # recorded coordination
    GAP = "gap"  # a required contact that is missing (no_contact)
    STALE = "stale"  # a required contact older than its rule allows


class PicNode(BaseModel):
    """One placed node; ``gaps`` counts the gaps whose subject it is (or lies in)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    label: str
    name: str
    kind: str
    kind_label: str
    category: str
    role: NodeRole
    x: float
    y: float
    election_body: bool = False
    gaps: int = 0
    gaps_high: int = 0
    #: A required counterpart kind is not recorded at all in the node's scope.
    no_counterpart: bool = False
    #: Institutions folded into a cluster node (0 for an actor).
    members: int = 0
    area: str = ""
    #: The sub-area group (desa) the node is drawn in, empty for ring nodes.
    group: str = ""


class PicEdge(BaseModel):
    """A link or a missing contact; ``weight`` is the number of links (or gaps) it stands for."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    target: str
    style: EdgeStyle
    weight: int = 1


class PicCaption(BaseModel):
    """A text placed on the picture, such as the name of a desa above its group."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    x: float
    y: float


class Picture(BaseModel):
    """Everything needed to draw one network picture in the reader's language."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    subtitle: str
    lang: str
    aggregated: bool
    nodes: tuple[PicNode, ...]
    edges: tuple[PicEdge, ...]
    captions: tuple[PicCaption, ...] = ()

    def node_ids(self) -> set[str]:
        return {n.id for n in self.nodes}


class NodeDetail(BaseModel):
    """What the interactive network shows when a node is clicked."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: str
    subtitle: str
    gaps: tuple[str, ...]
    contacts: tuple[str, ...] = ()
