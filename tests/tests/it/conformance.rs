//! The documentation's examples (`specs/examples/`) as a conformance corpus: each is checked
//! against our spec's schema (Shipping, Tracking, Delivery Options) or decoded with the MM-API
//! models, decoded with our types and encoded again without losing a documented field, and
//! every request example is sent to the sandbox, which must give the documented outcome.
//! `specs/examples/README.md` says where each example comes from.

pub mod corpus;
pub mod gaps;
pub mod roundtrip;
pub mod sandbox;
pub mod schema;
pub mod types;

use corpus::Kind;
use schema::Spec;

/// Checks every example of an OpenAPI-described API against the spec and our types.
fn check_openapi_api(api: &str, spec: &str, decode: types::Decoder) {
    let spec = Spec::load(spec);
    let mut findings = Vec::new();
    let examples = corpus::all(api);
    assert!(!examples.is_empty(), "{api} has examples");
    for example in &examples {
        let at = format!("{api}/{}", example.file);
        let schema = match example.kind {
            Kind::Request => spec.request_schema(&example.operation),
            Kind::Response(status) => spec.response_schema(&example.operation, status),
            Kind::Curl => {
                findings.extend(
                    curl_findings(&spec, example)
                        .into_iter()
                        .map(|f| format!("{at}: {f}")),
                );
                continue;
            }
        };
        match schema {
            Ok(schema) => findings.extend(
                spec.check(schema, &example.json)
                    .into_iter()
                    .map(|f| format!("{at}: {} {f}", spec.name)),
            ),
            Err(e) => findings.push(format!("{at}: {e}")),
        }
        match decode(&example.operation, example.kind) {
            Some(check) => findings.extend(
                check(&example.json)
                    .into_iter()
                    .map(|f| format!("{at}: {f}")),
            ),
            None => findings.push(format!("{at}: no type to decode it with")),
        }
    }
    assert!(
        findings.is_empty(),
        "{} findings:\n{}",
        findings.len(),
        findings.join("\n")
    );
}

/// A request line against the operation it names: method, path and query parameters.
fn curl_findings(spec: &Spec, example: &corpus::Example) -> Vec<String> {
    let Some((method, path, _)) = spec.operation(&example.operation) else {
        return vec![format!(
            "no operation {} in {}",
            example.operation, spec.name
        )];
    };
    let mut findings = Vec::new();
    let line = &example.json;
    if !line["method"]
        .as_str()
        .is_some_and(|m| m.eq_ignore_ascii_case(method))
    {
        findings.push(format!(
            "method {} but the spec says {method}",
            line["method"]
        ));
    }
    if line["path"].as_str() != Some(path) {
        findings.push(format!("path {} but the spec says {path}", line["path"]));
    }
    for (field, headers) in [("query", false), ("headers", true)] {
        if let Some(given) = line.get(field) {
            match given.as_object() {
                Some(given) => {
                    findings.extend(spec.check_params(&example.operation, headers, given))
                }
                None => findings.push(format!("{field} is not an object")),
            }
        }
    }
    findings
}

#[test]
fn shipping_examples_match_the_spec_and_decode_without_loss() {
    check_openapi_api("shipping", "shipping", types::shipping);
}

#[test]
fn tracking_examples_match_the_spec_and_decode_without_loss() {
    check_openapi_api("tracking", "tracking", types::tracking);
}

#[test]
fn delivery_options_examples_match_the_spec_and_decode_without_loss() {
    check_openapi_api(
        "delivery-options",
        "delivery-options",
        types::delivery_options,
    );
}

#[test]
fn mm_api_examples_decode_with_the_models_without_loss() {
    let mut findings = Vec::new();
    for example in corpus::all("mm-api") {
        let at = format!("mm-api/{}", example.file);
        if example.kind == Kind::Curl || !example.file.ends_with(".json") {
            continue;
        }
        match types::mm_api(&example.operation, example.kind) {
            Some(check) => findings.extend(
                check(&example.json)
                    .into_iter()
                    .map(|f| format!("{at}: {f}")),
            ),
            None => findings.push(format!("{at}: no model to decode it with")),
        }
    }
    findings.extend(types::mm_api_requests_are_valid());
    assert!(
        findings.is_empty(),
        "{} findings:\n{}",
        findings.len(),
        findings.join("\n")
    );
}

#[test]
fn every_request_example_has_a_sandbox_case() {
    let mut missing = Vec::new();
    for api in ["shipping", "tracking", "delivery-options", "mm-api"] {
        for example in corpus::all(api) {
            if matches!(example.kind, Kind::Request | Kind::Curl)
                && !sandbox::CASES
                    .iter()
                    .any(|case| case.api == api && case.examples.contains(&example.file.as_str()))
            {
                missing.push(format!("{api}/{}", example.file));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "request examples no sandbox case sends: {missing:?}"
    );
    for case in sandbox::CASES {
        for file in case.examples {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../specs/examples")
                .join(case.api)
                .join(file);
            assert!(
                path.exists(),
                "case {} names a missing example {file}",
                case.name
            );
        }
    }
    for gap in gaps::KNOWN_SANDBOX_GAPS {
        assert!(
            sandbox::CASES.iter().any(|case| case.name == gap.case),
            "known gap {} names no case",
            gap.case
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_examples_get_the_documented_outcome_from_the_sandbox() {
    let ctx = sandbox::Ctx::start().await;
    let outcomes = sandbox::run_all(&ctx).await;
    let mut failures = Vec::new();
    for (case, outcome) in &outcomes {
        let gap = gaps::KNOWN_SANDBOX_GAPS
            .iter()
            .find(|gap| gap.case == *case && (gap.applies)(&ctx.sandbox));
        match (outcome, gap) {
            (Ok(()), None) => {}
            (Err(e), Some(gap)) if e.contains(gap.symptom) => {}
            (Err(e), Some(gap)) => failures.push(format!(
                "{case}: a known gap ({}), but it fails for another reason: {e}",
                gap.why
            )),
            (Err(e), None) => failures.push(format!("{case}: {e}")),
            (Ok(()), Some(gap)) => failures.push(format!(
                "{case} passes now; remove it from KNOWN_SANDBOX_GAPS ({})",
                gap.why
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
