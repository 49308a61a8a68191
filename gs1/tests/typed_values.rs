//! Typed AI values and restricted circulation numbers against biip's
//! results in `gs1/vectors/vectors-public.tsv`: the `biip_rcn` rows (RCN
//! usage, region, variable price/weight/count; from `Gtin` and from the
//! typed view of the GTIN as `(01)`), the `biip_pw_checkdigit` row, and the
//! decoded dates, decimals and amounts of the `biip_element` rows.

mod common;

use chrono::NaiveDate;
use common::vectors::{Row, read_tsv};
use serialkit_gs1::check_digit::price_weight;
use serialkit_gs1::value::{AiValue, RcnRegion, RcnUsage, VariableMeasure};
use serialkit_gs1::{ElementString, Gtin, Options};

/// The `key=value` items of the `extra` column.
fn extras(row: &Row) -> Vec<(&str, &str)> {
    row.get("extra")
        .split(';')
        .filter_map(|kv| kv.split_once('='))
        .collect()
}

fn option<'r>(row: &'r Row, key: &str) -> Option<&'r str> {
    row.get("options")
        .split(';')
        .find_map(|o| o.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
}

/// biip's region names.
fn region_name(r: RcnRegion) -> &'static str {
    match r {
        RcnRegion::Denmark => "DENMARK",
        RcnRegion::Estonia => "ESTONIA",
        RcnRegion::Finland => "FINLAND",
        RcnRegion::Germany => "GERMANY",
        RcnRegion::GreatBritain => "GREAT_BRITAIN",
        RcnRegion::Latvia => "LATVIA",
        RcnRegion::Lithuania => "LITHUANIA",
        RcnRegion::Norway => "NORWAY",
        RcnRegion::Sweden => "SWEDEN",
        _ => "?",
    }
}

/// What biip reports for an RCN, rebuilt from this crate's answer.
fn rcn_facts(input: &str, region: Option<RcnRegion>) -> Vec<(String, String)> {
    let Ok(gtin) = Gtin::parse_any(input) else {
        return vec![("error".into(), "invalid GTIN".into())];
    };
    facts_of(gtin.rcn(region))
}

/// The same facts from the typed view of the GTIN as an element string
/// `(01)…`: [`AiValue::Gtin`] flags the RCN and its usage, and
/// `Element::rcn` reads the region's measure.
fn rcn_facts_from_element(input: &str, region: Option<RcnRegion>) -> Vec<(String, String)> {
    let Ok(gtin) = Gtin::parse_any(input) else {
        return vec![("error".into(), "invalid GTIN".into())];
    };
    let text = format!("(01){gtin}");
    let Ok(es) = ElementString::parse(&text, &Options::default()) else {
        return vec![("error".into(), "element string".into())];
    };
    let e = &es.elements()[0];
    let reference = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a valid date");
    let AiValue::Gtin { gtin: typed, rcn } = e.typed(reference) else {
        return vec![("error".into(), "not typed as a GTIN".into())];
    };
    let from_element = e.rcn(region);
    if typed != gtin || rcn != from_element.and_then(|r| r.ok()).map(|r| r.usage) {
        return vec![("error".into(), "typed GTIN and its RCN disagree".into())];
    }
    facts_of(from_element)
}

fn facts_of(
    rcn: Option<Result<serialkit_gs1::value::Rcn, serialkit_gs1::value::RcnError>>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(Ok(rcn)) = rcn else {
        return vec![("type".into(), "Gtin".into())];
    };
    out.push(("type".into(), "Rcn".into()));
    let usage = match rcn.usage {
        RcnUsage::Geographic => "GEOGRAPHICAL",
        RcnUsage::Company => "COMPANY",
    };
    out.push(("usage".into(), usage.into()));
    if let Some(r) = rcn.region {
        out.push(("region".into(), region_name(r).into()));
    }
    match rcn.measure {
        Some(VariableMeasure::Price { amount, currency }) => {
            out.push(("price".into(), amount.to_string()));
            if let Some(c) = currency {
                out.push(("money".into(), format!("{c} {amount}")));
            }
        }
        Some(VariableMeasure::Weight(w)) => {
            // biip prints weights without trailing zeros.
            let s = w.to_string();
            let s = if s.contains('.') {
                s.trim_end_matches('0').trim_end_matches('.').to_owned()
            } else {
                s
            };
            out.push(("weight".into(), s));
        }
        Some(VariableMeasure::Count(n)) => out.push(("count".into(), n.to_string())),
        _ => {}
    }
    out
}

