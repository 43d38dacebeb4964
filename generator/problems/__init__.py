"""Problems in the input, for people: located, coded from one registry, reported together."""

from __future__ import annotations

from . import codes
from .codes import Code
from .output import format_github, format_plain, report_problems, summary_line
from .problem import Location, Problem, sort_problems

__all__ = [
    "Code",
    "Location",
    "Problem",
    "codes",
    "format_github",
    "format_plain",
    "report_problems",
    "sort_problems",
    "summary_line",
]
