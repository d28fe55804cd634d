//! The layering rule, checked on the source: a top-level module may use (`crate::…` in code, not in
//! comments) only modules of a lower layer, so no module imports a higher one and no two modules
//! import each other. Test code counts too (a test module that needs another layer's helpers gets
//! them from `crate::testdata`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Lowest first. A module may use the modules of the layers before its own.
const LAYERS: &[&[&str]] = &[
    &["client_address", "client_key", "request_span"],
    &["stats", "config", "telemetry"],
    &["domain", "rate_limit"],
    &["format", "defs", "local_postgres"],
    &["seeds", "chart"],
    &["db", "testdata"],
    &["results"],
    &["evidence", "import", "submission", "digest"],
    &["demo"],
    &["state", "error", "security_headers"],
    &["routes"],
    &["startup"],
    &["cli"],
    &["commands"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a file's code uses, by `crate::name`.
fn used_modules(text: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let name: String = rest[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            used.insert(name);
            rest = &rest[at + 7..];
        }
    }
    used
}

#[test]
fn no_module_uses_one_from_a_higher_or_its_own_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut problems = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap_or(file);
        let module = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|s| s.trim_end_matches(".rs").to_string())
            .unwrap_or_default();
        if ["lib", "main", "architecture_tests"].contains(&module.as_str()) {
            continue;
        }
        let Some(own) = layer_of(&module) else {
            problems.push(format!(
                "{}: module '{module}' has no layer in LAYERS",
                relative.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for used in used_modules(&text) {
            if used == module {
                continue;
            }
            match layer_of(&used) {
                Some(layer) if layer < own => {}
                Some(_) => problems.push(format!("{}: '{module}' uses 'crate::{used}'", relative.display())),
                None => problems.push(format!("{}: 'crate::{used}' has no layer", relative.display())),
            }
        }
    }
    assert!(problems.is_empty(), "layering broken:\n{}", problems.join("\n"));
}

#[test]
fn the_checker_sees_uses_in_code_and_not_in_comments() {
    let text = "use crate::db::DbPool; // see crate::routes\n//! crate::evidence\nlet x = crate::stats::mean(&v);";
    let used: Vec<String> = used_modules(text).into_iter().collect();
    assert_eq!(used, ["db", "stats"]);
}
