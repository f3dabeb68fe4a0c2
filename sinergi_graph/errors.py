"""The one exception type the core raises for anything a user can fix."""

from __future__ import annotations

from sinergi_graph.i18n import t


class SinergiError(Exception):
    """An error with a message code and parameters, rendered in the user's language."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(code)

    def render(self, lang: str | None = None) -> str:
        return t(self.code, lang, **self.params)

    def __str__(self) -> str:
        return self.render()
