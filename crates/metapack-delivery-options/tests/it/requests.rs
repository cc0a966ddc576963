//! The exact HTTP request of `GET /find` (query string byte for byte, headers, the API key),
//! what is not sent, credentials and hosts, and how error statuses come back.

use crate::common;

use common::{Capture, KEY, at, builder, client, client_without_retries, home, user_agent};
use httpmock::Method::GET;
use httpmock::MockServer;
use metapack_delivery_options::{
    AddressKind, Credentials, DeliveryOptionsClient, Destination, DimensionUnit, Environment,
    Error, FindOptions, METAPACK_SANDBOX_URL, OptionType, PRODUCTION_URL, Parcel, SortOrder,
    Warehouse, WeightUnit,
};
use serde_json::json;
use uuid::Uuid;

const TRACE_ID: &str = "2bd19526-7abb-42b5-ad53-77c4d94af0df";

/// Every parameter that can travel together with per-parcel details and `limit` (so all but
/// `skus`, `minown` and `maxown`, which exclude them).
fn full() -> FindOptions {
    let mut options = FindOptions::new(
        Warehouse::code("SL123")
            .postcode("SL1 A23")
            .country("GBR")
            .line1("Building 5")
            .line2("50 Bell Road")
            .line3("Westminster")
            .line4("London"),
        Destination::postcode("GBR", "EC1R 4PF")
            .with_coordinates(51.5072, -0.1276)
            .address_type(AddressKind::Residential)
            .line1("Flat 5")
            .line2("50 Bell Road")
            .line3("Westminster")
            .line4("London"),
    )
    .option_types([OptionType::Home, OptionType::Pudo])
    .limit(10)
    .multi_country(true)
    .radius(5000)
    .sort(SortOrder::Lgg)
    .include_groups(["STANDARD", "RETURNS"])
    .exclude_groups(["26000156", "TRANSFER"])
    .delivery_slot(at(2022, 4, 5, 0, 0, 0), at(2022, 4, 11, 23, 59, 59))
    .collection_slot(at(2022, 4, 4, 8, 0, 0), at(2022, 4, 4, 18, 30, 0))
    .parcels([
        Parcel::new().dimensions(1.0, 1.3, 0.3).weight(1.0),
        Parcel::new().dimensions(2.5, 2.2, 2.1).weight(2.2),
        Parcel::new().dimensions(1.0, 1.0, 1.6).weight(1.1),
    ])
    .total_weight(4.3)
    .heaviest_parcel_weight(2.2)
    .largest_dimension(3)
    .weight_unit(WeightUnit::Kg)
    .dimension_unit(DimensionUnit::Cm)
    .consignment_value(10.0, "EUR")
    .cash_on_delivery(12.5, "EUR")
    .hazmat_codes(["1090", "UN3480"])
    .trace_id(Uuid::parse_str(TRACE_ID).expect("uuid"));
    for n in 1..=10u8 {
        options = options.custom(n, format!("example{n}"));
    }
    options
}

/// The exact query of [`full`], key last.
const FULL_QUERY: &str = "acceptableCollectionSlots=2022-04-04+08%3A00%3A00%2C2022-04-04+18%3A30%3A00\
&acceptableDeliverySlots=2022-04-05+00%3A00%3A00%2C2022-04-11+23%3A59%3A59\
&c_address_type=RESIDENTIAL&c_cc=GBR&c_l1=Flat+5&c_l2=50+Bell+Road&c_l3=Westminster&c_l4=London\
&c_lat=51.5072&c_long=-0.1276&c_pc=EC1R+4PF&cod_amount=12.5&cod_currency=EUR\
&consignmentLevelDetailsFlag=false\
&custom1=example1&custom10=example10&custom2=example2&custom3=example3&custom4=example4\
&custom5=example5&custom6=example6&custom7=example7&custom8=example8&custom9=example9\
&dimensions_unit=CM&e_maxdim=3&e_maxweight=2.2&e_n=3&e_v=10.0&e_v_currency=EUR&e_w=4.3\
&excgrp=26000156%2CTRANSFER&hazmat_codes=1090%2CUN3480&incgrp=STANDARD%2CRETURNS&limit=10\
&multiCountry=true&optionType=HOME%2CPUDO&parcelDepth=0.3%2C2.1%2C1.6\
&parcelHeight=1.0%2C2.5%2C1.0&parcelWeight=1.0%2C2.2%2C1.1&parcelWidth=1.3%2C2.2%2C1.0\
&r_t=lgg&radius=5000&weight_unit=KG&wh_cc=GBR&wh_code=SL123&wh_l1=Building+5\
&wh_l2=50+Bell+Road&wh_l3=Westminster&wh_l4=London&wh_pc=SL1+A23\
&key=03b2a318-bdf6-49a3-97c4-868ae039de04";

