"""Moved to :mod:`tui.model` (one module per responsibility); kept so old imports work.

Temporary re-export during the parallel restructuring: import from
``tui.model`` in new code.
"""

from __future__ import annotations

from tui.model import *  # noqa: F403
from tui.model import __all__ as __all__
