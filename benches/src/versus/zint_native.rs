//! zint measured in-process through libzint (feature `zint`, Debian package
//! `libzint-dev`). zint runs its own timed loop in C (`zint_shim.c`), so the
//! figure is zint's alone: no FFI call per symbol, no Python.

use std::ffi::{CString, c_char, c_int, c_longlong};
use std::time::Duration;

use super::Contender;

// zint.h constants (stable across zint 2.x).
/// `BARCODE_GS1_128`.
pub const GS1_128: i32 = 16;
/// `BARCODE_QRCODE`.
pub const QR_CODE: i32 = 58;
/// `BARCODE_DATAMATRIX`.
pub const DATA_MATRIX: i32 = 71;
/// `GS1_MODE`.
pub const GS1_MODE: i32 = 2;
/// `FAST_MODE`: zint's ISO/IEC 16022 Annex P look-ahead instead of minimal.
pub const FAST_MODE: i32 = 0x0080;
/// `DM_SQUARE` for `option_3`: square DataMatrix only.
pub const DM_SQUARE: i32 = 100;

#[allow(unsafe_code)] // declared here, called once below
unsafe extern "C" {
    fn serialkit_zint_encode_loop(
        symbology: c_int,
        input_mode: c_int,
        option_1: c_int,
        option_2: c_int,
        option_3: c_int,
        data: *const c_char,
        iters: c_longlong,
        rows: *mut c_int,
        width: *mut c_int,
    ) -> c_longlong;
}

/// What zint is asked to encode.
#[derive(Clone, Copy, Debug)]
pub struct Job {
    /// `BARCODE_*`.
    pub symbology: i32,
    /// `input_mode` bits (`GS1_MODE`, `FAST_MODE`).
    pub input_mode: i32,
    /// `option_1` (QR: ECC level 1-4).
    pub option_1: i32,
    /// `option_2` (QR: version).
    pub option_2: i32,
    /// `option_3` (DataMatrix: `DM_SQUARE`).
    pub option_3: i32,
}

/// Runs zint's encode loop `iters` times on `data` (zint's `[AI]` GS1
/// notation); returns the CPU time and the last symbol's rows and width.
pub fn encode_loop(job: Job, data: &str, iters: u64) -> Option<(Duration, i32, i32)> {
    let data = CString::new(data).ok()?;
    let (mut rows, mut width) = (0, 0);
    #[allow(unsafe_code)]
    // SAFETY: the shim only reads `data` (NUL-terminated, alive for the
    // call) and writes the two ints behind valid, exclusive pointers.
    let ns = unsafe {
        serialkit_zint_encode_loop(
            job.symbology,
            job.input_mode,
            job.option_1,
            job.option_2,
            job.option_3,
            data.as_ptr(),
            iters.min(i64::MAX as u64) as c_longlong,
            &mut rows,
            &mut width,
        )
    };
    (ns >= 0).then(|| (Duration::from_nanos(ns as u64), rows, width))
}

/// A `versus` contender for zint; `None` (reported) when zint rejects the
/// data.
pub fn contender<'a>(name: &str, job: Job, data: &'a str) -> Option<Contender<'a>> {
    match encode_loop(job, data, 1) {
        Some((_, rows, width)) => {
            eprintln!("{name}: {rows}x{width} modules");
            Some(Contender::timed(name.to_owned(), move |n| {
                encode_loop(job, data, n).map(|(d, ..)| d)
            }))
        }
        None => {
            eprintln!("{name}: zint rejected the data");
            None
        }
    }
}
