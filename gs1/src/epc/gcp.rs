//! The GS1 Company Prefix length table: GS1's "GCP Prefix Format List"
//! (`gcpprefixformatlist.xml`), loaded at run time, answering "how long is
//! the company prefix at the start of this key?" by longest-prefix match.
//!
//! GS1 publishes the list and updates it; applications download the current
//! file. Each `<entry prefix="…" gcpLength="…"/>` says that keys starting
//! with `prefix` have company prefixes of that length (`0`: no company
//! prefix can start so, e.g. restricted circulation numbers).

use std::io::BufRead;

use quick_xml::events::Event;

/// Why a GCP Prefix Format List could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GcpTableError {
    /// The XML is malformed.
    #[error("GCP prefix format list: XML error at byte {at}: {message}")]
    Xml {
        /// Byte offset in the input.
        at: u64,
        /// The parser's message.
        message: String,
    },
    /// An `<entry>` lacks a valid `prefix` (1–12 digits) or `gcpLength`
    /// (0 or 4–12).
    #[error("GCP prefix format list: bad entry at byte {at}")]
    BadEntry {
        /// Byte offset of the entry.
        at: u64,
    },
    /// The file could not be read.
    #[error("GCP prefix format list: {0}")]
    Io(#[from] std::io::Error),
}

/// Company prefix lengths by key prefix.
///
/// ```
/// use serialkit_gs1::epc::GcpLengthTable;
/// let xml = r#"<GCPPrefixFormatList><entry prefix="0614" gcpLength="7"/>
///   <entry prefix="06141419" gcpLength="9"/><entry prefix="999" gcpLength="0"/></GCPPrefixFormatList>"#;
/// let t = GcpLengthTable::from_xml_str(xml)?;
/// assert_eq!(t.gcp_length(b"0614141123452"), Some(7));
/// assert_eq!(t.gcp_length(b"0614141923452"), Some(9));
/// assert_eq!(t.gcp_length(b"9991234567890"), None);
/// # Ok::<(), serialkit_gs1::epc::GcpTableError>(())
/// ```
///
/// # How a lookup works
///
/// A prefix of `l` digits covers an interval of 12-digit numbers (`0614`
/// covers `061400000000..061500000000`), and the prefixes of one list nest
/// or are disjoint. Loading flattens them into one sorted list of interval
/// starts, each naming the longest prefix that covers the numbers from it
/// to the next start. A lookup pads the key's first 12 digits into such a
/// number and finds its interval: one division picks a bucket of the
/// starts (by the first four digits), and a binary search over
/// the few starts in it finishes. A key with fewer than 12 leading digits
/// may only match prefixes no longer than it; the rare longer match is
/// walked up to the prefix that encloses it.
#[derive(Clone, Debug, Default)]
pub struct GcpLengthTable {
    /// Interval starts (12-digit numbers), ascending, the first 0, each
    /// packed with what a lookup needs: `start << 24 | prefix length << 8
    /// | company prefix length` of the longest prefix covering the
    /// interval (prefix length 0: none). One array keeps the common lookup
    /// to the cache lines of one binary search.
    starts: Vec<u64>,
    /// For each interval, the index in `entries` of the longest prefix
    /// covering it, or [`NONE`] (for keys shorter than that prefix).
    covering: Vec<u32>,
    /// `bucket[b]`: the first interval whose start is at least
    /// `b × 10^(12 − BUCKET_DIGITS)`; one more than the bucket count.
    bucket: Vec<u32>,
    /// The prefixes.
    entries: Vec<Entry>,
    date: Option<String>,
}

/// One `<entry>`: its prefix length, company prefix length (0: none) and
/// the longest shorter entry enclosing it.
#[derive(Clone, Copy, Debug)]
struct Entry {
    prefix_len: u8,
    gcp_len: u8,
    parent: u32,
}

/// No entry.
const NONE: u32 = u32::MAX;

/// Digits that pick a bucket: 10,000 buckets of 4 bytes, so that the
/// binary search is over a handful of starts even where the list is dense.
const BUCKET_DIGITS: u32 = 4;
const BUCKET_WIDTH: u64 = 10u64.pow(12 - BUCKET_DIGITS);

