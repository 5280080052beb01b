"""A zip archive assembled from pieces compressed one by one, so that a piece can be kept and reused.

Each piece is compressed on its own (raw deflate, a fresh compressor, ended with a sync flush: it
refers to nothing before it and ends on a byte boundary), so pieces made by different builds join
into one valid deflate stream, closed by an empty final block. The entry's CRC-32 is combined
from the pieces' (:func:`crc_combine`), without the uncompressed bytes. A catalog-wide archive is
then rewritten by joining bytes, only the pieces that changed being compressed again.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

LEVEL = 6
_END = zlib.compressobj(LEVEL, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
"""The final (empty) block that closes a stream of pieces."""


@dataclass(frozen=True)
class Piece:
    data: bytes
    """Raw deflate, not final, byte-aligned."""
    crc: int
    size: int
    """Length uncompressed."""

    def encode(self) -> bytes:
        return struct.pack("<IQ", self.crc, self.size) + self.data

    @classmethod
    def decode(cls, raw: bytes) -> Piece:
        crc, size = struct.unpack_from("<IQ", raw)
        return cls(raw[12:], crc, size)


def compress(raw: bytes) -> Piece:
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return Piece(compressor.compress(raw) + compressor.flush(zlib.Z_SYNC_FLUSH), zlib.crc32(raw), len(raw))


def crc_combine(first: int, second: int, length: int) -> int:
    """The CRC-32 of ``A + B`` from those of ``A`` and ``B`` (``length`` = len(B)).

    The CRC is affine in its starting value: continuing from ``first`` over ``B`` differs from
    starting at 0 by what continuing over as many zero bytes does, which zlib computes at C speed.
    """
    zeros = _zeros(length)
    return zlib.crc32(zeros, first) ^ zlib.crc32(zeros, 0) ^ second


_ZERO = bytearray()


def _zeros(length: int) -> memoryview:
    global _ZERO
    if len(_ZERO) < length:
        _ZERO = bytearray(max(length, 2 * len(_ZERO)))
    return memoryview(_ZERO)[:length]


def archive(entries: Sequence[tuple[str, Sequence[Piece]]], date: str) -> bytes:
    """A zip of ``entries`` (name, pieces), deflated, each dated ``date`` (mode 0600)."""
    year, month, day = (int(x) for x in date.split("-"))
    dos_date = ((max(year, 1980) - 1980) << 9) | (month << 5) | day
    out = bytearray()
    directory = bytearray()
    for name, pieces in entries:
        crc, size = 0, 0
        for piece in pieces:
            crc = crc_combine(crc, piece.crc, piece.size) if size else piece.crc
            size += piece.size
        body = b"".join(piece.data for piece in pieces) + _END
        encoded = name.encode("ascii")
        offset = len(out)
        wide = size >= 0xFFFFFFFF or len(body) >= 0xFFFFFFFF or offset >= 0xFFFFFFFF
        version = 45 if wide else 20
        extra = struct.pack("<HHQQ", 1, 16, size, len(body)) if wide else b""
        small = (0xFFFFFFFF, 0xFFFFFFFF) if wide else (len(body), size)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, version, 0, 8, 0, dos_date, crc, *small, len(encoded), len(extra))
        out += encoded + extra + body
        central_extra = struct.pack("<HHQQQ", 1, 24, size, len(body), offset) if wide else b""
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | version, version, 0, 8, 0, dos_date, crc, *small,
            len(encoded), len(central_extra), 0, 0, 0, 0o600 << 16, 0xFFFFFFFF if wide else offset,
        )
        directory += encoded + central_extra
    start = len(out)
    out += directory
    if start >= 0xFFFFFFFF or len(entries) >= 0xFFFF:
        end64 = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(entries), len(entries), len(directory), start)
        out += struct.pack("<IIQI", 0x07064B50, 0, end64, 1)
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    else:
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), start, 0)
    return bytes(out)
