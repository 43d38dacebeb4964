"""Claims as CSV: UTF-8 with a BOM, RFC 4180, and no cell a spreadsheet could run as a formula.

Spreadsheets read a CSV without a byte-order mark in the system's legacy code page, which
garbles Polish and Tagalog: the BOM makes Excel and LibreOffice read UTF-8. Every field is
quoted and lines end in CRLF (RFC 4180); quoting every field also keeps a `;` or `,` inside a
value from starting a new cell in a spreadsheet whose locale splits on it.

OWASP's CSV-injection guidance: a cell that starts with `=`, `+`, `-`, `@`, a tab or a
carriage return is run as a formula by Excel, LibreOffice or Google Sheets; such a value is
written with a leading apostrophe, which makes the cell text. The JSON keeps values as typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

BOM = "\ufeff"
# What starts a formula: OWASP's list, white space before it (a spreadsheet may trim it),
# and the full-width forms that East Asian spreadsheet locales read as the same operators.
_FORMULA_START = frozenset("=+-@\t\r＝＋－＠")
_LEADING_SPACE = " \t\r\n\u00a0\u3000"


def neutralise(value: str) -> str:
    """Make a cell value that a spreadsheet would run as a formula read as text instead."""
    first = value[:1]
    if first in _FORMULA_START or (
        first in _LEADING_SPACE and value.lstrip(_LEADING_SPACE)[:1] in _FORMULA_START
    ):
        return "'" + value
    return value


_CHECK = _FORMULA_START | frozenset(_LEADING_SPACE)


def csv_row(values: Sequence[str | None]) -> str:
    """One CSV line, CRLF-terminated; None is an empty cell.

    RFC 4180: every field in double quotes, a double quote inside doubled; a line break
    inside a quoted field is part of the value.
    """
    cells = [
        (neutralise(v) if v[0] in _CHECK else v).replace('"', '""') if v else "" for v in values
    ]
    return '"' + '","'.join(cells) + '"\r\n'


def csv_start(header: str) -> bytes:
    """A CSV file up to its first row: the BOM and the header line."""
    return (BOM + header).encode("utf-8")


def csv_file(header: str, rows: Iterable[bytes]) -> bytes:
    """A whole CSV file: the BOM, the header line, then the rows (each encoded in UTF-8).

    The file grows in one buffer: no list of its rows is made (the whole briefing's file
    is tens of megabytes at 100,000 claims).
    """
    out = bytearray(csv_start(header))
    for row in rows:
        out += row
    return bytes(out)
