//! The OpenAPI document at `/api/v1/openapi.json` against the code: it lists exactly the API
//! routes the application registers, each of them reaches a real handler, and real answers of the
//! handlers match it (status codes documented for the operation, content types, and the
//! top-level fields of JSON bodies: required ones present, none undeclared, types as declared).

use crate::helpers::{repo_path, spawn_app, TestApp};
use serde_json::{json, Value};
use std::collections::BTreeSet;

async fn document(app: &TestApp) -> Value {
    let res = app.get("/api/v1/openapi.json").await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

/// (method, path) of every route registered in src/routes under /api/ or for health checks.
fn registered_routes() -> BTreeSet<(String, String)> {
    let pattern = regex::Regex::new(r#"\.route\(\s*"([^"]+)",\s*web::(\w+)\(\)"#).unwrap();
    let mut files = vec![repo_path("src/routes")];
    let mut found = BTreeSet::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            for c in pattern.captures_iter(&source) {
                let route = c[1].to_string();
                if route.starts_with("/api/") || route == "/livez" || route == "/readyz" {
                    found.insert((c[2].to_string(), route));
                }
            }
        }
    }
    found
}

fn documented_routes(doc: &Value) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            found.insert((method.clone(), path.clone()));
        }
    }
    found
}

#[actix_web::test]
async fn the_document_is_openapi_3_1_and_lists_exactly_the_registered_api_routes() {
    let app = spawn_app().await;
    let doc = document(&app).await;
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    let registered = registered_routes();
    assert!(registered.len() >= 8, "the route scan found too little: {registered:?}");
    assert_eq!(documented_routes(&doc), registered);

    // Each documented operation reaches a handler, not the catch-all 404.
    for (method, path) in documented_routes(&doc) {
        let url = app.url(&path.replace("{id}", "test-open"));
        let res = match method.as_str() {
            "get" => app.client.get(url).send().await.unwrap(),
            "post" => app.client.post(url).json(&json!({})).send().await.unwrap(),
            other => panic!("no request written for {other}"),
        };
        let status = res.status();
        let body = res.text().await.unwrap();
        assert!(
            !body.contains("there is nothing at"),
            "{method} {path} is not routed: {status} {body}"
        );
    }
}

/// `schema` with `$ref`s resolved and `allOf` merged: (properties, required, closed to others).
fn object_shape(doc: &Value, schema: &Value) -> (serde_json::Map<String, Value>, BTreeSet<String>, bool) {
    let schema = resolve(doc, schema);
    let mut properties = schema["properties"].as_object().cloned().unwrap_or_default();
    let mut required: BTreeSet<String> = schema["required"]
        .as_array()
        .map(|r| r.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        .unwrap_or_default();
    let mut closed = schema["additionalProperties"] == json!(false);
    for part in schema["allOf"].as_array().into_iter().flatten() {
        let (p, r, c) = object_shape(doc, part);
        properties.extend(p);
        required.extend(r);
        closed |= c;
    }
    (properties, required, closed)
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => {
            let name = reference.trim_start_matches("#/components/schemas/");
            resolve(doc, &doc["components"]["schemas"][name])
        }
        None => schema,
    }
}

