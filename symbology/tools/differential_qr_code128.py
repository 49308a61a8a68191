#!/usr/bin/env python3
"""Differential test (dev-only) of serialkit's GS1 QR Code and GS1-128
against zint, with zxing-cpp reading every symbol.

For N random GS1 pharma messages (GTIN, expiry, batch, serial, sometimes a
production date), at every QR error correction level:

- serialkit's QR version is never above zint's at the same level;
- serialkit's GS1-128 is never wider than zint's (messages over GS1's
  48-character limit are rejected by serialkit, by design, and counted);
- zxing-cpp decodes every serialkit symbol as ]Q3 / ]C1 with the same
  element string.

Peers (see shared/PEERS.md): `pip install zint-bindings zxing-cpp numpy`.
Run from the workspace root after `cargo build --release -p serialkit-cli`:

    python3 symbology/tools/differential_qr_code128.py [--count 5000] [--seed 1]

It prints a summary and writes it, with every failure, to
symbology/tools/differential_qr_code128.last.txt.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time
import warnings
from importlib.metadata import version

import numpy as np
import zint
import zxingcpp

CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def gtin14(rng):
    body = [rng.randrange(10) for _ in range(13)]
    s = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return "".join(map(str, body)) + str((10 - s % 10) % 10)


def date(rng):
    return "%02d%02d%02d" % (rng.randrange(20, 40), rng.randrange(1, 13), rng.randrange(0, 29))


def text(rng, lo, hi, alphabet=CSET82):
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(lo, hi + 1)))


def pharma(rng):
    """A message as (AI, value) pairs in label order."""
    els = [("01", gtin14(rng)), ("17", date(rng))]
    if rng.random() < 0.2:
        els.append(("11", date(rng)))
    # Batch and serial: sometimes numeric-heavy, as many real ones are.
    alphabet = "0123456789" if rng.random() < 0.3 else CSET82
    batch = ("10", text(rng, 1, 20, alphabet))
    serial = ("21", text(rng, 1, 20, alphabet))
    els += [batch, serial] if rng.random() < 0.5 else [serial, batch]
    return els


FIXED = {"01", "11", "17"}


def caret(els):
    out, sep = "^", False
    for ai, v in els:
        if sep:
            out += "^"
        out += ai + v
        sep = ai not in FIXED
    return out


def bracketed(els, open_="[", close="]"):
    return "".join(f"{open_}{ai}{close}{v}" for ai, v in els)


def serialkit_batch(cli, args, messages):
    proc = subprocess.run(
        [cli, "encode", *args, "--gs1", "--json", "-"],
        input="\n".join(messages) + "\n",
        capture_output=True,
        text=True,
    )
    lines = proc.stdout.splitlines()
    assert len(lines) == len(messages), proc.stderr
    return [json.loads(line) for line in lines]


def zint_qr(els, ecc):
    s = zint.Symbol()
    s.symbology = zint.Symbology.QRCODE
    s.input_mode = zint.InputMode.GS1
    s.option_1 = " LMQH".index(ecc)
    s.encode(bracketed(els))
    return (s.rows - 17) // 4


def zint_gs1_128(els):
    s = zint.Symbol()
    s.symbology = zint.Symbology.GS1_128
    s.input_mode = zint.InputMode.GS1
    s.encode(bracketed(els))
    return s.width


def image(rows, px=4, quiet=10, height=None):
    m = np.array([[0 if c == "1" else 255 for c in r] for r in rows], dtype=np.uint8)
    if height:
        m = np.repeat(m, height, axis=0)
    m = np.kron(m, np.ones((px, px), dtype=np.uint8))
    return np.pad(m, quiet * px, constant_values=255)


def zxing_check(img, want_id, want_text):
    res = zxingcpp.read_barcodes(img)
    if not res:
        return "not decoded"
    r = res[0]
    if r.symbology_identifier != want_id or r.text != want_text:
        return f"decoded {r.symbology_identifier} {r.text!r}"
    return None


def main():
    warnings.filterwarnings("ignore")  # zint's warnings over the 48-character limit
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cli", default=os.path.join(ROOT, "target", "release", "serialkit"))
    a = ap.parse_args()
    cli = a.cli
    if not os.path.exists(cli):
        # The cargo wrapper may put worktree builds elsewhere.
        alt = os.environ.get("CARGO_TARGET_DIR")
        cli = os.path.join(alt, "release", "serialkit") if alt else cli
    rng = random.Random(a.seed)
    msgs = [pharma(rng) for _ in range(a.count)]
    carets = [caret(m) for m in msgs]
    hri = [bracketed(m, "(", ")") for m in msgs]
    failures = []
    stats = {}
    t0 = time.time()

    for ecc in "LMQH":
        ours = serialkit_batch(cli, ["qr", "--ecc", ecc], carets)
        smaller = same = 0
        for i, (m, o) in enumerate(zip(msgs, ours)):
            if not o.get("ok"):
                failures.append(f"qr {ecc} {carets[i]}: serialkit error {o.get('error')}")
                continue
            zv = zint_qr(m, ecc)
            v = int(o["version"])
            if v > zv:
                failures.append(f"qr {ecc} {carets[i]}: version {v} > zint {zv}")
            elif v < zv:
                smaller += 1
            else:
                same += 1
            err = zxing_check(image(o["modules"], quiet=4), "]Q3", hri[i])
            if err:
                failures.append(f"qr {ecc} {carets[i]}: zxing-cpp {err}")
        stats[f"qr_{ecc}"] = (same, smaller)

    ours = serialkit_batch(cli, ["code128"], carets)
    # Over the limit zint only warns; compare widths there too, with
    # serialkit's limit switched off.
    unlimited = serialkit_batch(cli, ["code128", "--no-gs1-limit"], carets)
    narrower = same = too_long = 0
    for i, (m, o) in enumerate(zip(msgs, ours)):
        zw = zint_gs1_128(m)
        if not o.get("ok"):
            if "48" in o.get("error", ""):
                too_long += 1
                o = unlimited[i]
            else:
                failures.append(f"gs1-128 {carets[i]}: serialkit error {o.get('error')}")
                continue
        w = o["width_modules"]
        if w > zw:
            failures.append(f"gs1-128 {carets[i]}: width {w} > zint {zw}")
        elif w < zw:
            narrower += 1
        else:
            same += 1
        err = zxing_check(image(o["modules"], px=2, height=30), "]C1", hri[i])
        if err:
            failures.append(f"gs1-128 {carets[i]}: zxing-cpp {err}")

    commit = subprocess.run(
        ["git", "-C", ROOT, "describe", "--always", "--dirty"], capture_output=True, text=True
    ).stdout.strip()
    with_percent = sum("%" in c for c in carets)
    lines = [
        f"differential_qr_code128: {a.count} random GS1 pharma messages, seed {a.seed}"
        f" ({with_percent} with a literal %)",
        f"serialkit {commit} ({os.path.relpath(cli, ROOT)}), "
        f"zint-bindings {version('zint-bindings')}, zxing-cpp {version('zxing-cpp')}",
    ]
    for ecc in "LMQH":
        same_v, smaller_v = stats[f"qr_{ecc}"]
        lines.append(
            f"QR {ecc}: {same_v + smaller_v}/{a.count} never above zint's version "
            f"({same_v} same, {smaller_v} smaller); every symbol read by zxing-cpp unless listed"
        )
    lines.append(
        f"GS1-128: {narrower + same}/{a.count} never wider than zint "
        f"({same} same, {narrower} narrower); {too_long} over the 48-character limit "
        f"(rejected by default; compared with --no-gs1-limit); every symbol read by zxing-cpp unless listed"
    )
    lines.append(f"failures: {len(failures)} ({time.time() - t0:.0f} s)")
    lines += failures[:200]
    report = "\n".join(lines) + "\n"
    sys.stdout.write(report)
    with open(os.path.join(HERE, "differential_qr_code128.last.txt"), "w") as f:
        f.write(report)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
