//! Canonical GS1 Digital Link form of identifiers, as the CBV 2.0 event
//! hash uses it: EPC URNs (pure identity, class, ID pattern) and Digital
//! Link URIs on any domain become `https://id.gs1.org/<AI>/<key>…` at the
//! finest identification level, without query string.
//!
//! This follows the reference event-hash implementation's normaliser rule
//! for rule (including what it does not convert), not the full Tag Data
//! Standard: decoding EPCs into GS1 keys belongs to `serialkit-gs1`.

use serialkit_gs1::check_digit::mod10;

/// Characters of a serial/lot in an EPC URN: the URI-safe part of GS1 AI
/// character set 82, or a `%XX` escape of one of the others. Returns the
/// number of characters (an escape counts as one), or `None`.
fn urn_chars(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut n = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' {
            let (h, l) = (*b.get(i + 1)?, *b.get(i + 2)?);
            let ok = match h {
                b'2' => matches!(l, b'1' | b'2' | b'5'..=b'9' | b'A'..=b'F' | b'a'..=b'f'),
                b'3' => l.is_ascii_hexdigit(),
                b'4' => matches!(l, b'1'..=b'9' | b'A'..=b'F' | b'a'..=b'f'),
                b'5' => matches!(l, b'0'..=b'9' | b'A' | b'a' | b'F' | b'f'),
                b'6' => matches!(l, b'1'..=b'9' | b'A'..=b'F' | b'a'..=b'f'),
                b'7' => matches!(l, b'0'..=b'9' | b'A' | b'a'),
                _ => false,
            };
            if !ok {
                return None;
            }
            i += 3;
        } else if c.is_ascii_alphanumeric() || b"!')(*+,.:;=_-".contains(&c) {
            i += 1;
        } else {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// Characters of a CPI component reference: `[0-9A-Z-]` or `%23`, `%2D`,
/// `%2F` and a few escapes.
fn cpi_chars(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut n = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' {
            let (h, l) = (*b.get(i + 1)?, *b.get(i + 2)?);
            let ok = match h {
                b'2' => matches!(l, b'3' | b'd' | b'f' | b'D' | b'F'),
                b'3' => l.is_ascii_digit(),
                b'4' => matches!(l, b'1'..=b'9' | b'A'..=b'F' | b'a'..=b'f'),
                b'5' => matches!(l, b'0'..=b'9' | b'A' | b'a'),
                _ => false,
            };
            if !ok {
                return None;
            }
            i += 3;
        } else if c.is_ascii_digit() || c.is_ascii_uppercase() || c == b'-' {
            i += 1;
        } else {
            return None;
        }
        n += 1;
    }
    Some(n)
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// Percent-encodes the characters the Digital Link standard requires that
/// EPC URNs leave literal.
fn dl_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '!' => out.push_str("%21"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '*' => out.push_str("%2A"),
            '+' => out.push_str("%2B"),
            ',' => out.push_str("%2C"),
            ':' => out.push_str("%3A"),
            c => out.push(c),
        }
    }
    out
}

fn with_check(digits: &str) -> String {
    let mut s = String::with_capacity(digits.len() + 1);
    push_with_check(&mut s, digits.as_bytes());
    s
}

/// Appends `digits` and their GS1 check digit.
fn push_with_check(out: &mut String, digits: &[u8]) {
    let cd = mod10(digits).map(char::from).unwrap_or('0');
    for &d in digits {
        out.push(char::from(d));
    }
    out.push(cd);
}

fn push_gtin(out: &mut String, cp: &str, item: &str) {
    let mut raw = [0u8; 13];
    raw[0] = item.as_bytes()[0];
    raw[1..1 + cp.len()].copy_from_slice(cp.as_bytes());
    raw[1 + cp.len()..].copy_from_slice(&item.as_bytes()[1..]);
    push_with_check(out, &raw);
}

/// Splits `cp.ref` with a company prefix of 6–12 digits and a reference of
/// `total - cp` digits (`min_ref` at least).
fn cp_ref(s: &str, total: usize, min_ref: usize) -> Option<(&str, &str)> {
    let (cp, r) = s.split_once('.')?;
    if !(6..=12).contains(&cp.len()) || !all_digits(cp) || !all_digits(r) {
        return None;
    }
    if cp.len() + r.len() != total || r.len() < min_ref {
        return None;
    }
    Some((cp, r))
}

