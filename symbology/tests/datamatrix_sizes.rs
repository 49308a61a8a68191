//! The 48 DataMatrix sizes against `shared/data/symbology/datamatrix-sizes.tsv`
//! (ISO/IEC 16022 table 7, ISO/IEC 21471 for DMRE):
//!
//! 1. every row's geometry and codeword budget — dimensions, shape, data
//!    regions and their size, mapping matrix, data and check codewords,
//!    interleaved blocks — is the size table's; the per-block split
//!    (144×144: 156/155) is checked on real symbols by recomputing each
//!    block's Reed–Solomon check codewords where the layout puts them;
//! 2. every row's maximum capacities — digits, upper-case letters (C40) and
//!    bytes (Base 256) — fit exactly in `SizePolicy::Fixed(size)`, fail one
//!    character later with `TooLong`, and decode back (rxing; the reference
//!    decoder on the grid's codewords wherever rxing does not read the
//!    symbol exactly, and each such case is printed).
//!
//! One rule goes beyond the table: its Base 256 figure assumes an explicit
//! length field, two bytes long past 249 bytes. ISO/IEC 16022 §5.2.9.1
//! lets a field that runs to the end of the symbol say so with the single
//! length byte 0, so the nine sizes with more than 251 data codewords hold
//! one byte more than the table's figure; the test checks exactly that.
mod common;

use common::reference_decoder;
use serialkit_symbology::datamatrix::{
    self, DataMatrix, EncodeError, Layout144, Options, Shape, SizePolicy, SymbolSize,
};
use serialkit_symbology::reed_solomon::{DATA_MATRIX_FIELD, ReedSolomon};

/// How a capacity's test data looks and what it holds.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Digits,
    UpperCase,
    Bytes,
}

impl Kind {
    fn data(self, n: usize) -> Vec<u8> {
        (0..n)
            .map(|i| match self {
                Kind::Digits => b'0' + (i % 10) as u8,
                Kind::UpperCase => b'A' + (i % 26) as u8,
                // Bytes above 127: two ASCII codewords each, one in Base 256.
                Kind::Bytes => 128 + (i * 37 % 128) as u8,
            })
            .collect()
    }

    fn column(self) -> &'static str {
        match self {
            Kind::Digits => "max_numeric_digits",
            Kind::UpperCase => "max_c40_alnum_chars",
            Kind::Bytes => "max_bytes_base256",
        }
    }
}

fn num(row: &common::Row<'_>, column: &str) -> usize {
    row.get(column)
        .parse()
        .unwrap_or_else(|e| panic!("{column} = {:?}: {e}", row.get(column)))
}

/// Checks the data blocks of `dm` against the table's split: block `b`
/// holds data codewords `b, b + blocks, …`; its check codewords, computed
/// here, must sit in the check codeword slot `slot(b)`.
fn check_blocks(
    dm: &DataMatrix,
    per_block: &[usize],
    ec_per_block: usize,
    slot: impl Fn(usize) -> usize,
) {
    let size = dm.size();
    let blocks = size.blocks();
    let rs = ReedSolomon::new(&DATA_MATRIX_FIELD, ec_per_block, 1);
    let data = dm.data_codewords();
    let check = dm.check_codewords();
    assert_eq!(check.len(), blocks * ec_per_block, "{size}");
    for (b, &len) in per_block.iter().enumerate() {
        let block: Vec<u8> = data[b..].iter().step_by(blocks).copied().collect();
        assert_eq!(
            block.len(),
            len,
            "{size}: data codewords of block {}",
            b + 1
        );
        let mut ec = vec![0u8; ec_per_block];
        rs.encode(&block, &mut ec);
        let placed: Vec<u8> = check[slot(b)..].iter().step_by(blocks).copied().collect();
        assert_eq!(placed, ec, "{size}: check codewords of block {}", b + 1);
    }
}

/// Decodes `dm`, expecting `data` without FNC1. Returns whether rxing read
/// it exactly; otherwise the reference decoder must.
fn decodes_back(dm: &DataMatrix, data: &[u8]) -> bool {
    let px = if dm.size().area() > 4000 { 2 } else { 3 };
    if let Ok((text, id)) = common::rxing_decode(dm.grid(), px) {
        if text == common::latin1(data) && id == "]d1" {
            return true;
        }
    }
    let (_, codewords) = datamatrix::read_codewords(dm.grid()).expect("a DataMatrix size");
    let decoded = reference_decoder::decode(&codewords[..dm.size().data_codewords()])
        .unwrap_or_else(|| panic!("{}: the reference decoder rejects the codewords", dm.size()));
    assert!(!decoded.fnc1_first, "{}", dm.size());
    let items: Vec<u16> = data.iter().map(|&b| u16::from(b)).collect();
    assert_eq!(decoded.items, items, "{}: reference decoder", dm.size());
    false
}

