//! The agreement test: the same requests judged by the client crate's `Validate` and by the
//! sandbox's own [`Validator`] must get the same verdict, with the same violations (field path
//! and B.10 code, in any order). A disagreement means one of the two readings of the
//! reference is wrong; each one found so far was settled from the reference (the findings
//! are listed in the [module documentation](super)).
//!
//! The cases: the reference's own allocation example and other valid shipments, each
//! Appendix A constraint broken once, every Appendix D row (fields missing, fields present),
//! every country, time zone and language of both tables, unknown values of every closed list,
//! version-gated fields, and the other request bodies and query parameters.

use chrono::{DateTime, Utc};
use metapack_mm_api::ApiVersion;
use metapack_mm_api::errors::ConstraintViolation;
use metapack_mm_api::model::{
    AllocationParams, ConsignmentList, ConsignmentStatus, ConsignmentStatusBatch, DocumentParams,
    Shipment,
};
use metapack_mm_api::validation::{Checker, Validate};
use metapack_mm_api::values::{countries, languages, time_zones};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::address_rules::FIELDS;
use super::{Validator, Version, values};

/// The clock both sides judge `Past` against.
fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2024-11-19T14:26:16Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// The client's version for one of the sandbox's.
fn client_version(version: Version) -> ApiVersion {
    let content_type = format!("application/vnd.metapack.mm.v{}+json", version.spelling());
    ApiVersion::from_content_type(&content_type).unwrap()
}

/// The violations as sorted `field code` lines.
fn lines(violations: &[ConstraintViolation]) -> Vec<String> {
    let mut lines: Vec<String> = violations
        .iter()
        .map(|v| format!("{}.{} {}", v.object_name, v.field_path(), v.code))
        .collect();
    lines.sort();
    lines
}

/// What the client's `Validate` says about `body` decoded as `T`.
fn client<T: DeserializeOwned + Validate>(
    body: &Value,
    version: Version,
) -> Vec<ConstraintViolation> {
    let value: T = serde_json::from_value(body.clone()).unwrap();
    let mut checker = Checker::new(T::OBJECT_NAME, client_version(version)).at(now());
    value.validate_in(&mut checker);
    checker.into_violations()
}

/// The cases run, and the disagreements found.
#[derive(Default)]
struct Agreement {
    cases: usize,
    invalid: usize,
    disagreements: Vec<String>,
}

impl Agreement {
    /// Records one case judged by both sides.
    fn compare(
        &mut self,
        name: &str,
        client: &[ConstraintViolation],
        sandbox: &[ConstraintViolation],
    ) {
        self.cases += 1;
        let (client, sandbox) = (lines(client), lines(sandbox));
        if !sandbox.is_empty() {
            self.invalid += 1;
        }
        if client != sandbox {
            self.disagreements.push(format!(
                "{name}:\n  client  {client:?}\n  sandbox {sandbox:?}"
            ));
        }
    }

    /// A shipment case.
    fn shipment(&mut self, name: &str, version: Version, body: &Value) {
        let sandbox = Validator::new(version).at(now()).shipment(body);
        self.compare(name, &client::<Shipment>(body, version), &sandbox);
    }

    /// The verdict of a case expected to be valid, or to break exactly `expected`
    /// (`field code`), on both sides.
    fn expect(&mut self, name: &str, version: Version, body: &Value, expected: &[&str]) {
        let sandbox = Validator::new(version).at(now()).shipment(body);
        let mut wanted: Vec<String> = expected.iter().map(|e| format!("shipment.{e}")).collect();
        wanted.sort();
        if lines(&sandbox) != wanted {
            self.disagreements.push(format!(
                "{name}: the sandbox found {:?}, the reference says {wanted:?}",
                lines(&sandbox)
            ));
        }
        self.shipment(name, version, body);
    }
}

/// The reference's allocation example (3.2.1), verbatim, from `specs/examples/`.
fn documented_shipment() -> Value {
    serde_json::from_str(include_str!(
        "../../../../../specs/examples/mm-api/allocate_shipment.request.json"
    ))
    .expect("specs/examples/mm-api/allocate_shipment.request.json is JSON")
}

/// A trade item with every mandatory field.
fn trade_item() -> Value {
    json!({
        "@type": "TradeItem", "countryOfOrigin": "CHN", "fabricContent": "cotton",
        "harmonisedCode": "6109100010", "productCode": "TSHIRT-1", "description": "T-shirt",
        "quantity": 2, "productType": "Clothing",
        "unitValue": {"value": 9.99, "currencyCode": "GBP"},
        "unitWeight": {"value": 0.2, "unit": "KG"}
    })
}

/// `body` with `value` at the JSON pointer `at` (its parent must exist).
fn with(body: &Value, at: &str, value: Value) -> Value {
    let mut body = body.clone();
    let (parent, key) = at.rsplit_once('/').unwrap();
    match body.pointer_mut(parent).unwrap() {
        Value::Object(map) => {
            map.insert(key.to_owned(), value);
        }
        Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
        other => panic!("{at}: {other}"),
    }
    body
}

/// `body` without what is at the JSON pointer `at`.
fn without(body: &Value, at: &str) -> Value {
    let mut body = body.clone();
    let (parent, key) = at.rsplit_once('/').unwrap();
    body.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .unwrap()
        .remove(key);
    body
}

fn text(length: usize) -> Value {
    Value::from("x".repeat(length))
}

fn eleven_properties() -> Value {
    (0..11)
        .map(|i| (format!("k{i}"), Value::from("v")))
        .collect::<serde_json::Map<String, Value>>()
        .into()
}

