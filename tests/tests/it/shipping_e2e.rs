//! The Shipping client end to end against the embedded sandbox: the consignment lifecycle.

use metapack_shipping::paperwork::write_documents;
use metapack_shipping::types::{ManifestRequest, PaperworkFormat, ShippingRules, TransactionType};
use metapack_shipping::{
    Allocation, ConsignmentChanges, ConsignmentSearch, DocumentKind, ErrorCategory,
    PaperworkOptions, ShippingClient, Status,
};
use metapack_tests::{gb_consignment, scratch_dir};

async fn status(client: &ShippingClient, code: &str) -> Status {
    let response = client.get_consignment(code).await.expect("get");
    response.lifecycle_status().cloned().expect("a status")
}

#[tokio::test]
async fn lifecycle_from_creation_to_manifest_paperwork() {
    let (_sandbox, client) = metapack_tests::shipping_sandbox().await;
    let request = gb_consignment("ORDER-E2E-1", 2);

    // Create: Unallocated.
    let created = client.create_consignment(&request).await.expect("create");
    let code = created
        .consignment_code()
        .expect("a consignment code")
        .to_owned();
    assert!(code.starts_with("DMC") && code.len() == 12, "{code}");
    assert_eq!(status(&client, &code).await, Status::Unallocated);
    let found = client
        .search_consignments(&ConsignmentSearch::order("ORDER-E2E-1"))
        .await;
    assert_eq!(found.expect("search").len(), 1);

    // Rates, cheapest first.
    let rates = client.get_rates(&request).await.expect("rates");
    let totals: Vec<f64> = rates
        .iter()
        .map(|rate| {
            let costs = rate.shipping_costs.as_ref().expect("costs");
            costs.values().filter_map(|m| m.amount).sum()
        })
        .collect();
    assert!(totals.len() >= 2, "{totals:?}");
    assert!(
        totals.windows(2).all(|w| w[0] <= w[1]),
        "cheapest first: {totals:?}"
    );

    // While Unallocated the consignment can be changed.
    let changes = ConsignmentChanges::new().manifest_group_code("E2E-GROUP");
    client
        .patch_consignment(&code, &changes)
        .await
        .expect("patch before allocation");

    // Allocate: 201 with the carrier service.
    let allocation = client
        .allocate_consignment(&code, &ShippingRules::default())
        .await
        .expect("allocate");
    let Allocation::Allocated(allocated) = allocation else {
        panic!("expected an allocation, got {allocation:?}");
    };
    let consignment = allocated.consignment.as_ref().expect("consignment");
    assert!(consignment.carrier_service_code().is_some());
    assert_eq!(consignment.parcel_tracking_identifiers().len(), 2);
    assert_eq!(status(&client, &code).await, Status::Allocated);

    // 409: no changes once allocated.
    let err = client
        .patch_consignment(&code, &changes)
        .await
        .expect_err("409");
    assert_eq!(
        (err.status(), err.category()),
        (Some(409), Some(ErrorCategory::Conflict))
    );

    // Paperwork: two parcels give a ZIP of two labels; the files carry real magic bytes.
    let options = PaperworkOptions::new().format(PaperworkFormat::Pdf);
    let paperwork = client
        .get_consignment_paperwork(&code, &options)
        .await
        .expect("paperwork");
    let labels = paperwork.documents().expect("documents decode");
    assert_eq!(labels.len(), 2, "one label per parcel");
    let dir = scratch_dir("labels");
    let files = write_documents(&dir, &code, &labels).expect("written");
    for (n, file) in files.iter().enumerate() {
        assert_eq!(
            file.file_name().and_then(|f| f.to_str()),
            Some(&*format!("{code}_{}.pdf", n + 1))
        );
        let bytes = std::fs::read(file).expect("read back");
        assert!(bytes.starts_with(b"%PDF-"), "{}", file.display());
    }
    let zpl = PaperworkOptions::new().format(PaperworkFormat::Zpl);
    let parcel_code = consignment
        .parcels
        .as_ref()
        .and_then(|p| p[0].parcel_code.clone());
    let parcel_code = parcel_code.expect("a parcel code");
    let label = client
        .get_parcel_paperwork(&code, &parcel_code, &zpl)
        .await
        .expect("label");
    let label = label.documents().expect("decodes");
    assert_eq!(
        label.iter().map(|d| d.kind).collect::<Vec<_>>(),
        [DocumentKind::Zpl]
    );
    assert_eq!(status(&client, &code).await, Status::Printed);
    std::fs::remove_dir_all(&dir).ok();

    // Ready to ship, and back, and ready again.
    client.set_ready_to_ship(&code, true).await.expect("ready");
    assert_eq!(status(&client, &code).await, Status::ReadyToManifest);
    client
        .set_ready_to_ship(&code, false)
        .await
        .expect("not ready");
    assert_eq!(status(&client, &code).await, Status::Printed);
    client
        .set_ready_to_ship(&code, true)
        .await
        .expect("ready again");

    // Manifest, then its paperwork.
    let carrier = consignment
        .delivery_information
        .as_ref()
        .and_then(|d| d.service.as_ref())
        .and_then(|s| s.carrier_service.as_ref())
        .and_then(|s| s.carrier.as_ref())
        .and_then(|c| c.code.clone());
    let manifest = client
        .create_manifest(&ManifestRequest {
            carrier_code: carrier,
            shipping_location_code: Some("WH-LONDON".into()),
            manifest_group_code: Some("E2E-GROUP".into()),
            transaction_type: Some(TransactionType::Delivery),
            ..ManifestRequest::default()
        })
        .await
        .expect("manifest");
    let manifest_code = manifest.manifest_code.expect("a manifest code");
    assert_eq!(status(&client, &code).await, Status::Manifested);
    let documents = client
        .get_manifest_paperwork(&manifest_code)
        .await
        .expect("manifest paperwork")
        .documents()
        .expect("decodes");
    assert!(
        documents
            .iter()
            .any(|d| d.kind == DocumentKind::Pdf && d.bytes.starts_with(b"%PDF-"))
    );

    // 409: a manifested consignment cannot be deleted.
    let err = client.delete_consignment(&code).await.expect_err("409");
    assert_eq!(err.status(), Some(409));
}

#[tokio::test]
async fn no_matching_service_is_a_typed_outcome_not_an_error() {
    let (_sandbox, client) = metapack_tests::shipping_sandbox().await;
    let created = client
        .create_consignment(&gb_consignment("ORDER-E2E-2", 1))
        .await;
    let code = created
        .expect("create")
        .consignment_code()
        .expect("code")
        .to_owned();
    let rules = ShippingRules {
        carrier_services: Some(vec!["NO-SUCH-SERVICE".into()]),
        ..ShippingRules::default()
    };
    let outcome = client
        .allocate_consignment(&code, &rules)
        .await
        .expect("204 is no error");
    assert!(
        matches!(outcome, Allocation::NoServiceAvailable),
        "{outcome:?}"
    );
    assert_eq!(status(&client, &code).await, Status::Unallocated);

    let err = client
        .get_consignment_paperwork(&code, &PaperworkOptions::new())
        .await;
    assert_eq!(err.expect_err("nothing to print yet").status(), Some(409));
    let err = client
        .get_consignment("DMC000000000")
        .await
        .expect_err("404");
    assert_eq!(err.category(), Some(ErrorCategory::NotFound));
}
