//! The streaming reader gives the same result however its input is cut:
//! the first byte chooses a chunk size, the rest is the document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serialkit_epcis::read_message;
use std::io::Read;

struct Chunks<'a>(&'a [u8], usize);

impl Read for Chunks<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.1.min(buf.len()).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&k, doc)) = data.split_first() else { return };
    let chunk = usize::from(k % 64) + 1;
    let whole = read_message(doc);
    let pieces = read_message(Chunks(doc, chunk));
    match (whole, pieces) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "different models for chunk size {chunk}"),
        (Err(_), Err(_)) => {}
        (a, b) => panic!("chunk size {chunk} changes the outcome: whole {:?}, pieces {:?}", a.is_ok(), b.is_ok()),
    }
});
