//! Arbitrary data through every QR-family symbol and Code 128, with every
//! mode mix, error correction level, version policy and option the
//! encoders have: whatever encodes must render and decode to exactly the
//! input, with the right symbology identifier — GS1 as ]Q3 / ]C1 with the
//! same element string — and whatever does not encode must fail with the
//! error the input and options call for (too long, no data, an option the
//! symbol does not have), never another.
//!
//! Input layout: six header bytes, then data.
//! - byte 0: bits 0-1 symbology (QR, Micro QR, rMQR, Code 128); bit 7 GS1;
//!   bit 2 Kanji (the data becomes Shift JIS with Kanji characters);
//!   bit 3 FNC1 in second position; bit 4 Structured Append; bit 5 an ECI
//!   other than Latin-1; bit 6 GS1 Digital Link (QR Code).
//! - byte 1: level (bits 0-1), ECC boost (bit 2).
//! - byte 2: version / size policy; byte 3: mask.
//! - bytes 4-5: parameters (ECI, application indicator, Structured Append
//!   position and count, Digital Link stem).
//!
//! Readers: rxing through `verify` wherever it can read the symbol; where
//! rxing 0.9.3 panics (a GS1 or AIM QR Code / rMQR with a literal `%` in
//! alphanumeric data; libFuzzer aborts on any panic, caught or not) or
//! cannot know the data (Kanji and byte segments without ECI, ECIs it has
//! no character set for), serialkit's own reader (`qr::read`: rxing's
//! detector and sampler, Reed-Solomon, the bit-stream parser) checks every
//! byte instead.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serialkit_gs1::{ElementString, Options as Gs1Options};
use serialkit_symbology::code128::{self, Code128};
use serialkit_symbology::qr::micro::{self, MicroQr, MicroVersion};
use serialkit_symbology::qr::parse::{Fnc1, ParsedData, ParsedSegment};
use serialkit_symbology::qr::read::{self, ReadSymbol};
use serialkit_symbology::qr::rmqr::{self, Rmqr, RmqrSize};
use serialkit_symbology::qr::{
    ApplicationIndicator, EccLevel, EncodeError, Mask, Options, QrCode, StructuredAppend, Version,
    VersionPolicy,
};
use serialkit_symbology::render::png::{RasterOptions, to_luma};
use serialkit_symbology::verify::{VerifyError, decode_luma, verify, verify_gs1};
use serialkit_symbology::{Eci, ModuleGrid, Segment};

const CSET82: &[u8] =
    b"!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

/// ECIs tried: the three `verify` maps to text, others read back byte for
/// byte, and the edges of the 8/16/24-bit designators.
const ECIS: [u32; 14] = [
    3, 26, 899, 4, 7, 20, 22, 0, 127, 128, 16383, 16384, 810_900, 999_999,
];

/// A well-formed `^` message from arbitrary bytes: CSET 82 characters,
/// with a separator wherever a byte is 0xFF (never empty fields).
fn gs1_message(data: &[u8]) -> Option<String> {
    let mut s = String::from("^");
    for &b in data {
        if b == 0xFF {
            if !s.ends_with('^') {
                s.push('^');
            }
        } else {
            s.push(CSET82[b as usize % CSET82.len()] as char);
        }
    }
    let s = s.trim_end_matches('^').to_owned();
    (s.len() > 1).then_some(s)
}

/// Printable ASCII from arbitrary bytes.
fn ascii(data: &[u8]) -> Vec<u8> {
    data.iter().map(|b| 0x20 + b % 95).collect()
}

/// Shift JIS text from arbitrary bytes: a byte below 0x80 is a printable
/// ASCII character, one above starts a level 1 Kanji character (lead
/// 0x89-0x97, every trail byte assigned).
fn shift_jis(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(2 * data.len());
    let mut it = data.iter();
    while let Some(&b) = it.next() {
        if b < 0x80 {
            out.push(0x20 + b % 95);
        } else {
            let t = it.next().map_or(0, |&t| t as usize % 188) as u8;
            out.push(0x89 + b % 15);
            out.push(if t < 63 { 0x40 + t } else { 0x80 + (t - 63) });
        }
    }
    out
}

