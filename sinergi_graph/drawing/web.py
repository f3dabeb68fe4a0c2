"""The interactive network for a browser: one self-contained page that works offline.

Cytoscape.js (vendored from npm under ``report/assets``, MIT) is inlined into
the page, with the picture's nodes at the positions the layout computed
(``preset`` layout), so the page looks like the PNG and needs no network.
Pan and zoom with the mouse; a click on a node shows its details (its gaps,
and its contacts when the report was asked for them). User text reaches the
page only as JSON inside a ``<script type="application/json">`` element
(with ``<``, ``>`` and ``&`` escaped) and is put on screen with
``textContent``, so names can never become markup.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources

import networkx as nx

from sinergi_graph.drawing.model import EdgeStyle, NodeDetail, NodeRole, Picture
from sinergi_graph.drawing.static import CATEGORY_COLOURS, GAP_COLOUR, LINK_COLOUR, STALE_COLOUR
from sinergi_graph.gaps import Gap
from sinergi_graph.i18n import t
from sinergi_graph.kinds import Category
from sinergi_graph.numbers import area_title, number
from sinergi_graph.rules import Rule

__all__ = ["CYTOSCAPE_VERSION", "network_section", "node_details", "picture_page", "script_json"]

CYTOSCAPE_VERSION = "3.35.0"
_SCALE = 420.0


@lru_cache(maxsize=1)
def cytoscape_js() -> str:
    """The vendored, minified Cytoscape.js (its licence header included)."""
    path = resources.files("sinergi_graph").joinpath("report/assets/cytoscape.min.js")
    text = path.read_text("utf-8")
    # Inlined in a <script> element: a closing tag inside would end it early.
    return text.replace("</script", "<\\/script")


def script_json(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element.

    >>> script_json({"name": "</script><b>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def node_details(
    picture: Picture,
    G: nx.Graph,
    gaps: Sequence[Gap],
    rules: Sequence[Rule],
    lang: str,
    *,
    contacts: Mapping[str, Sequence[str]] | None = None,
) -> list[NodeDetail]:
    """What a click on each node of ``picture`` shows: kind, area, gaps, contacts."""
    titles = {r.id: r.title(lang) for r in rules}
    by_subject: dict[str, list[Gap]] = {}
    for gap in gaps:
        by_subject.setdefault(gap.subject_id, []).append(gap)
    details = []
    for node in picture.nodes:
        if node.role is NodeRole.CLUSTER:
            counts: dict[str, int] = {}
            for gap in gaps:
                if gap.area.startswith(node.area):
                    title = titles.get(gap.rule, gap.rule)
                    counts[title] = counts.get(title, 0) + 1
            details.append(
                NodeDetail(
                    id=node.id,
                    title=node.name,
                    subtitle=t("report_institutions", lang, n=number(node.members, lang)),
                    gaps=tuple(f"{k}: {number(v, lang)}" for k, v in sorted(counts.items())),
                )
            )
            continue
        lines = tuple(
            f"{titles.get(g.rule, g.rule)} ({t(f'reason_{g.reason.value}', lang)})"
            for g in by_subject.get(node.id, [])
        )
        where = area_title(node.area, lang) if node.area else ""
        details.append(
            NodeDetail(
                id=node.id,
                title=node.name,
                subtitle=" · ".join(v for v in (node.kind_label, where) if v),
                gaps=lines,
                contacts=tuple((contacts or {}).get(node.id, ())),
            )
        )
    return details


def _elements(picture: Picture) -> list[dict[str, object]]:
    elements: list[dict[str, object]] = []
    top = max((n.gaps for n in picture.nodes if n.role is NodeRole.CLUSTER), default=0)
    for n in picture.nodes:
        colour = CATEGORY_COLOURS.get(n.category, CATEGORY_COLOURS[Category.MASYARAKAT.value])
        size = 22 if n.election_body else 14
        if n.role is NodeRole.CLUSTER:
            share = n.gaps / top if top else 0.0
            red = round(0xFB - (0xFB - 0xD6) * share), round(0xE3 - (0xE3 - 0x27) * share)
            colour = f"#{red[0]:02X}{red[1]:02X}{red[1]:02X}"
            size = 46 + n.members // 4
        elif n.role is NodeRole.FOCUS:
            size = 34
        label = n.label + (f" ({n.gaps})" if n.gaps and n.role is not NodeRole.CLUSTER else "")
        elements.append(
            {
                "group": "nodes",
                "data": {
                    "id": n.id,
                    "label": label,
                    "colour": colour,
                    "size": size,
                    "role": n.role.value,
                    "eb": 1 if n.election_body else 0,
                    "gaps": n.gaps,
                },
                "position": {"x": round(n.x * _SCALE, 1), "y": round(-n.y * _SCALE, 1)},
            }
        )
    for i, e in enumerate(picture.edges):
        elements.append(
            {
                "group": "edges",
                "data": {
                    "id": f"e{i}",
                    "source": e.source,
                    "target": e.target,
                    "style": e.style.value,
                    "weight": e.weight,
                    "width": 1 + min(e.weight, 8) * 0.4 if e.style is EdgeStyle.LINK else 2.2,
                },
            }
        )
    return elements


_STYLE = [
    {
        "selector": "node",
        "style": {
            "background-color": "data(colour)",
            "width": "data(size)",
            "height": "data(size)",
            "label": "data(label)",
            "font-size": 9,
            "text-wrap": "wrap",
            "text-max-width": 120,
            "text-valign": "bottom",
            "text-margin-y": 3,
            "border-width": 1,
            "border-color": "#ffffff",
        },
    },
    {
        "selector": "node[eb = 1]",
        "style": {
            "shape": "round-rectangle",
            "border-width": 3,
            "border-color": "#1A1A1A",
            "font-weight": "bold",
        },
    },
    {
        "selector": "node[gaps > 0][role != 'cluster']",
        "style": {"underlay-color": GAP_COLOUR, "underlay-opacity": 0.35, "underlay-padding": 4},
    },
    {
        "selector": "node[role = 'cluster']",
        "style": {
            "text-valign": "center",
            "border-color": "#5A1010",
            "border-width": 1.5,
            "font-size": 10,
        },
    },
    {"selector": "node[role = 'outside']", "style": {"opacity": 0.8}},
    {"selector": "node:selected", "style": {"border-color": "#FFB000", "border-width": 5}},
    {
        "selector": "edge",
        "style": {"width": "data(width)", "line-color": LINK_COLOUR, "opacity": 0.55},
    },
    {
        "selector": "edge[style = 'gap']",
        "style": {"line-style": "dashed", "line-color": GAP_COLOUR, "opacity": 0.95},
    },
    {
        "selector": "edge[style = 'stale']",
        "style": {"line-style": "dotted", "line-color": STALE_COLOUR, "opacity": 0.95},
    },
]

_SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById("net-data").textContent);
  var box = document.getElementById("net");
  var cy = cytoscape({
    container: box, elements: data.elements, style: data.style,
    layout: {name: "preset", fit: true, padding: 30},
    minZoom: 0.2, maxZoom: 5, boxSelectionEnabled: false
  });
  var details = {};
  data.details.forEach(function (d) { details[d.id] = d; });
  var panel = document.getElementById("net-detail");
  function add(parent, tag, text) {
    var el = document.createElement(tag); el.textContent = text; parent.appendChild(el);
    return el;
  }
  function section(title, lines, empty) {
    add(panel, "h4", title);
    if (!lines.length) { if (empty) { add(panel, "p", empty); } return; }
    var ul = add(panel, "ul", "");
    lines.forEach(function (line) { add(ul, "li", line); });
  }
  function show(id) {
    var d = details[id];
    panel.textContent = "";
    if (!d) { return; }
    add(panel, "h3", d.title);
    add(panel, "p", d.subtitle);
    section(data.text.gaps, d.gaps, data.text.noGaps);
    if (d.contacts.length) { section(data.text.contacts, d.contacts, ""); }
  }
  cy.on("tap", "node", function (evt) { show(evt.target.id()); });
  box.setAttribute("data-nodes", String(cy.nodes().length));
  box.setAttribute("data-edges", String(cy.edges().length));
  box.setAttribute("data-gap-edges", String(cy.edges("[style = 'gap']").length));
  box.setAttribute("data-ready", "1");
  window.sinergiNetwork = cy;
})();
"""

