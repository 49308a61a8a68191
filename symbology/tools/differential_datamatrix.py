#!/usr/bin/env python3
"""Differential test of serialkit's GS1 DataMatrix encoder (dev-only).

For N random GS1 pharma messages (GTIN with valid check digit, expiry,
batch, serial; default 5000) this checks that

* serialkit's symbol is never larger (area) than zint's default (minimal)
  or `--fast` choice, nor libdmtx's (default and "best" encodation), under
  the same size policy (square only; and zint also with rectangles);
* zxing-cpp decodes every serialkit symbol with identifier ]d2 and the same
  element string (FNC1 separators as GS).

It also runs mode-stressing non-GS1 strings (digits, both cases, X12 and
EDIFACT punctuation, bytes >= 128) through zxing-cpp, which covers the
Base 256 symbols rxing 0.9.3 truncates (see tests/roundtrip.rs).

Peers (see shared/PEERS.md): apt-get install zint dmtx-utils; pip install
zint-bindings zxing-cpp==3.1.1 pillow. serialkit is run through its CLI:
build it first (cargo build -p serialkit-cli) or pass --serialkit PATH.

Usage: differential_datamatrix.py [--count N] [--seed S] [--serialkit PATH]
                                  [--out RESULT.json]
Exit status 0 when every check passed.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

import PIL.Image
import zint
import zxingcpp

CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
STYLES = ["0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", CSET82,
          "abcdefghijklmnopqrstuvwxyz0123456789"]


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


def area(rows_cols):
    r, c = rows_cols
    return r * c


def zint_size(bracketed, fast, square):
    s = zint.Symbol()
    s.symbology = zint.Symbology.DATAMATRIX
    s.input_mode = (zint.InputMode.GS1 | zint.InputMode.FAST) if fast else zint.InputMode.GS1
    if square:
        s.option_3 = 100  # DM_SQUARE
    s.encode(bracketed)
    return (s.rows, s.width)


def libdmtx_size(elements, best, workdir):
    data = "\x1d" + transmitted(elements)
    path = os.path.join(workdir, "dmtx.png")
    # One pixel per module and the smallest margin dmtxwrite accepts (1).
    cmd = ["dmtxwrite", "-G", "29", "-d", "1", "-m", "1", "-s", "s", "-o", path]
    if best:
        cmd[1:1] = ["-e", "b"]
    subprocess.run(cmd, input=data.encode(), check=True, capture_output=True)
    with PIL.Image.open(path) as im:
        return (im.height - 2, im.width - 2)


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


def zxing_read(path):
    with PIL.Image.open(path) as im:
        results = zxingcpp.read_barcodes(im)
    return results[0] if results else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--stress", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=20261125)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--serialkit", default=os.environ.get("SERIALKIT_BIN", "serialkit"))
    ap.add_argument("--out", default=os.path.join(here, "differential_datamatrix.last.json"))
    args = ap.parse_args()

    rng = random.Random(args.seed)
    messages = [pharma(rng) for _ in range(args.count)]
    failures = []
    stats = {"messages": args.count, "seed": args.seed}
    with tempfile.TemporaryDirectory() as workdir:
        lines = [m[0].encode() for m in messages]
        ours_square = serialkit_batch(args.serialkit, lines, "square", True, workdir, "sq")
        ours_auto = serialkit_batch(args.serialkit, lines, "auto", True, workdir, "auto")
        counters = {k: {"smaller": 0, "equal": 0, "larger": 0} for k in
                    ("zint_square", "zint_fast_square", "zint_auto", "zint_fast_auto",
                     "libdmtx_square", "libdmtx_best_square")}
        decoded_ok = 0
        for i, ((bracketed, elements), sq, au) in enumerate(zip(messages, ours_square, ours_auto)):
            if not (sq.get("ok") and au.get("ok")):
                failures.append({"message": bracketed, "error": sq.get("error") or au.get("error")})
                continue
            ours_sq, ours_au = (sq["rows"], sq["cols"]), (au["rows"], au["cols"])
            peers = {
                "zint_square": (zint_size(bracketed, False, True), ours_sq),
                "zint_fast_square": (zint_size(bracketed, True, True), ours_sq),
                "zint_auto": (zint_size(bracketed, False, False), ours_au),
                "zint_fast_auto": (zint_size(bracketed, True, False), ours_au),
                "libdmtx_square": (libdmtx_size(elements, False, workdir), ours_sq),
                "libdmtx_best_square": (libdmtx_size(elements, True, workdir), ours_sq),
            }
            for name, (peer, ours) in peers.items():
                c = counters[name]
                if area(ours) < area(peer):
                    c["smaller"] += 1
                elif area(ours) == area(peer):
                    c["equal"] += 1
                else:
                    c["larger"] += 1
                    failures.append({"message": bracketed, "peer": name,
                                     "peer_size": "%dx%d" % peer, "ours": "%dx%d" % ours})
            r = zxing_read(sq["file"])
            want = transmitted(elements)
            # zxing-cpp's `bytes` is the transmitted data (GS separators),
            # its `text` the HRI; both must match.
            if r is None or r.symbology_identifier != "]d2" or r.bytes != want.encode() \
                    or r.text != bracketed.replace("[", "(").replace("]", ")") \
                    or r.extra.get("Version") != "%dx%d" % ours_sq:
                failures.append({"message": bracketed, "zxing_cpp": None if r is None else
                                 {"text": r.text, "id": r.symbology_identifier, "extra": r.extra}})
            else:
                decoded_ok += 1
        stats["peers"] = counters
        stats["zxing_cpp_decoded_identically"] = decoded_ok

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
