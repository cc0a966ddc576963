//! Shipping's request examples against the sandbox. The docs name outcomes, not status codes;
//! the statuses expected here are those of `specs/shipping.yaml`.

use metapack_shipping::types as s;
use reqwest::Method;
use serde_json::{Value, json};

use super::{Answer, Ctx, Outcome, conforms, example, method_of, send, with_line};

const JSON: &str = "application/json";

fn file(name: &str) -> Value {
    example("shipping", name)
}

/// An example body with its dates moved into the future.
fn future(name: &str) -> Value {
    let mut body = file(name);
    super::dates::into_the_future(&mut body);
    body
}

/// The create example without its shipping rules: a consignment that stays unallocated.
fn unallocated_request() -> Value {
    let mut body = file("create_consignment.request.json");
    if let Some(fields) = body.as_object_mut() {
        fields.remove("shippingRules");
    }
    body
}

fn code_of(consignment: &Value) -> Result<String, String> {
    consignment["consignmentCode"]
        .as_str()
        .map(str::to_owned)
        .ok_or(format!("no consignmentCode in {consignment}"))
}

fn parcel_code(consignment: &Value, index: usize) -> Result<String, String> {
    consignment["parcels"][index]["parcelCode"]
        .as_str()
        .map(str::to_owned)
        .ok_or(format!("no parcels[{index}].parcelCode in {consignment}"))
}

/// Decodes a sandbox answer with our generated type.
fn decodes<T: serde::de::DeserializeOwned>(answer: &Answer, what: &str) -> Outcome {
    serde_json::from_value::<T>(answer.body.clone())
        .map(|_| ())
        .map_err(|e| format!("{what}: the sandbox's answer does not decode: {e}"))
}

async fn post(ctx: &Ctx, path: &str, body: &Value) -> Result<Answer, String> {
    send(ctx.shipping(Method::POST, path), Some((JSON, body))).await
}

/// Creates a consignment from `body` (201) and answers it.
async fn create(ctx: &Ctx, body: &Value) -> Result<Value, String> {
    let answer = post(ctx, "/consignments", body).await?;
    answer.expect(201, "POST /consignments")?;
    conforms(&ctx.shipping, "create_consignment", &answer)?;
    decodes::<s::ConsignmentResponse>(&answer, "POST /consignments")?;
    Ok(answer.body["consignment"].clone())
}

/// Allocates consignment `code` with the allocate example's rules (201) and answers it.
async fn allocate(ctx: &Ctx, code: &str) -> Result<Value, String> {
    let rules = future("allocate_consignment.request.json");
    let answer = post(ctx, &format!("/consignments/{code}/service"), &rules).await?;
    answer.expect(201, "POST /consignments/{c}/service")?;
    conforms(&ctx.shipping, "allocate_consignment", &answer)?;
    decodes::<s::ConsignmentResponse>(&answer, "POST /consignments/{c}/service")?;
    Ok(answer.body["consignment"].clone())
}

/// A created and allocated consignment.
async fn allocated(ctx: &Ctx) -> Result<Value, String> {
    let created = create(ctx, &unallocated_request()).await?;
    allocate(ctx, &code_of(&created)?).await
}

/// Sends a request line after substituting `{name}` path parameters.
async fn send_line(ctx: &Ctx, name: &str, params: &[(&str, &str)]) -> Result<Answer, String> {
    let line = file(name);
    let mut path = line["path"].as_str().unwrap_or_default().to_owned();
    for (param, value) in params {
        path = path.replace(&format!("{{{param}}}"), value);
    }
    send(
        with_line(ctx.shipping(method_of(&line), &path), &line),
        None,
    )
    .await
}

/// The create example is created (201) and keeps its order, recipient and item data.
pub async fn create_consignment(ctx: &Ctx) -> Outcome {
    let body = future("create_consignment.request.json");
    let consignment = create(ctx, &body).await?;
    let sent = &body["consignment"];
    for (field, path) in [
        ("order reference", "/orders/0/orderRef"),
        ("recipient country", "/recipient/countryCode"),
        ("recipient postcode", "/recipient/postCode"),
        (
            "item country of origin",
            "/parcels/0/items/0/countryOfOrigin",
        ),
    ] {
        if consignment.pointer(path) != sent.pointer(path) {
            return Err(format!(
                "the created consignment's {field} is {:?}",
                consignment.pointer(path)
            ));
        }
    }
    Ok(())
}

