//! `versus code128`: a 30-character GS1-128 message to its modules. Peers
//! in the same run: `barcoders` (given the code sets by hand: it has no
//! automatic switching) and rxing's Code 128 writer, and zint through its
//! Python bindings when installed.

use std::hint::black_box;

use serialkit_symbology::code128::{Code128, Options};

use super::external::python_peer;
use super::{Contender, Measurement, Settings, compare};
use crate::workloads::{GS1_128_BRACKETED, GS1_128_CARET, transmitted};

/// serialkit: the message to a Code 128 symbol; returns its width.
pub fn serialkit(message: &str) -> usize {
    Code128::encode_gs1(message, &Options::default())
        .expect("encodes")
        .width_modules()
}

/// The same message for `barcoders`: Start C, FNC1, the digits in C, then
/// B for the batch (the encodation serialkit also finds).
pub const BARCODERS_INPUT: &str = "Ć\u{0179}0109521234543213\u{0179}Ɓ10ABCD12345678";

/// `barcoders` 2: returns the module count.
pub fn barcoders(data: &str) -> usize {
    barcoders::sym::code128::Code128::new(data)
        .expect("barcoders encodes")
        .encode()
        .len()
}

/// rxing's Code 128 writer (FNC1 written as its `ñ` escape).
pub fn rxing(text: &str) -> usize {
    use rxing::{BarcodeFormat, EncodeHints, MultiFormatWriter, Writer};
    let hints = EncodeHints {
        Margin: Some("0".into()),
        ..EncodeHints::default()
    };
    let m = MultiFormatWriter
        .encode_with_hints(text, &BarcodeFormat::CODE_128, 0, 1, &hints)
        .expect("rxing encodes");
    m.getWidth() as usize
}

/// Runs the Code 128 workloads.
pub fn run(settings: Settings) -> Vec<Measurement> {
    let w = "code128/gs1-128 30 chars";
    let rxing_text = format!("ñ{}", transmitted(GS1_128_CARET).replace('\u{1d}', "ñ"));
    eprintln!(
        "{w}: widths: serialkit {}, barcoders {}, rxing {}",
        serialkit(GS1_128_CARET),
        barcoders(BARCODERS_INPUT),
        rxing(&rxing_text)
    );
    let mut cs = vec![
        Contender::new("serialkit", || {
            black_box(serialkit(black_box(GS1_128_CARET)));
        }),
        // The same with a one-row grid: what the 50-module bar height costs.
        Contender::new("serialkit (1-row grid)", || {
            let mut o = Options::default();
            o.height = 1;
            let c = Code128::encode_gs1(black_box(GS1_128_CARET), &o).expect("encodes");
            black_box(c.width_modules());
        }),
        Contender::new("barcoders 2", || {
            black_box(barcoders(black_box(BARCODERS_INPUT)));
        }),
        Contender::new("rxing 0.9", || {
            black_box(rxing(black_box(&rxing_text)));
        }),
    ];
    let setup = format!(
        "import zint\n\
         def enc():\n    s = zint.Symbol(); s.symbology = zint.Symbology.GS1_128; s.input_mode = zint.InputMode.GS1\n    s.encode({GS1_128_BRACKETED:?})\n\
         enc()"
    );
    if let Some(mut worker) = python_peer(
        w,
        "zint (Python bindings)",
        "zint-bindings",
        &setup,
        "enc()",
    ) {
        cs.push(Contender::timed("zint (Python bindings)", move |n| {
            worker.run(n)
        }));
    }
    #[cfg(feature = "zint")]
    {
        use super::zint_native::{GS1_128, GS1_MODE, Job, contender};
        let job = Job {
            symbology: GS1_128,
            input_mode: GS1_MODE,
            option_1: 0,
            option_2: 0,
            option_3: 0,
        };
        cs.extend(contender("zint (libzint)", job, GS1_128_BRACKETED));
    }
    compare(w, cs, settings)
}