fn ok_body() -> serde_json::Value {
    json!({
        "header": {"requestId": TRACE_ID, "requestDate": "2020-02-17T15:36:02.244Z"},
        "results": []
    })
}

#[tokio::test]
async fn full_request_sends_the_exact_query_and_headers() {
    let server = MockServer::start_async().await;
    let capture = Capture::default();
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/find")
                .query_param("wh_code", "SL123")
                .query_param("wh_pc", "SL1 A23")
                .query_param("c_pc", "EC1R 4PF")
                .query_param("c_lat", "51.5072")
                .query_param("c_long", "-0.1276")
                .query_param("optionType", "HOME,PUDO")
                .query_param("incgrp", "STANDARD,RETURNS")
                .query_param("excgrp", "26000156,TRANSFER")
                .query_param("hazmat_codes", "1090,UN3480")
                .query_param("parcelHeight", "1.0,2.5,1.0")
                .query_param("parcelWeight", "1.0,2.2,1.1")
                .query_param(
                    "acceptableDeliverySlots",
                    "2022-04-05 00:00:00,2022-04-11 23:59:59",
                )
                .query_param("consignmentLevelDetailsFlag", "false")
                .query_param("e_n", "3")
                .query_param("custom10", "example10")
                .query_param("key", KEY)
                .query_param_count("^key$", ".*", 1)
                .header("traceId", TRACE_ID)
                .header("accept", "application/json")
                .header("user-agent", user_agent())
                .header_missing("api-version")
                .is_true(capture.matcher());
            then.status(200)
                .header("content-type", "application/json")
                .json_body(ok_body());
        })
        .await;
    let client = client(&server.base_url());

    let options = full();
    let valid = options.build().expect("every rule holds");
    assert_eq!(
        valid.query_pairs().len(),
        51,
        "all 55 query parameters but skus, minown, maxown and key"
    );
    let response = client.find(&options).await.expect("found");

    mock.assert_async().await;
    let sent = capture.only();
    assert_eq!(sent, FULL_QUERY);
    assert_eq!(sent, format!("{}&key={KEY}", valid.query_string()));
    assert_eq!(response.request_id(), Some(TRACE_ID));
    assert!(response.is_empty());
}

#[tokio::test]
async fn skus_own_stores_and_the_remaining_parameters() {
    let server = MockServer::start_async().await;
    let capture = Capture::default();
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/find")
                .query_param("skus", "x,y;z")
                .query_param("minown", "2")
                .query_param("maxown", "10")
                .query_param("optionType", "OWNSTORE")
                .query_param("dimensions_unit", "IN")
                .query_param("weight_unit", "LB")
                .query_param("c_address_type", "BUSINESS")
                .query_param("r_t", "gss")
                .query_param_missing("c_pc")
                .query_param_missing("limit")
                .query_param_missing("consignmentLevelDetailsFlag")
                .is_true(capture.matcher());
            then.status(200)
                .header("content-type", "application/json")
                .json_body(ok_body());
        })
        .await;
    let client = client(&server.base_url());

    let options = FindOptions::new(
        Warehouse::code("WH1"),
        Destination::coordinates("NLD", 52.37, 4.89).address_type(AddressKind::Business),
    )
    .option_types([OptionType::Ownstore])
    .own_stores(2, 10)
    .skus(vec![vec!["x", "y"], vec!["z"]])
    .weight_unit(WeightUnit::Lb)
    .dimension_unit(DimensionUnit::In)
    .sort(SortOrder::Gss);
    client.find(&options).await.expect("found");

    mock.assert_async().await;
    assert_eq!(
        capture.only(),
        format!(
            "c_address_type=BUSINESS&c_cc=NLD&c_lat=52.37&c_long=4.89&dimensions_unit=IN\
             &maxown=10&minown=2&optionType=OWNSTORE&r_t=gss&skus=x%2Cy%3Bz&weight_unit=LB\
             &wh_code=WH1&key={KEY}"
        )
    );
}