/// The JSON types `schema` allows (None: any).
fn allowed_types(doc: &Value, schema: &Value) -> Option<BTreeSet<String>> {
    let schema = resolve(doc, schema);
    if let Some(branches) = schema["oneOf"].as_array().or(schema["anyOf"].as_array()) {
        let mut all = BTreeSet::new();
        for branch in branches {
            all.extend(allowed_types(doc, branch)?);
        }
        return Some(all);
    }
    match &schema["type"] {
        Value::String(t) => Some([t.clone()].into()),
        Value::Array(ts) => Some(ts.iter().map(|t| t.as_str().unwrap().to_string()).collect()),
        _ if schema.get("allOf").is_some() || schema.get("properties").is_some() => Some(["object".into()].into()),
        _ => None,
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Asserts that a real answer to `method path` matches the operation's documented response.
async fn assert_matches(doc: &Value, method: &str, path: &str, res: reqwest::Response) -> Value {
    let status = res.status().as_u16().to_string();
    let content_type = res.headers()["content-type"].to_str().unwrap().to_string();
    let body = res.text().await.unwrap();
    let documented = &doc["paths"][path][method]["responses"][&status];
    assert!(
        documented.is_object(),
        "{method} {path}: status {status} is not documented ({body})"
    );
    let media = content_type.split(';').next().unwrap().trim();
    let Some(schema) = documented["content"].get(media).map(|c| &c["schema"]) else {
        panic!("{method} {path} {status}: content type {content_type} is not documented: {documented}")
    };
    if media == "text/csv" {
        return Value::String(body);
    }
    let value: Value = serde_json::from_str(&body).unwrap();
    let (properties, required, _) = object_shape(doc, schema);
    if properties.is_empty() && resolve(doc, schema).get("type").is_none() {
        return value; // documented as any JSON value
    }
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("{method} {path}: not an object: {body}"));
    for field in &required {
        assert!(
            object.contains_key(field),
            "{method} {path} {status}: required `{field}` missing: {body}"
        );
    }
    for (field, v) in object {
        let Some(declared) = properties.get(field) else {
            panic!("{method} {path} {status}: `{field}` is not in the schema {schema}");
        };
        if let Some(types) = allowed_types(doc, declared) {
            let actual = json_type(v);
            let ok = types.contains(actual) || (actual == "integer" && types.contains("number"));
            assert!(
                ok,
                "{method} {path} {status}: `{field}` is {actual}, the schema says {types:?}"
            );
        }
    }
    value
}

#[actix_web::test]
async fn real_answers_of_every_operation_match_the_document() {
    let app = spawn_app().await;
    let doc = document(&app).await;
    let responses = "/api/v1/consultations/{id}/responses";
    let post = |body: Value| {
        app.client
            .post(app.url("/api/v1/consultations/test-open/responses"))
            .json(&body)
            .send()
    };
    let valid = json!({"council_area": "S12000036", "feel_safe": 4, "concerns": ["speeding"]});
    let created = assert_matches(&doc, "post", responses, post(valid).await.unwrap()).await;
    assert!(created["id"].is_string());
    let invalid = json!({"council_area": "S12000999", "concerns": ["speeding", "speeding"]});
    let problem = assert_matches(&doc, "post", responses, post(invalid).await.unwrap()).await;
    assert_eq!(problem["status"], 422);
    assert!(problem["errors"][0]["field"].is_string());
    let wrong_type = app
        .client
        .post(app.url("/api/v1/consultations/test-open/responses"))
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_matches(&doc, "post", responses, wrong_type).await;
    let closed = app
        .client
        .post(app.url("/api/v1/consultations/test-closed/responses"))
        .json(&json!({"council_area": "S12000036", "concerns": ["speeding"]}))
        .send()
        .await
        .unwrap();
    assert_matches(&doc, "post", responses, closed).await;

    for (path, url) in [
        ("/livez", "/livez"),
        ("/readyz", "/readyz"),
        ("/api/v1/consultations", "/api/v1/consultations"),
        ("/api/v1/consultations/{id}", "/api/v1/consultations/test-open"),
        ("/api/v1/consultations/{id}", "/api/v1/consultations/no-such-thing"),
        (
            "/api/v1/consultations/{id}/results",
            "/api/v1/consultations/test-open/results?bootstrap=0",
        ),
        (
            "/api/v1/consultations/{id}/results",
            "/api/v1/consultations/test-open/results?bootstrap=9999",
        ),
        (
            "/api/v1/consultations/{id}/results",
            "/api/v1/consultations/test-open/results?area=Atlantis",
        ),
        (
            "/api/v1/consultations/{id}/results.csv",
            "/api/v1/consultations/test-open/results.csv?bootstrap=0",
        ),
        ("/api/v1/openapi.json", "/api/v1/openapi.json"),
    ] {
        assert_matches(&doc, "get", path, app.get(url).await).await;
    }
}

#[actix_web::test]
async fn another_method_on_a_documented_path_is_a_405_problem_naming_the_allowed_ones() {
    let app = spawn_app().await;
    for (method, path, allowed) in [
        (reqwest::Method::DELETE, "/api/v1/consultations", "GET"),
        (
            reqwest::Method::GET,
            "/api/v1/consultations/test-open/responses",
            "POST",
        ),
        (reqwest::Method::TRACE, "/livez", "GET"),
    ] {
        let res = app.client.request(method.clone(), app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 405, "{method} {path}");
        assert_eq!(res.headers()["allow"], allowed);
        assert_eq!(res.headers()["content-type"], "application/problem+json");
    }
    // An undocumented path is still a 404.
    let res = app.client.delete(app.url("/api/v1/nothing-here")).send().await.unwrap();
    assert_eq!(res.status(), 404);
}