/// GTIN-14 from company prefix and item reference (indicator digit first).
fn gtin(cp: &str, item: &str) -> String {
    let mut raw = String::with_capacity(14);
    raw.push_str(&item[..1]);
    raw.push_str(cp);
    raw.push_str(&item[1..]);
    with_check(&raw)
}

const ID: &str = "https://id.gs1.org/";

/// The canonical Digital Link of `uri`, or `None` when the reference
/// normaliser would leave it alone.
pub(crate) fn normalise(uri: &str) -> Option<String> {
    uri.find('.')?;
    if let Some(rest) = uri.strip_prefix("urn:epc:id:") {
        return pure_identity(rest);
    }
    if let Some(rest) = uri.strip_prefix("urn:epc:class:lgtin:") {
        let (head, lot) = split_n(rest, 2)?;
        let (cp, item) = cp_ref(head, 13, 1)?;
        let n = urn_chars(lot)?;
        if !(1..=20).contains(&n) {
            return None;
        }
        return Some(format!("{ID}01/{}/10/{}", gtin(cp, item), dl_escape(lot)));
    }
    if let Some(rest) = uri.strip_prefix("urn:epc:idpat:") {
        return id_pattern(rest);
    }
    if uri.starts_with("http://") || uri.starts_with("https://") {
        return digital_link(uri);
    }
    None
}

/// Splits after the `n`-th dot: (`a.b`, rest) for n = 2.
fn split_n(s: &str, n: usize) -> Option<(&str, &str)> {
    let mut idx = 0;
    for _ in 0..n {
        idx += s[idx..].find('.')? + 1;
    }
    Some((&s[..idx - 1], &s[idx..]))
}

