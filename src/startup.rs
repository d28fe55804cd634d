//! Builds the actix application and binds it. `Application::build` binds first (port 0 in tests)
//! so the real port is known before the server runs. Every request is logged under a root span
//! without the client's address (`crate::request_span`), and every response carries the security
//! headers (`crate::security_headers`; HSTS with `LOCALVOICE_HSTS`, read by `crate::config`).

use crate::config::BODY_LIMIT_BYTES;
use crate::error::ApiError;
use crate::request_span::AnonymousRootSpan;
use crate::routes;
use crate::security_headers::security_headers;
use crate::state::AppState;
use actix_web::dev::Server;
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError, UrlencodedError};
use actix_web::{web, App, HttpRequest, HttpServer};
use std::net::TcpListener;
use tracing_actix_web::TracingLogger;

pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Binds `address` ("127.0.0.1:0" for a random port) and prepares the server.
    pub fn build(address: &str, state: AppState) -> std::io::Result<Self> {
        let listener = TcpListener::bind(address)?;
        let port = listener.local_addr()?.port();
        let server = run(listener, state)?;
        Ok(Self { port, server })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGINT/SIGTERM, then finishes the requests in flight (up to 10 s).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn json_error(error: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let api_error = match &error {
        JsonPayloadError::ContentType => {
            ApiError::UnsupportedMediaType("send the response as JSON with Content-Type: application/json".into())
        }
        JsonPayloadError::Overflow { limit } | JsonPayloadError::OverflowKnownLength { limit, .. } => {
            ApiError::PayloadTooLarge(format!("the request body must be at most {limit} bytes"))
        }
        JsonPayloadError::Deserialize(e) => {
            ApiError::BadRequest(format!("the request body is not valid JSON for a response: {e}"))
        }
        other => ApiError::BadRequest(format!("could not read the request body: {other}")),
    };
    api_error.into()
}

fn form_error(error: UrlencodedError, _req: &HttpRequest) -> actix_web::Error {
    let api_error = match &error {
        UrlencodedError::Overflow { limit, .. } => {
            ApiError::PayloadTooLarge(format!("the form must be at most {limit} bytes"))
        }
        UrlencodedError::ContentType => {
            ApiError::UnsupportedMediaType("send the form as application/x-www-form-urlencoded".into())
        }
        other => ApiError::BadRequest(format!("could not read the form: {other}")),
    };
    api_error.into()
}

fn query_error(error: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::BadRequest(format!("bad query string: {error}")).into()
}

fn path_error(error: PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::NotFound(format!("no such page: {error}")).into()
}

fn run(listener: TcpListener, state: AppState) -> std::io::Result<Server> {
    let hsts = state.protection.hsts;
    let data = web::Data::new(state);
    let server = HttpServer::new(move || {
        App::new()
            .wrap(TracingLogger::<AnonymousRootSpan>::new())
            .wrap(security_headers(hsts))
            .app_data(data.clone())
            .app_data(web::PayloadConfig::new(BODY_LIMIT_BYTES))
            .app_data(
                web::JsonConfig::default()
                    .limit(BODY_LIMIT_BYTES)
                    .error_handler(json_error),
            )
            .app_data(
                web::FormConfig::default()
                    .limit(BODY_LIMIT_BYTES)
                    .error_handler(form_error),
            )
            .app_data(web::QueryConfig::default().error_handler(query_error))
            .app_data(web::PathConfig::default().error_handler(path_error))
            .configure(routes::configure)
    })
    .shutdown_timeout(10)
    .listen(listener)?
    .run();
    Ok(server)
}
