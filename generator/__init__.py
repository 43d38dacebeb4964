"""Briefings: annotated source documents in, a citation-first briefing site out."""
