//! `finish` and `impl_client_hooks!` the way generated code uses them.

use std::time::Duration;

use metapack_core::{
    Credentials, Error, ErrorCategory, ErrorCode, RetryPolicy, Runtime, Timeouts, finish,
    finish_empty, finish_value,
};
use metapack_testkit::{Reply, ScriptedServer as Server, refused_addr as free_port, status};
use progenitor_client::{ByteStream, ClientHooks, OperationInfo, ResponseValue};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::Deserialize;

/// Stand-in for a progenitor-generated client.
struct Client {
    baseurl: String,
    client: reqwest::Client,
    inner: Runtime,
}

impl progenitor_client::ClientInfo<Runtime> for Client {
    fn api_version() -> &'static str {
        "1.0"
    }
    fn baseurl(&self) -> &str {
        &self.baseurl
    }
    fn client(&self) -> &reqwest::Client {
        &self.client
    }
    fn inner(&self) -> &Runtime {
        &self.inner
    }
}

metapack_core::impl_client_hooks!(Client);

#[derive(Debug, Deserialize, PartialEq)]
struct Parcel {
    id: u32,
    items: Vec<Item>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Item {
    weight: f64,
}

impl Client {
    fn new(baseurl: String, credentials: Credentials) -> Client {
        let (inner, client) = Runtime::builder("metapack-test", "0.0.1")
            .credentials(credentials)
            .retry_policy(RetryPolicy::disabled())
            .timeouts(Timeouts::default().with_per_attempt(Duration::from_millis(300)))
            .build()
            .expect("runtime");
        Client {
            baseurl,
            client,
            inner,
        }
    }

    /// What progenitor generates for `GET /parcels/{id}` with documented
    /// 200 and 400 responses.
    async fn get_parcel(
        &self,
        path: &str,
    ) -> Result<ResponseValue<Parcel>, progenitor_client::Error<ByteStream>> {
        let info = OperationInfo {
            operation_id: "getParcel",
        };
        let mut request = self.client.get(format!("{}{path}", self.baseurl)).build()?;
        self.pre(&mut request, &info).await?;
        let response = self.exec(request, &info).await?;
        match response.status().as_u16() {
            200 => ResponseValue::from_response(response).await,
            400..=499 => Err(progenitor_client::Error::ErrorResponse(
                ResponseValue::stream(response),
            )),
            _ => Err(progenitor_client::Error::UnexpectedResponse(response)),
        }
    }
}

const ERROR_BODY: &str = r#"{"message":"Invalid postcode","errorCode":"PS-0400","systemMessage":"postcode: pattern","traceId":"4d15","timestamp":"2019-08-24T14:15:22Z"}"#;

#[tokio::test]
async fn success_through_hooks() {
    let server = Server::start(vec![Reply::Respond(
        200,
        vec![("content-type", "application/json"), ("x-trace-id", "t-9")],
        r#"{"id":7,"items":[{"weight":1.5}]}"#,
    )])
    .await;
    let client = Client::new(server.url(""), Credentials::api_key("k-1"));
    let response = finish(client.get_parcel("/parcels/7?lang=en").await)
        .await
        .expect("success");
    assert_eq!(response.status, 200);
    assert_eq!(response.headers["x-trace-id"], "t-9");
    assert_eq!(
        response.into_inner(),
        Parcel {
            id: 7,
            items: vec![Item { weight: 1.5 }]
        }
    );
    assert_eq!(server.hits()[0].target, "/parcels/7?lang=en&key=k-1");
}

#[tokio::test]
async fn documented_error_becomes_api_error() {
    let server = Server::start(vec![Reply::Respond(400, Vec::new(), ERROR_BODY)]).await;
    let client = Client::new(server.url(""), Credentials::basic("u", "p"));
    let err = finish_value(client.get_parcel("/parcels/1").await)
        .await
        .expect_err("400");
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.code(), Some(&ErrorCode::Ps(400)));
    assert_eq!(err.category(), Some(ErrorCategory::Validation));
    let api = err.api().expect("api error");
    assert_eq!(api.trace_id.as_deref(), Some("4d15"));
    assert_eq!(api.system_message.as_deref(), Some("postcode: pattern"));
    assert_eq!(api.body, ERROR_BODY);
    assert_eq!(
        err.to_string(),
        "HTTP 400 PS-0400: Invalid postcode: postcode: pattern (trace id 4d15)",
        "the systemMessage follows the message (issue 10)"
    );
    assert!(!err.is_retryable());
    assert!(server.hits()[0].header("authorization").is_some());
}

