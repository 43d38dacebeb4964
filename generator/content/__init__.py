"""Reading and checking content: seeds/ files in, validated content objects or problems out."""

from __future__ import annotations

from .files import RawSeeds, read_seeds
from .parallel import load_content
from .validate import validate_seeds

__all__ = ["RawSeeds", "load_content", "read_seeds", "validate_seeds"]
