//! `serialkit serial …`: serial pools in a local SQLite store.
//!
//! The store is `<DIR>/serials.sqlite` (default `./serialkit-data`); the
//! key of keyed random pools is `<DIR>/serial.key` (64 hex digits, created
//! with mode 0600 by the first `pool create` that needs it, once the pool
//! has passed its checks) unless `--key-file` names another.
//!
//! Pools of one product code in a store share its serial space: each new
//! pool (say one per lot) takes half of what the others left, so no two
//! pools of a GTIN ever print the same serial.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;
use serialkit_serial::store::SqliteStore;
use serialkit_serial::{
    Alphabet, GuessPolicy, Pool, PoolDefinition, PoolError, ProductCode, RegionSize, Scope, Serial,
    SerialFormat, SerialKey, Verification,
};

/// Serial subcommands.
#[derive(Subcommand)]
pub enum SerialCommand {
    /// Pools: create.
    #[command(subcommand)]
    Pool(PoolCommand),
    /// Reserve serials durably and print them, one per line.
    Allocate(AllocateArgs),
    /// Was this serial issued, and from which lease? (JSON; exit 1 if not)
    Verify(VerifyArgs),
    /// Counts, leases and the guessability bound (JSON).
    Report(ReportArgs),
}

/// Pool subcommands.
#[derive(Subcommand)]
pub enum PoolCommand {
    /// Create a pool (refused when its serials would be guessable).
    Create(CreateArgs),
}

/// Where the store and key live.
#[derive(Args)]
pub struct StoreArgs {
    /// Store directory (holds serials.sqlite and serial.key).
    #[arg(long, value_name = "DIR", default_value = "serialkit-data")]
    pub store: PathBuf,
    /// Key file (64 hex digits) instead of `<DIR>/serial.key`; created with
    /// mode 0600 if missing.
    #[arg(long, value_name = "F")]
    pub key_file: Option<PathBuf>,
}

/// Serial alphabets.
#[derive(Clone, Debug)]
pub enum AlphabetArg {
    /// 0-9.
    Numeric,
    /// 0-9A-Z.
    AlnumUpper,
    /// GS1 CSET 82.
    Cset82,
    /// GS1 CSET 39 without `#` (not allowed in GS1 keys).
    Cset39,
    /// Given characters in digit order.
    Chars(String),
}

fn parse_alphabet(s: &str) -> Result<AlphabetArg, String> {
    Ok(match s {
        "numeric" => AlphabetArg::Numeric,
        "alnum-upper" => AlphabetArg::AlnumUpper,
        "cset82" => AlphabetArg::Cset82,
        "cset39" => AlphabetArg::Cset39,
        _ => match s.strip_prefix("chars:") {
            Some(chars) => AlphabetArg::Chars(chars.to_owned()),
            None => return Err("one of numeric, alnum-upper, cset82, cset39, chars:<CHARS>".into()),
        },
    })
}

/// Allocation strategy of the pool's first region.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Strategy {
    /// Keyed non-repeating random (AES Feistel permutation).
    Random,
    /// Sequential ranks.
    Sequential,
}