fn many(value: Value, count: usize) -> Value {
    Value::Array(vec![value; count])
}

#[test]
fn the_client_and_the_sandbox_read_the_reference_alike() {
    use Version::{V0, V0_7, V0_7_1, V0_7_5, V1_0};
    let mut a = Agreement::default();
    let doc = documented_shipment();
    let unit = "/logisticsUnits/0";
    let dest = "/destination/address";
    let contact = "/receiver/contact";

    // Valid shipments.
    for version in [V0, V0_7_5, V1_0] {
        a.expect(
            &format!("the reference's example, {version}"),
            version,
            &doc,
            &[],
        );
    }
    let items = with(&doc, &format!("{unit}/tradeItems"), json!([trade_item()]));
    a.expect("a trade item", V0, &items, &[]);
    let mut hazardous = trade_item();
    hazardous["@type"] = json!("HazardousTradeItem");
    hazardous["codes"] = json!(["UN1266"]);
    hazardous["materialAttributes"] = json!(["LIQUID", "AEROSOL"]);
    let hazardous_doc = with(
        &doc,
        &format!("{unit}/tradeItems"),
        json!([hazardous.clone()]),
    );
    a.expect("a hazardous trade item", V0, &hazardous_doc, &[]);
    let attributes = json!({
        "limitedQuantity": false, "proofOfDeliveryType": "SIGNATURE", "twoMan": true,
        "insuranceAmount": {"value": 100, "currencyCode": "GBP"},
        "cashOnDelivery": {"value": {"value": 10.5, "currencyCode": "GBP"}, "specialInstruction": "cash"},
        "identity": {"typeOfDocument": "passport", "photo": true},
        "shippingCost": {"value": 4.99, "currencyCode": "GBP"}
    });
    let attributed = with(&doc, "/shipmentAttributes", attributes.clone());
    a.expect(
        "every shipment attribute",
        V0_7,
        &without(&without(&attributed, "/origin"), "/sender/uri"),
        &[],
    );
    a.expect("every shipment attribute", V0, &attributed, &[]);
    let order = json!({"number": "ORDER-1", "value": {"value": 20, "currencyCode": "GBP"},
                       "date": "2016-01-14", "orderProperties": {"channel": "web"}});
    let ordered = with(&doc, "/orders", json!([order.clone()]));
    a.expect("an order", V0, &ordered, &[]);
    for date in [
        "2017-01-15T01:50:02+02:00",
        "2018-02-16T13:37:40.123+04:30",
        "2019-03-17T17:31:10Z",
    ] {
        a.expect(
            &format!("an order of {date}"),
            V0,
            &with(&ordered, "/orders/0/date", json!(date)),
            &[],
        );
    }
    let properties = with(
        &doc,
        "/shipmentProperties",
        json!({"gift": "yes", "k".repeat(30): "v".repeat(100)}),
    );
    a.expect("shipment properties", V0, &properties, &[]);
    let incoterms = with(&doc, "/incoterms", json!("DDP"));
    a.expect("incoterms", V0, &incoterms, &[]);
    let collection_by_uri = json!({
        "type": "COLLECTION",
        "sender": {"uri": "https://example.metapack.com/locations/1"},
        "receiver": doc["receiver"].clone(),
        "destination": {"uri": "https://example.metapack.com/locations/pudo-1"},
        "logisticsUnits": doc["logisticsUnits"].clone()
    });
    a.expect("a collection by URI", V0, &collection_by_uri, &[]);
    let by_point = with(
        &without(&collection_by_uri, "/destination/uri"),
        "/destination/collectionPointID",
        json!("PUDO-123"),
    );
    let by_point = with(
        &by_point,
        "/destination/collectionPointProviderID",
        json!("INPOST"),
    );
    let by_point = with(
        &by_point,
        "/destination/address",
        doc["destination"]["address"].clone(),
    );
    a.expect("a collection at a collection point", V0_7_5, &by_point, &[]);

    // Each constraint broken once.
    let broken: Vec<(&str, Value, Vec<&str>)> = vec![
        (
            "shipmentRef 41",
            with(&doc, "/shipmentRef", text(41)),
            vec!["shipmentRef Size"],
        ),
        ("no type", without(&doc, "/type"), vec!["type NotNull"]),
        (
            "type OFFICE",
            with(&doc, "/type", json!("OFFICE")),
            vec!["type SupportedValue"],
        ),
        (
            "no logisticsUnits",
            without(&doc, "/logisticsUnits"),
            vec!["logisticsUnits NotNull"],
        ),
        (
            "no unit",
            with(&doc, "/logisticsUnits", json!([])),
            vec!["logisticsUnits Size"],
        ),
        (
            "11 units",
            with(
                &doc,
                "/logisticsUnits",
                many(doc["logisticsUnits"][0].clone(), 11),
            ),
            vec!["logisticsUnits Size"],
        ),
        (
            "no weight",
            without(&doc, &format!("{unit}/weight")),
            vec!["logisticsUnits[0].weight NotNull"],
        ),
        (
            "weight -1",
            with(&doc, &format!("{unit}/weight/value"), json!(-1.0)),
            vec!["logisticsUnits[0].weight.value Min"],
        ),
        (
            "weight 1.2345",
            with(&doc, &format!("{unit}/weight/value"), json!(1.2345)),
            vec!["logisticsUnits[0].weight.value Digits"],
        ),
        (
            "weight in LB",
            with(&doc, &format!("{unit}/weight/unit"), json!("LB")),
            vec!["logisticsUnits[0].weight.unit SupportedValue"],
        ),
        (
            "weight without unit",
            without(&doc, &format!("{unit}/weight/unit")),
            vec!["logisticsUnits[0].weight.unit NotNull"],
        ),
        (
            "no dimension",
            without(&doc, &format!("{unit}/dimension")),
            vec!["logisticsUnits[0].dimension NotNull"],
        ),
        (
            "width 1.5",
            with(&doc, &format!("{unit}/dimension/width"), json!(1.5)),
            vec!["logisticsUnits[0].dimension.width Digits"],
        ),
        (
            "width 1000",
            with(&doc, &format!("{unit}/dimension/width"), json!(1000)),
            vec!["logisticsUnits[0].dimension.width Digits"],
        ),
        (
            "depth -1",
            with(&doc, &format!("{unit}/dimension/depth"), json!(-1)),
            vec!["logisticsUnits[0].dimension.depth Min"],
        ),
        (
            "no height",
            without(&doc, &format!("{unit}/dimension/height")),
            vec!["logisticsUnits[0].dimension.height NotNull"],
        ),
        (
            "dimension in IN",
            with(&doc, &format!("{unit}/dimension/unit"), json!("IN")),
            vec!["logisticsUnits[0].dimension.unit SupportedValue"],
        ),
        (
            "currency EURO",
            with(&doc, &format!("{unit}/value/currencyCode"), json!("EURO")),
            vec!["logisticsUnits[0].value.currencyCode Size"],
        ),
        (
            "value 1.234",
            with(&doc, &format!("{unit}/value/value"), json!(1.234)),
            vec!["logisticsUnits[0].value.value Digits"],
        ),
        (
            "value without amount",
            without(&doc, &format!("{unit}/value/value")),
            vec!["logisticsUnits[0].value.value NotNull"],
        ),
        (
            "shipperRef 101",
            with(&doc, &format!("{unit}/shipperRef"), text(101)),
            vec!["logisticsUnits[0].shipperRef Size"],
        ),
        (
            "packageType 51",
            with(&doc, &format!("{unit}/packageType"), text(51)),
            vec!["logisticsUnits[0].packageType Size"],
        ),
        (
            "21 trade items",
            with(&doc, &format!("{unit}/tradeItems"), many(trade_item(), 21)),
            vec!["logisticsUnits[0].tradeItems Size"],
        ),
        (
            "unit properties 11",
            with(
                &doc,
                &format!("{unit}/shipmentProperties"),
                eleven_properties(),
            ),
            vec!["logisticsUnits[0].shipmentProperties Size"],
        ),
        (
            "no countryOfOrigin",
            without(&items, &format!("{unit}/tradeItems/0/countryOfOrigin")),
            vec!["logisticsUnits[0].tradeItems[0].countryOfOrigin NotNull"],
        ),
        (
            "countryOfOrigin GB",
            with(
                &items,
                &format!("{unit}/tradeItems/0/countryOfOrigin"),
                json!("GB"),
            ),
            vec!["logisticsUnits[0].tradeItems[0].countryOfOrigin Size"],
        ),
        (
            "countryOfOrigin XXX",
            with(
                &items,
                &format!("{unit}/tradeItems/0/countryOfOrigin"),
                json!("XXX"),
            ),
            vec!["logisticsUnits[0].tradeItems[0].countryOfOrigin SupportedValue"],
        ),
        (
            "quantity 0",
            with(&items, &format!("{unit}/tradeItems/0/quantity"), json!(0)),
            vec!["logisticsUnits[0].tradeItems[0].quantity DecimalMin"],
        ),
        (
            "quantity 1.5",
            with(&items, &format!("{unit}/tradeItems/0/quantity"), json!(1.5)),
            vec!["logisticsUnits[0].tradeItems[0].quantity Digits"],
        ),
        (
            "no quantity",
            without(&items, &format!("{unit}/tradeItems/0/quantity")),
            vec!["logisticsUnits[0].tradeItems[0].quantity NotNull"],
        ),
        (
            "no description",
            without(&items, &format!("{unit}/tradeItems/0/description")),
            vec!["logisticsUnits[0].tradeItems[0].description NotNull"],
        ),
        (
            "harmonisedCode 51",
            with(
                &items,
                &format!("{unit}/tradeItems/0/harmonisedCode"),
                text(51),
            ),
            vec!["logisticsUnits[0].tradeItems[0].harmonisedCode Size"],
        ),
        (
            "no productType",
            without(&items, &format!("{unit}/tradeItems/0/productType")),
            vec!["logisticsUnits[0].tradeItems[0].productType NotNull"],
        ),
        (
            "no unitValue",
            without(&items, &format!("{unit}/tradeItems/0/unitValue")),
            vec!["logisticsUnits[0].tradeItems[0].unitValue NotNull"],
        ),
        (
            "no unitWeight",
            without(&items, &format!("{unit}/tradeItems/0/unitWeight")),
            vec!["logisticsUnits[0].tradeItems[0].unitWeight NotNull"],
        ),
        (
            "trade item type Gadget",
            with(
                &items,
                &format!("{unit}/tradeItems/0/@type"),
                json!("Gadget"),
            ),
            vec!["logisticsUnits[0].tradeItems[0].@type SupportedValue"],
        ),
        (
            "hazardous without codes",
            without(&hazardous_doc, &format!("{unit}/tradeItems/0/codes")),
            vec!["logisticsUnits[0].tradeItems[0].codes ValueDependsOn"],
        ),
        (
            "hazardous without attributes",
            without(
                &hazardous_doc,
                &format!("{unit}/tradeItems/0/materialAttributes"),
            ),
            vec!["logisticsUnits[0].tradeItems[0].materialAttributes ValueDependsOn"],
        ),
        (
            "material SOLID",
            with(
                &hazardous_doc,
                &format!("{unit}/tradeItems/0/materialAttributes"),
                json!(["SOLID"]),
            ),
            vec!["logisticsUnits[0].tradeItems[0].materialAttributes[0] Enum"],
        ),
        (
            "11 codes",
            with(
                &hazardous_doc,
                &format!("{unit}/tradeItems/0/codes"),
                many(json!("UN1"), 11),
            ),
            vec!["logisticsUnits[0].tradeItems[0].codes Size"],
        ),
        (
            "code of 251",
            with(
                &hazardous_doc,
                &format!("{unit}/tradeItems/0/codes"),
                json!([text(251)]),
            ),
            vec!["logisticsUnits[0].tradeItems[0].codes[0] Size"],
        ),
        (
            "11 properties",
            with(&doc, "/shipmentProperties", eleven_properties()),
            vec!["shipmentProperties Size"],
        ),
        (
            "property value 101",
            with(&doc, "/shipmentProperties", json!({"k": "v".repeat(101)})),
            vec!["shipmentProperties[k] MapStringSize"],
        ),
        (
            "2 orders",
            with(&doc, "/orders", json!([order.clone(), order.clone()])),
            vec!["orders Size"],
        ),
        (
            "order in the future",
            with(&ordered, "/orders/0/date", json!("2100-01-01")),
            vec!["orders[0].date Past"],
        ),
        (
            "order date yesterday",
            with(&ordered, "/orders/0/date", json!("yesterday")),
            vec!["orders[0].date ISODateTimeFormat"],
        ),
        (
            "order number 251",
            with(&ordered, "/orders/0/number", text(251)),
            vec!["orders[0].number Size"],
        ),
        (
            "order properties value 101",
            with(
                &ordered,
                "/orders/0/orderProperties",
                json!({"k": "v".repeat(101)}),
            ),
            vec!["orders[0].orderProperties[k] MapStringSize"],
        ),
        (
            "instructions 513",
            with(&doc, "/specialDeliveryInstructions", text(513)),
            vec!["specialDeliveryInstructions Size"],
        ),
        (
            "incoterms XYZ",
            with(&doc, "/incoterms", json!("XYZ")),
            vec!["incoterms Enum"],
        ),
        (
            "proof PHOTO",
            with(
                &attributed,
                "/shipmentAttributes/proofOfDeliveryType",
                json!("PHOTO"),
            ),
            vec!["shipmentAttributes.proofOfDeliveryType Enum"],
        ),
        (
            "cash on delivery without value",
            without(&attributed, "/shipmentAttributes/cashOnDelivery/value"),
            vec!["shipmentAttributes.cashOnDelivery.value NotNull"],
        ),
        (
            "cash instruction 251",
            with(
                &attributed,
                "/shipmentAttributes/cashOnDelivery/specialInstruction",
                text(251),
            ),
            vec!["shipmentAttributes.cashOnDelivery.specialInstruction Size"],
        ),
        (
            "identity without document",
            without(&attributed, "/shipmentAttributes/identity/typeOfDocument"),
            vec!["shipmentAttributes.identity.typeOfDocument NotNull"],
        ),
        (
            "insurance 1.001",
            with(
                &attributed,
                "/shipmentAttributes/insuranceAmount/value",
                json!(1.001),
            ),
            vec!["shipmentAttributes.insuranceAmount.value Digits"],
        ),
        (
            "no receiver",
            without(&doc, "/receiver"),
            vec!["receiver NotNull"],
        ),
        (
            "no sender",
            without(&doc, "/sender"),
            vec!["sender NotNull"],
        ),
        (
            "no destination",
            without(&doc, "/destination"),
            vec!["destination NotNull"],
        ),
        (
            "delivery receiver without contact",
            without(&doc, contact),
            vec!["receiver ValidTypeAndReceiverCombination"],
        ),
        (
            "delivery destination without address",
            without(&doc, dest),
            vec!["destination ValidTypeAndDestinationCombination"],
        ),
        (
            "delivery destination at a point",
            with(&doc, "/destination/collectionPointID", json!("PUDO-1")),
            vec!["destination ValidTypeAndDestinationCombination"],
        ),
        (
            "collection destination empty",
            with(&collection_by_uri, "/destination", json!({})),
            vec!["destination ValidTypeAndDestinationCombination"],
        ),
        (
            "collection point without provider",
            without(&by_point, "/destination/collectionPointProviderID"),
            vec!["destination ValidTypeAndDestinationCombination"],
        ),
        (
            "collection receiver empty",
            with(&collection_by_uri, "/receiver", json!({})),
            vec!["receiver ValidTypeAndReceiverCombination"],
        ),
        (
            "sender not a URI",
            with(&doc, "/sender/uri", json!("not a uri")),
            vec!["sender.uri ValidURI"],
        ),
        (
            "sender without path",
            with(&doc, "/sender/uri", json!("https://example.metapack.com")),
            vec!["sender.uri ValidURI"],
        ),
        (
            "sender ftp",
            with(&doc, "/sender/uri", json!("ftp://example.metapack.com/x")),
            vec!["sender.uri ValidURI"],
        ),
        (
            "sender uri 2001",
            with(
                &doc,
                "/sender/uri",
                Value::from(format!("https://example.metapack.com/{}", "x".repeat(1972))),
            ),
            vec!["sender.uri Size"],
        ),
        (
            "destination not a URI",
            with(&collection_by_uri, "/destination/uri", json!("pudo 1")),
            vec!["destination.uri ValidDestinationURI"],
        ),
        (
            "collectionPointID 37",
            with(&by_point, "/destination/collectionPointID", text(37)),
            vec!["destination.collectionPointID Size"],
        ),
        (
            "no country",
            without(&doc, &format!("{dest}/country")),
            vec!["destination.address.country NotNull"],
        ),
        (
            "country GB",
            with(&doc, &format!("{dest}/country"), json!("GB")),
            vec!["destination.address.country Size"],
        ),
        (
            "country XXX",
            with(&doc, &format!("{dest}/country"), json!("XXX")),
            vec!["destination.address.country SupportedValue"],
        ),
        (
            "city 41",
            with(&doc, &format!("{dest}/city"), text(41)),
            vec!["destination.address.city Size"],
        ),
        (
            "houseNo 17",
            with(&doc, &format!("{dest}/houseNo"), text(17)),
            vec!["destination.address.houseNo Size"],
        ),
        (
            "street 101",
            with(&doc, &format!("{dest}/street"), text(101)),
            vec!["destination.address.street Size"],
        ),
        (
            "postalCode 17",
            with(&doc, &format!("{dest}/postalCode"), text(17)),
            vec!["destination.address.postalCode Size"],
        ),
        (
            "province 51",
            with(&doc, &format!("{dest}/province"), text(51)),
            vec!["destination.address.province Size"],
        ),
        (
            "details 101",
            with(&doc, &format!("{dest}/details"), text(101)),
            vec!["destination.address.details Size"],
        ),
        (
            "province with 3 slashes",
            with(&doc, &format!("{dest}/province"), json!("a/b/c/d")),
            vec!["destination.address.province ValidAddressFormat"],
        ),
        (
            "province with 2 slashes",
            with(&doc, &format!("{dest}/province"), json!("a/b/c")),
            vec![],
        ),
        (
            "blank city in GBR",
            with(&doc, &format!("{dest}/city"), json!("  ")),
            vec!["destination.address.city ValidAddressFormat"],
        ),
        (
            "contact without names",
            without(
                &without(&doc, &format!("{contact}/firstname")),
                &format!("{contact}/lastname"),
            ),
            vec![
                "receiver.contact.firstname NotNullDependsOn",
                "receiver.contact.lastname NotNullDependsOn",
            ],
        ),
        (
            "contact with a first name only",
            without(&doc, &format!("{contact}/lastname")),
            vec![],
        ),
        (
            "email not-an-email",
            with(&doc, &format!("{contact}/email"), json!("not-an-email")),
            vec!["receiver.contact.email Email"],
        ),
        (
            "email 51",
            with(
                &doc,
                &format!("{contact}/email"),
                Value::from(format!("{}@example.com", "a".repeat(39))),
            ),
            vec!["receiver.contact.email Size"],
        ),
        (
            "phone 31",
            with(&doc, &format!("{contact}/phone"), text(31)),
            vec!["receiver.contact.phone Size"],
        ),
        (
            "title 51",
            with(&doc, &format!("{contact}/title"), text(51)),
            vec!["receiver.contact.title Size"],
        ),
        (
            "firstname 41",
            with(&doc, &format!("{contact}/firstname"), text(41)),
            vec!["receiver.contact.firstname Size"],
        ),
        (
            "time zone Mars/Base",
            with(&doc, &format!("{contact}/timeZone"), json!("Mars/Base")),
            vec!["receiver.contact.timeZone SupportedValue"],
        ),
        (
            "time zone europe/london",
            with(&doc, &format!("{contact}/timeZone"), json!("europe/london")),
            vec!["receiver.contact.timeZone SupportedValue"],
        ),
        (
            "language xx",
            with(&doc, &format!("{contact}/language"), json!("xx")),
            vec!["receiver.contact.language SupportedValue"],
        ),
        (
            "language fra",
            with(&doc, &format!("{contact}/language"), json!("fra")),
            vec!["receiver.contact.language SupportedValue"],
        ),
        (
            "9 notifications",
            with(
                &doc,
                &format!("{contact}/notifications"),
                many(json!({"notificationType": "SMS", "value": "1"}), 9),
            ),
            vec!["receiver.contact.notifications Size"],
        ),
        (
            "notification FAX",
            with(
                &doc,
                &format!("{contact}/notifications/0/notificationType"),
                json!("FAX"),
            ),
            vec!["receiver.contact.notifications[0].notificationType Enum"],
        ),
        (
            "notification value 51",
            with(&doc, &format!("{contact}/notifications/0/value"), text(51)),
            vec!["receiver.contact.notifications[0].value Size"],
        ),
        (
            "EMAIL notification to a phone number",
            with(
                &doc,
                &format!("{contact}/notifications/0/notificationType"),
                json!("EMAIL"),
            ),
            vec!["receiver.contact.notifications[0].value Email"],
        ),
        (
            "undeliverable without contact",
            without(&doc, "/undeliverable/contact"),
            vec!["undeliverable.contact NotNull"],
        ),
        (
            "undeliverable without address",
            without(&doc, "/undeliverable/address"),
            vec!["undeliverable.address NotNull"],
        ),
        (
            "undeliverable ref 21",
            with(&doc, "/undeliverable/ref", text(21)),
            vec!["undeliverable.ref Size"],
        ),
    ];
    for (name, body, expected) in &broken {
        a.expect(name, V0, body, expected);
    }

    let long_key = "k".repeat(31);
    a.expect(
        "property key 31",
        V0,
        &with(&doc, "/shipmentProperties", json!({long_key.clone(): "v"})),
        &[&format!("shipmentProperties[{long_key}] MapStringSize")],
    );

    // Version ranges (Appendix E).
    a.expect(
        "COLLECTION in v0.7.1",
        V0_7_1,
        &collection_by_uri,
        &[
            "type SupportedValue",
            "sender.uri SupportedValue",
            "destination.uri SupportedValue",
        ],
    );
    a.expect(
        "sender and origin URIs in v0.7",
        V0_7,
        &doc,
        &["sender.uri SupportedValue", "origin.uri SupportedValue"],
    );
    let receiver_uri = with(
        &collection_by_uri,
        "/receiver",
        json!({"uri": "https://example.metapack.com/locations/9"}),
    );
    a.expect(
        "a receiver URI in v0",
        V0,
        &receiver_uri,
        &["receiver.uri SupportedValue"],
    );
    a.expect(
        "a receiver URI in v1.0",
        V1_0,
        &receiver_uri,
        &["receiver.uri SupportedValue"],
    );
    a.expect(
        "a collection point in v0.7.1",
        V0_7_1,
        &without(&by_point, "/sender"),
        &[
            "type SupportedValue",
            "sender NotNull",
            "destination.collectionPointID SupportedValue",
            "destination.collectionPointProviderID SupportedValue",
        ],
    );
    a.expect(
        "a DELIVERY receiver with a URI in v0.7.1",
        V0_7_1,
        &without(
            &without(
                &with(
                    &doc,
                    "/receiver/uri",
                    json!("https://example.metapack.com/locations/9"),
                ),
                "/origin",
            ),
            "/sender/uri",
        ),
        &["receiver ValidTypeAndReceiverCombination"],
    );

    // Appendix D, every row, and a country without one: only `country` given, then all five
    // fields given.
    let rows: Vec<&str> = ["NPL", "GBR"]
        .into_iter()
        .chain(countries::COUNTRIES.iter().map(|(code, _)| *code))
        .chain(values::COUNTRIES)
        .collect();
    for country in &rows {
        let bare = with(&doc, dest, json!({"country": country}));
        a.shipment(&format!("{country}: only a country"), V0, &bare);
        let mut full = json!({"country": country});
        for field in FIELDS {
            full[field] = json!("Somewhere 1");
        }
        a.expect(
            &format!("{country}: every field"),
            V0,
            &with(&doc, dest, full),
            &[],
        );
    }
    // Every country, time zone and language of both sides' tables.
    let mut zones: Vec<&str> = time_zones::TIME_ZONES
        .iter()
        .map(|(zone, _)| *zone)
        .collect();
    zones.extend(values::TIME_ZONES);
    zones.extend([
        "GMT",
        "UTC",
        "Europe/London",
        "Etc/GMT+12",
        "Etc/GMT-14",
        "BST",
        "CET",
    ]);
    for zone in zones {
        a.shipment(
            &format!("time zone {zone}"),
            V0,
            &with(&doc, &format!("{contact}/timeZone"), json!(zone)),
        );
    }
    let mut codes: Vec<&str> = languages::LANGUAGES.to_vec();
    codes.extend(values::LANGUAGES);
    codes.extend(["in", "iw", "ji", "mo", "sh", "bh"]);
    for code in codes {
        a.shipment(
            &format!("language {code}"),
            V0,
            &with(&doc, &format!("{contact}/language"), json!(code)),
        );
    }

    // The other bodies.
    let uri = |id: &str| json!(format!("https://example.metapack.com/consignments/{id}"));
    let consignments = json!([uri("5dc46ce0-00f9-4973-b956-661b22b08c83"), uri("611d45ab")]);
    let thousand_and_one = many(uri("7464dc6a"), 1001);
    let statuses = [
        (
            "status READY_TO_MANIFEST",
            V0,
            json!({"status": "READY_TO_MANIFEST"}),
        ),
        (
            "status HOLD_TO_MANIFEST",
            V1_0,
            json!({"status": "HOLD_TO_MANIFEST"}),
        ),
        ("status SHIPPED", V0, json!({"status": "SHIPPED"})),
        ("no status", V0, json!({})),
        (
            "status in v0.7.5",
            V0_7_5,
            json!({"status": "READY_TO_MANIFEST"}),
        ),
    ];
    for (name, version, body) in &statuses {
        let sandbox = Validator::new(*version).at(now()).consignment_status(body);
        a.compare(name, &client::<ConsignmentStatus>(body, *version), &sandbox);
    }
    let batches = [
        (
            "batch",
            V0,
            json!({"status": "READY_TO_MANIFEST", "consignments": consignments}),
        ),
        (
            "batch without consignments",
            V0,
            json!({"status": "READY_TO_MANIFEST"}),
        ),
        (
            "batch of none",
            V0,
            json!({"status": "READY_TO_MANIFEST", "consignments": []}),
        ),
        (
            "batch of 1001",
            V0,
            json!({"status": "READY_TO_MANIFEST", "consignments": thousand_and_one}),
        ),
        (
            "batch of shipments",
            V0,
            json!({"status": "HOLD_TO_MANIFEST", "consignments": ["https://example.metapack.com/shipments/1"]}),
        ),
        (
            "batch of non-URIs",
            V0,
            json!({"status": "HOLD_TO_MANIFEST", "consignments": ["consignment 1"]}),
        ),
        (
            "batch OPEN",
            V0,
            json!({"status": "OPEN", "consignments": consignments}),
        ),
        (
            "batch in v0.7",
            V0_7,
            json!({"status": "READY_TO_MANIFEST", "consignments": consignments}),
        ),
    ];
    for (name, version, body) in &batches {
        let sandbox = Validator::new(*version)
            .at(now())
            .consignment_status_batch(body);
        a.compare(
            name,
            &client::<ConsignmentStatusBatch>(body, *version),
            &sandbox,
        );
    }
    let lists = [
        (
            "close list",
            V0,
            json!({"type": "CLOSE_LIST", "consignments": consignments, "consignmentListId": "My Reference number"}),
        ),
        ("OPEN_LIST", V0, json!({"type": "OPEN_LIST"})),
        (
            "list without type",
            V0,
            json!({"consignments": consignments}),
        ),
        (
            "list id 41",
            V0,
            json!({"type": "CLOSE_LIST", "consignments": consignments, "consignmentListId": text(41)}),
        ),
        (
            "list of 1001",
            V0,
            json!({"type": "CLOSE_LIST", "consignments": thousand_and_one}),
        ),
        (
            "list in v0.7.5",
            V0_7_5,
            json!({"type": "CLOSE_LIST", "consignments": consignments}),
        ),
    ];
    for (name, version, body) in &lists {
        let sandbox = Validator::new(*version).at(now()).consignment_list(body);
        a.compare(name, &client::<ConsignmentList>(body, *version), &sandbox);
    }

    // Query parameters.
    let pairs = |query: &str| -> Vec<(String, String)> {
        url::form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect()
    };
    let judge_params = |query: &str, version: Version| {
        let checker =
            Checker::new(AllocationParams::OBJECT_NAME, client_version(version)).at(now());
        let mut checker = checker;
        AllocationParams::from_query(query).validate_in(&mut checker);
        (
            checker.into_violations(),
            Validator::new(version)
                .at(now())
                .allocation_params(&pairs(query)),
        )
    };
    for (query, version) in [
        (
            "logisticsServiceGroup=Domestic&latestDeliveryDate=2024-11-19T14:26:11.261Z",
            V0,
        ),
        (
            "logisticsServiceURI=https://data.metapack.net/logistics-services/49ddd5d",
            V0,
        ),
        ("logisticsServiceURI=not%20a%20uri", V0),
        ("latestDeliveryDate=tomorrow", V0),
        ("logisticsServiceCode=DPD", V0),
        ("logisticsServiceCode=DPD", V0_7),
        (
            "logisticsServiceURI=https://data.metapack.net/logistics-services/49ddd5d",
            V0_7,
        ),
    ] {
        let (client, sandbox) = judge_params(query, version);
        a.compare(
            &format!("POST /consignments?{query} ({version})"),
            &client,
            &sandbox,
        );
    }
    for (query, version) in [
        ("format=ZPL&dpi=200", V0),
        ("format=PNG&dpi=300", V0_7),
        ("format=PDF", V0),
        ("format=PCL", V0),
        ("format=GIF", V0),
        ("dpi=600", V0),
        ("dpi=150", V0),
    ] {
        let mut checker =
            Checker::new(DocumentParams::OBJECT_NAME, client_version(version)).at(now());
        DocumentParams::from_query(query).validate_in(&mut checker);
        let sandbox = Validator::new(version)
            .at(now())
            .document_params(&pairs(query));
        a.compare(
            &format!("GET /documents?{query} ({version})"),
            &checker.into_violations(),
            &sandbox,
        );
    }

    assert!(
        a.disagreements.is_empty(),
        "{} of {} cases disagree:\n{}",
        a.disagreements.len(),
        a.cases,
        a.disagreements.join("\n")
    );
    assert!(a.cases > 1000, "{} cases", a.cases);
    assert!(a.invalid > 150, "{} invalid cases", a.invalid);
}