#[tokio::test]
async fn defaults_are_not_sent_unless_set() {
    let server = MockServer::start_async().await;
    let capture = Capture::default();
    let mock = server
        .mock_async(|when, then| {
            let mut when = when.method(GET).path("/find");
            for absent in [
                "wh_pc",
                "wh_cc",
                "wh_l1",
                "wh_l2",
                "wh_l3",
                "wh_l4",
                "c_lat",
                "c_long",
                "c_address_type",
                "c_l1",
                "c_l2",
                "c_l3",
                "c_l4",
                "consignmentLevelDetailsFlag",
                "e_maxdim",
                "e_maxweight",
                "dimensions_unit",
                "weight_unit",
                "e_n",
                "e_w",
                "e_v",
                "e_v_currency",
                "parcelHeight",
                "parcelWeight",
                "parcelDepth",
                "parcelWidth",
                "cod_amount",
                "cod_currency",
                "hazmat_codes",
                "skus",
                "limit",
                "multiCountry",
                "radius",
                "minown",
                "maxown",
                "r_t",
                "incgrp",
                "excgrp",
                "acceptableCollectionSlots",
                "acceptableDeliverySlots",
                "custom1",
                "custom10",
            ] {
                when = when.query_param_missing(absent);
            }
            when.query_param("wh_code", "WH1")
                .query_param("c_cc", "GBR")
                .query_param("c_pc", "EC1R 4PF")
                .query_param("optionType", "HOME")
                .query_param("key", KEY)
                .header_missing("traceId")
                .is_true(|req| req.query_params().len() == 5)
                .is_true(capture.matcher());
            then.status(200)
                .header("content-type", "application/json")
                .body("{}");
        })
        .await;
    let client = client(&server.base_url());

    let response = client.find(&home()).await.expect("found");

    mock.assert_async().await;
    assert_eq!(
        capture.only(),
        format!("c_cc=GBR&c_pc=EC1R+4PF&optionType=HOME&wh_code=WH1&key={KEY}")
    );
    assert!(response.is_empty());
    assert_eq!(response.request_id(), None);

    // Every option type: optionType is omitted, not sent empty.
    let all = FindOptions::new(
        Warehouse::code("WH1"),
        Destination::postcode("GBR", "L1 7AA"),
    );
    assert_eq!(
        all.build().expect("valid").query_string(),
        "c_cc=GBR&c_pc=L1+7AA&wh_code=WH1"
    );
}

#[tokio::test]
async fn arrays_are_comma_joined_and_form_encoded() {
    let server = MockServer::start_async().await;
    let capture = Capture::default();
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/find")
                .query_param("optionType", "HOME,PUDO")
                .query_param_count("^optionType$", ".*", 1)
                .is_true(capture.matcher());
            then.status(200)
                .header("content-type", "application/json")
                .body("{}");
        })
        .await;
    let client = client(&server.base_url());

    // A repeated type is sent once; the order given is kept.
    let options = home().option_types([OptionType::Home, OptionType::Pudo, OptionType::Home]);
    client.find(&options).await.expect("found");

    mock.assert_async().await;
    let sent = capture.only();
    assert!(sent.contains("&optionType=HOME%2CPUDO&"), "{sent}");
    assert!(!sent.contains("optionType=HOME,PUDO"), "{sent}");
    // One parameter, not a repeated key (progenitor's default for arrays).
    assert_eq!(sent.matches("optionType=").count(), 1, "{sent}");
}

#[tokio::test]
async fn spaces_in_postcodes_travel_as_plus() {
    let server = MockServer::start_async().await;
    let capture = Capture::default();
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/find")
                .query_param("c_pc", "EC1R 4PF")
                .query_param("wh_pc", "SL1 A23")
                .is_true(capture.matcher());
            then.status(200)
                .header("content-type", "application/json")
                .body("{}");
        })
        .await;
    let client = client(&server.base_url());

    let options = FindOptions::home(
        Warehouse::code("WH1").postcode("SL1 A23"),
        Destination::postcode("GBR", "EC1R 4PF"),
    );
    client.find(&options).await.expect("found");

    mock.assert_async().await;
    let sent = capture.only();
    assert!(sent.contains("c_pc=EC1R+4PF"), "{sent}");
    assert!(sent.contains("wh_pc=SL1+A23"), "{sent}");
    assert!(!sent.contains("%20"), "{sent}");
}

