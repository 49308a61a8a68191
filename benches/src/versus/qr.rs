//! `versus qr`: a GS1 pharma message to a QR Code module grid at level M
//! (version 3). Peers in the same run: the `qrcode` crate (through its
//! FNC1 bit API), `fast_qr` and rxing (given the separators as GS), and
//! zint through its Python bindings (`zint-bindings`) when installed.

use std::hint::black_box;

use serialkit_symbology::qr::{EccLevel, Options, QrCode};

use super::external::{Worker, python_peer};
use super::{Contender, Measurement, Settings, compare};
use crate::workloads::{PHARMA_CARET, PHARMA_ZINT, transmitted};

/// serialkit: the message to a module grid; returns the side length.
pub fn serialkit(message: &str) -> usize {
    let qr = QrCode::encode_gs1(message, &Options::with_ecc(EccLevel::M)).expect("encodes");
    qr.grid().width()
}

/// The `qrcode` crate with FNC1 in first position, at the smallest version
/// its segmentation fits (it writes the separator as a byte).
pub fn qrcode_crate(data: &[u8]) -> usize {
    use qrcode::bits::Bits;
    use qrcode::{EcLevel, QrCode as Q, Version};
    for v in 1..=40 {
        let mut bits = Bits::new(Version::Normal(v));
        if bits.push_fnc1_first_position().is_err()
            || bits.push_optimal_data(data).is_err()
            || bits.push_terminator(EcLevel::M).is_err()
        {
            continue;
        }
        if let Ok(q) = Q::with_bits(bits, EcLevel::M) {
            return q.width();
        }
    }
    0
}

/// `fast_qr` (no GS1 mode: plain byte/alphanumeric data).
pub fn fast_qr(data: &[u8]) -> usize {
    let qr = fast_qr::qr::QRBuilder::new(data.to_vec())
        .ecl(fast_qr::ECL::M)
        .build()
        .expect("fast_qr encodes");
    qr.size
}

/// rxing's QR writer with its GS1 format hint.
pub fn rxing(text: &str) -> usize {
    use rxing::{BarcodeFormat, EncodeHints, MultiFormatWriter, Writer};
    let hints = EncodeHints {
        ErrorCorrection: Some("M".into()),
        Gs1Format: Some(true),
        Margin: Some("0".into()),
        ..EncodeHints::default()
    };
    let m = MultiFormatWriter
        .encode_with_hints(text, &BarcodeFormat::QR_CODE, 0, 0, &hints)
        .expect("rxing encodes");
    m.getWidth() as usize
}

fn zint_worker(workload: &str, symbology: &str, data: &str, option_1: &str) -> Option<Worker> {
    let setup = format!(
        "import zint\n\
         def enc():\n    s = zint.Symbol(); s.symbology = zint.Symbology.{symbology}; s.input_mode = zint.InputMode.GS1\n    {option_1}\n    s.encode({data:?})\n\
         enc()"
    );
    python_peer(workload, "zint", "zint-bindings", &setup, "enc()")
}

/// Runs the QR workloads.
pub fn run(settings: Settings) -> Vec<Measurement> {
    let w = "qr/gs1 pharma v3-M grid";
    let plain = transmitted(PHARMA_CARET);
    assert_eq!(serialkit(PHARMA_CARET), 29, "version 3");
    eprintln!(
        "{w}: sizes: serialkit {}, qrcode {}, fast_qr {}, rxing {}",
        serialkit(PHARMA_CARET),
        qrcode_crate(plain.as_bytes()),
        fast_qr(plain.as_bytes()),
        rxing(&plain)
    );
    let mut cs = vec![
        Contender::new("serialkit", || {
            black_box(serialkit(black_box(PHARMA_CARET)));
        }),
        Contender::new("qrcode 0.14", || {
            black_box(qrcode_crate(black_box(plain.as_bytes())));
        }),
        Contender::new("fast_qr 0.13", || {
            black_box(fast_qr(black_box(plain.as_bytes())));
        }),
        Contender::new("rxing 0.9", || {
            black_box(rxing(black_box(&plain)));
        }),
    ];
    if let Some(mut worker) = zint_worker(w, "QRCODE", PHARMA_ZINT, "s.option_1 = 2") {
        cs.push(Contender::timed("zint (Python bindings)", move |n| {
            worker.run(n)
        }));
    }
    #[cfg(feature = "zint")]
    {
        use super::zint_native::{GS1_MODE, Job, QR_CODE, contender};
        // option_1 = 2: ECC level M.
        let job = Job {
            symbology: QR_CODE,
            input_mode: GS1_MODE,
            option_1: 2,
            option_2: 0,
            option_3: 0,
        };
        cs.extend(contender("zint (libzint)", job, PHARMA_ZINT));
    }
    compare(w, cs, settings)
}
