"""Markdown the generator writes: escaped curator text, and pair summaries as the site has them."""
