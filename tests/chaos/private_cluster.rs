//! A private PostgreSQL cluster for the restart scenario: never the shared one. Shared by the
//! `chaos` test binary and `examples/chaos.rs`.

use super::processes::{free_port, is_root, run};
use anyhow::bail;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A private PostgreSQL cluster on a free port of 127.0.0.1, in a temporary folder; stopped
/// (immediate) and removed on drop. As root its tools run as the `postgres` user.
pub struct PrivateCluster {
    pg_bin: PathBuf,
    dir: tempfile::TempDir,
    pub port: u16,
}

impl PrivateCluster {
    /// `initdb` and start; `pg_bin` holds initdb and pg_ctl (PG_BIN, default
    /// /usr/lib/postgresql/15/bin).
    pub fn start(pg_bin: &Path) -> anyhow::Result<Self> {
        for tool in ["initdb", "pg_ctl"] {
            if !pg_bin.join(tool).is_file() {
                bail!(
                    "{} is missing: PostgreSQL's server tools are required (set PG_BIN)",
                    pg_bin.join(tool).display()
                );
            }
        }
        let dir = tempfile::Builder::new().prefix("lv-chaos-pg").tempdir()?;
        if is_root() {
            run(Command::new("chown").arg("postgres").arg(dir.path()), "chown")?;
        }
        let cluster = Self {
            pg_bin: pg_bin.to_path_buf(),
            port: free_port()?,
            dir,
        };
        run(
            cluster.pg("initdb").arg("-D").arg(cluster.data_dir()).args([
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-instructions",
                "--no-sync",
            ]),
            "initdb",
        )?;
        let conf = format!(
            "port = {}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{}'\nfsync = off\n",
            cluster.port,
            cluster.dir.path().display()
        );
        std::fs::OpenOptions::new()
            .append(true)
            .open(cluster.data_dir().join("postgresql.conf"))
            .and_then(|mut f| std::io::Write::write_all(&mut f, conf.as_bytes()))?;
        cluster.start_server()?;
        Ok(cluster)
    }

    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn pg(&self, tool: &str) -> Command {
        localvoice::local_postgres::pg_command(self.pg_bin.join(tool), is_root())
    }

    /// `pg_ctl start`, waiting until it accepts connections.
    pub fn start_server(&self) -> anyhow::Result<()> {
        let log = self.dir.path().join("postgres.log");
        run(
            self.pg("pg_ctl")
                .arg("-D")
                .arg(self.data_dir())
                .arg("-l")
                .arg(log)
                .args(["-w", "start"]),
            "pg_ctl start",
        )
    }

    /// `pg_ctl stop -m fast`: every session is terminated, as in a restart.
    pub fn stop_server(&self) -> anyhow::Result<()> {
        run(
            self.pg("pg_ctl")
                .arg("-D")
                .arg(self.data_dir())
                .args(["-m", "fast", "-w", "stop"]),
            "pg_ctl stop",
        )
    }
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        if self.data_dir().join("postmaster.pid").exists() {
            let _ = self
                .pg("pg_ctl")
                .arg("-D")
                .arg(self.data_dir())
                .args(["-m", "immediate", "-w", "stop"])
                .output();
        }
    }
}
