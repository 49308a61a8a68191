//! Holds the built-in AI table against the GS1 Barcode Syntax Dictionary
//! file in the shared data: every AI, flag, component, linter, `req=`,
//! `ex=`, `dlpkey=` and title must agree, in both directions.

mod common;

use serialkit_gs1::ai::{self, AiSpec, Charset};

/// One dictionary entry, parsed independently of the crate's table.
#[derive(Debug)]
struct DictEntry {
    ais: Vec<String>,
    predefined: bool,
    dl_attr: bool,
    components: Vec<(char, u8, u8, bool, Vec<String>)>,
    req: Vec<Vec<Vec<String>>>,
    ex: Vec<String>,
    dlpkey: Option<Vec<Vec<String>>>,
    title: String,
}

fn parse_component(tok: &str) -> Option<(char, u8, u8, bool, Vec<String>)> {
    let mut parts = tok.split(',');
    let head = parts.next()?;
    let linters = parts.map(str::to_owned).collect();
    let (optional, body) = match head.strip_prefix('[') {
        Some(rest) => (true, rest.strip_suffix(']')?),
        None => (false, head),
    };
    let mut chars = body.chars();
    let cset = chars.next().filter(|c| "NXYZ".contains(*c))?;
    let rest = chars.as_str();
    let (min, max) = match rest.split_once("..") {
        Some((lo, hi)) => (
            if lo.is_empty() { 1 } else { lo.parse().ok()? },
            hi.parse().ok()?,
        ),
        None => {
            let n = rest.parse().ok()?;
            (n, n)
        }
    };
    Some((cset, min, max, optional, linters))
}

/// `req=` values: alternatives separated by `,`, groups joined by `+`.
/// Older releases wrote only alternatives; both parse here.
fn parse_req(v: &str) -> Vec<Vec<String>> {
    v.split(',')
        .map(|alt| alt.split('+').map(str::to_owned).collect())
        .collect()
}

fn parse_dictionary(text: &str) -> Vec<DictEntry> {
    const FLAGS: &str = "*!?\"$%&'()+,-./:;<=>@[\\]^_`{|}~";
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (spec, title) = match line.split_once('#') {
            Some((s, t)) => (s, t.trim().to_owned()),
            None => (line, String::new()),
        };
        let mut toks = spec.split_whitespace().peekable();
        let ai_tok = toks.next().expect("AI");
        let ais = match ai_tok.split_once('-') {
            Some((a, b)) => {
                let (lo, hi): (u32, u32) = (a.parse().unwrap(), b.parse().unwrap());
                (lo..=hi)
                    .map(|n| format!("{n:0width$}", width = a.len()))
                    .collect()
            }
            None => vec![ai_tok.to_owned()],
        };
        let mut flags = "";
        if let Some(t) = toks.peek() {
            if t.chars().all(|c| FLAGS.contains(c)) {
                flags = toks.next().unwrap_or("");
            }
        }
        let mut components = Vec::new();
        while let Some(c) = toks.peek().and_then(|t| parse_component(t)) {
            components.push(c);
            toks.next();
        }
        let mut e = DictEntry {
            ais,
            predefined: flags.contains('*'),
            dl_attr: flags.contains('?'),
            components,
            req: Vec::new(),
            ex: Vec::new(),
            dlpkey: None,
            title,
        };
        for attr in toks {
            if let Some(v) = attr.strip_prefix("req=") {
                e.req.push(parse_req(v));
            } else if let Some(v) = attr.strip_prefix("ex=") {
                e.ex.extend(v.split(',').map(str::to_owned));
            } else if attr == "dlpkey" {
                e.dlpkey = Some(Vec::new());
            } else if let Some(v) = attr.strip_prefix("dlpkey=") {
                e.dlpkey = Some(
                    v.split('|')
                        .map(|s| s.split(',').map(str::to_owned).collect())
                        .collect(),
                );
            } else {
                panic!("unknown attribute {attr:?} in {line:?}");
            }
        }
        out.push(e);
    }
    out
}