/// A created consignment is read back by the documented GET (200).
pub async fn get_consignment(ctx: &Ctx) -> Outcome {
    let created = create(ctx, &unallocated_request()).await?;
    let code = code_of(&created)?;
    let answer = send_line(
        ctx,
        "get_consignment.curl.json",
        &[("consignmentCode", &code)],
    )
    .await?;
    answer.expect(200, "GET /consignments/{c}")?;
    conforms(&ctx.shipping, "get_consignment", &answer)?;
    decodes::<s::ConsignmentResponse>(&answer, "GET /consignments/{c}")?;
    if answer.body["consignment"]["consignmentCode"] != code.as_str() {
        return Err(format!("GET answered another consignment: {}", answer.body));
    }
    Ok(())
}

/// An unallocated consignment is replaced by the update example (200).
pub async fn update_consignment(ctx: &Ctx) -> Outcome {
    let created = create(ctx, &unallocated_request()).await?;
    let code = code_of(&created)?;
    let body = future("update_consignment.request.json");
    let answer = send(
        ctx.shipping(Method::PUT, &format!("/consignments/{code}")),
        Some((JSON, &body)),
    )
    .await?;
    answer.expect(200, "PUT /consignments/{c}")?;
    conforms(&ctx.shipping, "update_consignment", &answer)?;
    decodes::<s::ConsignmentResponse>(&answer, "PUT /consignments/{c}")
}

/// The PATCH example changes the consignment's manifest group (200).
pub async fn patch_consignment(ctx: &Ctx) -> Outcome {
    let created = create(ctx, &unallocated_request()).await?;
    let code = code_of(&created)?;
    let body = file("patch_consignment.request.json");
    let answer = send(
        ctx.shipping(Method::PATCH, &format!("/consignments/{code}")),
        Some((JSON, &body)),
    )
    .await?;
    answer.expect(200, "PATCH /consignments/{c}")?;
    conforms(&ctx.shipping, "patch_consignment", &answer)?;
    if answer.body["consignment"]["manifestGroupCode"] != body["manifestGroupCode"] {
        return Err(format!(
            "PATCH did not change manifestGroupCode: {}",
            answer.body
        ));
    }
    Ok(())
}

/// The documented DELETE removes an unallocated consignment (204); it is then not found.
pub async fn delete_consignment(ctx: &Ctx) -> Outcome {
    let created = create(ctx, &unallocated_request()).await?;
    let code = code_of(&created)?;
    let answer = send_line(
        ctx,
        "delete_consignment.curl.json",
        &[("consignmentCode", &code)],
    )
    .await?;
    answer.expect(204, "DELETE /consignments/{c}")?;
    let after = send_line(
        ctx,
        "get_consignment.curl.json",
        &[("consignmentCode", &code)],
    )
    .await?;
    after.expect(404, "GET /consignments/{c} after DELETE")
}

/// The parcel example is added to a consignment (201).
pub async fn add_parcel(ctx: &Ctx) -> Outcome {
    let created = create(ctx, &unallocated_request()).await?;
    let code = code_of(&created)?;
    let answer = post(
        ctx,
        &format!("/consignments/{code}/parcels"),
        &file("add_parcel.request.json"),
    )
    .await?;
    answer.expect(201, "POST /consignments/{c}/parcels")?;
    conforms(&ctx.shipping, "add_parcel", &answer)?;
    decodes::<s::ParcelResponse>(&answer, "POST /consignments/{c}/parcels")
}

/// An added parcel is removed by the documented DELETE (204).
pub async fn remove_parcel(ctx: &Ctx) -> Outcome {
    let created = create(ctx, &unallocated_request()).await?;
    let code = code_of(&created)?;
    let added = post(
        ctx,
        &format!("/consignments/{code}/parcels"),
        &file("add_parcel.request.json"),
    )
    .await?;
    added.expect(201, "POST /consignments/{c}/parcels")?;
    let parcel = added.body["parcel"]["parcelCode"]
        .as_str()
        .ok_or(format!("no parcel.parcelCode in {}", added.body))?;
    let answer = send_line(
        ctx,
        "remove_parcel.curl.json",
        &[("consignmentCode", &code), ("parcelCode", parcel)],
    )
    .await?;
    answer.expect(204, "DELETE /consignments/{c}/parcels/{p}")
}