impl GcpLengthTable {
    /// Reads the XML list.
    pub fn from_xml<R: BufRead>(input: R) -> Result<GcpLengthTable, GcpTableError> {
        let mut reader = quick_xml::Reader::from_reader(input);
        let mut buf = Vec::new();
        let mut date = None;
        // (interval start, prefix length, company prefix length).
        let mut raw: Vec<(u64, u8, u8)> = Vec::new();
        loop {
            let at = reader.buffer_position();
            let ev = reader
                .read_event_into(&mut buf)
                .map_err(|e| GcpTableError::Xml {
                    at: reader.error_position(),
                    message: e.to_string(),
                })?;
            match ev {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => {
                    let name = e.local_name();
                    if name.as_ref() == b"GCPPrefixFormatList" {
                        for a in e.attributes().flatten() {
                            if a.key.local_name().as_ref() == b"date" {
                                date = std::str::from_utf8(&a.value).ok().map(str::to_owned);
                            }
                        }
                    } else if name.as_ref() == b"entry" {
                        let (mut prefix, mut len) = (None, None);
                        for a in e.attributes() {
                            let a = a.map_err(|_| GcpTableError::BadEntry { at })?;
                            match a.key.local_name().as_ref() {
                                b"prefix" => prefix = Some(a.value.into_owned()),
                                b"gcpLength" => len = Some(a.value.into_owned()),
                                _ => {}
                            }
                        }
                        let (Some(p), Some(l)) = (prefix, len) else {
                            return Err(GcpTableError::BadEntry { at });
                        };
                        let l: u8 = std::str::from_utf8(&l)
                            .ok()
                            .and_then(|s| s.parse().ok())
                            .filter(|&l| l == 0 || (4..=12).contains(&l))
                            .ok_or(GcpTableError::BadEntry { at })?;
                        if p.is_empty() || p.len() > 12 || !p.iter().all(u8::is_ascii_digit) {
                            return Err(GcpTableError::BadEntry { at });
                        }
                        let start = digits(&p) * POW10[12 - p.len()];
                        raw.push((start, p.len() as u8, l));
                    }
                }
                _ => {}
            }
            buf.clear();
        }
        let mut t = GcpLengthTable::build(raw);
        t.date = date;
        Ok(t)
    }

    /// The lookup structure (see the type's docs) from (interval start,
    /// prefix length, company prefix length) triples.
    fn build(mut raw: Vec<(u64, u8, u8)>) -> GcpLengthTable {
        // Outer prefixes before the inner ones that start with them; a
        // prefix listed twice keeps its smallest length.
        raw.sort_unstable();
        raw.dedup_by_key(|e| (e.0, e.1));
        let mut t = GcpLengthTable {
            starts: vec![0],
            covering: vec![NONE],
            ..GcpLengthTable::default()
        };
        // From `at` on, `who` is the longest covering prefix.
        let emit = |t: &mut GcpLengthTable, at: u64, who: u32| {
            let last = t.starts.len() - 1;
            if t.starts[last] == at {
                t.covering[last] = who;
                if last > 0 && t.covering[last - 1] == who {
                    t.starts.pop();
                    t.covering.pop();
                }
            } else if t.covering[last] != who {
                t.starts.push(at);
                t.covering.push(who);
            }
        };
        // The prefixes open at the current start, innermost last, with the
        // end of each one's interval.
        let mut open: Vec<(u32, u64)> = Vec::with_capacity(12);
        for &(start, prefix_len, gcp_len) in &raw {
            while let Some(&(_, end)) = open.last() {
                if end > start {
                    break;
                }
                open.pop();
                emit(&mut t, end, open.last().map_or(NONE, |o| o.0));
            }
            let id = t.entries.len() as u32;
            t.entries.push(Entry {
                prefix_len,
                gcp_len,
                parent: open.last().map_or(NONE, |o| o.0),
            });
            emit(&mut t, start, id);
            open.push((id, start + POW10[12 - usize::from(prefix_len)]));
        }
        while let Some((_, end)) = open.pop() {
            emit(&mut t, end, open.last().map_or(NONE, |o| o.0));
        }
        for (s, &who) in t.starts.iter_mut().zip(&t.covering) {
            let (prefix_len, gcp_len) = match t.entries.get(who as usize) {
                Some(e) => (e.prefix_len, e.gcp_len),
                None => (0, 0),
            };
            *s = *s << 24 | u64::from(prefix_len) << 8 | u64::from(gcp_len);
        }
        let buckets = 10usize.pow(BUCKET_DIGITS);
        t.bucket = Vec::with_capacity(buckets + 1);
        let mut i = 0;
        for b in 0..=buckets as u64 {
            while i < t.starts.len() && t.starts[i] >> 24 < b * BUCKET_WIDTH {
                i += 1;
            }
            t.bucket.push(i as u32);
        }
        t
    }

