//! Peers that run in another language: a worker process that loads the
//! peer once, then for each request `N` runs the operation N times and
//! answers the elapsed nanoseconds, so batches interleave with ours.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Duration;

/// A running worker.
pub struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Worker {
    /// Starts `program` with `args`; the worker must print `ready` once set
    /// up (or anything else, which is reported as the reason it is unusable).
    pub fn start(program: &str, args: &[&str]) -> Result<Worker, String> {
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {program}: {e}"))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut w = Worker {
            child,
            stdin,
            stdout: BufReader::new(stdout),
        };
        let line = w.read_line().ok_or("worker exited before it was ready")?;
        if line.trim() != "ready" {
            return Err(line.trim().to_owned());
        }
        Ok(w)
    }

    fn read_line(&mut self) -> Option<String> {
        let mut line = String::new();
        match self.stdout.read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(line),
        }
    }

    /// Asks the worker to run `iters` operations; returns their duration.
    pub fn run(&mut self, iters: u64) -> Option<Duration> {
        writeln!(self.stdin, "{iters}").ok()?;
        self.stdin.flush().ok()?;
        let line = self.read_line()?;
        line.trim().parse::<u64>().ok().map(Duration::from_nanos)
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Writes a Python worker script to a temporary file and returns its path.
/// `setup` prepares, `op` is one operation (a Python expression statement).
pub fn python_worker(name: &str, setup: &str, op: &str) -> std::io::Result<std::path::PathBuf> {
    let path =
        std::env::temp_dir().join(format!("serialkit-versus-{name}-{}.py", std::process::id()));
    let script = format!(
        "import sys, time\n\
         try:\n{setup_indented}\n\
         except Exception as e:\n    print('setup failed: %s' % e, flush=True); sys.exit(0)\n\
         print('ready', flush=True)\n\
         for line in sys.stdin:\n\
         \x20   n = int(line)\n\
         \x20   t = time.thread_time_ns()\n\
         \x20   for _ in range(n):\n\
         \x20       {op}\n\
         \x20   print(time.thread_time_ns() - t, flush=True)\n",
        setup_indented = setup
            .lines()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    std::fs::write(&path, script)?;
    Ok(path)
}

/// Starts a Python peer: a worker that runs `setup` once and then `op` per
/// iteration. When it cannot run, says so in one line (with the PyPI
/// package that provides it) and returns `None`, so the workload is still
/// measured for the other contenders.
pub fn python_peer(
    workload: &str,
    peer: &str,
    pip_package: &str,
    setup: &str,
    op: &str,
) -> Option<Worker> {
    let name: String = peer
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let started = python_worker(&name, setup, op)
        .map_err(|e| e.to_string())
        .and_then(|script| Worker::start("python3", &[&script.to_string_lossy()]));
    match started {
        Ok(w) => Some(w),
        Err(e) => {
            super::peer_missing(workload, peer, &format!("{e} (pip install {pip_package})"));
            None
        }
    }
}
