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
#[derive(Clone, Debug, Default)]
pub struct GcpLengthTable {
    /// Index `l`: entries whose prefix has `l` digits, as (prefix value,
    /// company prefix length), sorted by prefix.
    by_len: [Vec<(u64, u8)>; 13],
    /// Prefix lengths that have entries, longest first.
    lengths: Vec<u8>,
    date: Option<String>,
}

impl GcpLengthTable {
    /// Reads the XML list.
    pub fn from_xml<R: BufRead>(input: R) -> Result<GcpLengthTable, GcpTableError> {
        let mut reader = quick_xml::Reader::from_reader(input);
        let mut buf = Vec::new();
        let mut t = GcpLengthTable::default();
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
                                t.date = std::str::from_utf8(&a.value).ok().map(str::to_owned);
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
                        t.by_len[p.len()].push((digits(&p), l));
                    }
                }
                _ => {}
            }
            buf.clear();
        }
        for (l, v) in t.by_len.iter_mut().enumerate() {
            v.sort_unstable();
            v.dedup_by_key(|e| e.0);
            if !v.is_empty() {
                t.lengths.push(l as u8);
            }
        }
        t.lengths.reverse();
        Ok(t)
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
    /// longest matching prefix; `None` when no entry matches or the entry
    /// says no company prefix starts so.
    #[inline]
    pub fn gcp_length(&self, key: &[u8]) -> Option<u8> {
        // The leading digits (at most 12) once; each shorter prefix is that
        // number divided by a power of ten.
        let n = key
            .iter()
            .take(12)
            .take_while(|b| b.is_ascii_digit())
            .count();
        let head = digits(&key[..n]);
        for &l in &self.lengths {
            let l = usize::from(l);
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

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.by_len.iter().map(Vec::len).sum()
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

fn digits(d: &[u8]) -> u64 {
    d.iter().fold(0u64, |n, &b| n * 10 + u64::from(b - b'0'))
}