#[test]
fn biip_rcn_vectors() {
    let Some(dir) = common::data_dir("RCN vectors (biip_rcn, biip_pw_checkdigit)") else {
        return;
    };
    let rows = read_tsv(&dir.join("gs1/vectors/vectors-public.tsv"));
    let (mut total, mut pass, mut typed_pass) = (0, 0, 0);
    let mut failures = Vec::new();
    for row in rows.iter().filter(|r| r.get("kind") == "biip_rcn") {
        total += 1;
        let region = option(row, "rcn_region").and_then(RcnRegion::from_alpha2);
        let ours = rcn_facts(row.get("input"), region);
        let typed = rcn_facts_from_element(row.get("input"), region);
        let theirs: Vec<(String, String)> = extras(row)
            .into_iter()
            .filter(|(k, _)| *k != "gtin_format")
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        if ours == theirs && typed == theirs {
            pass += 1;
            typed_pass += 1;
        } else {
            failures.push(format!(
                "{}: ours {ours:?}, typed view {typed:?}, biip {theirs:?}",
                row.get("id")
            ));
        }
    }
    for row in rows
        .iter()
        .filter(|r| r.get("kind") == "biip_pw_checkdigit")
    {
        total += 1;
        let want = extras(row)
            .into_iter()
            .find(|(k, _)| *k == "check_digit")
            .and_then(|(_, v)| v.parse::<u8>().ok());
        if price_weight(row.get("input").as_bytes()) == want && want.is_some() {
            pass += 1;
        } else {
            failures.push(format!("{}: price/weight check digit", row.get("id")));
        }
    }
    println!(
        "RCN vectors (biip_rcn + biip_pw_checkdigit): {pass}/{total} pass ({typed_pass} biip_rcn \
         rows also through the typed view of (01): AiValue::Gtin and Element::rcn)"
    );
    assert!(total >= 10);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The typed facts biip records for an element (`AI.date`, `AI.datetime`,
/// `AI.decimal`, `AI.money`), from [`AiValue`].
fn typed_facts(es: &ElementString<'_>) -> Vec<(String, String)> {
    let reference = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a valid date");
    let mut out = Vec::new();
    for e in es.elements() {
        let ai = e.ai();
        match e.typed(reference) {
            AiValue::Date(d) => out.push((format!("{ai}.date"), d.to_string())),
            AiValue::DateTime(t) => {
                out.push((format!("{ai}.date"), t.date().to_string()));
                out.push((
                    format!("{ai}.datetime"),
                    t.format("%Y-%m-%dT%H:%M:%S").to_string(),
                ));
            }
            AiValue::Measure { quantity, .. } | AiValue::Percentage(quantity) => {
                out.push((format!("{ai}.decimal"), quantity.to_string()));
            }
            AiValue::Amount { amount, currency } => {
                out.push((format!("{ai}.decimal"), amount.to_string()));
                if let Some(c) = currency {
                    // The only currency among the vectors; ISO 4217 710.
                    let alpha = if c.code() == 710 { "ZAR" } else { "?" };
                    out.push((format!("{ai}.money"), format!("{alpha} {amount}")));
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn biip_element_typed_values() {
    let Some(dir) = common::data_dir("typed value vectors (biip_element)") else {
        return;
    };
    let rows = read_tsv(&dir.join("gs1/vectors/vectors-public.tsv"));
    let (mut total, mut pass) = (0, 0);
    let mut failures = Vec::new();
    let opts = Options::default().check_requisites(false);
    for row in rows
        .iter()
        .filter(|r| r.get("kind") == "biip_element" && r.get("expect") == "ok")
    {
        let theirs: Vec<(String, String)> = extras(row)
            .into_iter()
            .filter(|(k, _)| {
                k.ends_with(".date")
                    || k.ends_with(".datetime")
                    || k.ends_with(".decimal")
                    || k.ends_with(".money")
            })
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        if theirs.is_empty() {
            continue;
        }
        total += 1;
        let Ok(es) = ElementString::parse_bracketed(row.get("bracketed"), &opts) else {
            failures.push(format!("{}: does not parse", row.get("id")));
            continue;
        };
        let mut ours = typed_facts(&es);
        ours.sort();
        let mut theirs = theirs;
        theirs.sort();
        if ours == theirs {
            pass += 1;
        } else {
            failures.push(format!("{}: ours {ours:?}, biip {theirs:?}", row.get("id")));
        }
    }
    println!("typed values (biip_element rows with decoded values): {pass}/{total} pass");
    assert!(total > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
