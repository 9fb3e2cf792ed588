"""Bounded reads: only regular files, never more than a size limit.

Every file stlint reads from a user's tree (job files, included files, dependencies recorded in the
result cache, files rewritten by ``--fix``) goes through :func:`read_regular`: a FIFO, a socket or a
device (``/dev/zero``) is refused with a message instead of blocking or exhausting memory, and a
file larger than :data:`MAX_FILE_BYTES` is refused instead of being read.

The limit is 16 MiB per file (SeaTunnel job files are a few KB; the largest of SeaTunnel's own
781 CI jobs is 20 KB); ``STLINT_MAX_FILE_SIZE`` (bytes) changes it.
"""

from __future__ import annotations

import os
import stat

DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024


def max_file_bytes() -> int:
    v = os.environ.get("STLINT_MAX_FILE_SIZE", "")
    try:
        n = int(v)
    except ValueError:
        return DEFAULT_MAX_FILE_BYTES
    return n if n > 0 else DEFAULT_MAX_FILE_BYTES


class ReadError(OSError):
    """A file that stlint does not read: the message says why (no traceback, no errno needed)."""

    def __init__(self, message: str, too_large: bool = False, size: int | None = None,
                 limit: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.strerror = message
        self.too_large = too_large  # refused only for its size
        self.size = size  # its size in bytes when known (too_large)
        self.limit = limit  # the limit it exceeded (too_large)

    def __str__(self) -> str:
        return self.message


def kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


def human(n: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n} bytes"


def too_large(limit: int) -> str:
    return f"larger than {human(limit)} (stlint's limit; set STLINT_MAX_FILE_SIZE to change it)"


def read_regular(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """The bytes of ``path`` (symlinks followed) if it is a regular file of at most ``limit``
    bytes (default :func:`max_file_bytes`); otherwise :class:`ReadError` with a clear message.
    Never blocks on a FIFO and never reads more than ``limit + 1`` bytes."""
    data, _ = read_regular_stat(path, limit)
    return data


def read_regular_stat(path: str | os.PathLike, limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """Like :func:`read_regular`, also returning the ``fstat`` of the opened file."""
    if limit is None:
        limit = max_file_bytes()
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise ReadError("is a directory") from None
    except OSError as e:
        raise ReadError(e.strerror or str(e)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ReadError(f"is {kind_of(st.st_mode)}, not a regular file; stlint only reads regular files")
        if st.st_size > limit:
            raise ReadError(f"is {st.st_size} bytes, " + too_large(limit), True, st.st_size, limit)
        # one read of size+1 bytes: a short read of a regular file is its end
        want = min(limit + 1, st.st_size + 1)
        first = os.read(fd, want)
        if len(first) < want:
            return first, st
        chunks = [first]
        left = limit + 1 - len(first)
        while left > 0:
            try:
                b = os.read(fd, min(left, 1 << 20))
            except BlockingIOError:  # cannot happen on a regular file; never spin
                raise ReadError("would block") from None
            if not b:
                break
            chunks.append(b)
            left -= len(b)
        data = b"".join(chunks)
        if len(data) > limit:  # grew while being read
            raise ReadError(too_large(limit), True, None, limit)
        return data, st
    except OSError as e:
        if isinstance(e, ReadError):
            raise
        raise ReadError(e.strerror or str(e)) from None
    finally:
        os.close(fd)


def read_stream(stream, limit: int | None = None) -> bytes:
    """At most ``limit`` bytes of a binary stream (stdin); :class:`ReadError` beyond that."""
    if limit is None:
        limit = max_file_bytes()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ReadError(too_large(limit), True, None, limit)
    return data


def text_over_limit(text: str, limit: int | None = None) -> bool:
    """Whether ``text`` (an editor's buffer) is more than ``limit`` bytes of UTF-8 (default
    :func:`max_file_bytes`): the same limit a file on disk has. Allocates nothing when the length
    decides (ASCII text, or more characters than the limit)."""
    if limit is None:
        limit = max_file_bytes()
    n = len(text)
    if n > limit:
        return True
    if n * 4 <= limit or text.isascii():
        return False
    return len(text.encode("utf-8", "surrogatepass")) > limit