/// The consolidation example links an inner parcel to an outer one (204), and the documented DELETE unlinks it (204).
pub async fn consolidate_parcel(ctx: &Ctx) -> Outcome {
    let outer = create(ctx, &unallocated_request()).await?;
    let inner = create(ctx, &unallocated_request()).await?;
    let (inner_code, inner_parcel) = (code_of(&inner)?, parcel_code(&inner, 0)?);
    let mut body = file("consolidate_parcel.request.json");
    body["containerConsignmentCode"] = json!(code_of(&outer)?);
    body["containerParcelCode"] = json!(parcel_code(&outer, 0)?);
    let path = format!("/consignments/{inner_code}/parcels/{inner_parcel}/consolidate");
    let answer = post(ctx, &path, &body).await?;
    answer.expect(204, "POST .../consolidate")?;
    let answer = send_line(
        ctx,
        "unconsolidate_parcel.curl.json",
        &[
            ("consignmentCode", &inner_code),
            ("parcelCode", &inner_parcel),
        ],
    )
    .await?;
    answer.expect(204, "DELETE .../consolidate")
}

/// The item example is added to a parcel (204) and removed by the documented DELETE (204).
pub async fn add_item(ctx: &Ctx) -> Outcome {
    let created = create(ctx, &unallocated_request()).await?;
    let (code, parcel) = (code_of(&created)?, parcel_code(&created, 0)?);
    let body = file("add_item.request.json");
    let answer = post(
        ctx,
        &format!("/consignments/{code}/parcels/{parcel}/items"),
        &body,
    )
    .await?;
    answer.expect(204, "POST .../items")?;
    let item = body["item"]["itemRef"].as_str().unwrap_or_default();
    let answer = send_line(
        ctx,
        "remove_item.curl.json",
        &[
            ("consignmentCode", &code),
            ("parcelCode", &parcel),
            ("itemRef", item),
        ],
    )
    .await?;
    answer.expect(204, "DELETE .../items/{i}")
}

/// The create-and-print example is created, allocated and printed in one call (201, with labels).
pub async fn create_consignment_with_paperwork(ctx: &Ctx) -> Outcome {
    let body = future("create_consignment_with_paperwork.request.json");
    let answer = post(ctx, "/consignment-with-paperwork", &body).await?;
    answer.expect(201, "POST /consignment-with-paperwork")?;
    conforms(&ctx.shipping, "create_consignment_with_paperwork", &answer)?;
    decodes::<s::ConsignmentWithPaperwork>(&answer, "POST /consignment-with-paperwork")?;
    if answer.body["paperwork"]["labels"]
        .as_str()
        .is_none_or(str::is_empty)
    {
        return Err(format!("no labels in {}", answer.body["paperwork"]));
    }
    Ok(())
}

/// The allocate example's rules allocate an unallocated consignment (201).
pub async fn allocate_consignment(ctx: &Ctx) -> Outcome {
    let consignment = allocated(ctx).await?;
    if consignment["status"] != "allocated" {
        return Err(format!(
            "status after allocation: {}",
            consignment["status"]
        ));
    }
    Ok(())
}

