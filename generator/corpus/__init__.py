"""The indexed corpus: claims by pair, actor and source, read-only, and the one way to open it."""

from __future__ import annotations

from .index import Corpus, PairView, build_corpus
from .open import Opened, open_corpus

__all__ = ["Corpus", "Opened", "PairView", "build_corpus", "open_corpus"]