fn differences(d: &DictEntry, ai_code: &str, t: &AiSpec) -> Vec<String> {
    let mut diffs = Vec::new();
    let mut check = |what: &str, ok: bool, a: String, b: String| {
        if !ok {
            diffs.push(format!("AI ({ai_code}) {what}: dictionary {a}, table {b}"));
        }
    };
    check(
        "predefined length",
        d.predefined != t.fnc1_required(),
        d.predefined.to_string(),
        (!t.fnc1_required()).to_string(),
    );
    check(
        "DL attribute",
        d.dl_attr == t.is_dl_data_attribute(),
        d.dl_attr.to_string(),
        t.is_dl_data_attribute().to_string(),
    );
    let comps: Vec<(char, u8, u8, bool, Vec<String>)> = t
        .components
        .iter()
        .map(|c| {
            let letter = match c.charset {
                Charset::N => 'N',
                Charset::X => 'X',
                Charset::Y => 'Y',
                Charset::Z => 'Z',
            };
            (
                letter,
                c.min,
                c.max,
                c.optional,
                c.linters.iter().map(|l| l.name().to_owned()).collect(),
            )
        })
        .collect();
    check(
        "components",
        comps == d.components,
        format!("{:?}", d.components),
        format!("{comps:?}"),
    );
    let req: Vec<Vec<Vec<String>>> = t
        .req
        .iter()
        .map(|r| {
            r.iter()
                .map(|g| g.iter().map(|s| s.to_string()).collect())
                .collect()
        })
        .collect();
    check(
        "req",
        req == d.req,
        format!("{:?}", d.req),
        format!("{req:?}"),
    );
    let ex: Vec<String> = t.ex.iter().map(|s| s.to_string()).collect();
    check("ex", ex == d.ex, format!("{:?}", d.ex), format!("{ex:?}"));
    let dl = t.dl_primary_key.map(|alts| {
        alts.iter()
            .map(|a| a.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    });
    check(
        "dlpkey",
        dl == d.dlpkey,
        format!("{:?}", d.dlpkey),
        format!("{dl:?}"),
    );
    check(
        "title",
        t.title == d.title,
        d.title.clone(),
        t.title.to_owned(),
    );
    diffs
}

#[test]
fn table_matches_the_dictionary() {
    let Some(dir) = common::data_dir("AI table vs GS1 Barcode Syntax Dictionary") else {
        return;
    };
    let text =
        std::fs::read_to_string(dir.join("gs1/gs1-syntax-dictionary.txt")).expect("dictionary");
    let release = text
        .lines()
        .find_map(|l| l.strip_prefix("# Release:"))
        .map(str::trim)
        .unwrap_or("?");
    assert_eq!(
        release,
        ai::DICTIONARY_RELEASE,
        "the table was built from another dictionary release"
    );
    let dict = parse_dictionary(&text);
    let mut diffs = Vec::new();
    let mut seen = Vec::new();
    for d in &dict {
        for code in &d.ais {
            seen.push(code.clone());
            match ai::lookup(code) {
                Some(t) => diffs.extend(differences(d, code, t)),
                None => diffs.push(format!(
                    "AI ({code}) is in the dictionary but not in the table"
                )),
            }
        }
    }
    for t in ai::table() {
        if !seen.iter().any(|s| s == t.ai) {
            diffs.push(format!(
                "AI ({}) is in the table but not in the dictionary",
                t.ai
            ));
        }
    }
    println!(
        "AI table vs dictionary {release}: {} AIs compared, {} differences",
        seen.len(),
        diffs.len()
    );
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

#[test]
fn both_req_syntaxes_parse() {
    // Released syntax: alternatives only; newer syntax: `+` groups.
    assert_eq!(
        parse_req("01,02"),
        vec![vec!["01".to_owned()], vec!["02".to_owned()]]
    );
    assert_eq!(
        parse_req("01+21,8006"),
        vec![
            vec!["01".to_owned(), "21".to_owned()],
            vec!["8006".to_owned()]
        ]
    );
}
