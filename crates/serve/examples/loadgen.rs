//! An open-loop HTTP load generator for `dateline serve` on loopback.
//!
//! Why open loop: a client that waits for each answer before sending the
//! next slows down with the server and hides its stalls (coordinated
//! omission). Here every request has a scheduled send time fixed by the
//! rate; its latency is measured from that time, so a stall counts against
//! every request that should have been sent during it.
//!
//! Keep-alive HTTP/1.1 over plain std sockets, one thread per connection,
//! request paths taken round-robin from a file (one path per line).
//!
//! `cargo run --release -p dateline-serve --example loadgen -- ADDR PATHS_FILE RATE SECONDS [CONNECTIONS]`
//! e.g. `... -- 127.0.0.1:8080 paths.txt 400 600 8`. Loopback addresses only.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Outcome {
    latencies_us: Vec<u64>,
    errors: u64,
    first_error: Option<String>,
    bytes: u64,
}

/// Sends one GET on `conn` and reads the whole answer; returns (status, body bytes).
fn get(conn: &mut BufReader<TcpStream>, host: &str, path: &str) -> std::io::Result<(u16, usize)> {
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n\r\n");
    conn.get_mut().write_all(request.as_bytes())?;
    let mut line = String::new();
    conn.read_line(&mut line)?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut length = None;
    loop {
        line.clear();
        if conn.read_line(&mut line)? == 0 {
            return Err(std::io::Error::other("connection closed in the headers"));
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
            if name.eq_ignore_ascii_case("transfer-encoding") {
                return Err(std::io::Error::other("chunked answers are not read by this client"));
            }
        }
    }
    let length = length.ok_or_else(|| std::io::Error::other("no content-length"))?;
    let mut body = vec![0; length];
    conn.read_exact(&mut body)?;
    Ok((status, length))
}

fn connect(addr: SocketAddr) -> std::io::Result<BufReader<TcpStream>> {
    let s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    s.set_nodelay(true)?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    Ok(BufReader::with_capacity(1 << 16, s))
}

fn worker(addr: SocketAddr, paths: Arc<Vec<String>>, start: Instant, interval: Duration, first: u64, total: u64, step: u64) -> Outcome {
    let host = addr.to_string();
    let mut out = Outcome { latencies_us: Vec::new(), errors: 0, first_error: None, bytes: 0 };
    let mut conn = connect(addr).ok();
    let mut k = first;
    while k < total {
        let due = start + interval * k as u32;
        let now = Instant::now();
        if due > now {
            std::thread::sleep(due - now);
        }
        let path = &paths[k as usize % paths.len()];
        let result = match conn.as_mut() {
            Some(c) => get(c, &host, path),
            None => Err(std::io::Error::other("not connected")),
        };
        match result {
            Ok((200, n)) => {
                out.bytes += n as u64;
                out.latencies_us.push(due.elapsed().as_micros() as u64);
            }
            Ok((status, _)) => {
                out.errors += 1;
                out.first_error.get_or_insert_with(|| format!("HTTP {status} for {path}"));
            }
            Err(e) => {
                out.errors += 1;
                out.first_error.get_or_insert_with(|| format!("{e} for {path}"));
                conn = connect(addr).ok();
            }
        }
        k += step;
    }
    out
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i] as f64 / 1000.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 5 {
        return Err("usage: loadgen ADDR PATHS_FILE RATE SECONDS [CONNECTIONS]".into());
    }
    let addr: SocketAddr = args[1].parse()?;
    if !addr.ip().is_loopback() {
        return Err(format!("{addr} is not a loopback address").into());
    }
    let paths: Vec<String> = std::fs::read_to_string(&args[2])?
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('/'))
        .map(str::to_string)
        .collect();
    if paths.is_empty() {
        return Err("the paths file has no lines starting with /".into());
    }
    let rate: f64 = args[3].parse()?;
    let seconds: f64 = args[4].parse()?;
    let connections: u64 = args.get(5).map(|c| c.parse()).transpose()?.unwrap_or(8);
    if !(rate > 0.0 && seconds > 0.0 && connections > 0) {
        return Err("rate, seconds and connections must be positive".into());
    }
    let total = (rate * seconds).round() as u64;
    let interval = Duration::from_secs_f64(1.0 / rate);
    let paths = Arc::new(paths);
    let start = Instant::now() + Duration::from_millis(200);
    let handles: Vec<_> = (0..connections)
        .map(|c| {
            let paths = Arc::clone(&paths);
            std::thread::spawn(move || worker(addr, paths, start, interval, c, total, connections))
        })
        .collect();
    let mut latencies = Vec::with_capacity(total as usize);
    let (mut errors, mut bytes, mut first_error) = (0, 0, None);
    for h in handles {
        let o = h.join().map_err(|_| "a worker thread panicked")?;
        latencies.extend(o.latencies_us);
        errors += o.errors;
        bytes += o.bytes;
        first_error = first_error.or(o.first_error);
    }
    let elapsed = start.elapsed().as_secs_f64();
    latencies.sort_unstable();
    println!(
        "requests {total} ok {} errors {errors} in {elapsed:.1} s ({:.1} req/s offered {rate}) over {connections} connections; {:.1} MB of answers",
        latencies.len(),
        (latencies.len() as u64 + errors) as f64 / elapsed,
        bytes as f64 / 1e6
    );
    println!(
        "latency ms (from scheduled send): p50 {:.2} p90 {:.2} p99 {:.2} p99.9 {:.2} max {:.2}",
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.90),
        percentile(&latencies, 0.99),
        percentile(&latencies, 0.999),
        latencies.last().map_or(f64::NAN, |&m| m as f64 / 1000.0)
    );
    if let Some(e) = first_error {
        println!("first error: {e}");
    }
    Ok(())
}
