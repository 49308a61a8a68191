//! Reads an EPCIS file and writes it as `xml`, `xml12` or `json`:
//! `cargo run --example rewrite -- FILE [xml|xml12|json]`.
fn main() {
    let path = std::env::args().nth(1).expect("path");
    let fmt = std::env::args().nth(2).unwrap_or_else(|| "xml".into());
    let bytes = std::fs::read(path).expect("read");
    let m = serialkit_epcis::read_message(&bytes[..]).expect("parse");
    let f = match fmt.as_str() {
        "json" => serialkit_epcis::Format::JsonLd,
        "xml12" => serialkit_epcis::Format::Xml12,
        _ => serialkit_epcis::Format::Xml,
    };
    let out = serialkit_epcis::write_message(&m, f, Default::default()).expect("write");
    print!("{}", String::from_utf8_lossy(&out));
}
