"""Source text with position mapping.

Every stage keeps character offsets into the decoded text; this module turns them into
1-based (line, column) for people and CLI formats, and into 0-based UTF-16 positions for LSP.
"""

from __future__ import annotations

import bisect
from stlint._records import dataclass, field

BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Pos:
    line: int  # 1-based
    column: int  # 1-based, in characters (code points)


class Source:
    """Decoded text of one file plus a line index."""

    __slots__ = ("text", "path", "_line_starts", "had_bom", "newline", "decode_error")

    def __init__(self, text: str, path: str | None = None, *, had_bom: bool = False,
                 decode_error: tuple[int, str] | None = None) -> None:
        self.text = text
        self.path = path
        self.had_bom = had_bom
        self.decode_error = decode_error
        self.newline = "\r\n" if "\r\n" in text else "\n"
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._line_starts = starts

    @classmethod
    def from_bytes(cls, data: bytes, path: str | None = None) -> "Source":
        """Decode UTF-8 (with optional BOM). Invalid bytes are replaced and remembered, so the
        caller can report them with a position instead of failing."""
        had_bom = data.startswith(b"\xef\xbb\xbf")
        if had_bom:
            data = data[3:]
        try:
            text = data.decode("utf-8")
            err = None
        except UnicodeDecodeError as e:
            text = data.decode("utf-8", errors="replace")
            # offset in characters of the first bad byte
            good = data[: e.start].decode("utf-8", errors="replace")
            err = (len(good), f"invalid UTF-8 byte 0x{data[e.start]:02x}")
        return cls(text, path, had_bom=had_bom, decode_error=err)

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._line_starts[max(0, min(line, len(self._line_starts)) - 1)]

    def line_text(self, line: int) -> str:
        start = self.line_start(line)
        end = self.text.find("\n", start)
        if end < 0:
            end = len(self.text)
        if end > start and self.text[end - 1] == "\r":
            end -= 1
        return self.text[start:end]

    def pos(self, offset: int) -> Pos:
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return Pos(i + 1, offset - self._line_starts[i] + 1)

    def offset(self, line: int, column: int) -> int:
        """Offset from 1-based line and column (clamped)."""
        if line < 1:
            return 0
        if line > len(self._line_starts):
            return len(self.text)
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        return min(start + max(column, 1) - 1, end)

    # --- LSP: 0-based lines, UTF-16 code units -------------------------------------------
    def lsp_pos(self, offset: int) -> tuple[int, int]:
        p = self.pos(offset)
        start = self._line_starts[p.line - 1]
        seg = self.text[start:start + p.column - 1]
        units = len(seg) + sum(1 for ch in seg if ord(ch) > 0xFFFF)
        return p.line - 1, units

    def offset_from_lsp(self, line: int, character: int) -> int:
        if line < 0:
            return 0
        if line >= len(self._line_starts):
            return len(self.text)
        start = self._line_starts[line]
        end = self._line_starts[line + 1] - 1 if line + 1 < len(self._line_starts) else len(self.text)
        units = 0
        i = start
        while i < end and units < character:
            units += 2 if ord(self.text[i]) > 0xFFFF else 1
            i += 1
        return i
