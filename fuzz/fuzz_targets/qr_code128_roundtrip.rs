//! Arbitrary data through every QR-family symbol and Code 128, with every
//! mode mix, error correction level and version policy: whatever encodes
//! must render and decode (rxing) to exactly the input, with the right
//! symbology identifier — GS1 as ]Q3 / ]C1 with the same element string.
//!
//! Input layout: byte 0 selects symbology and GS1; byte 1 the level, byte 2
//! the version policy, byte 3 the mask; the rest is data.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serialkit_symbology::code128::{self, Code128};
use serialkit_symbology::qr::micro::{self, MicroQr, MicroVersion};
use serialkit_symbology::qr::rmqr::{self, Rmqr, RmqrSize};
use serialkit_symbology::qr::{
    EccLevel, Mask, Options, QrCode, Version, VersionPolicy, read_codewords,
};
use serialkit_symbology::render::png::RasterOptions;
use serialkit_symbology::verify::{VerifyError, verify, verify_gs1};
use serialkit_symbology::{Eci, ModuleGrid, Segment};

const CSET82: &[u8] =
    b"!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

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

/// rxing 0.9.3's rMQR detector misses some symbols that zxing-cpp reads
/// with no error corrected (e.g. bug-rxing-misses-rmqr in the seeds): for
/// rMQR a miss is tolerated, a wrong read never.
fn rmqr_ok<T>(result: Result<T, VerifyError>) {
    match result {
        Ok(_) | Err(VerifyError::NotDecoded(_)) => {}
        Err(e) => panic!("{e}"),
    }
}

fn px(grid: &ModuleGrid) -> RasterOptions {
    RasterOptions::pixels(if grid.width() > 120 { 2 } else { 3 })
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

fuzz_target!(|input: &[u8]| {
    if input.len() < 4 || input.len() > 300 {
        return;
    }
    let (head, data) = input.split_at(4);
    let gs1 = head[0] & 0x80 != 0;
    let ecc = EccLevel::ALL[head[1] as usize % 4];
    match head[0] % 4 {
        0 => {
            let mut options = Options::with_ecc(ecc);
            options.version = match head[2] % 3 {
                0 => VersionPolicy::Auto,
                1 => VersionPolicy::AtLeast(Version::new(1 + head[2] % 40).unwrap()),
                _ => VersionPolicy::Fixed(Version::new(1 + head[2] % 40).unwrap()),
            };
            options.mask = Mask::new(head[3] % 9);
            options.boost_ecc = head[3] & 0x80 != 0;
            if gs1 {
                let Some(msg) = gs1_message(data) else { return };
                let Ok(qr) = QrCode::encode_gs1(&msg, &options) else {
                    return;
                };
                if msg.contains('%') {
                    // rxing 0.9.3 underflows an index (a panic, and the
                    // fuzzer aborts on any panic, caught or not) when a GS1
                    // QR Code's alphanumeric data holds a literal `%`
                    // (decoded_bit_stream_parser.rs:373). Read our own grid
                    // back instead: placement, masking and interleaving must
                    // give back exactly the codewords encoded.
                    let (version, level, mask, data) =
                        read_codewords(qr.grid()).expect("our grid reads back");
                    assert_eq!((version, level, mask), (qr.version(), qr.ecc(), qr.mask()));
                    assert_eq!(data, qr.data_codewords());
                    return;
                }
                verify_gs1(qr.grid(), &msg, &px(qr.grid())).unwrap();
            } else {
                // Latin-1 under ECI 3: readers guess the character set of
                // byte segments without an ECI.
                let segments = [Segment::Eci(Eci::LATIN_1), Segment::Data(data)];
                let Ok(qr) = QrCode::encode(&segments, &options) else {
                    return;
                };
                verify(qr.grid(), &segments, &px(qr.grid())).unwrap();
            }
        }
        1 => {
            let mut options = micro::Options::with_ecc(ecc);
            options.version = MicroVersion::new(head[2] % 5);
            options.mask = Mask::new(head[3] % 5);
            // ASCII only: Micro QR has no ECI to say what bytes mean.
            let ascii: Vec<u8> = data.iter().map(|b| 0x20 + b % 95).collect();
            let Ok(m) = MicroQr::encode_bytes(&ascii, &options) else {
                return;
            };
            verify(m.grid(), &[Segment::Data(&ascii)], &px(m.grid())).unwrap();
        }
        2 => {
            let mut options = rmqr::Options::with_ecc(if head[1] & 1 == 0 {
                EccLevel::M
            } else {
                EccLevel::H
            });
            options.size = match head[2] % 3 {
                0 => rmqr::SizePolicy::Auto,
                1 => rmqr::SizePolicy::Fixed(RmqrSize::all().nth(head[2] as usize % 32).unwrap()),
                _ => rmqr::SizePolicy::Height([7, 9, 11, 13, 15, 17][head[2] as usize % 6]),
            };
            options.boost_ecc = head[3] & 1 != 0;
            if gs1 {
                let Some(msg) = gs1_message(data) else { return };
                let Ok(r) = Rmqr::encode_gs1(&msg, &options) else {
                    return;
                };
                if msg.contains('%') {
                    // The same rxing underflow as for QR Code above.
                    return;
                }
                rmqr_ok(verify_gs1(r.grid(), &msg, &px(r.grid())));
            } else {
                let segments = [Segment::Eci(Eci::LATIN_1), Segment::Data(data)];
                let Ok(r) = Rmqr::encode(&segments, &options) else {
                    return;
                };
                rmqr_ok(verify(r.grid(), &segments, &px(r.grid())));
            }
        }
        _ => {
            let mut options = code128::Options::default();
            options.height = 8;
            if gs1 {
                let Some(msg) = gs1_message(data) else { return };
                let Ok(c) = Code128::encode_gs1(&msg, &options) else {
                    return;
                };
                code128_ok(
                    verify_gs1(c.grid(), &msg, &RasterOptions::pixels(2)).map(drop),
                    &c,
                );
            } else {
                if data.is_empty() || data.len() > 80 {
                    return;
                }
                let c = Code128::encode_bytes(data, &options).expect("Code 128 encodes any bytes");
                code128_ok(
                    verify(c.grid(), &[Segment::Data(data)], &RasterOptions::pixels(2)).map(drop),
                    &c,
                );
            }
        }
    }
});
