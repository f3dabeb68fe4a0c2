"""The command palette (ctrl+p): find actors and areas by name or code, and jump there.

Matching ignores case, spacing and diacritics (``sinergi_graph.text`` folding);
see :func:`tui.model.search.search`. Palette searches run off the event loop so
typing stays smooth on a national network.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.i18n import tr
from tui.model import SearchHit, search
from tui.model.display import markup_safe, plain

if TYPE_CHECKING:
    from tui.app import SinergiApp


class SinergiSearch(Provider):
    """Actors and areas of the open network."""

    @property
    def sapp(self) -> SinergiApp:
        from tui.app import SinergiApp

        assert isinstance(self.app, SinergiApp)
        return self.app

    async def search(self, query: str) -> Hits:
        app = self.sapp
        if not query.strip():
            return
        areas = app._areas
        if areas is None:
            return
        network = app.workspace.network
        lang = app.lang
        hits = await asyncio.to_thread(
            search,
            query,
            areas,
            network,
            kind_label=lambda k: app.workspace.kind_label(k, lang),
        )
        for hit in hits:
            yield Hit(
                score=max(0.0, min(hit.score, 1.0)),
                match_display=self._display(hit),
                command=partial(app.jump_to, hit.kind, hit.id),
                text=plain(hit.label),
                help=self._help(hit),
            )

    def _display(self, hit: SearchHit) -> Text:
        icon = "▸ " if hit.kind == "area" else "● "
        return Text.assemble((icon, "dim"), plain(hit.label))

    def _help(self, hit: SearchHit) -> str:
        lang = self.sapp.lang
        if hit.kind == "area":
            return tr("hit_area", lang, label=self.sapp.area_index().label(hit.id), code=hit.id)
        return markup_safe(hit.detail)

    async def discover(self) -> Hits:
        app = self.sapp
        lang = app.lang
        for action, key in (
            ("show_gaps", "k_gaps"),
            ("show_plan", "k_plan"),
            ("show_path", "k_path"),
            ("help", "k_help"),
        ):
            yield DiscoveryHit(
                tr(key, lang), partial(app.run_main_action, action), help=tr("hit_command", lang)
            )
