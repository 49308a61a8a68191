//! Micro QR (M2–M4), rMQR and Code 128 (FNC4, control characters) module
//! matrices against zint's, from `tests/zint-micro-rmqr-code128-vectors.tsv`
//! (written by `tools/zint_micro_rmqr_vectors.py` with zint-bindings; the
//! file records the version). Each symbol must match zint's exactly at the
//! same version and level, with our own mask choice; a difference is
//! allowed only when `zint-micro-rmqr-code128-known-differences.tsv` lists
//! it with the reason (and a listed row that matches fails too).
mod common;

use std::collections::BTreeMap;

use serialkit_symbology::code128::{self, Code128};
use serialkit_symbology::qr::micro::{self, MicroQr, MicroVersion};
use serialkit_symbology::qr::rmqr::{self, Rmqr, RmqrSize};
use serialkit_symbology::qr::{EccLevel, Mask};
use serialkit_symbology::render::text;

const VECTORS: &str = include_str!("zint-micro-rmqr-code128-vectors.tsv");
const KNOWN: &str = include_str!("zint-micro-rmqr-code128-known-differences.tsv");

fn rows(s: &str) -> impl Iterator<Item = Vec<&str>> {
    s.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

#[test]
fn matrices_match_zint() {
    let known: BTreeMap<String, String> = rows(KNOWN)
        .map(|r| (r[0].to_owned(), r.get(1).copied().unwrap_or("").to_owned()))
        .collect();
    let mut failures = Vec::new();
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut listed_seen = 0;
    for r in rows(VECTORS).skip(1) {
        let (symbology, data, gs1, ecc, version, mask, modules) =
            (r[0], r[1], r[2] == "1", r[3], r[4], r[5], r[6]);
        let n = index.entry(symbology).or_default();
        *n += 1;
        let name = format!("{symbology}/{n}");
        let data = common::unescape_c(data);
        let zint: Vec<&str> = modules.split('/').collect();
        let ours: Result<Vec<String>, String> = match symbology {
            "MICROQR" => {
                let mut o = micro::Options::with_ecc(ecc.parse::<EccLevel>().unwrap());
                o.version = version.parse::<MicroVersion>().ok();
                let auto = MicroQr::encode_bytes(&data, &o).map_err(|e| e.to_string());
                // With zint's mask, to tell a mask choice from anything else.
                o.mask = mask.parse::<u8>().ok().and_then(Mask::new);
                let same_mask = MicroQr::encode_bytes(&data, &o).map_err(|e| e.to_string());
                match (auto, same_mask) {
                    (Ok(a), Ok(m)) => {
                        let lines =
                            |g| text::rows(g).lines().map(str::to_owned).collect::<Vec<_>>();
                        if lines(a.grid()) != zint && lines(m.grid()) == zint {
                            failures.push(format!(
                                "{name}: matches zint only with zint's mask {mask} (ours {})",
                                a.mask()
                            ));
                        }
                        Ok(lines(a.grid()))
                    }
                    (Err(e), _) | (_, Err(e)) => Err(e),
                }
            }
            "RMQR" => {
                let mut o = rmqr::Options::with_ecc(ecc.parse::<EccLevel>().unwrap());
                if let Ok(size) = version.parse::<RmqrSize>() {
                    o.size = rmqr::SizePolicy::Fixed(size);
                }
                let symbol = if gs1 {
                    let caret = common::bracketed_to_caret(std::str::from_utf8(&data).unwrap());
                    Rmqr::encode_gs1(&caret, &o)
                } else {
                    Rmqr::encode_bytes(&data, &o)
                };
                symbol
                    .map(|s| text::rows(s.grid()).lines().map(str::to_owned).collect())
                    .map_err(|e| e.to_string())
            }
            _ => Code128::encode_bytes(&data, &code128::Options::default())
                .map(|c| {
                    text::rows(c.grid())
                        .lines()
                        .take(1)
                        .map(str::to_owned)
                        .collect()
                })
                .map_err(|e| e.to_string()),
        };
        let entry = counts.entry(symbology).or_default();
        entry.0 += 1;
        let same = match &ours {
            Ok(ours) => *ours == zint,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        match (same, known.contains_key(&name)) {
            (true, false) => entry.1 += 1,
            (true, true) => failures.push(format!("{name}: listed as a difference but matches")),
            (false, true) => listed_seen += 1,
            (false, false) => failures.push(format!(
                "{name} {:?}: differs from zint\nours {:?}\nzint {zint:?}",
                String::from_utf8_lossy(&data),
                ours.unwrap()
            )),
        }
    }
    for (symbology, (total, same)) in &counts {
        println!("zint vectors {symbology}: {same}/{total} module matrices identical to zint");
    }
    println!("zint vectors: {listed_seen} listed differences");
    assert!(counts.values().map(|c| c.0).sum::<usize>() >= 30);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
