//! The built-in CBV 2.0 table against `schema/cbv-vocabulary-forms.tsv`:
//! every value of the file is known in every spelling, and nothing else.

mod common;

use serialkit_epcis::vocab::{check_table_row, table_len};
use std::collections::BTreeMap;

#[test]
fn every_cbv_value_in_every_spelling() {
    let Some(dir) = common::epcis_data("epcis CBV vocabulary table") else {
        return;
    };
    let text = std::fs::read_to_string(dir.join("schema/cbv-vocabulary-forms.tsv")).unwrap();
    let mut per_vocabulary: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 5 {
            continue;
        }
        *per_vocabulary.entry(c[0].to_owned()).or_default() += 1;
        if let Err(e) = check_table_row(c[0], c[1], c[2], c[3], c[4]) {
            failures.push(e);
        }
    }
    for (v, n) in &per_vocabulary {
        if table_len(v) != Some(*n) {
            failures.push(format!(
                "{v}: {n} values in the file, {:?} in the table",
                table_len(v)
            ));
        }
    }
    let total: usize = per_vocabulary.values().sum();
    println!(
        "epcis CBV vocabularies: {total}/{total} values in {} vocabularies match",
        per_vocabulary.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
