//! Renderers on top of a [`ModuleGrid`](crate::ModuleGrid): raster images
//! (PNG and every format `image` writes), SVG with one path, and a compact
//! text form for tests and terminals.
//!
//! Every renderer adds the quiet zone the grid asks for (DataMatrix 1X as
//! GS1 specifies, QR 4X, Code 128 10X) unless told otherwise, and output is
//! byte-identical across platforms: only integer arithmetic decides pixels.

#[cfg(feature = "png")]
pub mod png;
pub mod svg;
pub mod text;

/// Why a rendering request cannot be honoured.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// Module size of zero pixels, or an X-dimension/dpi that is not a
    /// positive finite number.
    #[error("invalid module size: {0}")]
    ModuleSize(String),
    /// The image would exceed the size limit (65535 pixels a side).
    #[error("image of {width}x{height} pixels is too large")]
    TooLarge {
        /// Width in pixels.
        width: u64,
        /// Height in pixels.
        height: u64,
    },
    /// The image encoder failed.
    #[error("image encoding failed: {0}")]
    Encode(String),
}
