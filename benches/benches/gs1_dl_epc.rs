//! GS1 Digital Link parse and generate; SGTIN-96 encode and decode; GCP
//! length lookup.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serialkit_benches::versus::dl_epc::{DL_ELEMENT_STRING, DL_URI, SGTIN96, SGTIN96_TAG_URI};
use serialkit_gs1::dl::{CANONICAL_STEM, DigitalLink};
use serialkit_gs1::epc::{BinaryScheme, GcpLengthTable, Tag};
use serialkit_gs1::{ElementString, Options};

fn digital_link(c: &mut Criterion) {
    let options = Options::default();
    let mut g = c.benchmark_group("gs1/digital-link");
    g.throughput(Throughput::Elements(1));
    g.bench_function("parse+validate", |b| {
        b.iter(|| {
            let d = DigitalLink::parse(black_box(DL_URI), &options).expect("valid");
            assert_eq!(d.element_string().len(), 4);
        })
    });
    let es = ElementString::parse(DL_ELEMENT_STRING, &options).expect("valid");
    g.bench_function("generate", |b| {
        b.iter(|| {
            let uri = black_box(&es)
                .to_digital_link(CANONICAL_STEM)
                .expect("has a key");
            assert_eq!(uri.len(), DL_URI.len());
        })
    });
    g.finish();
}

fn epc(c: &mut Criterion) {
    let tag: Tag = SGTIN96_TAG_URI.parse().expect("valid");
    let mut g = c.benchmark_group("gs1/epc");
    g.throughput(Throughput::Elements(1));
    g.bench_function("sgtin-96 encode", |b| {
        b.iter(|| {
            let e = black_box(&tag).encode().expect("encodable");
            assert_eq!(e.as_bytes(), SGTIN96);
        })
    });
    g.bench_function("sgtin-96 decode", |b| {
        b.iter(|| {
            let t = Tag::decode(black_box(&SGTIN96)).expect("valid");
            assert_eq!(t.binary_scheme(), BinaryScheme::Sgtin96);
        })
    });
    g.finish();
}

/// The GCP length lookup before it became one search: for each prefix
/// length (longest first), a binary search over the prefixes of that
/// length. Kept here as the baseline the lookup is measured against.
struct FormerGcpLookup {
    by_len: [Vec<(u64, u8)>; 13],
    lengths: Vec<usize>,
}

impl FormerGcpLookup {
    fn new(entries: &[(&str, u8)]) -> FormerGcpLookup {
        let mut by_len: [Vec<(u64, u8)>; 13] = Default::default();
        for (p, l) in entries {
            let v = p.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
            by_len[p.len()].push((v, *l));
        }
        let mut lengths = Vec::new();
        for (l, v) in by_len.iter_mut().enumerate() {
            v.sort_unstable();
            v.dedup_by_key(|e| e.0);
            if !v.is_empty() {
                lengths.push(l);
            }
        }
        lengths.reverse();
        FormerGcpLookup { by_len, lengths }
    }

    fn gcp_length(&self, key: &[u8]) -> Option<u8> {
        let n = key
            .iter()
            .take(12)
            .take_while(|b| b.is_ascii_digit())
            .count();
        let head = key[..n]
            .iter()
            .fold(0u64, |n, &b| n * 10 + u64::from(b - b'0'));
        for &l in &self.lengths {
            if n < l {
                continue;
            }
            let v = head / 10u64.pow((n - l) as u32);
            if let Ok(i) = self.by_len[l].binary_search_by_key(&v, |e| e.0) {
                return match self.by_len[l][i].1 {
                    0 => None,
                    n => Some(n),
                };
            }
        }
        None
    }
}

/// GCP length lookups in GS1's list (99,839 prefixes): the four keys of
/// the `versus` workload (cache-warm), and 4,096 keys spread over the list
/// (each a prefix of a pseudo-random sample completed to 13 digits), so
/// that the lookups touch the whole table as a real key stream does. The
/// former lookup runs beside it for the ratio.
fn gcp_lookup(c: &mut Criterion) {
    let data = std::env::var_os("SERIALKIT_TEST_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from("../../shared/data"));
    let path = data.join("epcis/gcpprefixformatlist-2022-04-05.xml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            println!("gs1/gcp-length: skipped, {}: {e}", path.display());
            return;
        }
    };
    let table = GcpLengthTable::from_xml_str(&text).expect("GS1's list loads");
    let entries: Vec<(&str, u8)> = text
        .split("<entry ")
        .skip(1)
        .filter_map(|e| {
            let attr = |name: &str| {
                let at = e.find(&format!("{name}=\""))? + name.len() + 2;
                e[at..].split('"').next()
            };
            Some((attr("prefix")?, attr("gcpLength")?.parse().ok()?))
        })
        .collect();
    let former = FormerGcpLookup::new(&entries);
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let spread: Vec<Vec<u8>> = (0..4096)
        .map(|_| {
            let mut k = entries[(next() % entries.len() as u64) as usize]
                .0
                .as_bytes()
                .to_vec();
            while k.len() < 13 {
                k.push(b'0' + (next() % 10) as u8);
            }
            k
        })
        .collect();
    let warm: Vec<Vec<u8>> = [
        &b"0614141123452"[..],
        b"4012345000009",
        b"9501101530003",
        b"0300010123455",
    ]
    .iter()
    .map(|k| k.to_vec())
    .collect();
    for k in spread.iter().chain(&warm) {
        assert_eq!(table.gcp_length(k), former.gcp_length(k));
    }
    for (name, keys) in [("warm x4", &warm), ("spread x4096", &spread)] {
        let expected = keys
            .iter()
            .filter(|k| table.gcp_length(k).is_some())
            .count();
        let mut g = c.benchmark_group("gs1/gcp-length");
        g.throughput(Throughput::Elements(keys.len() as u64));
        g.bench_function(format!("one search, {name}"), |b| {
            b.iter(|| {
                let found = keys
                    .iter()
                    .filter(|k| black_box(&table).gcp_length(black_box(k)).is_some())
                    .count();
                assert_eq!(found, expected);
            })
        });
        g.bench_function(format!("former, {name}"), |b| {
            b.iter(|| {
                let found = keys
                    .iter()
                    .filter(|k| black_box(&former).gcp_length(black_box(k)).is_some())
                    .count();
                assert_eq!(found, expected);
            })
        });
        g.finish();
    }
}

criterion_group!(benches, digital_link, epc, gcp_lookup);
criterion_main!(benches);
