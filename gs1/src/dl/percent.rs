//! Percent-encoding of AI values in Digital Link URIs.
//!
//! Decoding follows RFC 3986 with the Digital Link rule that `+` means a
//! space only in the query string. Encoding writes every byte that is not an
//! RFC 3986 unreserved character (`A–Z a–z 0–9 - . _ ~`) as `%XX` with
//! upper-case hex digits, and a space in the query as `+`: the canonical form
//! GS1's reference engine and Tag Data Translation produce.

use std::borrow::Cow;

/// Where a value is in the URI: path segments and query values decode `+`
/// differently.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Part {
    Path,
    Query,
}

/// A decoded value and, for span mapping, the positions (in decoded
/// coordinates) after which input bytes were dropped: one entry per dropped
/// byte, two per `%XX`.
pub(crate) struct Decoded<'a> {
    pub(crate) value: Cow<'a, str>,
    pub(crate) dropped: Vec<usize>,
}

/// Why a value could not be decoded.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct NulByte {
    /// Offset of the `%00` in the raw text.
    pub(crate) at: usize,
}

#[inline]
fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` (and `+` in the query). A `%` not followed by two hex
/// digits is kept as it is. Borrows `raw` when there is nothing to decode.
pub(crate) fn decode(raw: &str, part: Part) -> Result<Decoded<'_>, NulByte> {
    let b = raw.as_bytes();
    let needs = b
        .iter()
        .any(|&c| c == b'%' || (c == b'+' && part == Part::Query));
    if !needs {
        return Ok(Decoded {
            value: Cow::Borrowed(raw),
            dropped: Vec::new(),
        });
    }
    let mut out = Vec::with_capacity(b.len());
    let mut dropped = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex_val(b[i + 1]), hex_val(b[i + 2])) {
                let v = h << 4 | l;
                if v == 0 {
                    return Err(NulByte { at: i });
                }
                out.push(v);
                dropped.push(out.len());
                dropped.push(out.len());
                i += 3;
                continue;
            }
        }
        out.push(if c == b'+' && part == Part::Query {
            b' '
        } else {
            c
        });
        i += 1;
    }
    let value = match String::from_utf8(out) {
        Ok(s) => s,
        // Bytes that are not UTF-8 cannot be carried by any AI character set;
        // keep the value's length and let the character-set linter report
        // them at their position, as DEL (also outside every AI set).
        Err(e) => e
            .into_bytes()
            .into_iter()
            .map(|b| {
                if b.is_ascii() {
                    char::from(b)
                } else {
                    '\u{7f}'
                }
            })
            .collect(),
    };
    Ok(Decoded {
        value: Cow::Owned(value),
        dropped,
    })
}

/// Whether `b` is an RFC 3986 unreserved character.
#[inline]
pub(crate) const fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Appends `value` to `out`, percent-encoded for `part`.
pub(crate) fn encode_into(out: &mut String, value: &str, part: Part) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in value.as_bytes() {
        if is_unreserved(b) {
            out.push(char::from(b));
        } else if b == b' ' && part == Part::Query {
            out.push('+');
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str, part: Part) -> String {
        decode(s, part)
            .map(|d| d.value.into_owned())
            .unwrap_or_default()
    }

    #[test]
    fn decodes_like_the_reference_engine() {
        assert_eq!(dec("+", Part::Path), "+");
        assert_eq!(dec("+", Part::Query), " ");
        assert_eq!(dec("A%20%20B", Part::Path), "A  B");
        assert_eq!(dec("ABC%2", Part::Path), "ABC%2");
        assert_eq!(dec("ABCD%", Part::Query), "ABCD%");
        assert_eq!(dec("A%4fB", Part::Path), "AOB");
        assert_eq!(dec("A%4gB", Part::Path), "A%4gB");
        assert_eq!(dec("A%G4B", Part::Path), "A%G4B");
        assert_eq!(dec("%2F", Part::Path), "/");
        assert_eq!(decode("A%00B", Part::Path).err(), Some(NulByte { at: 1 }));
        assert!(matches!(
            decode("plain", Part::Query).map(|d| d.value),
            Ok(Cow::Borrowed(_))
        ));
        // Positions after which bytes were dropped, for mapping spans.
        assert_eq!(
            decode("A%2FB", Part::Path).map(|d| d.dropped).ok(),
            Some(vec![2, 2])
        );
        // Non-UTF-8 keeps its length and fails any AI character set later.
        assert_eq!(dec("A%FFB", Part::Path), "A\u{7f}B");
    }

    #[test]
    fn encodes_all_but_unreserved() {
        let enc = |s: &str, p| {
            let mut o = String::new();
            encode_into(&mut o, s, p);
            o
        };
        assert_eq!(enc("0123456789-._~azAZ", Part::Path), "0123456789-._~azAZ");
        assert_eq!(
            enc("!\"#%&'()*+,/:;<=>?", Part::Query),
            "%21%22%23%25%26%27%28%29%2A%2B%2C%2F%3A%3B%3C%3D%3E%3F"
        );
        assert_eq!(enc("A B", Part::Path), "A%20B");
        assert_eq!(enc("A  B", Part::Query), "A++B");
    }
}
