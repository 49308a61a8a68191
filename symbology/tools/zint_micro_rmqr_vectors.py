#!/usr/bin/env python3
"""Writes symbology/tests/zint-micro-rmqr-code128-vectors.tsv: module
matrices from zint (through the zint-bindings package, which bundles
libzint) for Micro QR M2-M4, rMQR and Code 128 with FNC4 and control
characters. tests/zint_micro_rmqr_code128_vectors.rs holds serialkit's
symbols against them.

Dev-only; the TSV is committed with the zint-bindings version it came
from, so the test needs neither Python nor zint.

    pip install zint-bindings numpy
    python3 symbology/tools/zint_micro_rmqr_vectors.py

Columns: symbology, data (C escapes), gs1 (1/0), ecc (L/M/Q/H or -),
version (M2, R11x43 ... or - for automatic), mask (the mask zint chose,
read from its format information; - for rMQR and Code 128), modules (rows
of 1/0 joined by '/').
"""

import os
from importlib.metadata import version

import numpy as np
import zint

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "tests", "zint-micro-rmqr-code128-vectors.tsv")

# rMQR sizes in ISO/IEC 23941 order: zint's option_2 is index + 1.
RMQR = [(7, 43), (7, 59), (7, 77), (7, 99), (7, 139), (9, 43), (9, 59), (9, 77), (9, 99), (9, 139),
        (11, 27), (11, 43), (11, 59), (11, 77), (11, 99), (11, 139), (13, 27), (13, 43), (13, 59),
        (13, 77), (13, 99), (13, 139), (15, 43), (15, 59), (15, 77), (15, 99), (15, 139), (17, 43),
        (17, 59), (17, 77), (17, 99), (17, 139)]

MICRO = [
    # (data, ecc, version or None)
    ("12345678", "L", 2),
    ("AB12", "M", 2),
    ("HELLO1", "L", 2),
    ("HELLO WORLD", "L", 3),
    ("serial", "M", 3),
    ("0123456789012345678", "L", 3),
    ("serialkit 2025", "L", 4),
    ("HELLO WORLD 12345", "M", 4),
    ("ABCDEF123", "Q", 4),
    ("Micro QR M4!", "L", 4),
    ("1234567890", "M", None),
    ("AB12CD34", "L", None),
    ("lower", "L", None),
]

RMQR_CASES = [
    # (data, gs1, ecc, size or None)
    ("12345", False, "M", (7, 43)),
    ("HELLO WORLD", False, "H", (9, 59)),
    ("serialkit rMQR", False, "M", (11, 77)),
    ("[01]09521234543213[10]ABC", True, "M", (13, 99)),
    ("0123456789" * 5, False, "H", (17, 139)),
    ("abcABC123", False, "M", (15, 43)),
    ("[01]09521234543213[17]261231[10]A1B2[21]XYZ", True, "M", None),
    ("R7x139 numeric 0123456789", False, "M", (7, 139)),
]

CODE128 = [
    b"a\x01\xe9\xe9\xe9\xe9b",
    b"\xe9\xe9\xe9\xe9123456\xe9\xe9\xe9\xe9",
    b"\x00\x01\x02abc\x7f",
    b"ABC\x1d\x1e\x04def",
    b"\x80\x81\xff\xfe12",
    b"Gr\xfc\xdfe 10\x09x",
    b"\xc0\xc1\xc2\xc3\xc4abc\xe0",
    b"12\x0034\x8056",
    b"\x1b[31m\x1b[0m",
    b"\xa0\xa1\xa2 \xbf",
]


def modules(s):
    a = np.array(s.encoded_data)
    return ["".join("1" if (a[y][x >> 3] >> (x & 7)) & 1 else "0" for x in range(s.width))
            for y in range(s.rows)]


def escape(data: bytes) -> str:
    out = []
    for b in data:
        if b == 0x5C:
            out.append("\\\\")
        elif 0x20 <= b < 0x7F:
            out.append(chr(b))
        else:
            out.append("\\x%02X" % b)
    return "".join(out)


def micro_mask(rows):
    """The Micro QR mask from the format information (ISO/IEC 18004 7.9.2)."""
    bits = 0
    for i in range(15):
        x, y = (8, i + 1) if i < 7 else (15 - i, 8)
        bits |= (rows[y][x] == "1") << i
    bits ^= 0x4445
    return (bits >> 10) & 3


def main():
    lines = [
        "# Micro QR, rMQR and Code 128 module matrices from zint (zint-bindings %s, bundled libzint),"
        % version("zint-bindings"),
        "# written by symbology/tools/zint_micro_rmqr_vectors.py; read by tests/zint_micro_rmqr_code128_vectors.rs.",
        "symbology\tdata\tgs1\tecc\tversion\tmask\tmodules",
    ]
    for data, ecc, ver in MICRO:
        s = zint.Symbol()
        s.symbology = zint.Symbology.MICROQR
        s.option_1 = " LMQ".index(ecc)
        if ver:
            s.option_2 = ver
        s.encode(data)
        rows = modules(s)
        v = "M%d" % ((s.rows - 9) // 2)
        assert ver is None or v == "M%d" % ver
        lines.append("\t".join(["MICROQR", escape(data.encode()), "0", ecc,
                                v if ver else "-", str(micro_mask(rows)), "/".join(rows)]))
    for data, gs1, ecc, size in RMQR_CASES:
        s = zint.Symbol()
        s.symbology = zint.Symbology.RMQR
        s.option_1 = {"M": 2, "H": 4}[ecc]
        if gs1:
            s.input_mode = zint.InputMode.GS1
        if size:
            s.option_2 = RMQR.index(size) + 1
        s.encode(data)
        assert size is None or (s.rows, s.width) == size
        lines.append("\t".join(["RMQR", escape(data.encode()), "1" if gs1 else "0", ecc,
                                "R%dx%d" % (s.rows, s.width) if size else "-", "-",
                                "/".join(modules(s))]))
    for data in CODE128:
        s = zint.Symbol()
        s.symbology = zint.Symbology.CODE128
        # Raw bytes: no UTF-8 conversion.
        s.input_mode = zint.InputMode.DATA
        s.encode(data)
        lines.append("\t".join(["CODE128", escape(data), "0", "-", "-", "-", modules(s)[0]]))
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %d vectors to %s" % (len(lines) - 3, OUT))


if __name__ == "__main__":
    main()
