//! A real SMTP server inside the test process: the `mailin` crate's SMTP state machine behind a
//! TCP listener on 127.0.0.1, one thread per connection. It keeps every message it accepted,
//! answers 550 to the recipients a test says to refuse, and can be stopped (connections refused)
//! and started again on the same port to stage an outage.

use mailin::{Action, Handler, Response, SessionBuilder};
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A message the server accepted (after its 250).
#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub data: Vec<u8>,
    /// When the server accepted it.
    pub at: std::time::Instant,
}

impl Received {
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.data)
            .expect("a parsable message")
    }
}

#[derive(Default)]
struct Shared {
    received: Mutex<Vec<Received>>,
    refuse: Mutex<HashSet<String>>,
}

#[derive(Clone)]
struct Collector {
    shared: Arc<Shared>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Collector {
    fn rcpt(&mut self, to: &str) -> Response {
        let address = to.trim_matches(|c| c == '<' || c == '>').to_lowercase();
        if self.shared.refuse.lock().unwrap().contains(&address) {
            return Response::custom(550, "5.1.1 No such mailbox here".into());
        }
        self.to.push(address);
        mailin::response::OK
    }

    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, _to: &[String]) -> Response {
        self.data.clear();
        mailin::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        self.shared.received.lock().unwrap().push(Received {
            to: std::mem::take(&mut self.to),
            data: std::mem::take(&mut self.data),
            at: std::time::Instant::now(),
        });
        mailin::response::OK
    }
}

pub struct SmtpSink {
    pub port: u16,
    shared: Arc<Shared>,
    running: Option<Arc<AtomicBool>>,
}

impl SmtpSink {
    /// A server on a free port, accepting.
    pub fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut sink = Self {
            port,
            shared: Arc::default(),
            running: None,
        };
        sink.resume();
        sink
    }

    /// A port with nothing listening yet (the server is "down"); [`Self::resume`] starts it.
    pub fn down() -> Self {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        Self {
            port,
            shared: Arc::default(),
            running: None,
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Starts listening (again) on the same port.
    pub fn resume(&mut self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).expect("the sink's port is free");
        listener.set_nonblocking(true).unwrap();
        let running = Arc::new(AtomicBool::new(true));
        self.running = Some(running.clone());
        let shared = self.shared.clone();
        std::thread::spawn(move || {
            while running.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, peer)) => {
                        let handler = Collector {
                            shared: shared.clone(),
                            to: Vec::new(),
                            data: Vec::new(),
                        };
                        std::thread::spawn(move || serve(stream, peer.ip(), handler));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
    }

    /// Stops listening: new connections are refused.
    pub fn stop(&mut self) {
        if let Some(running) = self.running.take() {
            running.store(false, Ordering::SeqCst);
        }
        std::thread::sleep(Duration::from_millis(50));
    }

    /// Answer 550 to `address` from now on.
    pub fn refuse(&self, address: &str) {
        self.shared.refuse.lock().unwrap().insert(address.to_lowercase());
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().unwrap().clone()
    }

    /// Waits up to 10 s until at least `n` messages have arrived.
    pub fn wait_for(&self, n: usize) -> Vec<Received> {
        for _ in 0..1000 {
            let received = self.received();
            if received.len() >= n {
                return received;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("expected {n} messages, the server received {}", self.received().len());
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}

fn serve(stream: TcpStream, peer: IpAddr, handler: Collector) {
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    let mut session = SessionBuilder::new("sink.localvoice.test").build(peer, handler);
    if session.greeting().write_to(&mut writer).is_err() {
        return;
    }
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let response = session.process(&line);
        match response.action {
            Action::NoReply => continue,
            Action::Close => {
                let _ = response.write_to(&mut writer);
                let _ = writer.flush();
                return;
            }
            Action::Reply | Action::UpgradeTls => {
                if response.write_to(&mut writer).is_err() {
                    return;
                }
                let _ = writer.flush();
            }
        }
    }
}