fn pure_identity(rest: &str) -> Option<String> {
    let (scheme, body) = rest.split_once(':')?;
    match scheme {
        "sgtin" => {
            // The most common identifier: built without intermediate strings.
            let (head, serial) = split_n(body, 2)?;
            let (cp, item) = cp_ref(head, 13, 1)?;
            let n = urn_chars(serial)?;
            if !(1..=20).contains(&n) {
                return None;
            }
            let mut out = String::with_capacity(ID.len() + 22 + serial.len());
            out.push_str(ID);
            out.push_str("01/");
            push_gtin(&mut out, cp, item);
            out.push_str("/21/");
            if serial.bytes().any(|b| b"!()*+,:".contains(&b)) {
                out.push_str(&dl_escape(serial));
            } else {
                out.push_str(serial);
            }
            Some(out)
        }
        "sscc" => {
            let (cp, r) = cp_ref(body, 17, 1)?;
            let raw = format!("{}{cp}{}", &r[..1], &r[1..]);
            Some(format!("{ID}00/{}", with_check(&raw)))
        }
        "sgln" => {
            let (head, ext) = split_n(body, 2)?;
            let (cp, r) = cp_ref(head, 12, 0)?;
            let n = urn_chars(ext)?;
            if !(1..=20).contains(&n) {
                return None;
            }
            let gln = with_check(&format!("{cp}{r}"));
            Some(if ext == "0" {
                format!("{ID}414/{gln}")
            } else {
                format!("{ID}414/{gln}/254/{}", dl_escape(ext))
            })
        }
        "grai" => {
            // The reference's pattern wants two dots after a 12-digit
            // company prefix and then one more; both shapes are kept.
            let (head, serial) = split_n(body, 2)?;
            let (cp, r) = cp_ref(head, 12, 1).or_else(|| {
                let (cp, r) = head.split_once('.')?;
                (cp.len() == 12 && all_digits(cp) && r.is_empty() && serial.starts_with('.'))
                    .then_some((cp, r))
            })?;
            let serial = if r.is_empty() { &serial[1..] } else { serial };
            let n = urn_chars(serial)?;
            if !(1..=16).contains(&n) {
                return None;
            }
            Some(format!(
                "{ID}8003/{}{}",
                with_check(&format!("0{cp}{r}")),
                dl_escape(serial)
            ))
        }
        "giai" => {
            let (cp, asset) = body.split_once('.')?;
            if !(6..=12).contains(&cp.len()) || !all_digits(cp) {
                return None;
            }
            let n = urn_chars(asset)?;
            (1..=30 - cp.len())
                .contains(&n)
                .then(|| format!("{ID}8004/{cp}{}", dl_escape(asset)))
        }
        "gsrn" | "gsrnp" => {
            let (cp, r) = cp_ref(body, 17, 1)?;
            let ai = if scheme == "gsrn" { "8018" } else { "8017" };
            Some(format!("{ID}{ai}/{}", with_check(&format!("{cp}{r}"))))
        }
        "gdti" => {
            // `cp.doctype` followed directly by the serial part (its dot included).
            let (cp, after) = body.split_once('.')?;
            if !(6..=12).contains(&cp.len()) || !all_digits(cp) {
                return None;
            }
            let dt_len = 12 - cp.len();
            let doc_type = after.get(..dt_len)?;
            if !all_digits(doc_type) {
                return None;
            }
            let tail = &after[dt_len..];
            if cp.len() == 12 && !tail.starts_with('.') {
                return None;
            }
            let n = urn_chars(tail)?;
            if !(1..=20).contains(&n) {
                return None;
            }
            let serial = tail.get(1..)?;
            Some(format!(
                "{ID}253/{}{}",
                with_check(&format!("{cp}{doc_type}")),
                dl_escape(serial)
            ))
        }
        "cpi" => {
            let (cp, rest) = body.split_once('.')?;
            let (cpref, serial) = rest.rsplit_once('.')?;
            if !(6..=12).contains(&cp.len())
                || !all_digits(cp)
                || serial.is_empty()
                || serial.len() > 12
                || !all_digits(serial)
            {
                return None;
            }
            let n = cpi_chars(cpref)?;
            (1..=30 - cp.len()).contains(&n).then(|| {
                format!(
                    "{ID}8010/{}/8011/{serial}",
                    dl_escape(&format!("{cp}{cpref}"))
                )
            })
        }
        "sgcn" => {
            let (head, serial) = split_n(body, 2)?;
            let (cp, r) = cp_ref(head, 12, 0)?;
            if serial.is_empty() || serial.len() > 12 || !all_digits(serial) {
                return None;
            }
            Some(format!(
                "{ID}255/{}{serial}",
                with_check(&format!("{cp}{r}"))
            ))
        }
        "ginc" => {
            let (cp, r) = body.split_once('.')?;
            if !(6..=12).contains(&cp.len()) || !all_digits(cp) {
                return None;
            }
            let n = urn_chars(r)?;
            (1..=30 - cp.len())
                .contains(&n)
                .then(|| format!("{ID}401/{cp}{}", dl_escape(r)))
        }
        "gsin" => {
            let (cp, r) = cp_ref(body, 16, 1)?;
            Some(format!("{ID}402/{}", with_check(&format!("{cp}{r}"))))
        }
        "itip" => {
            let (head, rest) = split_n(body, 2)?;
            let (cp, item) = cp_ref(head, 13, 1)?;
            let (piece, rest) = rest.split_once('.')?;
            let (total, serial) = rest.split_once('.')?;
            if piece.len() != 2 || total.len() != 2 || !all_digits(piece) || !all_digits(total) {
                return None;
            }
            let n = urn_chars(serial)?;
            (1..=20).contains(&n).then(|| {
                format!(
                    "{ID}8006/{}{piece}{total}/21/{}",
                    gtin(cp, item),
                    dl_escape(serial)
                )
            })
        }
        "upui" => {
            let (head, serial) = split_n(body, 2)?;
            let (cp, item) = cp_ref(head, 13, 1)?;
            let n = urn_chars(serial)?;
            (1..=28)
                .contains(&n)
                .then(|| format!("{ID}01/{}/235/{}", gtin(cp, item), dl_escape(serial)))
        }
        "pgln" => {
            let (cp, r) = cp_ref(body, 12, 0)?;
            Some(format!("{ID}417/{}", with_check(&format!("{cp}{r}"))))
        }
        _ => None,
    }
}

