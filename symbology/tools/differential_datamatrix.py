#!/usr/bin/env python3
"""Differential test of serialkit's GS1 DataMatrix encoder (dev-only).

For N random GS1 pharma messages (GTIN with valid check digit, expiry,
batch, serial; default 5000) this checks that serialkit's symbol is never
larger (area) than any peer's under the same size policy:

| policy      | serialkit      | peers                                              |
|-------------|----------------|----------------------------------------------------|
| square      | --size square  | zint minimal and --fast (DM_SQUARE), libdmtx ASCII  |
|             |                | and "best" (SquareAuto), datamatrix crate           |
| auto        | --size auto    | zint minimal and --fast, libdmtx (ShapeAuto),       |
|             |                | datamatrix crate (squares and rectangles)           |
| rectangles  | --size rect    | libdmtx (RectAuto), datamatrix crate (rectangles)   |
| DMRE        | --size dmre    | zint minimal and --fast (DM_DMRE), datamatrix crate |
|             |                | (with extended rectangles)                          |

(zint has no rectangles-only mode.) Where a peer finds no size that holds
the message, serialkit must not find one either only if it, too, has none:
a message serialkit cannot fit but a peer can is a failure.

zxing-cpp then decodes every serialkit symbol (square, auto — rectangles
included —, rectangles only, DMRE): identifier ]d2, the transmitted data
(GS separators), the HRI text, and the size it reports must all match.
One known difference: zxing-cpp 3.x adds 6 to the identifier's modifier
for DMRE sizes (ISO/IEC 21471 symbols), so a GS1 DMRE symbol reads as ]d8
there, while serialkit's grid (and rxing) say ]d2. The script accepts ]d8
for DMRE sizes only, and counts those reads.

It also runs mode-stressing non-GS1 strings (digits, both cases, X12 and
EDIFACT punctuation, bytes >= 128) through zxing-cpp, which covers the
Base 256 symbols whose text rxing 0.9.3 misreads (see tests/roundtrip.rs).

Peers (see shared/PEERS.md): apt-get install libdmtx-dev dmtx-utils;
pip install zint-bindings zxing-cpp==3.1.1 pylibdmtx pillow. serialkit runs
through its CLI and the `datamatrix` crate through the example
`peer_datamatrix_crate`; build both in release mode first:

    cargo build --release -p serialkit-cli
    cargo build --release -p serialkit-symbology --example peer_datamatrix_crate

Usage: differential_datamatrix.py [--count N] [--stress N] [--seed S]
           [--serialkit PATH] [--peer-crate PATH] [--out RESULT.json]

The result (with the tools' versions and serialkit's git commit) goes to
differential_datamatrix.last.json. Exit status 0 when every check passed.
"""
import argparse
import ctypes
import importlib.metadata
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile

import PIL.Image
import zint
import zxingcpp
from pylibdmtx import pylibdmtx as dmtx
from pylibdmtx import wrapper as dmtx_wrapper

CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
STYLES = ["0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", CSET82,
          "abcdefghijklmnopqrstuvwxyz0123456789"]

# zint.h: option_3 values for DataMatrix size selection.
DM_SQUARE = 100
DM_DMRE = 101

POLICIES = ("square", "auto", "rect", "dmre")

# The 18 DMRE sizes (ISO/IEC 21471), rows x cols.
DMRE_SIZES = {(8, 48), (8, 64), (8, 80), (8, 96), (8, 120), (8, 144), (12, 64), (12, 88),
              (16, 64), (20, 36), (20, 44), (20, 64), (22, 48), (24, 48), (24, 64),
              (26, 40), (26, 48), (26, 64)}


def mod10(digits):
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def pharma(rng):
    gtin = "".join(rng.choice("0123456789") for _ in range(13))
    gtin += mod10(gtin)
    expiry = "%02d%02d%02d" % (24 + rng.randrange(10), 1 + rng.randrange(12), rng.randrange(29))

    def field():
        style = rng.choice(STYLES)
        return "".join(rng.choice(style) for _ in range(1 + rng.randrange(20)))

    batch, serial = field(), field()
    elements = [("01", gtin), ("17", expiry), ("10", batch), ("21", serial)]
    if rng.randrange(2):
        elements[1], elements[2] = elements[2], elements[1]
    return "".join("[%s]%s" % e for e in elements), elements


