//! The real processes a fault test breaks: a `localvoice serve` child process (SIGKILLed and
//! restarted on the same port), plus fresh databases on a running server (the private
//! PostgreSQL cluster is in `private_cluster.rs`). Shared by the `chaos` test binary and `examples/chaos.rs`.
//! Everything listens on 127.0.0.1 only.

use anyhow::{bail, Context};
use diesel::{Connection, PgConnection, RunQueryDsl};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// PostgreSQL's server tools: `PG_BIN`, else the newest /usr/lib/postgresql/N/bin (Debian's layout).
pub fn pg_bin() -> PathBuf {
    if let Some(dir) = std::env::var_os("PG_BIN") {
        return PathBuf::from(dir);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .collect();
    versions.sort();
    versions
        .pop()
        .map_or_else(|| PathBuf::from("/usr/lib/postgresql/15/bin"), |(_, bin)| bin)
}

/// A port nothing listens on now (the kernel's choice; released before use).
pub fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// `url` with its database name replaced by `database`.
pub fn with_database(url: &str, database: &str) -> anyhow::Result<String> {
    let mut parsed = url::Url::parse(url).context("not a database URL")?;
    parsed.set_path(&format!("/{database}"));
    Ok(parsed.to_string())
}

/// A fresh, empty database on the server of `server_url`, dropped on drop.
pub struct ScratchDatabase {
    admin_url: String,
    pub name: String,
    pub url: String,
}

impl ScratchDatabase {
    pub fn create(server_url: &str, prefix: &str) -> anyhow::Result<Self> {
        let admin_url = with_database(server_url, "postgres")?;
        let name = format!("{prefix}_{}", uuid::Uuid::new_v4().simple());
        let mut admin = PgConnection::establish(&admin_url)
            .with_context(|| format!("PostgreSQL is required and not reachable at {admin_url}"))?;
        diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut admin)?;
        let url = with_database(server_url, &name)?;
        Ok(Self { admin_url, name, url })
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = PgConnection::establish(&self.admin_url) {
            let _ =
                diesel::sql_query(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)).execute(&mut admin);
        }
    }
}

/// `localvoice serve` as a child process on a fixed port, so a restarted server is found where
/// the killed one was. Killed (SIGKILL) on drop.
pub struct ServerProcess {
    binary: PathBuf,
    workdir: PathBuf,
    args: Vec<String>,
    env: Vec<(String, String)>,
    log: PathBuf,
    pub port: u16,
    child: Option<Child>,
}

impl ServerProcess {
    /// Starts `binary --database-url URL --defs DEFS serve --bind 127.0.0.1:PORT` in `workdir`
    /// (where `seeds/` is) and waits until `/livez` answers.
    pub fn start(
        binary: &Path,
        workdir: &Path,
        database_url: &str,
        defs: &Path,
        env: &[(&str, &str)],
        log: &Path,
    ) -> anyhow::Result<Self> {
        let port = free_port()?;
        let mut server = Self {
            binary: binary.to_path_buf(),
            workdir: workdir.to_path_buf(),
            args: vec![
                "--database-url".into(),
                database_url.into(),
                "--defs".into(),
                defs.display().to_string(),
                "serve".into(),
                "--bind".into(),
                format!("127.0.0.1:{port}"),
            ],
            env: env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            log: log.to_path_buf(),
            port,
            child: None,
        };
        server.restart()?;
        Ok(server)
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Starts the process (again) and waits until it answers; returns how long that took.
    pub fn restart(&mut self) -> anyhow::Result<Duration> {
        let started = Instant::now();
        let log = std::fs::OpenOptions::new().create(true).append(true).open(&self.log)?;
        let mut child = Command::new(&self.binary)
            .args(&self.args)
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .current_dir(&self.workdir)
            .stdout(log.try_clone()?)
            .stderr(log)
            .stdin(Stdio::null())
            .spawn()
            .with_context(|| format!("could not start {}", self.binary.display()))?;
        let address = format!("127.0.0.1:{}", self.port);
        while started.elapsed() < Duration::from_secs(120) {
            if let Some(status) = child.try_wait()? {
                bail!("the server exited at start-up ({status}); see {}", self.log.display());
            }
            if livez(&address) {
                self.child = Some(child);
                return Ok(started.elapsed());
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        let _ = child.kill();
        bail!(
            "the server did not answer /livez within 120 s; see {}",
            self.log.display()
        )
    }

    /// SIGKILL: no shutdown, no draining; requests in flight lose their connection.
    pub fn kill(&mut self) -> anyhow::Result<()> {
        if let Some(mut child) = self.child.take() {
            child.kill()?;
            child.wait()?;
        }
        Ok(())
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.kill();
    }
}

/// Whether `GET /livez` answers 200 (a blocking one-shot HTTP/1.0 request, for start-up polling).
fn livez(address: &str) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(address) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    if stream
        .write_all(b"GET /livez HTTP/1.0\r\nHost: localhost\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).is_ok() && head.ends_with(b"200")
}

pub(crate) use localvoice::local_postgres::{is_root, run};