fn id_pattern(rest: &str) -> Option<String> {
    let (scheme, body) = rest.split_once(':')?;
    let body = body.strip_suffix(".*")?;
    match scheme {
        "sgtin" | "upui" => {
            let (cp, item) = cp_ref(body, 13, 1)?;
            Some(format!("{ID}01/{}", gtin(cp, item)))
        }
        "grai" => {
            let (cp, r) = cp_ref(body, 12, 1).or_else(|| {
                let b = body.strip_suffix('.')?;
                let (cp, r) = b.split_once('.')?;
                (cp.len() == 12 && all_digits(cp) && r.is_empty()).then_some((cp, r))
            })?;
            Some(format!("{ID}8003/{}", with_check(&format!("0{cp}{r}"))))
        }
        "gdti" | "sgcn" => {
            let (cp, r) = cp_ref(body, 12, 1).or_else(|| {
                let b = body.strip_suffix('.')?;
                let (cp, r) = b.split_once('.')?;
                (cp.len() == 12 && all_digits(cp) && r.is_empty()).then_some((cp, r))
            })?;
            let ai = if scheme == "gdti" { "253" } else { "255" };
            Some(format!("{ID}{ai}/{}", with_check(&format!("{cp}{r}"))))
        }
        "cpi" => {
            let (cp, cpref) = body.split_once('.')?;
            if !(6..=12).contains(&cp.len()) || !all_digits(cp) {
                return None;
            }
            let n = cpi_chars(cpref)?;
            (1..=30 - cp.len())
                .contains(&n)
                .then(|| format!("{ID}8010/{}", dl_escape(&format!("{cp}{cpref}"))))
        }
        "itip" => {
            let (head, rest) = split_n(body, 2)?;
            let (cp, item) = cp_ref(head, 13, 1)?;
            let (piece, total) = rest.split_once('.')?;
            if piece.len() != 2 || total.len() != 2 || !all_digits(piece) || !all_digits(total) {
                return None;
            }
            Some(format!("{ID}8006/{}{piece}{total}", gtin(cp, item)))
        }
        _ => None,
    }
}

const DL_KEYS: &[&str] = &[
    "01", "gtin", "8006", "itip", "8010", "cpid", "414", "gln", "417", "party", "8017", "gsrnp",
    "8018", "gsrn", "255", "gcn", "00", "sscc", "253", "gdti", "401", "ginc", "402", "gsin",
    "8003", "grai", "8004", "giai",
];

/// Characters a Digital Link value may hold to count as canonical.
fn dl_value_char(c: u8) -> bool {
    matches!(c, 0x22 | 0x27 | 0x2D | 0x2E | 0x30..=0x39 | 0x3B..=0x3F | 0x41..=0x5A | 0x5F | 0x61..=0x7A)
}

fn dl_value(s: &str, max: usize) -> bool {
    s.len() <= max && s.bytes().all(dl_value_char)
}

fn digits_n(s: &str, n: usize) -> bool {
    s.len() == n && all_digits(s)
}

