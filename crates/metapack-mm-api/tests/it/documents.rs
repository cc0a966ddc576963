//! Documents streamed to a file, bounded by the document limit.

use crate::common::mock_client::builder;
use httpmock::Method::GET;
use httpmock::MockServer;
use metapack_core::{Error, ResponseLimits};
use metapack_mm_api::MmApiClient;
use metapack_mm_api::model::DocumentParams;
use metapack_mm_api::uri::DocumentUri;

const MIB: u64 = 1024 * 1024;

fn client(server: &MockServer, document_limit: u64) -> MmApiClient {
    builder(server)
        .static_token("tok-abcdefgh")
        .response_limits(ResponseLimits::default().with_document(document_limit))
        .build()
        .expect("client")
}

fn document(server: &MockServer) -> DocumentUri {
    DocumentUri::new(server.url("/documents/c1/label"))
}

#[tokio::test]
async fn a_document_streams_to_a_file_and_stops_at_the_limit() {
    let server = MockServer::start_async().await;
    let pdf: Vec<u8> = b"%PDF-1.7\n"
        .iter()
        .copied()
        .chain(std::iter::repeat_n(b'x', 3 * MIB as usize))
        .collect();
    server
        .mock_async(|when, then| {
            when.method(GET).path("/documents/c1/label");
            then.status(200)
                .header("content-type", "application/pdf")
                .body(pdf.clone());
        })
        .await;
    let dir = std::env::temp_dir().join(format!("metapack-documents-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("label.pdf");

    let downloaded = client(&server, 4 * MIB)
        .download_document_to_path(&document(&server), &DocumentParams::default(), &path)
        .await
        .expect("downloaded");
    assert_eq!(downloaded.len, pdf.len() as u64);
    assert_eq!(downloaded.media_type.as_deref(), Some("application/pdf"));
    assert_eq!(std::fs::read(&path).expect("file"), pdf);

    // Over the limit: a typed error, and no partial file; get_document is bounded alike.
    let small = client(&server, MIB);
    let err = small
        .download_document_to_path(&document(&server), &DocumentParams::default(), &path)
        .await
        .expect_err("too large");
    assert!(
        matches!(err, Error::BodyTooLarge { limit: MIB, .. }),
        "{err:?}"
    );
    assert!(!path.exists(), "the partial file is removed");
    let err = small
        .get_document(&document(&server), &DocumentParams::default())
        .await
        .expect_err("too large");
    assert!(
        matches!(err, Error::BodyTooLarge { limit: MIB, .. }),
        "{err:?}"
    );
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[tokio::test]
async fn an_error_answer_to_a_download_is_an_api_error_without_the_token() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/documents/c1/label");
            then.status(404)
                .header("content-type", "application/json")
                .body(r#"{"message":"no label for tok-abcdefgh"}"#);
        })
        .await;
    let mut sink = Vec::new();
    let err = client(&server, MIB)
        .download_document_to(&document(&server), &DocumentParams::default(), &mut sink)
        .await
        .expect_err("404");
    assert_eq!(err.status(), Some(404));
    assert!(
        !format!("{err:?} {err}").contains("tok-abcdefgh"),
        "{err:?}"
    );
    assert!(sink.is_empty());
}

#[tokio::test]
async fn a_refused_download_leaves_the_file_at_the_path_alone() {
    let server = MockServer::start_async().await;
    let any = server
        .mock_async(|_when, then| {
            then.status(200).body("%PDF-1.7");
        })
        .await;
    let dir = std::env::temp_dir().join(format!("metapack-refused-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("label.pdf");
    std::fs::write(&path, b"yesterday's label").expect("earlier file");

    let pcl = DocumentParams {
        format: Some(metapack_mm_api::values::LabelFormat::Pcl),
        ..DocumentParams::default()
    };
    let err = client(&server, MIB)
        .download_document_to_path(&document(&server), &pcl, &path)
        .await
        .expect_err("PCL is not supported yet");
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
    assert_eq!(any.calls_async().await, 0, "nothing is sent");
    assert_eq!(std::fs::read(&path).expect("kept"), b"yesterday's label");
    std::fs::remove_dir_all(&dir).expect("cleanup");
}
