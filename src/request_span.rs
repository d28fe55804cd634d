//! The root span of every request's log lines, without the client's IP address: tracing-actix-web's
//! default span records `http.client_ip` (and the user agent), and an IP address is personal data
//! (ICO). This one records the method, route, target, host, HTTP version, status, request id and
//! errors, and nothing that identifies the client. Reads no environment variables.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::{Error, HttpMessage};
use tracing::field::Empty;
use tracing::Span;
use tracing_actix_web::{DefaultRootSpanBuilder, RequestId, RootSpanBuilder};

/// [`RootSpanBuilder`] for `TracingLogger<AnonymousRootSpan>`.
pub struct AnonymousRootSpan;

impl RootSpanBuilder for AnonymousRootSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let route = request.match_pattern().unwrap_or_else(|| "default".into());
        let request_id = request
            .extensions()
            .get::<RequestId>()
            .map(ToString::to_string)
            .unwrap_or_default();
        tracing::info_span!(
            "HTTP request",
            http.method = %request.method(),
            http.route = %route,
            http.flavor = ?request.version(),
            http.host = %request.connection_info().host(),
            http.target = %request.uri().path_and_query().map(|p| p.as_str()).unwrap_or(""),
            http.status_code = Empty,
            otel.kind = "server",
            otel.status_code = Empty,
            request_id = %request_id,
            exception.message = Empty,
            exception.details = Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        // The default's recording of status and errors uses only the response, never the client.
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::{test, web, App, HttpResponse};
    use std::io::Write;
    use std::sync::{Arc, Mutex};
    use tracing_actix_web::TracingLogger;
    use tracing_subscriber::fmt::format::FmtSpan;

    /// Everything the subscriber writes, in memory.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    async fn handler() -> HttpResponse {
        tracing::info!("handling the request");
        HttpResponse::Ok().finish()
    }

    /// The log lines of one request from 203.0.113.7 saying it forwards for 198.51.100.9, as
    /// JSON lines with every span field, when requests are logged with root spans from `B`.
    async fn log_of_one_request<B: RootSpanBuilder + 'static>() -> String {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .json()
            .with_span_events(FmtSpan::CLOSE)
            .with_current_span(true)
            .with_span_list(true)
            .with_writer(move || writer.clone())
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let app = test::init_service(
            App::new()
                .wrap(TracingLogger::<B>::new())
                .route("/consultations/{id}/survey", web::post().to(handler)),
        )
        .await;
        let request = test::TestRequest::post()
            .uri("/consultations/test/survey?x=1")
            .peer_addr("203.0.113.7:40123".parse().unwrap())
            .insert_header(("x-forwarded-for", "198.51.100.9"))
            .insert_header(("forwarded", "for=198.51.100.10"))
            .to_request();
        let response = test::call_service(&app, request).await;
        assert!(response.status().is_success());
        drop(response);
        let bytes = captured.0.lock().unwrap().clone();
        String::from_utf8(bytes).unwrap()
    }

    #[actix_web::test]
    async fn the_request_log_names_the_route_and_status_but_no_client_address() {
        let log = log_of_one_request::<AnonymousRootSpan>().await;
        assert!(log.contains("handling the request"), "{log}");
        assert!(log.contains("/consultations/{id}/survey"), "{log}");
        assert!(log.contains("\"http.status_code\":200"), "{log}");
        for address in ["203.0.113.7", "198.51.100.9", "198.51.100.10", "client_ip"] {
            assert!(!log.contains(address), "{address} is in the log:\n{log}");
        }
    }

    #[actix_web::test]
    async fn the_capture_would_see_an_address_if_one_were_logged() {
        // tracing-actix-web's default span, which LocalVoice replaced, logs it: so the test above
        // looks where an address would be.
        let log = log_of_one_request::<DefaultRootSpanBuilder>().await;
        assert!(log.contains("client_ip"), "{log}");
        assert!(log.contains("198.51.100") || log.contains("203.0.113.7"), "{log}");
    }
}