fn digital_link(uri: &str) -> Option<String> {
    // Recognise: an http(s) URI whose path holds `/<key>/` followed by at
    // least four digits and one more character.
    let after_scheme = uri.split_once("://").map(|(_, r)| r)?;
    let path_start = after_scheme.find('/')?;
    let path_and_more = &after_scheme[path_start..];
    let path = path_and_more.split(['?', '#']).next().unwrap_or("");
    let recognised = DL_KEYS.iter().any(|k| {
        let pat = format!("/{k}/");
        path.match_indices(&pat).any(|(i, _)| {
            let v = &path[i + pat.len()..];
            let v = v.split('/').next().unwrap_or("");
            v.len() >= 5 && all_digits(&v[..4])
        })
    });
    if !recognised {
        return None;
    }
    let mut u = match uri.find('?') {
        Some(i) => uri[..i].to_owned(),
        None => uri.to_owned(),
    };
    for (short, ai) in [
        ("/gtin/", "/01/"),
        ("/itip/", "/8006/"),
        ("/cpid/", "/8010/"),
        ("/gln/", "/414/"),
        ("/party/", "/417/"),
        ("/gsrnp/", "/8017/"),
        ("/gsrn/", "/8018/"),
        ("/gcn/", "/255/"),
        ("/sscc/", "/00/"),
        ("/gdti/", "/253/"),
        ("/ginc/", "/401/"),
        ("/gsin/", "/402/"),
        ("/grai/", "/8003/"),
        ("/giai/", "/8004/"),
        ("/cpv/", "/22/"),
        ("/lot/", "/10/"),
        ("/ser/", "/21/"),
    ] {
        u = u.replace(short, ai);
    }
    const PRIMARY: &[&str] = &[
        "01", "8006", "8010", "414", "417", "8017", "8018", "255", "00", "253", "401", "402",
        "8003", "8004",
    ];
    let canonical = u.strip_prefix(ID).is_some_and(|rest| {
        let mut it = rest.splitn(3, '/');
        let key = it.next().unwrap_or("");
        let value = it.next().unwrap_or("");
        PRIMARY.contains(&key) && value.len() >= 5 && all_digits(&value[..4])
    });
    if !canonical {
        for key in [
            "00", "01", "253", "255", "401", "402", "414", "417", "8003", "8004", "8006", "8010",
            "8017", "8018",
        ] {
            if let Some(i) = u.find(&format!("/{key}/")) {
                u = format!("https://id.gs1.org{}", &u[i..]);
                break;
            }
        }
    }
    // GTIN-8/12/13 padded to 14 digits.
    if let Some(rest) = u.strip_prefix("https://id.gs1.org/01/") {
        let lead = rest.bytes().take_while(u8::is_ascii_digit).count();
        let pad = match lead {
            14.. => 0,
            13 => 1,
            12 => 2,
            8..=11 => 6,
            _ => 0,
        };
        if pad > 0 {
            u = u.replace("/01/", &format!("/01/{}", "0".repeat(pad)));
        }
    }
    // Drop a CPV (AI 22) after the GTIN/ITIP.
    if let Some(i) = u.find("/22/") {
        let (before, after) = (&u[..i], &u[i + 4..]);
        let keyed = (before.len() == "https://id.gs1.org/01/".len() + 14
            && before.starts_with("https://id.gs1.org/01/")
            && all_digits(&before[22..]))
            || (before.len() == "https://id.gs1.org/8006/".len() + 18
                && before.starts_with("https://id.gs1.org/8006/")
                && all_digits(&before[24..]));
        if keyed && after.len() <= 20 && after.bytes().all(dl_value_char) {
            u = before.to_owned();
        } else if keyed && after.bytes().all(|c| c == b'/' || dl_value_char(c)) {
            if let Some(j) = after.find('/') {
                u = format!("{before}{}", &after[j..]);
            }
        }
    }
    // Finest level only: a serial makes the lot redundant.
    for (prefix, key_len) in [
        ("https://id.gs1.org/01/", 14usize),
        ("https://id.gs1.org/8006/", 18),
    ] {
        if let Some(rest) = u.strip_prefix(prefix) {
            let parts: Vec<&str> = rest.split('/').collect();
            if let [key, "10", lot, "21", serial] = parts.as_slice() {
                if digits_n(key, key_len) && dl_value(lot, 20) && dl_value(serial, 20) {
                    u = format!("{prefix}{key}/21/{serial}");
                }
            }
        }
    }
    valid_canonical(&u).then_some(u)
}

fn valid_canonical(u: &str) -> bool {
    let Some(rest) = u.strip_prefix(ID) else {
        return false;
    };
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        ["00", k] => digits_n(k, 18),
        ["01", k] => digits_n(k, 14),
        ["01", k, "21" | "10", v] => digits_n(k, 14) && dl_value(v, 20),
        ["01", k, "235", v] => digits_n(k, 14) && dl_value(v, 28),
        ["253", k] => k.len() >= 13 && all_digits(&k[..13]) && dl_value(&k[13..], 17),
        ["255", k] => k.len() >= 13 && k.len() <= 25 && all_digits(k),
        ["401", k] => dl_value(k, 30),
        ["402", k] => digits_n(k, 17),
        ["414", k] | ["417", k] => digits_n(k, 13),
        ["414", k, "254", v] => digits_n(k, 13) && dl_value(v, 20),
        ["8003", k] => k.len() >= 14 && all_digits(&k[..14]) && dl_value(&k[14..], 16),
        ["8004", k] => dl_value(k, 30),
        ["8006", k] => digits_n(k, 18),
        ["8006", k, "21" | "10", v] => digits_n(k, 18) && dl_value(v, 20),
        ["8017", k] | ["8018", k] => digits_n(k, 18),
        [.., "8011", s] if s.len() <= 12 && all_digits(s) => {
            // `8010/<cpid, may contain '/'>/8011/<serial>`
            let inner = &rest[..rest.len() - s.len() - "/8011/".len()];
            inner.strip_prefix("8010/").is_some_and(cpid_chars)
        }
        ["8010", ..] => rest.strip_prefix("8010/").is_some_and(cpid_chars),
        _ => false,
    }
}

