//! The error-code table: every code of Appendix C and every status of 1.7.1 has help; the
//! error body serializes like the server's.

use metapack_core::ErrorCode;
use metapack_mm_api::errors::{
    AllocationError, ConstraintViolation, ERROR_CODES, ErrorBody, HTTP_STATUSES,
    allocation_message, help, status_help,
};
use metapack_mm_api::values::{AllocationErrorCode, ConstraintCode};
use serde_json::json;

/// Appendix C's codes, transcribed by hand in the order of the appendix: 19 codes
/// (1 INT, 8 VAL, 6 NFO, 3 ALE, 1 COL), plus its 3 family ranges.
const APPENDIX_C: [&str; 19] = [
    "O-INT-1000",
    "O-VAL-2000",
    "O-VAL-2001",
    "O-VAL-2002",
    "O-VAL-2003",
    "O-VAL-2004",
    "O-VAL-2006",
    "O-VAL-2008",
    "O-VAL-2009",
    "O-NFO-3000",
    "O-NFO-3001",
    "O-NFO-3002",
    "O-NFO-3003",
    "O-NFO-3004",
    "O-NFO-3006",
    "O-ALE-4000",
    "O-ALE-4001",
    "O-ALE-4002",
    "O-COL-6001",
];

const APPENDIX_C_RANGES: [&str; 3] = [
    "O-NFO-3000 - 3999",
    "O-ALE-4000 - 4999",
    "O-COL-6000 - 6999",
];

/// 1.7.1's table: status and the codes listed under it (9 statuses).
const STATUS_TABLE: [(u16, &[&str]); 9] = [
    (
        400,
        &[
            "O-VAL-2000",
            "O-VAL-2002",
            "O-VAL-2003",
            "O-VAL-2004",
            "O-VAL-2006",
            "O-VAL-2008",
            "O-NFO-3001",
            "O-NFO-3005",
            "O-ALE-4000",
            "O-ALE-4001",
            "O-ALE-4002",
        ],
    ),
    (401, &["O-INT-1000"]),
    (403, &["O-INT-1000"]),
    (
        404,
        &[
            "O-NFO-3000",
            "O-NFO-3001",
            "O-NFO-3002",
            "O-NFO-3003",
            "O-NFO-3004",
            "O-NFO-3005",
        ],
    ),
    (405, &["O-VAL-2009"]),
    (409, &["O-ALE-4001", "O-COL-6001"]),
    (415, &["O-VAL-2001"]),
    (500, &["O-INT-1000"]),
    (503, &["O-INT-1000"]),
];

#[test]
fn every_appendix_c_code_has_its_own_help() {
    for text in APPENDIX_C {
        let code = ErrorCode::parse(text);
        assert!(matches!(code, ErrorCode::Mm { .. }), "{text} parses");
        let entry = help(&code).unwrap_or_else(|| panic!("{text} has help"));
        assert_eq!(entry.code, text);
        assert!(!entry.is_range());
        assert!(entry.in_appendix_c);
        assert!(!entry.title.is_empty() && !entry.description.is_empty());
        assert!(!entry.resolution.is_empty(), "{text} has a resolution");
    }
    let singles: Vec<&str> = ERROR_CODES
        .iter()
        .filter(|h| h.in_appendix_c && !h.is_range())
        .map(|h| h.code)
        .collect();
    assert_eq!(singles, APPENDIX_C, "no more, no fewer, same order");
    let ranges: Vec<&str> = ERROR_CODES
        .iter()
        .filter(|h| h.is_range())
        .map(|h| h.code)
        .collect();
    assert_eq!(ranges, APPENDIX_C_RANGES);
    assert_eq!(ERROR_CODES.len(), 19 + 3 + 1, "plus O-NFO-3005 of 1.7.1");
}

#[test]
fn every_status_of_1_7_1_has_help_and_its_codes() {
    assert_eq!(HTTP_STATUSES.len(), STATUS_TABLE.len());
    for (status, codes) in STATUS_TABLE {
        let entry = status_help(status).unwrap_or_else(|| panic!("{status}"));
        assert_eq!(entry.codes, codes, "{status}");
        assert!(!entry.help.is_empty());
        assert_eq!(entry.retryable, status >= 500, "{status}");
        for text in codes {
            let code_help = help(&ErrorCode::parse(text)).unwrap();
            assert_eq!(code_help.code, *text, "{text} has its own entry");
            assert!(
                code_help.statuses().contains(&status),
                "{text} under {status}"
            );
        }
    }
    assert!(status_help(418).is_none());
    assert_eq!(status_help(415).unwrap().reason, "Unsupported Media Type");
}

#[test]
fn codes_only_in_the_status_table_are_marked() {
    let nfo_3005 = help(&ErrorCode::parse("O-NFO-3005")).unwrap();
    assert!(!nfo_3005.in_appendix_c);
    assert_eq!(nfo_3005.statuses(), [400, 404]);
    let nfo_3006 = help(&ErrorCode::parse("O-NFO-3006")).unwrap();
    assert!(
        nfo_3006.statuses().is_empty(),
        "1.7.1 does not list O-NFO-3006"
    );
}

#[test]
fn unknown_codes_fall_back_to_their_family_range() {
    for (text, range) in [
        ("O-NFO-3999", "O-NFO-3000 - 3999"),
        ("O-ALE-4500", "O-ALE-4000 - 4999"),
        ("O-COL-6000", "O-COL-6000 - 6999"),
        ("O-COL-6999", "O-COL-6000 - 6999"),
    ] {
        assert_eq!(help(&ErrorCode::parse(text)).unwrap().code, range, "{text}");
    }
    for text in [
        "O-VAL-2005",
        "O-INT-1001",
        "O-COL-7000",
        "O-XYZ-3000",
        "PS-0400",
        "nope",
    ] {
        assert!(help(&ErrorCode::parse(text)).is_none(), "{text}");
    }
}