/// Arguments of `serial pool create`.
#[derive(Args)]
pub struct CreateArgs {
    /// Pool name.
    pub name: String,
    /// GTIN the serials belong to (AI 01 + AI 21).
    #[arg(long, conflicts_with = "scope")]
    pub gtin: Option<String>,
    /// Any scope: `gtin:<GTIN>[/lot:<LOT>]`, `sscc:<EXT>+<GCP>`,
    /// `grai:<GCP>+<ASSET TYPE>`, `giai:<GCP>`.
    #[arg(long)]
    pub scope: Option<String>,
    /// Alphabet: numeric, alnum-upper, cset82, cset39 or `chars:<CHARS>`.
    #[arg(long, value_parser = parse_alphabet, default_value = "alnum-upper")]
    pub alphabet: AlphabetArg,
    /// Drop look-alike characters (0 O 1 I L i l o).
    #[arg(long)]
    pub no_lookalikes: bool,
    /// Serial length including the prefix (default 12; SSCC: what the
    /// company prefix leaves).
    #[arg(long)]
    pub length: Option<u8>,
    /// Fixed leading characters.
    #[arg(long, default_value = "")]
    pub prefix: String,
    /// Forbid a leading 0.
    #[arg(long)]
    pub no_leading_zero: bool,
    /// Strategy.
    #[arg(long, value_enum, default_value = "random")]
    pub strategy: Strategy,
    /// Serials expected over the pool's life (checked against 1/10,000).
    #[arg(long, default_value_t = 1_000_000)]
    pub forecast: u64,
    /// Largest single allocation.
    #[arg(long, default_value_t = 1_000_000)]
    pub max_per_request: u64,
    /// Report low water below this many remaining serials.
    #[arg(long, default_value_t = 0)]
    pub low_water: u64,
    /// Do not require P(guess) ≤ 1/10,000 (logistic units, assets).
    #[arg(long)]
    pub allow_guessable: bool,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Arguments of `serial allocate`: one line per serial — the serial (AI 21)
/// for GTIN pools, the whole identifier (18-digit SSCC, GRAI, GIAI) for the
/// others; `--json` carries both for every serial.
#[derive(Args)]
pub struct AllocateArgs {
    /// Pool name.
    pub name: String,
    /// How many serials.
    #[arg(long)]
    pub count: u64,
    /// Who allocates (recorded in the lease).
    #[arg(long, default_value = "serialkit-cli")]
    pub holder: String,
    /// Print one JSON object (leases, counts, serials) instead of lines.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Arguments of `serial verify`.
#[derive(Args)]
pub struct VerifyArgs {
    /// Pool name.
    pub name: String,
    /// The serial (AI 21 value, SSCC serial reference or the whole 18-digit
    /// SSCC, …).
    pub serial: String,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Arguments of `serial report`.
#[derive(Args)]
pub struct ReportArgs {
    /// Pool name.
    pub name: String,
    #[command(flatten)]
    pub store: StoreArgs,
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

fn open_store(args: &StoreArgs) -> Result<SqliteStore, String> {
    std::fs::create_dir_all(&args.store)
        .map_err(|e| format!("store directory {}: {e}", args.store.display()))?;
    SqliteStore::open(args.store.join("serials.sqlite")).map_err(|e| e.to_string())
}

fn key_path(args: &StoreArgs) -> PathBuf {
    args.key_file
        .clone()
        .unwrap_or_else(|| args.store.join("serial.key"))
}

/// Reads the key; `None` when the file does not exist.
fn read_key(path: &Path) -> Result<Option<SerialKey>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => SerialKey::from_hex(&text)
            .map(Some)
            .ok_or_else(|| format!("key file {}: expected 64 hex digits", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("key file {}: {e}", path.display())),
    }
}

/// Syncs a directory, so that a file just created or removed in it
/// survives a crash.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes a new key file (mode 0600, never over an existing file) and
/// makes it durable: the file's data, then its directory entry.
fn write_key(path: &Path, key: &SerialKey) -> Result<(), String> {
    let dir = parent(path);
    std::fs::create_dir_all(dir).map_err(|e| format!("key directory {}: {e}", dir.display()))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(path).and_then(|mut f| {
        writeln!(f, "{}", key.to_hex())?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| sync_dir(dir)) {
        return Err(format!("key file {}: {e}", path.display()));
    }
    Ok(())
}

/// Removes a key file this run created for a pool that was then refused.
fn remove_key(path: &Path) -> Result<(), String> {
    std::fs::remove_file(path)
        .and_then(|()| sync_dir(parent(path)))
        .map_err(|e| format!("key file {}: {e}", path.display()))
}

/// A refusal in the CLI's words: the library names its own API where the
/// shell user has a flag.
fn refusal(e: &PoolError) -> String {
    match e {
        PoolError::Predictable {
            pool,
            region,
            limit,
        } => format!(
            "pool {pool:?}: region {region} is sequential, so one issued serial predicts the next \
             (P(guess) = 1 > {limit}); use --strategy random, or --allow-guessable where guessing \
             does not matter (logistic units, assets)"
        ),
        e => e.to_string(),
    }
}

fn build_format(args: &CreateArgs, scope: &Scope) -> Result<SerialFormat, String> {
    let mut alphabet = match &args.alphabet {
        AlphabetArg::Numeric => Alphabet::numeric(),
        AlphabetArg::AlnumUpper => Alphabet::upper_alphanumeric(),
        AlphabetArg::Cset82 => Alphabet::cset82(),
        AlphabetArg::Cset39 => Alphabet::cset39().without("#").map_err(|e| e.to_string())?,
        AlphabetArg::Chars(c) => Alphabet::new(c).map_err(|e| e.to_string())?,
    };
    if matches!(scope.product(), ProductCode::Sscc { .. }) {
        alphabet = Alphabet::numeric();
    }
    if args.no_lookalikes {
        alphabet = alphabet.without_lookalikes().map_err(|e| e.to_string())?;
    }
    let total = match (args.length, scope.product()) {
        (Some(n), _) => usize::from(n),
        (None, ProductCode::Sscc { .. }) => scope.max_serial_len(),
        (None, _) => 12,
    };
    let body = total
        .checked_sub(args.prefix.len())
        .filter(|&b| b > 0)
        .ok_or_else(|| format!("--length {total} leaves no room after the prefix"))?;
    SerialFormat::builder(alphabet)
        .fixed_length(u8::try_from(body).map_err(|_| "length too large".to_string())?)
        .prefix(&args.prefix)
        .no_leading_zero(args.no_leading_zero)
        .max_total_len(scope.max_serial_len().min(30) as u8)
        .build()
        .map_err(|e| e.to_string())
}

fn create(args: &CreateArgs) -> Result<ExitCode, String> {
    let scope: Scope = match (&args.gtin, &args.scope) {
        (Some(g), None) => Scope::new(ProductCode::gtin(g).map_err(|e| e.to_string())?),
        (None, Some(s)) => s.parse().map_err(|e: PoolError| e.to_string())?,
        _ => return Err("give --gtin or --scope".into()),
    };
    let format = build_format(args, &scope)?;
    let mut builder = PoolDefinition::builder(&args.name, scope, format)
        .forecast(args.forecast)
        .max_per_request(args.max_per_request)
        .low_water(args.low_water);
    if args.allow_guessable {
        builder = builder.policy(GuessPolicy::NotRequired);
    }
    // Half of what is left, not all: later pools of the same product code
    // (other lots) and later key epochs need room in its serial space.
    let path = key_path(&args.store);
    let mut new_key = None;
    let builder = match args.strategy {
        Strategy::Random => {
            // A missing key is made in memory and written only once the
            // pool has passed its checks.
            let key = match read_key(&path)? {
                Some(k) => k,
                None => {
                    let k = SerialKey::generate()
                        .map_err(|e| format!("no randomness for a key: {e}"))?;
                    new_key = Some(k.clone());
                    k
                }
            };
            builder.random_region(&key, RegionSize::Half)
        }
        Strategy::Sequential => builder.sequential_region(RegionSize::Half),
    };
    let refused = |e: &PoolError| {
        eprintln!("serialkit: pool {:?} refused: {}", args.name, refusal(e));
        Ok(ExitCode::from(1))
    };
    let def = match builder.build() {
        Ok(d) => d,
        Err(e) => return refused(&e),
    };
    let mut store = open_store(&args.store)?;
    // The key is on disk before the pool that needs it is stored.
    if let Some(key) = &new_key {
        write_key(&path, key)?;
    }
    let def = match Pool::create(&mut store, &def) {
        Ok(d) => d,
        Err(e) => {
            if new_key.is_some() {
                remove_key(&path)?;
            }
            return match e {
                PoolError::Store(e) => Err(e.to_string()),
                e => refused(&e),
            };
        }
    };
    let out = json!({
        "pool": def.name(),
        "scope": def.scope().to_string(),
        "alphabet": def.format().alphabet().as_str(),
        "domain": def.format().domain_size().to_string(),
        "regions": def.regions(),
        "guessability": def.guessability(&[]),
    });
    println!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn open_pool(args: &StoreArgs, name: &str) -> Result<(SqliteStore, Pool), String> {
    let mut store = open_store(args)?;
    let keys: Vec<SerialKey> = read_key(&key_path(args))?.into_iter().collect();
    let pool = Pool::open(&mut store, name, &keys).map_err(|e| e.to_string())?;
    Ok((store, pool))
}

fn allocate(args: &AllocateArgs) -> Result<ExitCode, String> {
    let (mut store, pool) = open_pool(&args.store, &args.name)?;
    let mut a = pool
        .allocate(&mut store, args.count, &args.holder, now_ms())
        .map_err(|e| e.to_string())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let write_err = |e: std::io::Error| e.to_string();
    let scope = pool.definition().scope().clone();
    // GTIN pools print the AI (21) value a line encodes after its (01);
    // SSCC, GRAI and GIAI pools print the identifier itself.
    let gtin = matches!(scope.product(), ProductCode::Gtin(_));
    let identifier = |s: &Serial| {
        scope
            .identifier(s)
            .ok_or_else(|| format!("serial {s} does not complete a {}", scope.product()))
    };
    if args.json {
        let records: Vec<_> = a.leases.iter().map(|l| l.record().clone()).collect();
        let all: Vec<Serial> = a.serials().collect();
        let identifiers = all.iter().map(identifier).collect::<Result<Vec<_>, _>>()?;
        let serials: Vec<String> = all.iter().map(Serial::to_string).collect();
        let v = json!({
            "pool": args.name,
            "requested": a.requested,
            "granted": a.granted,
            "partial": a.partial,
            "remaining": a.remaining,
            "low_water": a.low_water,
            "leases": records,
            "serials": serials,
            "identifiers": identifiers,
        });
        writeln!(out, "{v}").map_err(write_err)?;
    } else {
        for s in a.serials() {
            if gtin {
                writeln!(out, "{s}").map_err(write_err)?;
            } else {
                writeln!(out, "{}", identifier(&s)?).map_err(write_err)?;
            }
        }
    }
    out.flush().map_err(write_err)?;
    if a.partial {
        eprintln!(
            "serialkit: pool {:?} ran short: {} of {} granted",
            args.name, a.granted, a.requested
        );
    } else if a.low_water {
        eprintln!(
            "serialkit: pool {:?} is at low water: {} left",
            args.name, a.remaining
        );
    }
    Ok(if a.partial {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The serial an SSCC pool's whole SSCC (what `allocate` prints) carries;
/// anything else is taken as the serial itself.
fn serial_of<'a>(scope: &Scope, text: &'a str) -> &'a str {
    if let ProductCode::Sscc {
        extension,
        company_prefix,
    } = scope.product()
    {
        let head = format!("{extension}{company_prefix}");
        if text.parse::<serialkit_gs1::Sscc>().is_ok() && text.starts_with(&head) {
            return &text[head.len()..text.len() - 1];
        }
    }
    text
}

fn verify(args: &VerifyArgs) -> Result<ExitCode, String> {
    let (mut store, pool) = open_pool(&args.store, &args.name)?;
    let serial = serial_of(pool.definition().scope(), &args.serial);
    let v = pool.verify(&mut store, serial).map_err(|e| e.to_string())?;
    let issued = v.issued();
    let mut value = serde_json::to_value(&v).map_err(|e| e.to_string())?;
    if let (Verification::Issued { .. }, Some(obj)) = (&v, value.as_object_mut()) {
        if let Ok(serial) = serial.parse() {
            obj.insert(
                "identifier".into(),
                json!(pool.definition().scope().identifier(&serial)),
            );
        }
    }
    println!("{value}");
    Ok(if issued {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn report(args: &ReportArgs) -> Result<ExitCode, String> {
    let (mut store, pool) = open_pool(&args.store, &args.name)?;
    let r = pool.report(&mut store).map_err(|e| e.to_string())?;
    println!("{}", serde_json::to_string(&r).map_err(|e| e.to_string())?);
    Ok(ExitCode::SUCCESS)
}

/// Runs a serial command.
///
/// # Errors
/// A message for anything that failed (store, key file, unknown pool).
pub fn run(cmd: SerialCommand) -> Result<ExitCode, String> {
    match cmd {
        SerialCommand::Pool(PoolCommand::Create(args)) => create(&args),
        SerialCommand::Allocate(args) => allocate(&args),
        SerialCommand::Verify(args) => verify(&args),
        SerialCommand::Report(args) => report(&args),
    }
}
