//! `versus gs1`: parse + full validation of a pharma message, in bracketed,
//! FNC1 and scan-data form. Peer: biip (Python), the GS1 parser on PyPI.
//! GS1's C Syntax Engine is not in the package registries; the project's
//! peer notes (`PEERS.md` in the shared folder beside the repository, not
//! in it) record its speed (about 1 µs a message).

use std::hint::black_box;

use serialkit_gs1::scan::ScanData;
use serialkit_gs1::{ElementString, Options};

use super::external::{Worker, python_peer};
use super::{Contender, Measurement, Settings, compare};
use crate::workloads::{PHARMA_BRACKETED, PHARMA_CARET, PHARMA_SCAN, transmitted};

fn biip(workload: &str, input: &str) -> Option<Worker> {
    // Hex keeps control characters (GS) intact across the language boundary.
    let hex: String = input.bytes().map(|b| format!("{b:02x}")).collect();
    let setup = format!("import biip\nmsg = bytes.fromhex(\"{hex}\").decode()\nbiip.parse(msg)");
    python_peer(workload, "biip", "biip", &setup, "biip.parse(msg)")
}

/// Runs the gs1 workloads.
pub fn run(settings: Settings) -> Vec<Measurement> {
    let options = Options::default();
    let mut out = Vec::new();

    // Bracketed input: biip takes the HRI-like bracketed form via parse().
    {
        let w = "gs1/parse+validate bracketed";
        let mut cs = vec![Contender::new("serialkit", || {
            let es = ElementString::parse_bracketed(black_box(PHARMA_BRACKETED), &options);
            assert!(black_box(es).is_ok());
        })];
        if let Some(mut worker) = biip(w, PHARMA_BRACKETED) {
            cs.push(Contender::timed("biip (Python)", move |n| worker.run(n)));
        }
        out.extend(compare(w, cs, settings));
    }
    {
        let w = "gs1/parse+validate fnc1";
        let mut cs = vec![Contender::new("serialkit", || {
            let es = ElementString::parse_message(black_box(PHARMA_CARET.as_bytes()), &options);
            assert!(black_box(es).is_ok());
        })];
        // biip reads GS-separated data without a leading FNC1 (it takes no
        // `^` notation): the same message as a reader's GS1 mode sends it.
        if let Some(mut worker) = biip(w, &transmitted(PHARMA_CARET)) {
            cs.push(Contender::timed("biip (Python)", move |n| worker.run(n)));
        }
        out.extend(compare(w, cs, settings));
    }
    {
        let w = "gs1/parse+validate scan";
        let mut cs = vec![Contender::new("serialkit", || {
            let s = ScanData::parse(black_box(PHARMA_SCAN), &options);
            assert!(black_box(s).is_ok());
        })];
        let scan = String::from_utf8_lossy(PHARMA_SCAN).into_owned();
        if let Some(mut worker) = biip(w, &scan) {
            cs.push(Contender::timed("biip (Python)", move |n| worker.run(n)));
        }
        out.extend(compare(w, cs, settings));
    }
    out
}