def transmitted(elements):
    """What a reader sends after ]d2: GS after variable-length fields."""
    out = ""
    for i, (ai, value) in enumerate(elements):
        out += ai + value
        if ai in ("10", "21") and i + 1 < len(elements):
            out += "\x1d"
    return out


def caret(elements):
    """The ^ message: FNC1 first, ^ after variable-length fields."""
    return "^" + transmitted(elements).replace("\x1d", "^")


def area(rows_cols):
    r, c = rows_cols
    return r * c


def parse_size(text):
    r, c = text.split("x")
    return (int(r), int(c))


def zint_size(bracketed, fast, option_3):
    s = zint.Symbol()
    s.symbology = zint.Symbology.DATAMATRIX
    s.input_mode = (zint.InputMode.GS1 | zint.InputMode.FAST) if fast else zint.InputMode.GS1
    if option_3 is not None:
        s.option_3 = option_3
    s.encode(bracketed)
    return (s.rows, s.width)


def libdmtx_size(elements, shape, scheme):
    """libdmtx's choice for shape SquareAuto/ShapeAuto/RectAuto and scheme
    Ascii (its default) or AutoBest, FNC1 given as GS; None when it finds
    no size."""
    data = ("\x1d" + transmitted(elements)).encode()
    with dmtx._encoder() as encoder:
        W = dmtx_wrapper
        W.dmtxEncodeSetProp(encoder, W.DmtxProperty.DmtxPropScheme,
                            getattr(W.DmtxScheme, "DmtxScheme" + scheme))
        W.dmtxEncodeSetProp(encoder, W.DmtxProperty.DmtxPropSizeRequest,
                            getattr(W.DmtxSymbolSize, "DmtxSymbol" + shape))
        W.dmtxEncodeSetProp(encoder, W.DmtxProperty.DmtxPropFnc1, 29)
        # One pixel per module, no margin: the image is the symbol.
        W.dmtxEncodeSetProp(encoder, W.DmtxProperty.DmtxPropModuleSize, 1)
        W.dmtxEncodeSetProp(encoder, W.DmtxProperty.DmtxPropMarginSize, 0)
        if W.dmtxEncodeDataMatrix(encoder, len(data), ctypes.cast(data, W.c_ubyte_p)) == 0:
            return None
        image = encoder[0].image
        w = W.dmtxImageGetProp(image, W.DmtxProperty.DmtxPropWidth)
        h = W.dmtxImageGetProp(image, W.DmtxProperty.DmtxPropHeight)
        return (h, w)


def serialkit_batch(binary, lines, size, gs1, workdir, tag):
    base = os.path.join(workdir, "%s.png" % tag)
    cmd = [binary, "encode", "datamatrix", "--size", size, "--module-px", "4", "-o", base, "-"]
    if gs1:
        cmd.insert(3, "--gs1")
    payload = b"".join(line + b"\n" for line in lines)
    run = subprocess.run(cmd, input=payload, capture_output=True)
    out = [json.loads(l) for l in run.stdout.decode().splitlines()]
    if len(out) != len(lines):
        raise SystemExit("serialkit printed %d results for %d inputs: %s" % (len(out), len(lines), run.stderr[:500]))
    return out


def crate_sizes(binary, carets):
    """The datamatrix crate's sizes (square, auto, rect, dmre) per message."""
    run = subprocess.run([binary], input="".join(c + "\n" for c in carets).encode(),
                         capture_output=True, check=True)
    rows = [l.split("\t") for l in run.stdout.decode().splitlines()]
    if len(rows) != len(carets):
        raise SystemExit("peer_datamatrix_crate printed %d lines for %d inputs" % (len(rows), len(carets)))
    return [{p: (None if v == "ERR" else parse_size(v)) for p, v in zip(POLICIES, r)} for r in rows]