/// The documented search, its placeholders replaced by an allocated consignment's order reference, tracking numbers and parcel code, finds it (200).
pub async fn search_consignments(ctx: &Ctx) -> Outcome {
    let consignment = allocated(ctx).await?;
    let code = code_of(&consignment)?;
    let mut line = file("search_consignments.curl.json");
    let parcel_tracking =
        consignment["parcels"][0]["deliveryLegs"][0]["trackingIdentifier"].clone();
    let consignment_tracking = match &consignment["carrierConsignmentCode"] {
        Value::String(tracking) => json!(tracking),
        _ => consignment["deliveryInformation"]["legs"][0]["trackingIdentifier"].clone(),
    };
    let query = &mut line["query"];
    query["orderReference"] = consignment["orders"][0]["orderRef"].clone();
    query["consignmentTrackingIdentifier"] = consignment_tracking;
    query["parcelTrackingIdentifier"] = parcel_tracking;
    query["parcelCode"] = json!(parcel_code(&consignment, 0)?);
    if let Some((name, _)) = query
        .as_object()
        .and_then(|q| q.iter().find(|(_, v)| !v.is_string()))
    {
        return Err(format!(
            "the allocated consignment has no value for {name}: {consignment}"
        ));
    }
    let answer = send(
        with_line(ctx.shipping(Method::GET, "/consignments"), &line),
        None,
    )
    .await?;
    answer.expect(200, "GET /consignments")?;
    conforms(&ctx.shipping, "search_consignments", &answer)?;
    decodes::<Vec<s::Consignment>>(&answer, "GET /consignments")?;
    let found = answer
        .body
        .as_array()
        .is_some_and(|all| all.iter().any(|c| c["consignmentCode"] == code.as_str()));
    if !found {
        return Err(format!("the search did not find {code}: {}", answer.body));
    }
    Ok(())
}

/// The documented paperwork queries of an allocated consignment and of its parcel (200).
pub async fn paperwork(ctx: &Ctx) -> Outcome {
    let consignment = allocated(ctx).await?;
    let (code, parcel) = (code_of(&consignment)?, parcel_code(&consignment, 0)?);
    let answer = send_line(
        ctx,
        "get_consignment_paperwork.curl.json",
        &[("consignmentCode", &code)],
    )
    .await?;
    answer.expect(200, "GET /consignments/{c}/paperwork")?;
    conforms(&ctx.shipping, "get_consignment_paperwork", &answer)?;
    let answer = send_line(
        ctx,
        "get_parcel_paperwork.curl.json",
        &[("consignmentCode", &code), ("parcelCode", &parcel)],
    )
    .await?;
    answer.expect(200, "GET /consignments/{c}/parcels/{p}/paperwork")?;
    conforms(&ctx.shipping, "get_parcel_paperwork", &answer)?;
    decodes::<s::PaperworkResponse>(&answer, "GET .../paperwork")
}

/// The documented DELETE of an allocated consignment's service (204).
pub async fn deallocate_consignment(ctx: &Ctx) -> Outcome {
    let consignment = allocated(ctx).await?;
    let code = code_of(&consignment)?;
    let answer = send_line(
        ctx,
        "deallocate_consignment.curl.json",
        &[("consignmentCode", &code)],
    )
    .await?;
    answer.expect(204, "DELETE /consignments/{c}/service")
}

/// An allocated, printed consignment is flagged ready to ship (204), manifested by the manifest example (201), and the manifest's paperwork is read (200).
pub async fn manifest(ctx: &Ctx) -> Outcome {
    let consignment = allocated(ctx).await?;
    let code = code_of(&consignment)?;
    // Printing the labels makes the consignment Printed, which readyToShip needs.
    let printed = send(
        ctx.shipping(Method::GET, &format!("/consignments/{code}/paperwork")),
        None,
    )
    .await?;
    printed.expect(200, "GET /consignments/{c}/paperwork")?;
    let answer = send_line(
        ctx,
        "set_ready_to_ship.curl.json",
        &[("consignmentCode", &code)],
    )
    .await?;
    answer.expect(204, "POST /consignments/{c}/status?readyToShip=true")?;
    let body = future("create_manifest.request.json");
    let answer = post(ctx, "/manifests", &body).await?;
    answer.expect(201, "POST /manifests")?;
    conforms(&ctx.shipping, "create_manifest", &answer)?;
    decodes::<s::ManifestResponse>(&answer, "POST /manifests")?;
    let href = answer.body["links"][0]["href"]
        .as_str()
        .ok_or(format!("no links[0].href in {}", answer.body))?;
    let manifest = super::last_segment(href);
    let answer = send_line(
        ctx,
        "get_manifest_paperwork.curl.json",
        &[("manifestCode", manifest)],
    )
    .await?;
    answer.expect(200, "GET /manifests/{m}/paperwork")?;
    conforms(&ctx.shipping, "get_manifest_paperwork", &answer)?;
    decodes::<s::ManifestPaperworkResponse>(&answer, "GET /manifests/{m}/paperwork")
}