_CSS = """
.net-wrap { display: flex; gap: 1em; align-items: stretch; }
#net { flex: 3; height: 640px; border: 1px solid #ccc; border-radius: 4px; background: #fff; }
#net-detail { flex: 1; min-width: 14em; max-height: 640px; overflow: auto; font-size: 0.9em;
  border-left: 3px solid #0072B2; padding: 0 0.8em; }
.legend { display: flex; flex-wrap: wrap; gap: 0.4em 1.2em; margin: 0.5em 0; font-size: 0.9em; }
.legend span.sw { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.3em;
  vertical-align: middle; border-radius: 50%; }
.legend span.eb { border-radius: 2px; border: 2px solid #1A1A1A; background: #fff; }
.legend span.ln { width: 2em; height: 0; border-radius: 0; border-top: 3px solid; }
"""


def _legend(picture: Picture, lang: str) -> str:
    items = []
    present = {n.category for n in picture.nodes}
    for category in Category:
        if category.value in present:
            colour = CATEGORY_COLOURS[category.value]
            label = html.escape(t(f"draw_category_{category.value}", lang))
            items.append(
                f'<span><span class="sw" style="background:{colour}"></span>{label}</span>'
            )
    items.append(
        f'<span><span class="sw eb"></span>{html.escape(t("draw_legend_election", lang))}</span>'
    )
    if picture.aggregated:
        items.append(
            f'<span><span class="sw" style="background:#E88"></span>'
            f"{html.escape(t('draw_legend_cluster', lang))}</span>"
        )
    for colour, style, key in (
        (LINK_COLOUR, "solid", "draw_legend_link"),
        (GAP_COLOUR, "dashed", "draw_legend_gap"),
        (STALE_COLOUR, "dotted", "draw_legend_stale"),
    ):
        items.append(
            f'<span><span class="sw ln" style="border-top-color:{colour};'
            f'border-top-style:{style}"></span>{html.escape(t(key, lang))}</span>'
        )
    return f'<div class="legend">{"".join(items)}</div>'


