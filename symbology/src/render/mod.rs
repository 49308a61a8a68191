//! Renderers on top of a [`ModuleGrid`](crate::ModuleGrid): raster images
//! (PNG and every format `image` writes), SVG with one path, and a compact
//! text form for tests and terminals.
//!
//! Every renderer adds the quiet zone the grid asks for (DataMatrix 1X as
//! GS1 specifies, QR 4X, Code 128 10X) unless told otherwise, and output is
//! byte-identical across platforms: only integer arithmetic decides pixels,
//! and the few decimal numbers written (SVG millimetres) have a fixed
//! precision.
//!
//! # Size limits
//! Quiet zone and module size come from users, so every renderer computes
//! the size of its output with checked arithmetic first and refuses, with
//! [`RenderError::TooLarge`], anything beyond these budgets instead of
//! overflowing or trying to allocate it:
//!
//! | renderer | limit |
//! |---|---|
//! | every renderer | [`MAX_SIDE_MODULES`] modules a side, quiet zone included |
//! | raster (PNG, …) | [`MAX_SIDE_PIXELS`] pixels a side and [`MAX_PIXELS`] pixels in all (64 MiB of 8-bit gray) |
//! | [`text::half_blocks`] | [`MAX_TEXT_CHARS`] characters |
//!
//! A 144×144 DataMatrix at 0.6 mm and 1200 dpi is 4088 pixels a side (16.7
//! megapixels): well inside.

use std::fmt;

#[cfg(feature = "png")]
pub mod png;
pub mod svg;
pub mod text;

/// Largest side of any rendering, in modules with the quiet zone.
pub const MAX_SIDE_MODULES: u64 = 65_535;
/// Largest side of a raster image, in pixels.
pub const MAX_SIDE_PIXELS: u64 = 65_535;
/// Largest raster image, in pixels (2²⁶: 64 MiB of 8-bit gray).
pub const MAX_PIXELS: u64 = 1 << 26;
/// Largest terminal rendering ([`text::half_blocks`]), in characters.
pub const MAX_TEXT_CHARS: u64 = 1 << 22;

/// What a size in [`RenderError::TooLarge`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unit {
    /// Modules, quiet zone included.
    Modules,
    /// Raster pixels.
    Pixels,
    /// Characters of a text rendering.
    Characters,
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Unit::Modules => "modules",
            Unit::Pixels => "pixels",
            Unit::Characters => "characters",
        })
    }
}

/// Why a rendering request cannot be honoured.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// Module size of zero pixels, or an X-dimension/dpi that is not a
    /// positive finite number.
    #[error("invalid module size: {0}")]
    ModuleSize(String),
    /// The output would exceed a size limit (see the module docs). Sizes
    /// that overflow 64 bits are reported as `u64::MAX`.
    #[error(
        "a rendering of {width}x{height} {unit} is too large: at most {max_side} {unit} a side and {max_total} in all"
    )]
    TooLarge {
        /// Width in `unit`.
        width: u64,
        /// Height in `unit`.
        height: u64,
        /// What the sizes count.
        unit: Unit,
        /// The limit on either side.
        max_side: u64,
        /// The limit on width × height.
        max_total: u64,
    },
    /// The image encoder failed.
    #[error("image encoding failed: {0}")]
    Encode(String),
}

/// Checks `width` × `height` (either `None` when it overflowed) against a
/// side and an area limit.
pub(crate) fn check_size(
    width: Option<u64>,
    height: Option<u64>,
    unit: Unit,
    max_side: u64,
    max_total: u64,
) -> Result<(u64, u64), RenderError> {
    let too_large = || RenderError::TooLarge {
        width: width.unwrap_or(u64::MAX),
        height: height.unwrap_or(u64::MAX),
        unit,
        max_side,
        max_total,
    };
    let (Some(w), Some(h)) = (width, height) else {
        return Err(too_large());
    };
    match w.checked_mul(h) {
        Some(total) if w <= max_side && h <= max_side && total <= max_total => Ok((w, h)),
        _ => Err(too_large()),
    }
}

/// Modules a side with `quiet_zone` modules on both ends of `len`.
pub(crate) fn padded(len: usize, quiet_zone: u32) -> Option<u64> {
    u64::try_from(len)
        .ok()?
        .checked_add(u64::from(quiet_zone).checked_mul(2)?)
}

/// Width and height in modules of `grid` with a quiet zone of `quiet_zone`
/// modules, within [`MAX_SIDE_MODULES`].
pub(crate) fn padded_modules(
    grid: &crate::ModuleGrid,
    quiet_zone: u32,
) -> Result<(u64, u64), RenderError> {
    check_size(
        padded(grid.width(), quiet_zone),
        padded(grid.height(), quiet_zone),
        Unit::Modules,
        MAX_SIDE_MODULES,
        MAX_SIDE_MODULES * MAX_SIDE_MODULES,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_checks_never_overflow() {
        assert_eq!(padded(10, u32::MAX), Some(10 + 2 * u32::MAX as u64));
        assert_eq!(
            check_size(Some(u64::MAX), Some(2), Unit::Pixels, 10, 100),
            Err(RenderError::TooLarge {
                width: u64::MAX,
                height: 2,
                unit: Unit::Pixels,
                max_side: 10,
                max_total: 100
            })
        );
        assert!(check_size(None, Some(1), Unit::Modules, 10, 100).is_err());
        assert!(check_size(Some(10), Some(11), Unit::Modules, 10, 1000).is_err());
        assert!(check_size(Some(10), Some(10), Unit::Modules, 10, 99).is_err());
        assert_eq!(
            check_size(Some(10), Some(10), Unit::Modules, 10, 100),
            Ok((10, 10))
        );
        let e = check_size(Some(200_022), Some(200_022), Unit::Modules, 65_535, 1 << 32)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "a rendering of 200022x200022 modules is too large: at most 65535 modules a side and 4294967296 in all"
        );
    }
}