/// The validation example finds a service (200).
pub async fn validate_allocation(ctx: &Ctx) -> Outcome {
    let body = future("validate_allocation.request.json");
    let answer = post(ctx, "/consignments-validation", &body).await?;
    // 200: "a subscribed carrier service is available"; 204 would say none is.
    answer.expect(200, "POST /consignments-validation")
}

/// The rates example gets at least one rate (200).
pub async fn get_rates(ctx: &Ctx) -> Outcome {
    let body = future("get_rates.request.json");
    let answer = post(ctx, "/rates", &body).await?;
    answer.expect(200, "POST /rates")?;
    conforms(&ctx.shipping, "get_rates", &answer)?;
    decodes::<Vec<s::Rate>>(&answer, "POST /rates")?;
    if answer.body.as_array().is_none_or(Vec::is_empty) {
        return Err("POST /rates answered no rate for the documented consignment".into());
    }
    Ok(())
}

/// The documented carriers, carrier services and warehouses reads (200), the examples' sender among the warehouses.
pub async fn setup_data(ctx: &Ctx) -> Outcome {
    let carriers = send_line(ctx, "list_carriers.curl.json", &[]).await?;
    carriers.expect(200, "GET /carriers")?;
    conforms(&ctx.shipping, "list_carriers", &carriers)?;
    decodes::<Vec<s::Carrier>>(&carriers, "GET /carriers")?;
    let carrier = carriers.body[0]["code"]
        .as_str()
        .ok_or(format!("no carrier in {}", carriers.body))?;
    let services = send_line(
        ctx,
        "list_carrier_services.curl.json",
        &[("carrierCode", carrier)],
    )
    .await?;
    services.expect(200, "GET /carriers/{c}/services")?;
    conforms(&ctx.shipping, "list_carrier_services", &services)?;
    decodes::<Vec<s::CarrierService>>(&services, "GET /carriers/{c}/services")?;
    let locations = send_line(ctx, "list_shipping_locations.curl.json", &[]).await?;
    locations.expect(200, "GET /shippingLocations")?;
    conforms(&ctx.shipping, "list_shipping_locations", &locations)?;
    let sender = file("create_consignment.request.json")["consignment"]["sender"]["code"].clone();
    if !locations
        .body
        .as_array()
        .is_some_and(|all| all.iter().any(|l| l["code"] == sender))
    {
        return Err(format!(
            "the examples' sender {sender} is not a shipping location: {}",
            locations.body
        ));
    }
    Ok(())
}

/// The Bad Request examples: a request the docs' rules refuse gets 400 in the documented
/// error shape. The docs give no Shipping error codes: `PS-0400` is the sandbox's own.
pub async fn bad_requests(ctx: &Ctx) -> Outcome {
    let created = create(ctx, &unallocated_request()).await?;
    let (code, parcel) = (code_of(&created)?, parcel_code(&created, 0)?);
    let cases = [
        (
            "add_item",
            ctx.shipping(
                Method::POST,
                &format!("/consignments/{code}/parcels/{parcel}/items"),
            ),
            Some(json!({})),
        ),
        (
            "validate_allocation",
            ctx.shipping(Method::POST, "/consignments-validation"),
            Some(json!({})),
        ),
        (
            "remove_item",
            ctx.shipping(
                Method::DELETE,
                &format!("/consignments/{code}/parcels/{parcel}/items/SKU-TSHIRT-M"),
            )
            .query(&[("quantityToDelete", "several")]),
            None,
        ),
        (
            "set_ready_to_ship",
            ctx.shipping(Method::POST, &format!("/consignments/{code}/status"))
                .query(&[("readyToShip", "perhaps")]),
            None,
        ),
    ];
    for (operation, request, body) in cases {
        let answer = send(request, body.as_ref().map(|b| (JSON, b))).await?;
        answer.expect_error(400, "errorCode", "PS-0400", operation)?;
        conforms(&ctx.shipping, operation, &answer)?;
        let example = file(&format!("{operation}.response.400.json"));
        for key in example.as_object().into_iter().flat_map(|o| o.keys()) {
            if answer.body.get(key).is_none() {
                return Err(format!(
                    "{operation}: the 400 body lacks the documented {key}: {}",
                    answer.body
                ));
            }
        }
    }
    Ok(())
}
