//! Inputs given on the command line or, with `-`, one per line on stdin.

use std::io::{self, BufRead, Write};

/// Calls `each` for the argument, or for every line of stdin when the
/// argument is `-` (lines are bytes: invalid UTF-8 reaches `each` as is).
/// Each call returns one JSON line and whether the input was accepted.
/// Returns whether every input was accepted.
pub fn for_each_input(
    arg: &str,
    mut each: impl FnMut(&[u8]) -> (String, bool),
) -> io::Result<bool> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut all_ok = true;
    if arg == "-" {
        let stdin = io::stdin();
        let mut lock = stdin.lock();
        let mut line = Vec::new();
        loop {
            line.clear();
            if lock.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            if line.last() == Some(&b'\n') {
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
            }
            let (json, ok) = each(&line);
            all_ok &= ok;
            writeln!(out, "{json}")?;
        }
    } else {
        let (json, ok) = each(arg.as_bytes());
        all_ok &= ok;
        writeln!(out, "{json}")?;
    }
    out.flush()?;
    Ok(all_ok)
}