#[test]
fn binding_failures_are_reported_alone() {
    let mut body = documented_shipment();
    body["logisticsUnits"][0]["weight"]["value"] = json!("heavy");
    body["shipmentRef"] = json!("x".repeat(41));
    let violations = Validator::new(Version::V0).shipment(&body);
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0].field_path(), "logisticsUnits[0].weight.value");
    assert!(violations[0].binding_failure);
    assert_eq!(violations[0].rejected_value, Some(json!("heavy")));
    let violations = Validator::new(Version::V0).shipment(&json!([1, 2]));
    assert!(violations[0].binding_failure);
}

#[test]
fn edge_cases_agree() {
    let mut a = Agreement::default();
    let doc = documented_shipment();
    let probes: Vec<(&str, &str, Value)> = vec![
        (
            "uri ipv6",
            "/sender/uri",
            json!("https://[::1]/locations/1"),
        ),
        (
            "uri port",
            "/sender/uri",
            json!("https://example.com:8080/x"),
        ),
        (
            "uri bad port",
            "/sender/uri",
            json!("https://example.com:99999/x"),
        ),
        ("uri localhost", "/sender/uri", json!("http://localhost/x")),
        (
            "uri query",
            "/sender/uri",
            json!("https://example.com/x?y=1"),
        ),
        (
            "uri underscore",
            "/sender/uri",
            json!("https://ex_ample.com/x"),
        ),
        (
            "uri percent host",
            "/sender/uri",
            json!("https://exa%20mple.com/x"),
        ),
        ("uri upper", "/sender/uri", json!("HTTPS://EXAMPLE.COM/X")),
        (
            "uri userinfo",
            "/sender/uri",
            json!("https://u:p@example.com/x"),
        ),
        (
            "uri only query",
            "/sender/uri",
            json!("https://example.com?x=1"),
        ),
        (
            "uri double slash",
            "/sender/uri",
            json!("https://example.com//"),
        ),
        (
            "uri backslash",
            "/sender/uri",
            json!("https://example.com\\x"),
        ),
        (
            "uri unicode host",
            "/sender/uri",
            json!("https://exämple.com/x"),
        ),
        ("uri no host", "/sender/uri", json!("https:/x/y")),
        ("uri empty", "/sender/uri", json!("")),
        ("email a@b", "/receiver/contact/email", json!("a@b")),
        (
            "email unicode",
            "/receiver/contact/email",
            json!("ü@exämple.com"),
        ),
        ("email hyphen", "/receiver/contact/email", json!("a@-b.com")),
        (
            "email underscore",
            "/receiver/contact/email",
            json!("a@b_c.com"),
        ),
        (
            "email quoted",
            "/receiver/contact/email",
            json!("\"q\"@x.com"),
        ),
        ("email ip", "/receiver/contact/email", json!("a@[1.2.3.4]")),
        (
            "email two at",
            "/receiver/contact/email",
            json!("a@b@c.com"),
        ),
        ("email empty", "/receiver/contact/email", json!("")),
        (
            "email trailing dot",
            "/receiver/contact/email",
            json!("a@b.com."),
        ),
        ("country gbr", "/destination/address/country", json!("gbr")),
        ("weight 1e15", "/logisticsUnits/0/weight/value", json!(1e15)),
        (
            "weight 0.0005",
            "/logisticsUnits/0/weight/value",
            json!(0.0005),
        ),
        ("weight -0.0", "/logisticsUnits/0/weight/value", json!(-0.0)),
        (
            "width 999.0",
            "/logisticsUnits/0/dimension/width",
            json!(999.0),
        ),
        (
            "weight 999999999999.999",
            "/logisticsUnits/0/weight/value",
            json!(999999999999.999),
        ),
        (
            "value 0.1+0.2",
            "/logisticsUnits/0/value/value",
            json!(0.1 + 0.2),
        ),
        (
            "ref emoji",
            "/shipmentRef",
            Value::from("😀".repeat(20) + "x"),
        ),
        ("province blank", "/destination/address/province", json!("")),
        ("zone empty", "/receiver/contact/timeZone", json!("")),
        ("lang empty", "/receiver/contact/language", json!("")),
        (
            "notification empty type",
            "/receiver/contact/notifications/0/notificationType",
            json!(""),
        ),
        ("country empty", "/destination/address/country", json!("")),
        ("street null", "/destination/address/street", Value::Null),
    ];
    for (name, at, value) in probes {
        a.shipment(name, Version::V0, &with(&doc, at, value));
    }
    for date in [
        "2016-1-4",
        "2016-01-14T10:00:00+0200",
        "2016-01-14T10:00",
        "2016-01-14 10:00:00",
        " 2016-01-14",
        "2016-01-14T10:00:00.123456789Z",
        "20160114",
        "2016-W02",
        "2016-01-14T25:00:00Z",
        "2016-02-30",
        "2016-01-14T10:00Z",
        "2016-01-14t10:00:00z",
        "2016-01-14T10:00:00.Z",
        "2016-01-14T10:00:00.1234567890Z",
    ] {
        let ordered = with(&doc, "/orders", json!([{"date": date}]));
        a.shipment(&format!("date {date:?}"), Version::V0, &ordered);
        println!(
            "{date:?}: {:?}",
            lines(&Validator::new(Version::V0).at(now()).shipment(&ordered))
        );
    }
    assert!(
        a.disagreements.is_empty(),
        "{} of {} cases disagree:\n{}",
        a.disagreements.len(),
        a.cases,
        a.disagreements.join("\n")
    );
}