def zxing_read(path):
    with PIL.Image.open(path) as im:
        results = zxingcpp.read_barcodes(im)
    return results[0] if results else None


def git(repo, *args):
    try:
        return subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def cargo_lock_version(repo, name):
    try:
        with open(os.path.join(repo, "Cargo.lock")) as f:
            text = f.read()
    except OSError:
        return None
    m = re.search(r'name = "%s"\nversion = "([^"]+)"' % re.escape(name), text)
    return m.group(1) if m else None


def tool_versions(args, repo):
    serialkit_version = subprocess.run([args.serialkit, "--version"], capture_output=True,
                                       text=True).stdout.strip()
    dirty = git(repo, "status", "--porcelain", "--", "symbology", "cli", "Cargo.lock")
    return {
        "serialkit": {
            "version": serialkit_version,
            "git_commit": git(repo, "rev-parse", "HEAD"),
            "symbology_or_cli_modified_since_commit": bool(dirty),
            "binary": args.serialkit,
            "release_build": "/release/" in os.path.realpath(args.serialkit),
        },
        "zint_bindings": importlib.metadata.version("zint-bindings"),
        "libzint": zint.__upstream_version__,
        "pylibdmtx": importlib.metadata.version("pylibdmtx"),
        "libdmtx": str(dmtx_wrapper.dmtxVersion()),
        "zxing_cpp": importlib.metadata.version("zxing-cpp"),
        "datamatrix_crate": cargo_lock_version(repo, "datamatrix"),
        "datamatrix_crate_binary": args.peer_crate,
        "python": platform.python_version(),
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--stress", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--serialkit", default=os.environ.get(
        "SERIALKIT_BIN", os.path.join(repo, "target", "release", "serialkit")))
    ap.add_argument("--peer-crate", default=os.path.join(
        repo, "target", "release", "examples", "peer_datamatrix_crate"))
    ap.add_argument("--out", default=os.path.join(here, "differential_datamatrix.last.json"))
    args = ap.parse_args()

    rng = random.Random(args.seed)
    messages = [pharma(rng) for _ in range(args.count)]
    failures = []
    stats = {"messages": args.count, "seed": args.seed, "tools": tool_versions(args, repo)}
    names = ["zint_square", "zint_fast_square", "zint_auto", "zint_fast_auto",
             "zint_dmre", "zint_fast_dmre",
             "libdmtx_square", "libdmtx_best_square", "libdmtx_auto", "libdmtx_best_auto",
             "libdmtx_rect", "libdmtx_best_rect",
             "crate_square", "crate_auto", "crate_rect", "crate_dmre"]
    counters = {k: {"smaller": 0, "equal": 0, "larger": 0, "peer_found_no_size": 0,
                    "neither_fits": 0} for k in names}
    decoded = {p: 0 for p in POLICIES}
    dmre_d8 = 0
    with tempfile.TemporaryDirectory() as workdir:
        lines = [m[0].encode() for m in messages]
        ours = {p: serialkit_batch(args.serialkit, lines, p, True, workdir, p) for p in POLICIES}
        crate = crate_sizes(args.peer_crate, [caret(m[1]) for m in messages])
        for i, (bracketed, elements) in enumerate(messages):
            mine = {p: ((ours[p][i]["rows"], ours[p][i]["cols"]) if ours[p][i].get("ok") else None)
                    for p in POLICIES}
            for p in ("square", "auto", "dmre"):
                if mine[p] is None:
                    failures.append({"message": bracketed, "policy": p, "error": ours[p][i].get("error")})
            peers = {
                "zint_square": (zint_size(bracketed, False, DM_SQUARE), "square"),
                "zint_fast_square": (zint_size(bracketed, True, DM_SQUARE), "square"),
                "zint_auto": (zint_size(bracketed, False, None), "auto"),
                "zint_fast_auto": (zint_size(bracketed, True, None), "auto"),
                "zint_dmre": (zint_size(bracketed, False, DM_DMRE), "dmre"),
                "zint_fast_dmre": (zint_size(bracketed, True, DM_DMRE), "dmre"),
                "libdmtx_square": (libdmtx_size(elements, "SquareAuto", "Ascii"), "square"),
                "libdmtx_best_square": (libdmtx_size(elements, "SquareAuto", "AutoBest"), "square"),
                "libdmtx_auto": (libdmtx_size(elements, "ShapeAuto", "Ascii"), "auto"),
                "libdmtx_best_auto": (libdmtx_size(elements, "ShapeAuto", "AutoBest"), "auto"),
                "libdmtx_rect": (libdmtx_size(elements, "RectAuto", "Ascii"), "rect"),
                "libdmtx_best_rect": (libdmtx_size(elements, "RectAuto", "AutoBest"), "rect"),
                "crate_square": (crate[i]["square"], "square"),
                "crate_auto": (crate[i]["auto"], "auto"),
                "crate_rect": (crate[i]["rect"], "rect"),
                "crate_dmre": (crate[i]["dmre"], "dmre"),
            }
            for name, (peer, policy) in peers.items():
                c = counters[name]
                own = mine[policy]
                if peer is None:
                    c["neither_fits" if own is None else "peer_found_no_size"] += 1
                elif own is None:
                    c["larger"] += 1
                    failures.append({"message": bracketed, "peer": name,
                                     "peer_size": "%dx%d" % peer, "ours": "no size"})
                elif area(own) < area(peer):
                    c["smaller"] += 1
                elif area(own) == area(peer):
                    c["equal"] += 1
                else:
                    c["larger"] += 1
                    failures.append({"message": bracketed, "peer": name,
                                     "peer_size": "%dx%d" % peer, "ours": "%dx%d" % own})
            want = transmitted(elements)
            for p in POLICIES:
                if mine[p] is None:
                    continue
                r = zxing_read(ours[p][i]["file"])
                # zxing-cpp's `bytes` is the transmitted data (GS
                # separators), its `text` the HRI; both must match, and the
                # size it read. DMRE sizes read as ]d8 (see the docstring).
                dmre = mine[p] in DMRE_SIZES
                want_id = "]d8" if dmre else "]d2"
                if r is None or r.symbology_identifier != want_id or r.bytes != want.encode() \
                        or r.text != bracketed.replace("[", "(").replace("]", ")") \
                        or r.extra.get("Version") != "%dx%d" % mine[p]:
                    failures.append({"message": bracketed, "policy": p, "zxing_cpp": None if r is None else
                                     {"text": r.text, "id": r.symbology_identifier, "extra": str(r.extra)}})
                else:
                    decoded[p] += 1
                    dmre_d8 += dmre
        stats["peers"] = counters
        stats["zxing_cpp_dmre_symbols_read_as_d8"] = dmre_d8
        stats["zxing_cpp_decoded_identically"] = decoded
        stats["serialkit_symbols"] = {p: sum(1 for o in ours[p] if o.get("ok")) for p in POLICIES}

        # Mode-stressing non-GS1 strings, decoded by zxing-cpp.
        alphabet = "0123456789ABCXYZabcxyz *>@[.\xc8"
        stress = ["".join(rng.choice(alphabet) for _ in range(1 + rng.randrange(40))) for _ in range(args.stress)]
        results = serialkit_batch(args.serialkit, [s.encode("latin-1") for s in stress], "auto", False, workdir, "st")
        stress_ok = 0
        for s, res in zip(stress, results):
            r = zxing_read(res["file"]) if res.get("ok") else None
            if r is not None and r.bytes == s.encode("latin-1") and r.symbology_identifier == "]d1":
                stress_ok += 1
            else:
                failures.append({"stress": s, "zxing_cpp": None if r is None else
                                 {"bytes": r.bytes.hex(), "id": r.symbology_identifier}})
        stats["stress_strings"] = args.stress
        stats["stress_zxing_cpp_decoded_identically"] = stress_ok

    stats["failures"] = failures[:50]
    stats["failure_count"] = len(failures)
    stats["passed"] = not failures
    with open(args.out, "w") as f:
        json.dump(stats, f, indent=2, sort_keys=True)
        f.write("\n")
    print(json.dumps({k: v for k, v in stats.items() if k != "failures"}, indent=2, sort_keys=True))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
