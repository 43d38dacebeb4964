"""Render stage: the corpus to every output file (pages, data, pictures, feeds, search), as
path -> bytes."""

from __future__ import annotations

from .outputs import OWNED_DIRS, OWNED_FILES, Outputs, render_outputs

__all__ = ["OWNED_DIRS", "OWNED_FILES", "Outputs", "render_outputs"]
