//! Primary keys and their qualifiers: which AI sequences may form a Digital
//! Link path, and which one a URI built from an element string uses.
//!
//! The dictionary's `dlpkey=22,10,21|235` on (01) says that the path is the
//! key followed by any of 22, 10, 21 in that order, or by 235. Every
//! order-preserving selection from one alternative is a valid path.

use std::sync::OnceLock;

use crate::ai::{self, AiSpec};
use crate::element::Element;

/// Whether `quals` (AIs after the key, in path order) are qualifiers that
/// `key` permits in this order: an order-preserving selection from one of
/// its `dlpkey` alternatives.
pub(crate) fn is_valid_path(key: &AiSpec, quals: &[&str]) -> bool {
    let Some(alternatives) = key.dl_primary_key else {
        return false;
    };
    quals.is_empty()
        || alternatives.iter().any(|alt| {
            let mut rest = alt.iter();
            quals.iter().all(|q| rest.any(|a| a == q))
        })
}

/// The path sequences a key allows, in the order the reference engine
/// searches them (sorted as space-joined text). This order decides which
/// qualifiers go in the path when an element string matches several
/// alternatives equally well, so it is reproduced exactly.
struct KeySequences {
    key: &'static str,
    /// Qualifier sequences (without the key), sorted by their text form
    /// `"<key> <q1> <q2>"`. The first is always the empty sequence.
    sequences: Vec<Vec<&'static str>>,
}

fn all_key_sequences() -> &'static [KeySequences] {
    static TABLE: OnceLock<Vec<KeySequences>> = OnceLock::new();
    TABLE.get_or_init(|| {
        ai::table()
            .iter()
            .filter_map(|spec| {
                let alternatives = spec.dl_primary_key?;
                let mut seqs: Vec<(String, Vec<&'static str>)> = vec![(spec.ai.to_owned(), vec![])];
                for alt in alternatives {
                    // Every subset of the alternative, keeping its order.
                    for mask in 1u32..(1 << alt.len()) {
                        let seq: Vec<&'static str> = alt
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| mask & (1 << i) != 0)
                            .map(|(_, q)| *q)
                            .collect();
                        let text = format!("{} {}", spec.ai, seq.join(" "));
                        seqs.push((text, seq));
                    }
                }
                seqs.sort_by(|a, b| a.0.cmp(&b.0));
                Some(KeySequences {
                    key: spec.ai,
                    sequences: seqs.into_iter().map(|(_, s)| s).collect(),
                })
            })
            .collect()
    })
}

/// The path of the canonical URI of `elements`: the index of the first
/// element that is a primary key, then the indices of the qualifiers that go
/// in the path, in path order. `None` when there is no primary key.
///
/// Among the key's qualifier sequences, the first (in the engine's search
/// order) with the most elements matching its AIs wins; each of its AIs is
/// taken from the first element carrying it.
pub(crate) fn canonical_path(elements: &[Element<'_>]) -> Option<Vec<usize>> {
    let key_at = elements
        .iter()
        .position(|e| e.spec().dl_primary_key.is_some())?;
    let key = elements[key_at].spec().ai;
    let table = all_key_sequences().iter().find(|k| k.key == key)?;
    let count = |seq: &[&str]| -> usize {
        seq.iter()
            .map(|q| elements.iter().filter(|e| e.spec().ai == *q).count())
            .sum()
    };
    let mut best: &[&str] = &[];
    let mut best_count = 0;
    for seq in &table.sequences {
        let n = count(seq);
        if n > best_count {
            best_count = n;
            best = seq;
        }
    }
    let mut path = vec![key_at];
    for q in best {
        if let Some(i) = elements.iter().position(|e| e.spec().ai == *q) {
            path.push(i);
        }
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gtin_paths() {
        let gtin = ai::lookup("01").unwrap();
        assert!(is_valid_path(gtin, &[]));
        assert!(is_valid_path(gtin, &["22", "10", "21"]));
        assert!(is_valid_path(gtin, &["10", "21"]));
        assert!(is_valid_path(gtin, &["22", "21"]));
        assert!(is_valid_path(gtin, &["235"]));
        assert!(!is_valid_path(gtin, &["21", "10"]));
        assert!(!is_valid_path(gtin, &["10", "10"]));
        assert!(!is_valid_path(gtin, &["22", "235"]));
        let sscc = ai::lookup("00").unwrap();
        assert!(is_valid_path(sscc, &[]));
        assert!(!is_valid_path(sscc, &["10"]));
        assert!(!is_valid_path(ai::lookup("10").unwrap(), &[]));
    }

    #[test]
    fn search_order_is_textual() {
        let t = all_key_sequences().iter().find(|k| k.key == "01").unwrap();
        let texts: Vec<String> = t.sequences.iter().map(|s| s.join(" ")).collect();
        // "01 22 ..." sorts before "01 235" (space before '3').
        let p22 = texts.iter().position(|s| s == "22").unwrap();
        let p235 = texts.iter().position(|s| s == "235").unwrap();
        assert!(p22 < p235);
        assert_eq!(texts[0], "");
    }
}
