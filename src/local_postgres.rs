//! Finding a PostgreSQL to talk to. With no `DATABASE_URL` and nothing answering on the default
//! address, but `initdb`/`pg_ctl` on the PATH, LocalVoice starts a private cluster under
//! `./.localvoice/pg` (unix socket only, trust auth) and stops it when the process exits, so that
//! `localvoice demo` works on a machine that has PostgreSQL installed but not running.

use crate::config::DEFAULT_DATABASE_URL;
use anyhow::{bail, Context};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// A private cluster started by this process; stopped on drop.
pub struct PrivateCluster {
    data_dir: PathBuf,
    socket_dir: PathBuf,
    run_as_postgres: bool,
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        tracing::info!(dir = %self.data_dir.display(), "stopping private PostgreSQL cluster");
        let mut cmd = pg_command("pg_ctl", self.run_as_postgres);
        cmd.arg("-D").arg(&self.data_dir).args(["-m", "fast", "-w", "stop"]);
        if let Err(e) = cmd.output() {
            tracing::warn!(error = %e, "could not stop the private PostgreSQL cluster");
        }
    }
}

/// The database URL to use and, when one was started, the private cluster keeping it alive.
pub fn resolve_database(explicit_url: Option<&str>) -> anyhow::Result<(String, Option<PrivateCluster>)> {
    if let Some(url) = explicit_url {
        return Ok((url.to_string(), None));
    }
    let default_addr: SocketAddr = ([127, 0, 0, 1], 5432).into();
    if TcpStream::connect_timeout(&default_addr, Duration::from_millis(500)).is_ok() {
        return Ok((DEFAULT_DATABASE_URL.to_string(), None));
    }
    if !on_path("initdb") || !on_path("pg_ctl") {
        bail!(
            "no PostgreSQL answers at {DEFAULT_DATABASE_URL}, and initdb/pg_ctl are not on the PATH to start a private one.\n\
             Start PostgreSQL (e.g. `pg_ctlcluster 15 main start`), or pass --database-url / set DATABASE_URL."
        );
    }
    let cluster = start_private_cluster(Path::new(".localvoice/pg"))?;
    let socket_dir = cluster.socket_dir.clone();
    let url = format!("postgres:///localvoice?host={}&user=postgres", socket_dir.display());
    Ok((url, Some(cluster)))
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}

/// Whether this process runs as root.
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// PostgreSQL refuses to run as root; as root we run its tools as the `postgres` user.
pub fn pg_command(program: impl AsRef<std::ffi::OsStr>, run_as_postgres: bool) -> Command {
    if run_as_postgres {
        let mut cmd = Command::new("runuser");
        cmd.args(["-u", "postgres", "--"]).arg(program);
        cmd
    } else {
        Command::new(program)
    }
}

/// Runs `cmd`; its output becomes the error when it fails.
pub fn run(cmd: &mut Command, what: &str) -> anyhow::Result<()> {
    let out = cmd.output().with_context(|| format!("could not run {what}"))?;
    if !out.status.success() {
        bail!(
            "{what} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}

fn start_private_cluster(relative_dir: &Path) -> anyhow::Result<PrivateCluster> {
    std::fs::create_dir_all(relative_dir).with_context(|| format!("could not create {}", relative_dir.display()))?;
    let data_dir = relative_dir.canonicalize()?;
    let socket_dir = data_dir.join("socket");
    let run_as_postgres = is_root();
    tracing::warn!(dir = %data_dir.display(), "no PostgreSQL on 127.0.0.1:5432: starting a private cluster");
    if run_as_postgres {
        // The postgres user must own the folder and be able to reach it.
        run(
            Command::new("chown").args(["-R", "postgres:postgres"]).arg(&data_dir),
            "chown of the private cluster folder",
        )?;
    }
    let cluster_dir = data_dir.join("data");
    if !cluster_dir.join("PG_VERSION").exists() {
        let mut initdb = pg_command("initdb", run_as_postgres);
        initdb
            .arg("-D")
            .arg(&cluster_dir)
            .args(["-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-instructions"]);
        run(&mut initdb, "initdb")?;
    }
    let mut mkdir = pg_command("mkdir", run_as_postgres);
    mkdir.arg("-p").arg(&socket_dir);
    run(&mut mkdir, "creating the socket folder")?;
    let mut start = pg_command("pg_ctl", run_as_postgres);
    start
        .arg("-D")
        .arg(&cluster_dir)
        .arg("-l")
        .arg(data_dir.join("postgres.log"))
        .arg("-o")
        .arg(format!("-k {} -c listen_addresses=''", socket_dir.display()))
        .args(["-w", "start"]);
    run(&mut start, "pg_ctl start")?;
    Ok(PrivateCluster {
        data_dir: cluster_dir,
        socket_dir,
        run_as_postgres,
    })
}