    /// Reads the XML list from a string.
    pub fn from_xml_str(xml: &str) -> Result<GcpLengthTable, GcpTableError> {
        Self::from_xml(xml.as_bytes())
    }

    /// Reads the XML list from a file.
    pub fn load(path: impl AsRef<std::path::Path>) -> Result<GcpLengthTable, GcpTableError> {
        let f = std::fs::File::open(path)?;
        Self::from_xml(std::io::BufReader::new(f))
    }

    /// The length of the company prefix that starts `key` (digits), by the
    /// longest matching prefix of its first 12 digits (fewer when a
    /// non-digit comes sooner); `None` when no entry matches or the entry
    /// says no company prefix starts so.
    #[inline]
    pub fn gcp_length(&self, key: &[u8]) -> Option<u8> {
        let n = key
            .iter()
            .take(12)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if n == 0 || self.entries.is_empty() {
            return None;
        }
        let v = digits(&key[..n]) * POW10[12 - n];
        let b = (v / BUCKET_WIDTH) as usize;
        let (lo, hi) = (self.bucket[b] as usize, self.bucket[b + 1] as usize);
        // The last start at or below `v`: in this bucket, or the one
        // before it (`starts[0]` is 0, so there always is one).
        let probe = v << 24 | 0xFF_FFFF;
        let i = lo + self.starts[lo..hi].partition_point(|&s| s <= probe) - 1;
        let slot = self.starts[i];
        let prefix_len = (slot >> 8) as u8;
        if usize::from(prefix_len) <= n {
            // Covered by a prefix the key starts with, or by none.
            let gcp_len = slot as u8;
            return (prefix_len != 0 && gcp_len != 0).then_some(gcp_len);
        }
        let mut e = self.covering[i];
        while e != NONE {
            let entry = self.entries[e as usize];
            if usize::from(entry.prefix_len) <= n {
                return (entry.gcp_len != 0).then_some(entry.gcp_len);
            }
            // A prefix longer than the key's digits: the key does not
            // start with it (only its zero padding did).
            e = entry.parent;
        }
        None
    }

    /// Number of entries (distinct prefixes).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the table has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The list's `date` attribute, when it has one.
    pub fn date(&self) -> Option<&str> {
        self.date.as_deref()
    }
}

