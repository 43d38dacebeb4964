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

import csv
import io
from collections.abc import Iterable, Sequence

BOM = "\ufeff"
# What starts a formula: OWASP's list, white space before it (a spreadsheet may trim it),
# and the full-width forms that East Asian spreadsheet locales read as the same operators.
_FORMULA_START = tuple("=+-@\t\r＝＋－＠")
_LEADING_SPACE = " \t\r\n\u00a0\u3000"


def neutralise(value: str) -> str:
    """Make a cell value that a spreadsheet would run as a formula read as text instead."""
    if value.startswith(("\t", "\r")) or value.lstrip(_LEADING_SPACE).startswith(_FORMULA_START):
        return "'" + value
    return value


class CsvRows:
    """Format rows as CSV text, each once, to be joined into as many files as they belong to."""

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")

    def row(self, values: Sequence[str | None]) -> str:
        """One CSV line (CRLF-terminated); None is an empty cell."""
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow([neutralise(v) if v else "" for v in values])
        return self._buffer.getvalue()


def csv_file(header: str, rows: Iterable[str]) -> bytes:
    """A whole CSV file: the BOM, the header line, then the rows."""
    return (BOM + header + "".join(rows)).encode("utf-8")
