//! Synthetic EPCIS documents of any size, generated while they are read:
//! realistic pharmaceutical line events (commissioning with ILMD, packing,
//! shipping with business transactions and parties, receiving), for
//! benchmarks and streaming tests. Deterministic for a given seed.
//!
//! ```
//! use serialkit_epcis::sample::SyntheticDocument;
//! use serialkit_epcis::{stream::EventReader, Format};
//! let doc = SyntheticDocument::new(Format::JsonLd, 10, 7);
//! let events: Vec<_> = EventReader::new(doc).unwrap().collect::<Result<_, _>>().unwrap();
//! assert_eq!(events.len(), 10);
//! ```

use crate::builder::LineEvent;
use crate::document::{
    ContextEntry, ContextTerm, DocumentHead, DocumentKind, EPCIS_CONTEXT, TermDefinition,
};
use crate::event::{Decimal, Event};
use crate::ext::{Extension, Namespace, QName};
use crate::stream::EventWriter;
use crate::time::Timestamp;
use crate::vocab::{BizTransactionType, SourceDestType};
use crate::write::{Format, WriteOptions};
use chrono::{Duration, FixedOffset, TimeZone};
use std::cell::RefCell;
use std::io::{Read, Write};
use std::rc::Rc;

const MDA: &str = "urn:epcglobal:cbv:mda";

/// A `Write` into a buffer shared with the reader side.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A document of `events` generated events, readable as a stream.
pub struct SyntheticDocument {
    writer: Option<EventWriter<Shared>>,
    buf: Shared,
    pos: usize,
    remaining: u64,
    index: u64,
    seed: u64,
}

/// The head of synthetic documents.
pub fn synthetic_head() -> DocumentHead {
    let mut head = DocumentHead::new(DocumentKind::Epcis);
    head.schema_version = Some("2.0".into());
    head.creation_date = Timestamp::parse("2024-05-02T08:00:00.000+02:00").ok();
    head.contexts = vec![
        ContextEntry::Url(EPCIS_CONTEXT.into()),
        ContextEntry::Terms(vec![ContextTerm {
            term: "cbvmda".into(),
            definition: TermDefinition::Iri(MDA.into()),
        }]),
    ];
    head.namespaces = vec![Namespace {
        prefix: "cbvmda".into(),
        uri: MDA.into(),
    }];
    head
}

impl SyntheticDocument {
    /// A document in `format` with `events` events from `seed`.
    pub fn new(format: Format, events: u64, seed: u64) -> Self {
        let buf = Shared::default();
        let mut head = synthetic_head();
        if format != Format::JsonLd {
            head.contexts.clear();
        }
        let writer = EventWriter::new(
            buf.clone(),
            &head,
            format,
            WriteOptions {
                pretty: true,
                ..WriteOptions::default()
            },
        )
        .ok();
        SyntheticDocument {
            writer,
            buf,
            pos: 0,
            remaining: events,
            index: 0,
            seed: seed | 1,
        }
    }

    fn next_random(&mut self) -> u64 {
        // xorshift64*
        self.seed ^= self.seed >> 12;
        self.seed ^= self.seed << 25;
        self.seed ^= self.seed >> 27;
        self.seed.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn fill(&mut self) -> std::io::Result<()> {
        self.buf.0.borrow_mut().clear();
        self.pos = 0;
        if self.remaining == 0 {
            if let Some(w) = self.writer.take() {
                w.finish(None).map_err(std::io::Error::other)?;
            }
            return Ok(());
        }
        self.remaining -= 1;
        let event = self.event();
        if let Some(w) = &mut self.writer {
            w.write_event(&event).map_err(std::io::Error::other)?;
        }
        Ok(())
    }

    /// The next generated event.
    fn event(&mut self) -> Event {
        let i = self.index;
        self.index += 1;
        let r = self.next_random();
        let tz = FixedOffset::east_opt(if r % 2 == 0 { 3600 } else { -5 * 3600 })
            .unwrap_or(FixedOffset::east_opt(0).expect("UTC"));
        let base = tz
            .with_ymd_and_hms(2024, 5, 1, 6, 0, 0)
            .single()
            .expect("valid date");
        let at = base + Duration::milliseconds((i * 1377) as i64);
        let company = ["4012345", "0614141", "9521141"][(r % 3) as usize];
        let item = format!("{:06}", 11111 + (r >> 8) % 500);
        let site = format!("urn:epc:id:sgln:{company}.{:05}.0", (r >> 20) % 90);
        let serial = |k: u64| format!("urn:epc:id:sgtin:{company}.{item}.{}", 100_000 + i * 64 + k);
        let n = 4 + (r >> 32) % 28;
        let sscc = format!("urn:epc:id:sscc:{company}.{:010}", 1_000_000 + i);
        let built = match i % 4 {
            0 => {
                let lot = Extension::text(
                    QName::new(MDA, "cbvmda", "lotNumber"),
                    format!("L{}", (r >> 40) % 9000 + 1000),
                );
                let exp = Extension::text(
                    QName::new(MDA, "cbvmda", "itemExpirationDate"),
                    "2027-03-31",
                );
                let mut b = LineEvent::commissioning(at)
                    .read_point(&site)
                    .and_then(|b| b.biz_location(&site));
                for k in 0..n {
                    b = b.and_then(|b| b.epc(serial(k)));
                }
                b.map(|b| b.ilmd(lot).ilmd(exp))
            }
            1 => {
                let mut b = LineEvent::packing(at)
                    .parent(&sscc)
                    .and_then(|b| b.read_point(&site));
                for k in 0..n {
                    b = b.and_then(|b| b.epc(serial(k)));
                }
                b
            }
            2 => LineEvent::shipping(at)
                .epc(&sscc)
                .and_then(|b| b.read_point(&site))
                .and_then(|b| {
                    b.biz_transaction(
                        BizTransactionType::PO,
                        format!("urn:epcglobal:cbv:bt:{company}0000000:PO{}", 4000 + i),
                    )
                })
                .and_then(|b| {
                    b.biz_transaction(
                        BizTransactionType::DESADV,
                        format!("urn:epcglobal:cbv:bt:{company}0000000:ASN{}", 9000 + i),
                    )
                })
                .and_then(|b| {
                    b.source(
                        SourceDestType::OWNING_PARTY,
                        format!("urn:epc:id:pgln:{company}.00000"),
                    )
                })
                .and_then(|b| {
                    b.destination(
                        SourceDestType::OWNING_PARTY,
                        "urn:epc:id:pgln:0614141.00777",
                    )
                })
                .and_then(|b| {
                    b.destination(SourceDestType::LOCATION, "urn:epc:id:sgln:0614141.00777.0")
                }),
            _ => LineEvent::receiving(at)
                .epc(&sscc)
                .and_then(|b| b.read_point("urn:epc:id:sgln:0614141.00777.0"))
                .and_then(|b| {
                    b.quantity(
                        format!("urn:epc:class:lgtin:{company}.{item}.L77"),
                        Decimal::new("12").expect("number"),
                        None,
                    )
                }),
        };
        built
            .and_then(|b| b.build())
            .expect("generated events are complete")
    }
}

impl Read for SyntheticDocument {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let available = self.buf.0.borrow().len() - self.pos;
            if available > 0 {
                let n = available.min(out.len());
                out[..n].copy_from_slice(&self.buf.0.borrow()[self.pos..self.pos + n]);
                self.pos += n;
                return Ok(n);
            }
            if self.writer.is_none() {
                return Ok(0);
            }
            self.fill()?;
        }
    }
}