def network_section(picture: Picture, details: Sequence[NodeDetail], lang: str) -> str:
    """The network's HTML: legend, canvas, detail panel and the scripts that draw it."""
    payload = {
        "elements": _elements(picture),
        "style": _STYLE,
        "details": [d.model_dump() for d in details],
        "text": {
            "gaps": t("draw_detail_gaps", lang),
            "noGaps": t("draw_detail_no_gaps", lang),
            "contacts": t("draw_detail_contacts", lang),
        },
    }
    return (
        f"<style>{_CSS}</style>\n"
        f"{_legend(picture, lang)}\n"
        f'<p class="hint">{html.escape(t("draw_click_hint", lang))}</p>\n'
        '<div class="net-wrap"><div id="net"></div><aside id="net-detail"></aside></div>\n'
        f"<script>{cytoscape_js()}</script>\n"
        f'<script type="application/json" id="net-data">{script_json(payload)}</script>\n'
        f"<script>{_SCRIPT}</script>\n"
    )


def picture_page(picture: Picture, details: Sequence[NodeDetail]) -> str:
    """A whole HTML page with the interactive picture (``sinergi draw --output x.html``)."""
    lang = picture.lang
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(picture.title)}</title>\n"
        "<style>body { font-family: 'DejaVu Sans', Arial, sans-serif; margin: 1.2em; }</style>\n"
        "</head>\n<body>\n"
        f"<h1>{html.escape(picture.title)}</h1>\n<p>{html.escape(picture.subtitle)}</p>\n"
        f"{network_section(picture, details, lang)}"
        "</body>\n</html>\n"
    )