#[test]
fn every_size_matches_the_table_and_holds_its_capacity() {
    let Some(dir) = common::data_dir("datamatrix sizes") else {
        return;
    };
    let (header, rows) = common::read_tsv(&dir.join("datamatrix-sizes.tsv"));
    assert_eq!(rows.len(), 48, "the table lists the 48 sizes");
    let mut seen = Vec::new();
    let mut capacities = 0;
    let mut base256_to_end = 0;
    let mut reference_only = Vec::new();
    for cells in &rows {
        let row = common::Row {
            header: &header,
            cells,
        };
        let (rows_n, cols_n) = (num(&row, "rows"), num(&row, "cols"));
        let size = SymbolSize::from_dimensions(rows_n, cols_n)
            .unwrap_or_else(|| panic!("{rows_n}x{cols_n} is not one of our sizes"));
        assert!(!seen.contains(&size), "{size} listed twice");
        seen.push(size);
        let shape = match row.get("kind") {
            "square" => Shape::Square,
            "rectangular" => Shape::Rectangular,
            "DMRE" => Shape::Dmre,
            other => panic!("{size}: kind {other}"),
        };
        assert_eq!(size.shape(), shape, "{size}: kind");
        assert_eq!(
            size.regions_vertical() * size.regions_horizontal(),
            num(&row, "data_regions"),
            "{size}: data regions"
        );
        assert_eq!(size.region_rows(), num(&row, "region_rows"), "{size}");
        assert_eq!(size.region_cols(), num(&row, "region_cols"), "{size}");
        assert_eq!(size.mapping_rows(), num(&row, "mapping_rows"), "{size}");
        assert_eq!(size.mapping_cols(), num(&row, "mapping_cols"), "{size}");
        assert_eq!(size.data_codewords(), num(&row, "data_codewords"), "{size}");
        assert_eq!(
            size.ec_codewords(),
            num(&row, "ec_codewords_total"),
            "{size}"
        );
        assert_eq!(size.blocks(), num(&row, "interleaved_blocks"), "{size}");
        let ec_per_block = num(&row, "ec_codewords_per_block");
        assert_eq!(size.ec_codewords(), size.blocks() * ec_per_block, "{size}");
        // "156/155": the first blocks hold the larger count.
        let split: Vec<usize> = row
            .get("data_codewords_per_block")
            .split('/')
            .map(|n| n.parse().expect("count"))
            .collect();
        let larger = size.data_codewords() % size.blocks();
        let per_block: Vec<usize> = (0..size.blocks())
            .map(|b| match split[..] {
                [n] => n,
                [big, small] => {
                    assert!(larger > 0, "{size}: a split needs unequal blocks");
                    if b < larger { big } else { small }
                }
                _ => panic!("{size}: data_codewords_per_block"),
            })
            .collect();
        assert_eq!(
            per_block.iter().sum::<usize>(),
            size.data_codewords(),
            "{size}: the split adds up"
        );

        // Capacities.
        for kind in [Kind::Digits, Kind::UpperCase, Kind::Bytes] {
            let max = num(&row, kind.column());
            let fixed = Options::with_size(SizePolicy::Fixed(size));
            let data = kind.data(max);
            let dm = DataMatrix::encode_bytes(&data, &fixed)
                .unwrap_or_else(|e| panic!("{size}: {max} ({kind:?}) must fit: {e}"));
            if !decodes_back(&dm, &data) {
                reference_only.push(format!("{size} {kind:?}"));
            }
            let mut over = max + 1;
            if matches!(kind, Kind::Bytes) && size.data_codewords() - 2 > 249 {
                // Length 0: "to the end of the symbol".
                assert_eq!(max, size.data_codewords() - 3, "{size}: two-byte length");
                let data = kind.data(over);
                let dm = DataMatrix::encode_bytes(&data, &fixed)
                    .unwrap_or_else(|e| panic!("{size}: {over} bytes with length 0: {e}"));
                assert_eq!(dm.data_codewords()[0], 231, "{size}: Base 256 latch");
                if !decodes_back(&dm, &data) {
                    reference_only.push(format!("{size} {kind:?} (length 0)"));
                }
                base256_to_end += 1;
                over += 1;
            }
            match DataMatrix::encode_bytes(&kind.data(over), &fixed) {
                Err(EncodeError::TooLong {
                    needed,
                    capacity,
                    largest,
                }) => {
                    assert_eq!((capacity, largest), (size.data_codewords(), size));
                    assert!(needed > capacity, "{size}: {kind:?}");
                }
                other => panic!("{size}: {over} ({kind:?}) must not fit: {other:?}"),
            }
            capacities += 1;
        }

        // The block split on a real symbol (the byte capacity fills it),
        // in both 144x144 layouts.
        let data = Kind::Bytes.data(num(&row, "max_bytes_base256"));
        for layout in [Layout144::Iso, Layout144::Readers] {
            let mut options = Options::with_size(SizePolicy::Fixed(size));
            options.layout_144 = layout;
            let dm = DataMatrix::encode_bytes(&data, &options).expect("fits");
            let blocks = size.blocks();
            // The readers' 144x144 layout (see `Layout144::Readers`) puts
            // blocks 9 and 10 first in every round of check codewords.
            let skew = blocks == 10 && layout == Layout144::Readers;
            check_blocks(&dm, &per_block, ec_per_block, |b| {
                if skew { (b + 2) % blocks } else { b }
            });
        }
    }
    assert_eq!(seen.len(), SymbolSize::all().len());
    println!(
        "datamatrix sizes: {}/48 sizes match the table; {capacities}/{} capacities fit exactly and fail one character later ({base256_to_end} sizes hold one byte more with Base 256 length 0); rxing could not read {} of them exactly, the reference decoder did: {reference_only:?}",
        seen.len(),
        48 * 3,
        reference_only.len()
    );
}