fn px(grid: &ModuleGrid) -> RasterOptions {
    RasterOptions::pixels(if grid.width() > 120 { 2 } else { 3 })
}

/// Reads `grid` back through a rendering with serialkit's reader (rxing's
/// detector and sampler only), and also straight from the grid: both must
/// give the same symbol.
fn read_back(grid: &ModuleGrid) -> ReadSymbol {
    let direct = read::read_grid(grid).expect("our grid reads back");
    let img = to_luma(grid, &px(grid)).expect("renders");
    if let Ok(through_image) = read::decode_luma(img.as_raw(), img.width(), img.height()) {
        assert_eq!(through_image.data_codewords, direct.data_codewords);
    } else {
        // rxing's rMQR detector misses some symbols (bug-rxing-misses-rmqr).
        assert!(grid.width() != grid.height(), "square symbol not found");
    }
    assert_eq!(direct.errors_corrected, 0);
    direct
}

/// Whether segments hold any data byte.
fn want_data(segments: &[Segment<'_>]) -> bool {
    segments
        .iter()
        .any(|s| matches!(s, Segment::Data(d) if !d.is_empty()))
}

/// The data bytes of a parse, with the ECIs in between.
fn pieces(data: &ParsedData) -> (Vec<u32>, Vec<u8>) {
    let mut ecis = Vec::new();
    let mut bytes = Vec::new();
    for s in &data.segments {
        match s {
            ParsedSegment::Eci(e) => ecis.push(e.number()),
            ParsedSegment::Data { bytes: b, .. } => bytes.extend_from_slice(b),
        }
    }
    (ecis, bytes)
}

/// rxing 0.9.3's rMQR detector misses some symbols that zxing-cpp reads
/// with no error corrected (bug-rxing-misses-rmqr in the seeds): for rMQR a
/// miss is tolerated (`read_back` checks those symbols), a wrong read never.
fn rmqr_ok<T>(result: Result<T, VerifyError>) {
    match result {
        Ok(_) | Err(VerifyError::NotDecoded(_)) => {}
        Err(e) => panic!("{e}"),
    }
}

/// rxing runs the Code 128 check character through its code-set switch: 97
/// (FNC2) gives ]C4, 102 (FNC1) after one character ]C2. The data (checked
/// first by `verify`) still has to match.
fn rxing_check_artefact(
    c: &Code128,
    decoded: Option<serialkit_symbology::SymbologyIdentifier>,
) -> bool {
    let decoded = decoded.map(|d| d.to_string());
    match c.values()[c.values().len() - 2] {
        97 => decoded.as_deref() == Some("]C4"),
        102 => matches!(decoded.as_deref(), Some("]C1" | "]C2")),
        _ => false,
    }
}

fn code128_ok(result: Result<(), VerifyError>, c: &Code128) {
    match result {
        Ok(()) => {}
        Err(VerifyError::Identifier { decoded, .. }) if rxing_check_artefact(c, decoded) => {}
        Err(e) => panic!("{e} (values {:?})", c.values()),
    }
}

/// An encode error must be one the input calls for: too long for the
/// allowed versions, or (where `empty`) no data.
fn expected(e: &EncodeError, empty: bool) {
    assert!(
        matches!(e, EncodeError::TooLong { .. }) || (empty && matches!(e, EncodeError::Empty)),
        "unexpected error: {e}"
    );
}

fn qr(head: &[u8], data: &[u8]) {
    let gs1 = head[0] & 0x80 != 0;
    let mut options = Options::with_ecc(EccLevel::ALL[head[1] as usize % 4]);
    options.boost_ecc = head[1] & 4 != 0;
    options.version = match head[2] % 3 {
        0 => VersionPolicy::Auto,
        1 => VersionPolicy::AtLeast(Version::new(1 + head[2] % 40).unwrap()),
        _ => VersionPolicy::Fixed(Version::new(1 + head[2] % 40).unwrap()),
    };
    options.mask = Mask::new(head[3] % 9);
    if head[0] & 0x10 != 0 {
        let count = 2 + head[5] % 15;
        let sa = StructuredAppend::new(1 + head[4] % count, count, head[5]).unwrap();
        options.structured_append = Some(sa);
    }
    let second = (head[0] & 0x08 != 0).then(|| {
        if head[4] & 0x80 != 0 {
            ApplicationIndicator::letter(
                (b'A' + head[4] % 26 + (head[4] & 0x40 != 0) as u8 * 32) as char,
            )
            .unwrap()
        } else {
            ApplicationIndicator::digits(head[4] % 100).unwrap()
        }
    });
    let check_sa = |read: &ReadSymbol| {
        assert_eq!(read.data.structured_append, options.structured_append);
    };
    if head[0] & 0x40 != 0 {
        // GS1 Digital Link: a GTIN from the data, a batch from the rest.
        if data.len() < 13 {
            return;
        }
        let mut gtin: Vec<u8> = data[..13].iter().map(|b| b'0' + b % 10).collect();
        let sum: u32 = gtin
            .iter()
            .rev()
            .enumerate()
            .map(|(i, d)| (d - b'0') as u32 * if i % 2 == 0 { 3 } else { 1 })
            .sum();
        gtin.push(b'0' + ((10 - sum % 10) % 10) as u8);
        let batch: String = data[13..]
            .iter()
            .take(20)
            .map(|&b| CSET82[b as usize % CSET82.len()] as char)
            .collect();
        let mut bracketed = format!("(01){}", String::from_utf8(gtin).unwrap());
        if !batch.is_empty() {
            bracketed.push_str(&format!("(10){batch}"));
        }
        let Ok(es) = ElementString::parse(&bracketed, &Gs1Options::default()) else {
            return;
        };
        let stem = if head[4] & 1 == 0 {
            "https://id.gs1.org"
        } else {
            "https://example.com/products"
        };
        let q = match QrCode::encode_digital_link(&es, stem, &options) {
            Ok(q) => q,
            Err(e) => return expected(&e, false),
        };
        let read = read_back(q.grid());
        check_sa(&read);
        let uri = String::from_utf8(read.data.transmitted()).expect("a URI is ASCII");
        let back = ElementString::parse(&uri, &Gs1Options::default()).expect("DL parses");
        assert_eq!(back.to_bracketed(), es.to_bracketed());
        // A plain QR Code (no FNC1): rxing reads it, `%` escapes included.
        let img = to_luma(q.grid(), &px(q.grid())).unwrap();
        let d = decode_luma(img.as_raw(), img.width(), img.height()).unwrap();
        assert_eq!(d.text, uri);
        return;
    }
    if gs1 {
        let Some(msg) = gs1_message(data) else { return };
        options.fnc1_second = second;
        let q = match QrCode::encode_gs1(&msg, &options) {
            Ok(q) => q,
            Err(EncodeError::Fnc1Both) if second.is_some() => return,
            Err(e) => return expected(&e, false),
        };
        assert!(second.is_none(), "FNC1 first and second together encoded");
        let read = read_back(q.grid());
        check_sa(&read);
        assert_eq!(read.data.fnc1, Fnc1::First);
        let transmitted: Vec<u8> = msg[1..]
            .bytes()
            .map(|b| if b == b'^' { 0x1D } else { b })
            .collect();
        assert_eq!(read.data.transmitted(), transmitted);
        if !msg.contains('%') {
            verify_gs1(q.grid(), &msg, &px(q.grid())).unwrap();
        }
        return;
    }
    if let Some(ai) = second {
        // Fields separated at 0xFF; never a leading separator (a leading
        // FNC1 segment is FNC1 in first position).
        let fields: Vec<Vec<u8>> = data.split(|&b| b == 0xFF).map(ascii).collect();
        let mut segments = Vec::new();
        for (k, f) in fields.iter().enumerate() {
            if k > 0 {
                segments.push(Segment::Fnc1);
            }
            if !f.is_empty() {
                segments.push(Segment::Data(f));
            }
        }
        if segments.first() == Some(&Segment::Fnc1) {
            segments.insert(0, Segment::Data(b"0"));
        }
        options.fnc1_second = Some(ai);
        let q = match QrCode::encode(&segments, &options) {
            Ok(q) => q,
            Err(e) => return expected(&e, !want_data(&segments)),
        };
        let read = read_back(q.grid());
        check_sa(&read);
        assert_eq!(read.data.fnc1, Fnc1::Second(ai));
        let mut want = ai.transmitted().into_bytes();
        for s in &segments {
            match s {
                Segment::Data(d) => want.extend_from_slice(d),
                Segment::Fnc1 => want.push(0x1D),
                Segment::Eci(_) => {}
            }
        }
        assert_eq!(read.data.transmitted(), want);
        if !want.contains(&b'%') {
            let img = to_luma(q.grid(), &px(q.grid())).unwrap();
            let d = decode_luma(img.as_raw(), img.width(), img.height()).unwrap();
            assert_eq!(d.text.as_bytes(), want.as_slice());
            assert_eq!(d.symbology_identifier.unwrap().to_string(), "]Q5");
        }
        return;
    }
    if head[0] & 0x04 != 0 {
        let sjis = shift_jis(data);
        options.kanji = true;
        let q = match QrCode::encode_bytes(&sjis, &options) {
            Ok(q) => q,
            Err(e) => return expected(&e, data.is_empty()),
        };
        let read = read_back(q.grid());
        check_sa(&read);
        assert_eq!(read.data.transmitted(), sjis);
        return;
    }
    let eci = if head[0] & 0x20 != 0 {
        Eci::new(ECIS[head[4] as usize % ECIS.len()]).unwrap()
    } else {
        Eci::LATIN_1
    };
    // UTF-8 under ECI 26, so readers can decode it; bytes otherwise.
    let utf8;
    let bytes: &[u8] = if eci == Eci::UTF_8 {
        utf8 = String::from_utf8_lossy(data).into_owned();
        utf8.as_bytes()
    } else {
        data
    };
    let segments = [Segment::Eci(eci), Segment::Data(bytes)];
    let q = match QrCode::encode(&segments, &options) {
        Ok(q) => q,
        Err(e) => return expected(&e, data.is_empty()),
    };
    let read = read_back(q.grid());
    check_sa(&read);
    assert_eq!(pieces(&read.data), (vec![eci.number()], bytes.to_vec()));
    if matches!(eci.number(), 3 | 26 | 899) {
        verify(q.grid(), &segments, &px(q.grid())).unwrap();
    }
}

fn micro_qr(head: &[u8], data: &[u8]) {
    let ecc = EccLevel::ALL[head[1] as usize % 4];
    let mut options = micro::Options::with_ecc(ecc);
    options.version = MicroVersion::new(head[2] % 5);
    options.mask = Mask::new(head[3] % 9);
    options.boost_ecc = head[1] & 4 != 0;
    let kanji = head[0] & 0x04 != 0;
    options.kanji = kanji;
    // Micro QR has no ECI to say what bytes mean: ASCII, or Shift JIS.
    let bytes = if kanji { shift_jis(data) } else { ascii(data) };
    let m = match MicroQr::encode_bytes(&bytes, &options) {
        Ok(m) => m,
        Err(e) => {
            let bad_option = ecc == EccLevel::H
                || options.mask.is_some_and(|m| m.number() > 3)
                || options.version.is_some_and(|v| v.capacity(ecc).is_none());
            // M1 carries digits only, M2 digits and alphanumerics.
            let alnum = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
            let beyond = match options.version.map(|v| v.number()) {
                Some(1) => !bytes.iter().all(u8::is_ascii_digit),
                Some(2) => !bytes.iter().all(|b| alnum.contains(b)),
                _ => false,
            };
            assert!(
                matches!(e, EncodeError::TooLong { .. })
                    || (bytes.is_empty() && matches!(e, EncodeError::Empty))
                    || (bad_option && matches!(e, EncodeError::Option(_)))
                    || (beyond && matches!(e, EncodeError::Unrepresentable(_))),
                "unexpected error: {e}"
            );
            return;
        }
    };
    assert!(ecc != EccLevel::H && options.mask.is_none_or(|m| m.number() <= 3));
    let read = read_back(m.grid());
    assert_eq!(read.data.transmitted(), bytes);
    if !kanji {
        verify(m.grid(), &[Segment::Data(&bytes)], &px(m.grid())).unwrap();
    }
}

fn rmqr_symbol(head: &[u8], data: &[u8]) {
    let gs1 = head[0] & 0x80 != 0;
    let ecc = EccLevel::ALL[head[1] as usize % 4];
    let mut options = rmqr::Options::with_ecc(ecc);
    let heights = [7u8, 9, 11, 13, 15, 17];
    options.size = match head[2] % 4 {
        0 => rmqr::SizePolicy::Auto,
        1 => rmqr::SizePolicy::Fixed(RmqrSize::all().nth(head[2] as usize % 32).unwrap()),
        2 => rmqr::SizePolicy::Height(heights[head[2] as usize % 6]),
        _ => rmqr::SizePolicy::MaxHeight(heights[head[2] as usize % 6]),
    };
    options.boost_ecc = head[3] & 1 != 0;
    let level_ok = matches!(ecc, EccLevel::M | EccLevel::H);
    let check = |e: &EncodeError| {
        assert!(
            matches!(e, EncodeError::TooLong { .. })
                || (!level_ok && matches!(e, EncodeError::Option(_)))
                || (data.is_empty() && matches!(e, EncodeError::Empty)),
            "unexpected error: {e}"
        );
    };
    if gs1 {
        let Some(msg) = gs1_message(data) else { return };
        let r = match Rmqr::encode_gs1(&msg, &options) {
            Ok(r) => r,
            Err(e) => return check(&e),
        };
        let read = read_back(r.grid());
        let transmitted: Vec<u8> = msg[1..]
            .bytes()
            .map(|b| if b == b'^' { 0x1D } else { b })
            .collect();
        assert_eq!(read.data.transmitted(), transmitted);
        if !msg.contains('%') {
            rmqr_ok(verify_gs1(r.grid(), &msg, &px(r.grid())));
        }
    } else if head[0] & 0x04 != 0 {
        let sjis = shift_jis(data);
        options.kanji = true;
        let r = match Rmqr::encode_bytes(&sjis, &options) {
            Ok(r) => r,
            Err(e) => return check(&e),
        };
        assert_eq!(read_back(r.grid()).data.transmitted(), sjis);
    } else {
        let segments = [Segment::Eci(Eci::LATIN_1), Segment::Data(data)];
        let r = match Rmqr::encode(&segments, &options) {
            Ok(r) => r,
            Err(e) => return check(&e),
        };
        assert_eq!(pieces(&read_back(r.grid()).data), (vec![3], data.to_vec()));
        rmqr_ok(verify(r.grid(), &segments, &px(r.grid())));
    }
    assert!(level_ok);
}

fn code_128(head: &[u8], data: &[u8]) {
    let mut options = code128::Options::default();
    options.height = 8;
    if head[0] & 0x80 != 0 {
        let Some(msg) = gs1_message(data) else { return };
        let c = match Code128::encode_gs1(&msg, &options) {
            Ok(c) => c,
            Err(e) => {
                assert!(
                    matches!(e, code128::EncodeError::Gs1TooLong { characters } if characters > 48),
                    "unexpected error: {e}"
                );
                return;
            }
        };
        code128_ok(
            verify_gs1(c.grid(), &msg, &RasterOptions::pixels(2)).map(drop),
            &c,
        );
    } else {
        if data.len() > 80 {
            return;
        }
        let c = match Code128::encode_bytes(data, &options) {
            Ok(c) => c,
            Err(e) => {
                assert!(
                    data.is_empty() && matches!(e, code128::EncodeError::Empty),
                    "unexpected error: {e}"
                );
                return;
            }
        };
        code128_ok(
            verify(c.grid(), &[Segment::Data(data)], &RasterOptions::pixels(2)).map(drop),
            &c,
        );
    }
}

fuzz_target!(|input: &[u8]| {
    if input.len() < 6 || input.len() > 300 {
        return;
    }
    let (head, data) = input.split_at(6);
    match head[0] % 4 {
        0 => qr(head, data),
        1 => micro_qr(head, data),
        2 => rmqr_symbol(head, data),
        _ => code_128(head, data),
    }
});