/// Powers of ten up to 10¹².
const POW10: [u64; 13] = {
    let mut t = [1u64; 13];
    let mut i = 1;
    while i < 13 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

fn digits(d: &[u8]) -> u64 {
    d.iter().fold(0u64, |n, &b| n * 10 + u64::from(b - b'0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The former lookup, kept as the oracle: the prefixes of each length
    /// sorted, tried longest first with a binary search each.
    struct Naive {
        by_len: [Vec<(u64, u8)>; 13],
    }

    impl Naive {
        fn new(entries: &[(String, u8)]) -> Naive {
            let mut by_len: [Vec<(u64, u8)>; 13] = Default::default();
            for (p, l) in entries {
                by_len[p.len()].push((digits(p.as_bytes()), *l));
            }
            for v in &mut by_len {
                v.sort_unstable();
                v.dedup_by_key(|e| e.0);
            }
            Naive { by_len }
        }

        fn gcp_length(&self, key: &[u8]) -> Option<u8> {
            let n = key
                .iter()
                .take(12)
                .take_while(|b| b.is_ascii_digit())
                .count();
            let head = digits(&key[..n]);
            for l in (1..=n).rev() {
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

    fn xml(entries: &[(&str, u8)]) -> String {
        let mut s = String::from("<GCPPrefixFormatList date=\"2022-04-05\">");
        for (p, l) in entries {
            s.push_str(&format!("<entry prefix=\"{p}\" gcpLength=\"{l}\"/>"));
        }
        s.push_str("</GCPPrefixFormatList>");
        s
    }

    #[test]
    fn nested_prefixes_and_short_keys() {
        let entries = [
            ("0", 7),
            ("06", 8),
            ("0614", 7),
            ("06141419", 9),
            ("061414190", 0),
            ("0614", 9), // a repeat: the smaller length stays
            ("999", 0),
            ("123456789012", 12),
        ];
        let t = GcpLengthTable::from_xml_str(&xml(&entries)).unwrap();
        assert_eq!(t.len(), 7);
        assert_eq!(t.date(), Some("2022-04-05"));
        for (key, want) in [
            (&b"0614141123452"[..], Some(7)),
            (b"0614141923452", Some(9)),
            (b"0614141903452", None),
            (b"0615000000000", Some(8)),
            (b"0700000000000", Some(7)),
            (b"1234567890125", Some(12)),
            (b"1234567890115", None),
            (b"9991234567890", None),
            // Short keys match only prefixes no longer than their digits.
            (b"061", Some(8)),
            (b"0614", Some(7)),
            (b"0614141", Some(7)),
            (b"06141419", Some(9)),
            (b"06141419ABC", Some(9)),
            (b"0614141ABC", Some(7)),
            (b"0", Some(7)),
            (b"", None),
            (b"X0614141123452", None),
        ] {
            assert_eq!(t.gcp_length(key), want, "{}", String::from_utf8_lossy(key));
        }
        let empty = GcpLengthTable::from_xml_str("<GCPPrefixFormatList/>").unwrap();
        assert!(empty.is_empty());
        assert_eq!(empty.gcp_length(b"0614141123452"), None);
    }

    #[test]
    fn bad_entries_are_reported_where_they_are() {
        for bad in [
            r#"<l><entry prefix="06a4" gcpLength="7"/></l>"#,
            r#"<l><entry prefix="0614" gcpLength="3"/></l>"#,
            r#"<l><entry prefix="0614"/></l>"#,
            r#"<l><entry prefix="1234567890123" gcpLength="7"/></l>"#,
        ] {
            match GcpLengthTable::from_xml_str(bad) {
                Err(GcpTableError::BadEntry { at }) => assert_eq!(at, 3, "{bad}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
        assert!(matches!(
            GcpLengthTable::from_xml_str("<l><entry prefix=\"1\" gcpLength=\"7\"></l>"),
            Err(GcpTableError::Xml { .. })
        ));
    }

    /// The whole of GS1's list, against the former lookup: every prefix as
    /// a key (short), padded with zeros and with nines to 12 digits, with
    /// random digits after it, and random keys of every length.
    #[test]
    fn agrees_with_the_former_lookup_on_gs1s_list() {
        let dir = std::env::var_os("SERIALKIT_TEST_DATA")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| {
                std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data")
            });
        let path = dir.join("epcis/gcpprefixformatlist-2022-04-05.xml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            assert!(
                std::env::var_os("CI").is_none(),
                "{} missing under CI",
                path.display()
            );
            println!(
                "GCP table oracle test: skipped, {} not found",
                path.display()
            );
            return;
        };
        let mut entries = Vec::new();
        for chunk in text.split("<entry ").skip(1) {
            let attr = |name: &str| {
                let at = chunk.find(&format!("{name}=\""))? + name.len() + 2;
                chunk[at..].split('"').next()
            };
            let (Some(p), Some(l)) = (attr("prefix"), attr("gcpLength")) else {
                panic!("entry without prefix or gcpLength: {chunk}");
            };
            entries.push((p.to_owned(), l.parse::<u8>().unwrap()));
        }
        assert_eq!(entries.len(), 99_839);
        let t = GcpLengthTable::from_xml_str(&text).unwrap();
        let naive = Naive::new(&entries);
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut checked = 0;
        let mut check = |key: &[u8]| {
            assert_eq!(
                t.gcp_length(key),
                naive.gcp_length(key),
                "{}",
                String::from_utf8_lossy(key)
            );
            checked += 1;
        };
        for (p, _) in &entries {
            check(p.as_bytes());
            for pad in [b'0', b'9'] {
                let mut k = p.clone().into_bytes();
                k.resize(12, pad);
                check(&k);
            }
            let mut k = p.clone().into_bytes();
            while k.len() < 13 {
                k.push(b'0' + (next() % 10) as u8);
            }
            check(&k);
        }
        for _ in 0..200_000 {
            let len = 1 + (next() % 14) as usize;
            let k: Vec<u8> = (0..len).map(|_| b'0' + (next() % 10) as u8).collect();
            check(&k);
        }
        println!(
            "GCP table: {checked} keys agree with the former lookup ({} prefixes)",
            t.len()
        );
    }
}
