//! The `datamatrix` crate (0.3) as a peer for `tools/differential_datamatrix.py`:
//! reads GS1 messages in `^` notation, one per line on stdin, and prints the
//! symbol size the crate chooses for each under four policies, tab-separated:
//! square, automatic (squares and rectangles), rectangles only, and with
//! DMRE (`ERR` where the crate finds no size).
//!
//! ```text
//! cargo run --release -p serialkit-symbology --example peer_datamatrix_crate < messages.txt
//! ```
//!
//! It is a dev-only tool (the crate is a dev-dependency), never part of the
//! library.

use std::io::{self, BufRead, BufWriter, Write};

use datamatrix::{DataMatrix, SymbolList};

fn size(data: &[u8], symbols: SymbolList) -> String {
    match DataMatrix::encode_gs1(data, symbols) {
        Ok(dm) => {
            let bitmap = dm.bitmap();
            format!("{}x{}", bitmap.height(), bitmap.width())
        }
        Err(_) => "ERR".to_owned(),
    }
}

fn main() -> io::Result<()> {
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        // The crate adds FNC1 in first position itself and takes GS as the
        // separator.
        let body = line.strip_prefix('^').unwrap_or(&line);
        let gs: Vec<u8> = body
            .bytes()
            .map(|b| if b == b'^' { 0x1d } else { b })
            .collect();
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            size(&gs, SymbolList::default().enforce_square()),
            size(&gs, SymbolList::default()),
            size(&gs, SymbolList::default().enforce_rectangular()),
            size(&gs, SymbolList::with_extended_rectangles()),
        )?;
    }
    out.flush()
}