#[tokio::test]
async fn the_key_is_sent_exactly_once_last_and_never_the_placeholder() {
    let server = MockServer::start_async().await;
    let capture = Capture::default();
    let mock = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/find")
                .query_param("key", KEY)
                .query_param_count("^key$", ".*", 1)
                .is_true(capture.matcher());
            then.status(200)
                .header("content-type", "application/json")
                .body("{}");
        })
        .await;
    let client = client(&server.base_url());

    client.find(&home()).await.expect("typed find");
    // The generated builder has no `key`: the runtime adds the credentials' key there too.
    let raw = client
        .raw()
        .find_delivery_options()
        .wh_code("WH1")
        .c_cc("GBR")
        .c_pc("EC1R 4PF")
        .option_type("HOME")
        .send()
        .await;
    metapack_core::finish_value(raw).await.expect("raw find");

    mock.assert_calls_async(2).await;
    for sent in capture.distinct() {
        assert_eq!(sent.matches("key=").count(), 1, "{sent}");
        assert!(sent.ends_with(&format!("&key={KEY}")), "{sent}");
    }
}

#[tokio::test]
async fn trace_id_travels_as_the_trace_id_header() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).path("/find").header("traceId", TRACE_ID);
            then.status(200)
                .header("content-type", "application/json")
                .json_body(ok_body());
        })
        .await;
    let client = client(&server.base_url());

    let trace_id = Uuid::parse_str(TRACE_ID).expect("uuid");
    let options = home().trace_id(trace_id);
    assert_eq!(options.build().expect("valid").trace_id(), Some(trace_id));
    // Not a query parameter.
    assert!(
        !options
            .build()
            .expect("valid")
            .query_string()
            .contains(TRACE_ID)
    );
    let response = client.find(&options).await.expect("found");

    mock.assert_async().await;
    assert_eq!(response.request_id(), Some(TRACE_ID));
}

#[tokio::test]
async fn error_statuses_are_api_errors_and_only_server_failures_are_retried() {
    // (status, attempts): 400 and 401 are final; the 5xx of a GET are retried up to 3 times.
    for (status, attempts) in [(400, 1), (401, 1), (500, 3), (502, 3), (503, 3), (504, 3)] {
        let server = MockServer::start_async().await;
        let mock = server
            .mock_async(|when, then| {
                when.method(GET).path("/find");
                then.status(status)
                    .header("content-type", "application/json")
                    .json_body(json!({
                        "message": format!("failed with {status}"),
                        "errorCode": format!("DMO-{status}"),
                        "traceId": "t-1"
                    }));
            })
            .await;
        let client = client(&server.base_url());

        let err = client.find(&home()).await.expect_err("error status");

        mock.assert_calls_async(attempts).await;
        let Error::Api(api) = &err else {
            panic!("{status}: expected Error::Api, got {err:?}");
        };
        assert_eq!(api.status, status);
        assert_eq!(
            api.message.as_deref(),
            Some(format!("failed with {status}").as_str())
        );
        assert_eq!(api.trace_id.as_deref(), Some("t-1"));
        assert_eq!(err.status(), Some(status));
        assert!(!err.to_string().contains(KEY), "{err}");
        assert!(!format!("{err:?}").contains(KEY), "{err:?}");
    }
}

#[tokio::test]
async fn gateway_html_is_an_api_error_with_its_status() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).path("/find");
            then.status(502)
                .header("content-type", "text/html")
                .body("<html><body>Bad Gateway</body></html>");
        })
        .await;
    let client = client_without_retries(&server.base_url());

    let err = client.find(&home()).await.expect_err("502");

    mock.assert_calls_async(1).await;
    let api = err.api().expect("Error::Api");
    assert_eq!(api.status, 502);
    assert!(api.body.contains("Bad Gateway"), "{api:?}");
}

#[tokio::test]
async fn service_unavailable_is_retried_until_it_succeeds() {
    let server = MockServer::start_async().await;
    let unavailable = server
        .mock_async(|when, then| {
            when.method(GET).path("/find");
            then.status(503);
        })
        .await;
    unavailable.up_to_n_times_async(2).await;
    let capture = Capture::default();
    let ok = server
        .mock_async(|when, then| {
            when.method(GET).path("/find").is_true(capture.matcher());
            then.status(200)
                .header("content-type", "application/json")
                .json_body(
                    json!({"results": [{"optionType": "HOME", "bookingCode": "X/2022-04-05"}]}),
                );
        })
        .await;
    let client = client(&server.base_url());

    let response = client.find(&home()).await.expect("third attempt succeeds");

    unavailable.assert_calls_async(2).await;
    ok.assert_calls_async(1).await;
    assert_eq!(response.len(), 1);
    // The retried request is the same request: one key, same query.
    assert_eq!(
        capture.only(),
        format!("c_cc=GBR&c_pc=EC1R+4PF&optionType=HOME&wh_code=WH1&key={KEY}")
    );
}

