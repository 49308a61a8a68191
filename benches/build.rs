//! With the `zint` feature, compiles the C timing shim around libzint
//! (Debian: `libzint-dev`) and links libzint.

fn main() {
    println!("cargo:rerun-if-changed=zint_shim.c");
    if std::env::var_os("CARGO_FEATURE_ZINT").is_some() {
        cc::Build::new()
            .file("zint_shim.c")
            .compile("serialkit_zint_shim");
        println!("cargo:rustc-link-lib=zint");
    }
}