#[test]
fn constraint_violations_serialize_all_six_fields_like_the_server() {
    let v = ConstraintViolation::new(
        "shipment",
        "logisticsUnits",
        ConstraintCode::NotNull,
        None,
        "may not be null",
    );
    assert_eq!(
        serde_json::to_value(&v).unwrap(),
        json!({
            "rejectedValue": null,
            "message": "may not be null",
            "code": "NotNull",
            "objectName": "shipment",
            "field": "logisticsUnits",
            "bindingFailure": false
        })
    );
    assert_eq!(
        v.to_string(),
        "shipment.logisticsUnits: may not be null (NotNull)"
    );
}

#[test]
fn error_body_constructors_match_the_reference_examples() {
    let body = ErrorBody::unsupported_media_type("application/vnd.metapack.mm.vxx.yy+json")
        .with_correlation_id("ABC");
    let json = serde_json::to_value(&body).unwrap();
    assert_eq!(json["httpStatus"], "415");
    assert_eq!(json["httpReasonPhrase"], "Unsupported Media Type");
    assert_eq!(json["code"], "O-VAL-2001");
    assert_eq!(
        json["message"],
        "The content-type header 'application/vnd.metapack.mm.vxx.yy+json' is not supported"
    );
    assert_eq!(json["path"], "");
    assert_eq!(json["correlationID"], "ABC");
    assert!(json.get("constraintViolations").is_none());
    assert!(json["timestamp"].as_str().unwrap().ends_with('Z'));

    let allocation = ErrorBody::allocation_errors(vec![
        AllocationError::new(AllocationErrorCode::DeliveryWindow, None),
        AllocationError::new(AllocationErrorCode::TooLow, None)
            .on("shipment", "logisticsUnits.weight.value"),
    ]);
    let json = serde_json::to_value(&allocation).unwrap();
    assert_eq!(json["code"], "O-ALE-4000");
    assert_eq!(json["message"], "General allocation error");
    assert_eq!(
        json["allocationErrors"],
        json!([
            {"message": "No logistics service available for the DeliveryWindow", "code": "DeliveryWindow"},
            {"message": "Value is too low", "code": "TooLow", "field": "logisticsUnits.weight.value", "object": "shipment"}
        ])
    );
    assert_eq!(allocation.status(), Some(400));
}

#[test]
fn every_allocation_error_code_has_its_description() {
    assert_eq!(AllocationErrorCode::KNOWN.len(), 8);
    for code in AllocationErrorCode::KNOWN {
        assert!(!allocation_message(code).is_empty(), "{code}");
    }
    assert_eq!(allocation_message(&AllocationErrorCode::parse("New")), "");
}

#[test]
fn error_bodies_decode_leniently() {
    let body: ErrorBody = serde_json::from_value(json!({
        "httpStatus": 400,
        "constraintViolations": null,
        "allocationErrors": [null, {"code": null, "message": null, "extra": 1}],
        "code": "O-ALE-4711",
        "timestamp": "not a time",
        "unknown": {"nested": true}
    }))
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        body.http_status.as_deref(),
        Some("400"),
        "a number is read as text"
    );
    assert_eq!(body.status(), Some(400));
    assert!(body.constraint_violations.is_empty());
    assert_eq!(body.allocation_errors.len(), 1);
    assert_eq!(
        body.allocation_errors[0].code,
        AllocationErrorCode::Other(String::new())
    );
    assert_eq!(body.timestamp, None);
    assert_eq!(body.help().unwrap().code, "O-ALE-4000 - 4999");
    let empty: ConstraintViolation = serde_json::from_value(json!({})).unwrap();
    assert_eq!(empty.code, ConstraintCode::Other(String::new()));
    assert!(!empty.binding_failure);
    assert!(ErrorBody::from_json(&json!("text")).is_none());
}

#[test]
fn the_summary_shows_whole_entries_and_counts_the_rest() {
    let violations = (0..20)
        .map(|i| {
            ConstraintViolation::new(
                "shipment",
                format!("logisticsUnits[{i}].weight.value"),
                ConstraintCode::NotNull,
                None,
                "may not be null",
            )
        })
        .collect();
    let body = ErrorBody::constraint_violations(violations);
    let summary = body.summary().expect("a summary");
    assert!(
        summary.len() <= metapack_mm_api::errors::SUMMARY_LIMIT + 20,
        "{summary}"
    );
    assert!(
        summary.starts_with("shipment.logisticsUnits[0].weight.value: may not be null (NotNull); ")
    );
    let shown = summary.matches("may not be null").count();
    assert!(
        summary.ends_with(&format!("; and {} more", 20 - shown)),
        "{summary}"
    );

    // Violations first, then allocation errors, each with path or code and message.
    let mut body = ErrorBody::constraint_violations(vec![ConstraintViolation::new(
        "shipment",
        "receiver.address.province",
        ConstraintCode::ValidAddressFormat,
        None,
        "is required",
    )]);
    body.allocation_errors = vec![AllocationError::new(AllocationErrorCode::TooLow, None)];
    assert_eq!(
        body.summary().as_deref(),
        Some(
            "shipment.receiver.address.province: is required (ValidAddressFormat); \
             Value is too low (TooLow)"
        )
    );

    // One entry longer than the limit is kept whole (the error's Display shortens it).
    let long = "x".repeat(400);
    let body = ErrorBody::allocation_errors(vec![AllocationError::new(
        AllocationErrorCode::UnknownError,
        Some(long.clone()),
    )]);
    assert!(body.summary().expect("one").contains(&long));
}
