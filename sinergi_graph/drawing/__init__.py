"""Pictures of the coordination network: layout, PNG/SVG rendering, an interactive page.

:func:`~sinergi_graph.drawing.layout.picture_of_area` and
:func:`~sinergi_graph.drawing.layout.picture_around` place the network as a
:class:`~sinergi_graph.drawing.model.Picture`; :func:`~sinergi_graph.drawing.static.render`
draws it with matplotlib and :func:`~sinergi_graph.drawing.web.picture_page` as a
self-contained HTML page.
"""

from __future__ import annotations

from sinergi_graph.drawing.layout import picture_around, picture_of_area
from sinergi_graph.drawing.model import EdgeStyle, NodeRole, PicEdge, PicNode, Picture

__all__ = [
    "EdgeStyle",
    "NodeRole",
    "PicEdge",
    "PicNode",
    "Picture",
    "picture_around",
    "picture_of_area",
]
