"""The area tree: provinsi → kabupaten/kota → kecamatan → desa, each with its open gaps.

Children are added only when a node is expanded, from the bundled area index,
so the whole country opens at once. Counts come from the network and gap
index once the workers have built them; until then the tree is already usable.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from sinergi_graph.areas import AreaIndex
from tui.messages import AreaChosen
from tui.model import ROOT, GapIndex, Network

DESA_LENGTH = 13


def short_name(name: str) -> str:
    """``Kabupaten Temanggung`` → ``Kab. Temanggung``: regency names fit a narrow tree."""
    for long, short in _SHORT:
        if name.startswith(long):
            return short + name[len(long) :]
    return name


_SHORT = (
    ("Kabupaten ", "Kab. "),
    ("Daerah Istimewa ", "DI "),
    ("Daerah Khusus Ibukota ", "DKI "),
)


class AreaTree(Tree[str]):
    """Lazy tree of area codes; posts :class:`AreaChosen` when the cursor moves."""

    DEFAULT_CSS = ""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Indonesia", data=ROOT, id=id)
        self.areas: AreaIndex | None = None
        self.network: Network | None = None
        self.gaps: GapIndex | None = None
        self.show_empty = False
        self._area_nodes: dict[str, TreeNode[str]] = {}
        self._loaded_codes: set[str] = set()
        #: A cursor move asked for but not yet laid out (code, post AreaChosen).
        self._pending: tuple[str, bool] | None = None
        self.guide_depth = 2
        self.show_root = True
        self.auto_expand = False

    # ------------------------------------------------------------------
    # Filling

    def set_areas(self, areas: AreaIndex) -> None:
        self.areas = areas
        self._rebuild(expanded={ROOT}, cursor=self.target_code)

    def set_network(self, network: Network | None, gaps: GapIndex | None) -> None:
        """New counts: relabel, and re-filter empty areas when the network changed."""
        changed = network is not self.network
        self.network = network
        self.gaps = gaps
        if changed and not self.show_empty:
            self._rebuild(expanded=self.expanded_codes(), cursor=self.target_code)
        else:
            self.relabel()

    def toggle_empty(self) -> bool:
        self.show_empty = not self.show_empty
        self._rebuild(expanded=self.expanded_codes(), cursor=self.target_code)
        return self.show_empty

    @property
    def cursor_code(self) -> str:
        node = self.cursor_node
        return node.data if node is not None and node.data else ROOT

    @property
    def target_code(self) -> str:
        """Where the cursor is, or where a move not yet laid out will put it.

        A rebuild (new areas, new network) between a jump and its layout must
        keep the jump, not put the cursor back where it was.
        """
        return self._pending[0] if self._pending is not None else self.cursor_code

    def expanded_codes(self) -> set[str]:
        return {code for code, node in self._area_nodes.items() if node.is_expanded}

    def _visible(self, code: str) -> bool:
        if self.show_empty or self.network is None:
            return True
        return self.network.actor_count(code) > 0

    def _rebuild(self, *, expanded: set[str], cursor: str) -> None:
        self.clear()
        self._area_nodes = {ROOT: self.root}
        self._loaded_codes = set()
        self.root.set_label(self._label(ROOT))
        self._load_children(self.root)
        self.root.expand()
        for code in sorted(expanded, key=len):
            node = self._area_nodes.get(code)
            if node is not None:
                self._load_children(node)
                node.expand()
        self.reveal(cursor, post=False)

    def _load_children(self, node: TreeNode[str]) -> None:
        code = node.data or ROOT
        if code in self._loaded_codes or self.areas is None:
            return
        self._loaded_codes.add(code)
        for area in self.areas.children(code):
            if not self._visible(area.code):
                continue
            leaf = len(area.code) >= DESA_LENGTH
            child = node.add(self._label(area.code), data=area.code, allow_expand=not leaf)
            self._area_nodes[area.code] = child

    def _label(self, code: str) -> Text:
        name = "Indonesia" if code == ROOT else (self.areas.name(code) if self.areas else code)
        label = Text(short_name(name))
        if self.network is not None and self.network.actor_count(code) == 0:
            label.stylize("dim")
        if self.gaps is not None:
            count = self.gaps.count(code)
            label.append(" ")
            label.append(f"{count}", style="bold red" if count else "green")
        return label

    def relabel(self) -> None:
        for code, node in self._area_nodes.items():
            node.set_label(self._label(code))

    # ------------------------------------------------------------------
    # Moving

    def reveal(self, code: str, *, post: bool = True) -> None:
        """Expand the ancestors of ``code`` and put the cursor on it."""
        if self.areas is None:
            return
        chain = [a.code for a in self.areas.ancestors(code)] if code != ROOT else []
        if code != ROOT and code not in self._area_nodes and not self._visible(code):
            # An empty area asked for by search: show empty areas so it can be reached.
            self.show_empty = True
            self._rebuild(expanded=self.expanded_codes(), cursor=ROOT)
        for parent in [ROOT, *chain]:
            node = self._area_nodes.get(parent)
            if node is None:
                break
            self._load_children(node)
            node.expand()
        # Line numbers of new nodes exist only after the tree is laid out again.
        # The latest move wins; a rebuild's re-reveal of the same code keeps its post.
        keep = self._pending is not None and self._pending == (code, True)
        self._pending = (code, post or keep)
        self.call_after_refresh(self._place_cursor)

    def _place_cursor(self) -> None:
        if self._pending is None:
            return  # an earlier callback placed the latest move already
        (code, post), self._pending = self._pending, None
        target = self._area_nodes.get(code)
        if target is None:
            return
        # The tree numbers its lines lazily (on idle or when asked): a refresh can come
        # first, and a node not yet numbered (line -1) would take the cursor off the tree.
        _ = self.last_line
        self.move_cursor(target)
        self.scroll_to_node(target, animate=False)
        if post:
            self.post_message(AreaChosen(code))

    @on(Tree.NodeExpanded)
    def _expanded(self, event: Tree.NodeExpanded[str]) -> None:
        self._load_children(event.node)

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        event.stop()
        self.post_message(AreaChosen(event.node.data or ROOT))
