//! Reads a file, writes it in its own format, reads that back and prints
//! where the two models differ (a debugging aid for fuzz findings):
//! `cargo run --example roundtrip_check -- FILE`.
use serialkit_epcis::stream::{InputFormat, detect};
use serialkit_epcis::{Format, Message, read_message, write_message};

fn main() {
    let path = std::env::args().nth(1).expect("path");
    let bytes = std::fs::read(path).expect("read");
    let first = match read_message(&bytes[..]) {
        Ok(m) => m,
        Err(e) => return println!("not read: {e}"),
    };
    let v12 = matches!(&first, Message::Document(d) if d.head.xml_root.as_ref().and_then(|q| q.namespace.as_deref()).is_some_and(|u| u.ends_with(":1")));
    let format = match detect(&bytes) {
        Some(InputFormat::Json) => Format::JsonLd,
        _ if v12 => Format::Xml12,
        _ => Format::Xml,
    };
    let written = write_message(&first, format, Default::default()).expect("write");
    let second = match read_message(&written[..]) {
        Ok(m) => m,
        Err(e) => {
            return println!(
                "{}\nwritten output not read: {e}",
                String::from_utf8_lossy(&written)
            );
        }
    };
    let (a, b) = (format!("{first:#?}"), format!("{second:#?}"));
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    match la.iter().zip(&lb).position(|(x, y)| x != y) {
        None if la.len() == lb.len() => println!("stable"),
        pos => {
            let i = pos.unwrap_or(la.len().min(lb.len()));
            println!(
                "{}\n--- first:\n{}\n--- second:\n{}",
                String::from_utf8_lossy(&written),
                la[i.saturating_sub(8)..(i + 8).min(la.len())].join("\n"),
                lb[i.saturating_sub(8)..(i + 8).min(lb.len())].join("\n")
            );
        }
    }
}