fn cpid_chars(s: &str) -> bool {
    s.len() <= 30
        && s.bytes()
            .all(|c| matches!(c, 0x23 | 0x2D | 0x2F | 0x30..=0x39 | 0x41..=0x5A))
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn urns_and_links() {
        let cases = [
            (
                "urn:epc:id:sgtin:0614141.107346.2018",
                "https://id.gs1.org/01/10614141073464/21/2018",
            ),
            (
                "urn:epc:id:sgtin:0614141.812345.6789%2F%26%25%22!%3F()",
                "https://id.gs1.org/01/80614141123458/21/6789%2F%26%25%22%21%3F%28%29",
            ),
            (
                "urn:epc:id:sgtin:415056789012.0.987654",
                "https://id.gs1.org/01/04150567890128/21/987654",
            ),
            (
                "urn:epc:id:sscc:4012345.3111111111",
                "https://id.gs1.org/00/340123451111111111",
            ),
            (
                "urn:epc:id:sgln:4012345.00005.0",
                "https://id.gs1.org/414/4012345000054",
            ),
            (
                "urn:epc:id:sgln:4012345.00005.122",
                "https://id.gs1.org/414/4012345000054/254/122",
            ),
            (
                "urn:epc:id:grai:4012345.00022.334455",
                "https://id.gs1.org/8003/04012345000221334455",
            ),
            (
                "urn:epc:id:giai:4012345.ABC345",
                "https://id.gs1.org/8004/4012345ABC345",
            ),
            (
                "urn:epc:id:gsrn:4012345.0000006765",
                "https://id.gs1.org/8018/401234500000067657",
            ),
            (
                "urn:epc:id:gdti:4012345.00009.PO-4711",
                "https://id.gs1.org/253/4012345000092PO-4711",
            ),
            (
                "urn:epc:id:gdti:987659999999..9",
                "https://id.gs1.org/253/98765999999929",
            ),
            (
                "urn:epc:id:cpi:0614141.11111111111111-A%23%2F.1234",
                "https://id.gs1.org/8010/061414111111111111111-A%23%2F/8011/1234",
            ),
            (
                "urn:epc:id:ginc:0614141.xyz47%2F11",
                "https://id.gs1.org/401/0614141xyz47%2F11",
            ),
            (
                "urn:epc:id:gsin:4012345.222333444",
                "https://id.gs1.org/402/40123452223334442",
            ),
            (
                "urn:epc:id:itip:4012345.011111.01.02.987",
                "https://id.gs1.org/8006/040123451111180102/21/987",
            ),
            (
                "urn:epc:id:upui:1234567.098765.51qIgY)%3C%26Jp3*j7'SDB",
                "https://id.gs1.org/01/01234567987651/235/51qIgY%29%3C%26Jp3%2Aj7'SDB",
            ),
            (
                "urn:epc:id:pgln:999999999999.",
                "https://id.gs1.org/417/9999999999994",
            ),
            (
                "urn:epc:class:lgtin:4012345.012345.Lot987",
                "https://id.gs1.org/01/04012345123456/10/Lot987",
            ),
            (
                "urn:epc:idpat:sgtin:4054739.099914.*",
                "https://id.gs1.org/01/04054739999148",
            ),
            (
                "https://example.com/gtin/09780345418913/21/765tz?abc=211121",
                "https://id.gs1.org/01/09780345418913/21/765tz",
            ),
            (
                "https://id.gs1.de/01/04012345999990/21/XYZ-1234",
                "https://id.gs1.org/01/04012345999990/21/XYZ-1234",
            ),
            (
                "https://example.org/8004/401234599999",
                "https://id.gs1.org/8004/401234599999",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(normalise(input).as_deref(), Some(want), "{input}");
        }
        for keep in [
            "urn:uuid:123",
            "geo:47.5,11.1",
            "https://example.com/no/key",
            "urn:epc:id:sscc:1.2",
        ] {
            assert_eq!(normalise(keep), None, "{keep}");
        }
    }
}