/// The client's model reads the values of its lists in any letter case and sends them as
/// documented, so its `Validate` never sees `kg`; the sandbox judges the JSON as sent, and
/// the reference lists upper-case values only. This is the one expected difference.
#[test]
fn values_are_judged_as_spelled() {
    let doc = documented_shipment();
    for (at, value, field, code) in [
        ("/type", "delivery", "type", "SupportedValue"),
        (
            "/logisticsUnits/0/weight/unit",
            "kg",
            "logisticsUnits[0].weight.unit",
            "SupportedValue",
        ),
        (
            "/logisticsUnits/0/dimension/unit",
            "cm",
            "logisticsUnits[0].dimension.unit",
            "SupportedValue",
        ),
        ("/incoterms", "ddp", "incoterms", "Enum"),
        (
            "/receiver/contact/notifications/0/notificationType",
            "sms",
            "receiver.contact.notifications[0].notificationType",
            "Enum",
        ),
    ] {
        let body = with(&doc, at, json!(value));
        assert!(client::<Shipment>(&body, Version::V0).is_empty(), "{value}");
        let sandbox = Validator::new(Version::V0).at(now()).shipment(&body);
        assert_eq!(
            lines(&sandbox),
            [format!("shipment.{field} {code}")],
            "{value}"
        );
    }
}
