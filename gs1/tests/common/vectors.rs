//! Reading the shared TSV vector files (plain TSV, no quoting; `{GS}`,
//! `{xHH}` and `{EMPTY}` escapes, `-` for "not applicable").

use std::collections::HashMap;
use std::path::Path;

/// One row: column name → raw cell text.
pub struct Row {
    cells: HashMap<String, String>,
}

impl Row {
    /// The cell of `col`, or `""` when the column is absent.
    pub fn get(&self, col: &str) -> &str {
        self.cells.get(col).map_or("", String::as_str)
    }

    /// The cell with escapes resolved, `None` for `-`.
    pub fn bytes(&self, col: &str) -> Option<Vec<u8>> {
        match self.get(col) {
            "-" => None,
            s => Some(unescape(s)),
        }
    }
}

/// Reads a TSV file with a header line.
pub fn read_tsv(path: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap_or("")
        .split('\t')
        .map(str::to_owned)
        .collect();
    lines
        .filter(|l| !l.is_empty())
        .map(|l| Row {
            cells: header
                .iter()
                .cloned()
                .zip(l.split('\t').map(str::to_owned))
                .collect(),
        })
        .collect()
}

/// Resolves `{GS}`, `{xHH}` and `{EMPTY}`.
pub fn unescape(s: &str) -> Vec<u8> {
    if s == "{EMPTY}" {
        return Vec::new();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'{' {
            if b[i..].starts_with(b"{GS}") {
                out.push(0x1d);
                i += 4;
                continue;
            }
            if b.len() >= i + 5 && b[i + 1] == b'x' && b[i + 4] == b'}' {
                if let Ok(v) = u8::from_str_radix(&s[i + 2..i + 4], 16) {
                    out.push(v);
                    i += 5;
                    continue;
                }
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// Known differences: `id<TAB>reason` lines (`#` comments).
pub fn known_differences(path: &Path) -> HashMap<String, String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(id, why)| (id.trim().to_owned(), why.trim().to_owned()))
        .collect()
}
