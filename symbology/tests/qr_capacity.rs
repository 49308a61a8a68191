//! The QR Code block table and capacities held against
//! `shared/data/symbology/qr-capacity.tsv` (ISO/IEC 18004:2015 Tables 7
//! and 9, all 40 versions × 4 levels):
//!
//! 1. Table: modules per side, total / data / check codewords, the two
//!    block groups (count and data codewords per block), check codewords
//!    per block and data bits equal the row.
//! 2. Capacity: at the row's version (fixed) and level, the longest
//!    numeric, alphanumeric, byte and Kanji strings the row states encode,
//!    and one character more is `TooLong`. This exercises the character
//!    count indicator lengths and the segment cost model along with the
//!    table.
mod common;

use serialkit_symbology::qr::{
    EccLevel, EncodeError, Mask, Options, QrCode, Version, VersionPolicy,
};

fn encode(
    data: &[u8],
    version: Version,
    ecc: EccLevel,
    kanji: bool,
) -> Result<QrCode, EncodeError> {
    let mut options = Options::with_ecc(ecc);
    options.version = VersionPolicy::Fixed(version);
    // A fixed mask: the capacity does not depend on it, and scoring eight
    // masks of version 40 for 640 symbols is slow in debug builds.
    options.mask = Mask::new(0);
    options.kanji = kanji;
    QrCode::encode_bytes(data, &options)
}

#[test]
fn qr_capacity_table() {
    let Some(dir) = common::data_dir("qr_capacity") else {
        return;
    };
    let (header, rows) = common::read_tsv(&dir.join("qr-capacity.tsv"));
    let mut failures = Vec::new();
    let (mut table_ok, mut capacity_ok) = (0, 0);
    for cells in &rows {
        let row = common::Row {
            header: &header,
            cells,
        };
        let num = |column: &str| -> usize {
            let cell = row.get(column);
            if cell.is_empty() {
                0
            } else {
                cell.parse()
                    .unwrap_or_else(|_| panic!("{column}: not a number: {cell:?}"))
            }
        };
        let version = Version::new(num("version") as u8).expect("version 1-40");
        let ecc: EccLevel = row.get("ecc").parse().expect("level L/M/Q/H");
        let name = format!("{version}-{ecc}");
        let blocks = version.blocks(ecc);

        // 1. The table.
        let mut row_ok = true;
        let mut check = |what: &str, ours: usize, theirs: usize| {
            if ours != theirs {
                failures.push(format!("{name}: {what} {ours}, table {theirs}"));
                row_ok = false;
            }
        };
        check("modules", version.size(), num("modules"));
        check(
            "total codewords",
            version.total_codewords(),
            num("total_codewords"),
        );
        check(
            "data codewords",
            version.data_codewords(ecc),
            num("data_codewords"),
        );
        check(
            "check codewords",
            blocks.ec_codewords(),
            num("ec_codewords"),
        );
        check("blocks", blocks.count(), num("blocks"));
        check(
            "group 1 blocks",
            blocks.short_blocks as usize,
            num("group1_blocks"),
        );
        check(
            "group 1 data per block",
            blocks.short_data as usize,
            num("group1_data_per_block"),
        );
        check(
            "group 2 blocks",
            blocks.long_blocks as usize,
            num("group2_blocks"),
        );
        if blocks.long_blocks > 0 {
            check(
                "group 2 data per block",
                blocks.short_data as usize + 1,
                num("group2_data_per_block"),
            );
        }
        check(
            "check per block",
            blocks.ec_per_block as usize,
            num("ec_per_block"),
        );
        check("data bits", version.data_bits(ecc), num("data_bits"));
        if row_ok {
            table_ok += 1;
        }

        // 2. The capacities: the maximum fits, one more does not.
        // (mode, maximum, one character, Kanji mode on): 点 is a Kanji-mode
        // character (Shift JIS 0x935F).
        let cases: [(&str, usize, &[u8], bool); 4] = [
            ("numeric", num("max_numeric"), b"7", false),
            ("alphanumeric", num("max_alphanumeric"), b"Q", false),
            ("byte", num("max_byte"), b"q", false),
            ("kanji", num("max_kanji"), &[0x93, 0x5F], true),
        ];
        let mut caps_ok = true;
        for &(mode, max, unit, kanji) in &cases {
            match encode(&unit.repeat(max), version, ecc, kanji) {
                Ok(qr) if qr.version() == version && qr.ecc() == ecc => {}
                Ok(qr) => {
                    failures.push(format!(
                        "{name}: {max} {mode} characters came out as {}-{}",
                        qr.version(),
                        qr.ecc()
                    ));
                    caps_ok = false;
                }
                Err(e) => {
                    failures.push(format!("{name}: {max} {mode} characters do not fit: {e}"));
                    caps_ok = false;
                }
            }
            match encode(&unit.repeat(max + 1), version, ecc, kanji) {
                Err(EncodeError::TooLong { .. }) => {}
                Err(e) => {
                    failures.push(format!(
                        "{name}: {} {mode} characters: wrong error {e}",
                        max + 1
                    ));
                    caps_ok = false;
                }
                Ok(_) => {
                    failures.push(format!(
                        "{name}: {} {mode} characters fit, the table says {max} is the maximum",
                        max + 1
                    ));
                    caps_ok = false;
                }
            }
        }
        if caps_ok {
            capacity_ok += 1;
        }
    }
    println!(
        "qr_capacity: block table {table_ok}/{} rows, capacities (4 modes, max fits, max+1 does not) {capacity_ok}/{} rows",
        rows.len(),
        rows.len()
    );
    assert_eq!(rows.len(), 160, "40 versions x 4 levels");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