#[tokio::test]
async fn undocumented_html_error_becomes_api_error() {
    let server = Server::start(vec![Reply::Respond(
        502,
        vec![("content-type", "text/html"), ("traceid", "gw-7")],
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
    )])
    .await;
    let client = Client::new(server.url(""), Credentials::None);
    let err = finish(client.get_parcel("/parcels/1").await)
        .await
        .expect_err("502");
    let api = err.api().expect("api error");
    assert_eq!(api.status, 502);
    assert_eq!(api.code, None);
    assert_eq!(api.trace_id.as_deref(), Some("gw-7"));
    assert!(api.body.contains("<h1>502 Bad Gateway</h1>"));
    assert_eq!(err.category(), Some(ErrorCategory::Server));
    assert!(err.is_retryable());
}

#[tokio::test]
async fn empty_error_body() {
    let server = Server::start(vec![status(404)]).await;
    let client = Client::new(server.url(""), Credentials::None);
    let err = finish(client.get_parcel("/parcels/1").await)
        .await
        .expect_err("404");
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.category(), Some(ErrorCategory::NotFound));
    assert_eq!(err.api().expect("api").body, "");
}

#[tokio::test]
async fn bad_success_payload_reports_json_path() {
    let server = Server::start(vec![Reply::Respond(
        200,
        Vec::new(),
        r#"{"id":7,"items":[{"weight":1},{"weight":"heavy"}]}"#,
    )])
    .await;
    let client = Client::new(server.url(""), Credentials::None);
    let err = finish(client.get_parcel("/parcels/7").await)
        .await
        .expect_err("decode");
    let Error::Decode {
        path,
        message,
        body_snippet,
    } = &err
    else {
        panic!("expected Decode, got {err:?}");
    };
    assert_eq!(path, "items[1].weight");
    assert!(message.contains("invalid type"), "{message}");
    assert!(body_snippet.contains("heavy"));
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn transport_errors_hide_the_api_key() {
    let addr = free_port().await;
    let client = Client::new(format!("http://{addr}"), Credentials::api_key("SECRETKEY"));
    let err = finish(client.get_parcel("/parcels/1").await)
        .await
        .expect_err("refused");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    let shown = format!("{err} {err:?} {:?}", std::error::Error::source(&err));
    assert!(!shown.contains("SECRETKEY"), "{shown}");
    assert!(err.is_retryable());
}

#[tokio::test]
async fn timeouts_map_to_timeout() {
    let server = Server::start(vec![Reply::Hang]).await;
    let client = Client::new(server.url(""), Credentials::api_key("SECRETKEY"));
    let err = finish(client.get_parcel("/parcels/1").await)
        .await
        .expect_err("timeout");
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("SECRETKEY"));
}

#[tokio::test]
async fn other_progenitor_errors() {
    let invalid: Result<ResponseValue<()>, progenitor_client::Error<()>> = Err(
        progenitor_client::Error::InvalidRequest("id is required".into()),
    );
    let err = finish_empty(invalid).await.expect_err("invalid");
    assert!(matches!(&err, Error::InvalidRequest { message, .. } if message == "id is required"));

    let custom: Result<ResponseValue<()>, progenitor_client::Error<()>> = Err(
        progenitor_client::Error::Custom("token source failed".into()),
    );
    let err = finish_empty(custom).await.expect_err("custom");
    assert!(matches!(&err, Error::Transport { message, .. } if message == "token source failed"));

    let unit_error: Result<ResponseValue<()>, progenitor_client::Error<()>> =
        Err(progenitor_client::Error::ErrorResponse(ResponseValue::new(
            (),
            StatusCode::CONFLICT,
            HeaderMap::new(),
        )));
    let err = finish_empty(unit_error).await.expect_err("409");
    assert_eq!(err.category(), Some(ErrorCategory::Conflict));

    let client = Client::new("http://127.0.0.1:1".into(), Credentials::None);
    let builder_error = client.client.get("no scheme").build().expect_err("bad url");
    let err = finish_empty::<()>(Err(builder_error.into()))
        .await
        .expect_err("builder");
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");

    let ok: Result<ResponseValue<()>, progenitor_client::Error<()>> = Ok(ResponseValue::new(
        (),
        StatusCode::NO_CONTENT,
        HeaderMap::new(),
    ));
    finish_empty(ok).await.expect("204");
}
