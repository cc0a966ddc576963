//! `create_consignment` answers a [`CreatedConsignment`] whose code is never optional: a
//! success response without one is a typed decode error, not a panic and not a `None`.

use crate::common;

use common::{ScriptedServer, client, json};
use metapack_shipping::{ConsignmentRequest, Error};

fn request() -> ConsignmentRequest {
    ConsignmentRequest {
        consignment: Default::default(),
        shipping_rules: None,
    }
}

#[tokio::test]
async fn a_created_consignment_has_its_code_in_one_call() {
    let server = ScriptedServer::start(vec![json(
        201,
        r#"{"consignment":{"consignmentCode":"DMC4BY1V4HVY","status":"unallocated"}}"#,
    )])
    .await;
    let created = client(&server.base_url())
        .create_consignment(&request())
        .await
        .expect("created");
    assert_eq!(created.code(), "DMC4BY1V4HVY");
    assert_eq!(created.tracking_number(), None);
    assert_eq!(
        created.into_response().consignment_code(),
        Some("DMC4BY1V4HVY")
    );
}

#[tokio::test]
async fn a_success_without_a_consignment_code_is_a_decode_error() {
    for body in ["{}", r#"{"consignment":{"status":"unallocated"}}"#] {
        let server = ScriptedServer::start(vec![json(201, body)]).await;
        let error = client(&server.base_url())
            .create_consignment(&request())
            .await
            .expect_err("no code");
        match &error {
            Error::Decode { path, message, .. } => {
                assert_eq!(path, "consignment.consignmentCode", "{body}");
                assert!(message.contains("search by order reference"), "{message}");
            }
            other => panic!("{body}: expected a decode error, got {other:?}"),
        }
        assert!(!error.is_retryable(), "the consignment may exist: {error}");
        assert_eq!(server.hits().len(), 1);
    }
}
