//! Allocations per symbol, counted with dhat's testing allocator: a fixed
//! handful per symbol (input items, search tables, path, codewords, grid),
//! the same for 10×10 and 144×144 — none per module.

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

use serialkit_symbology::datamatrix::{DataMatrix, Options, SizePolicy};

fn blocks_for(f: impl FnOnce()) -> u64 {
    let before = dhat::HeapStats::get().total_blocks;
    f();
    dhat::HeapStats::get().total_blocks - before
}

#[test]
fn allocations_per_symbol_do_not_grow_with_modules() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let options = Options::with_size(SizePolicy::Square);
    // Warm the per-size placement caches first: they are built once per size.
    let small = "^0109506000134352";
    let pharma = "^01095060075185061729031510P0151511^21WX0Q1PU3AU12";
    let big = "A".repeat(2335);
    for input in [small, pharma] {
        DataMatrix::encode_gs1(input, &options).unwrap();
    }
    DataMatrix::encode_bytes(big.as_bytes(), &options).unwrap();

    let pharma_blocks = blocks_for(|| {
        let dm = DataMatrix::encode_gs1(pharma, &options).unwrap();
        assert_eq!(dm.size().to_string(), "22x22");
    });
    let small_blocks = blocks_for(|| {
        DataMatrix::encode_gs1(small, &options).unwrap();
    });
    let big_blocks = blocks_for(|| {
        let dm = DataMatrix::encode_bytes(big.as_bytes(), &options).unwrap();
        assert_eq!(dm.size().to_string(), "144x144");
    });
    println!(
        "datamatrix allocations per symbol: {small_blocks} (16x16), {pharma_blocks} (22x22), {big_blocks} (144x144)"
    );
    for blocks in [small_blocks, pharma_blocks, big_blocks] {
        assert!(blocks <= 8, "{blocks} allocations for one symbol");
    }
    // 20736 modules allocate no more than 484.
    assert_eq!(big_blocks, pharma_blocks);
}