#[test]
fn credentials_must_be_an_api_key_that_is_a_uuid() {
    let rejected = [
        Credentials::basic("user", "password"),
        Credentials::api_key("not-a-uuid-SECRET"),
        Credentials::api_key("03b2a318bdf649a397c4868ae039de04"), // simple form
        Credentials::api_key("{03b2a318-bdf6-49a3-97c4-868ae039de04}"), // braced form
        Credentials::api_key(" 03b2a318-bdf6-49a3-97c4-868ae039de04"),
    ];
    for credentials in rejected {
        let err = DeliveryOptionsClient::builder()
            .credentials(credentials.clone())
            .build()
            .expect_err("rejected");
        let Error::InvalidRequest { field, message, .. } = &err else {
            panic!("{credentials:?}: expected InvalidRequest, got {err:?}");
        };
        assert_eq!(field.as_deref(), Some("key"), "{message}");
        assert!(!message.contains("SECRET"), "{message}");
        assert!(!message.contains("868ae039de04}"), "{message}");
    }
    let err = DeliveryOptionsClient::builder().build().expect_err("none");
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");

    // Upper-case hex is still a UUID.
    DeliveryOptionsClient::builder()
        .credentials(Credentials::api_key(KEY.to_ascii_uppercase()))
        .environment(Environment::Production)
        .build()
        .expect("upper-case UUID");
}

#[test]
fn sandbox_and_production_both_use_the_documented_host() {
    assert_eq!(PRODUCTION_URL, "https://dmo.metapack.com/dmoptions");
    assert_eq!(METAPACK_SANDBOX_URL, PRODUCTION_URL);
    let err = DeliveryOptionsClient::builder()
        .credentials(Credentials::api_key(KEY))
        .build()
        .expect_err("no environment");
    assert!(
        matches!(&err, Error::InvalidRequest { field: Some(f), .. } if f == "environment"),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("Environment::MetapackSandbox"),
        "{err}"
    );
    for environment in [Environment::MetapackSandbox, Environment::Production] {
        let client = DeliveryOptionsClient::builder()
            .credentials(Credentials::api_key(KEY))
            .environment(environment)
            .build()
            .expect("client");
        assert_eq!(client.base_url(), PRODUCTION_URL);
    }
    let custom = builder("http://127.0.0.1:9/dmoptions/")
        .build()
        .expect("client");
    assert_eq!(custom.base_url(), "http://127.0.0.1:9/dmoptions");
}

#[tokio::test]
async fn the_key_never_shows_in_debug_output_or_transport_errors() {
    let client = builder("http://127.0.0.1:9").build().expect("client");
    let builder_debug = format!(
        "{:?}",
        DeliveryOptionsClient::builder().credentials(Credentials::api_key(KEY))
    );
    for text in [
        format!("{client:?}"),
        format!("{client:#?}"),
        format!("{:?}", client.raw()),
        builder_debug,
        format!("{:?}", home().build().expect("valid")),
    ] {
        assert!(!text.contains(KEY), "{text}");
    }

    // Nothing listens on a freshly released port: the URL in the error has no query.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let client = client_without_retries(&format!("http://{addr}"));
    let err = client.find(&home()).await.expect_err("refused");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    let mut texts = vec![err.to_string(), format!("{err:?}"), format!("{err:#?}")];
    let mut source = std::error::Error::source(&err);
    while let Some(cause) = source {
        texts.push(cause.to_string());
        source = cause.source();
    }
    for text in texts {
        assert!(!text.contains(KEY), "{text}");
    }
}

#[tokio::test]
async fn the_echoed_key_is_removed_from_the_response() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/find").query_param("key", KEY);
            then.status(200).json_body(json!({
                "header": {"inputParameters": {
                    "key": [KEY], "KEY": [KEY], "c_pc": ["EC1R 4PF"]
                }},
                "results": []
            }));
        })
        .await;
    let found = client(&server.base_url())
        .find(&home())
        .await
        .expect("found");
    let header = found.header.as_ref().expect("header");
    assert_eq!(
        header.input_parameters.keys().collect::<Vec<_>>(),
        ["c_pc"],
        "the other echoed parameters stay"
    );
    assert!(!format!("{found:?}").contains(KEY));
    assert!(!serde_json::to_string(&found).unwrap().contains(KEY));
}
