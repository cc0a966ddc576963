//! The MM-API's request examples against the sandbox, with the media types the docs send.
//! The docs' host (`https://example.metapack.com`) and resource ids are replaced by the
//! sandbox's.

use metapack_mm_api::model as m;
use reqwest::Method;
use serde_json::{Value, json};

use super::{Answer, Ctx, Outcome, example, last_segment, method_of, send, with_line};

/// The host of the docs' examples.
const DOCS_HOST: &str = "https://example.metapack.com";
/// The media type of `v1.0`, the first with return labels.
const V1_0: &str = "application/vnd.metapack.mm.v1.0+json";

fn file(name: &str) -> Value {
    example("mm-api", name)
}

fn content_type(line: &Value) -> String {
    line["headers"]["Content-Type"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Sends request line `name` to `path` with an optional body in the line's media type.
async fn send_line(
    ctx: &Ctx,
    name: &str,
    path: &str,
    body: Option<&Value>,
) -> Result<Answer, String> {
    let line = file(name);
    let request = with_line(ctx.mm_api(method_of(&line), path), &line);
    match body {
        Some(body) => {
            // `with_line` already set the line's Content-Type header.
            let bytes = serde_json::to_vec(body).map_err(|e| e.to_string())?;
            send(request.body(bytes), None).await
        }
        None => send(request, None).await,
    }
}

/// The allocate example's query with `latestDeliveryDate` moved into the future: the docs'
/// date was ahead when they were written.
fn allocation_line() -> Value {
    let mut line = file("allocate_shipment.curl.json");
    super::dates::into_the_future(&mut line["query"]);
    line
}

/// Allocates `shipment` as the allocate example does, in media type `media` (201).
async fn allocate_as(ctx: &Ctx, shipment: &Value, media: &str) -> Result<Value, String> {
    let line = allocation_line();
    let request = with_line(
        ctx.mm_api(Method::POST, "/consignments"),
        &json!({"query": line["query"]}),
    );
    let answer = send(request, Some((media, shipment))).await?;
    answer.expect(201, "POST /consignments")?;
    serde_json::from_value::<m::Consignment>(answer.body.clone())
        .map_err(|e| format!("POST /consignments does not decode: {e}"))?;
    located(&answer)?;
    Ok(answer.body)
}

/// As the docs show for a 201: the `Location` header names the created resource (`@id`).
fn located(answer: &Answer) -> Outcome {
    match &answer.location {
        Some(location) if answer.body["@id"] == location.as_str() => Ok(()),
        other => Err(format!(
            "Location {other:?} is not the @id {}",
            answer.body["@id"]
        )),
    }
}

/// Allocates the documented shipment (201) and answers the consignment.
async fn allocate(ctx: &Ctx) -> Result<Value, String> {
    let line = file("allocate_shipment.curl.json");
    allocate_as(
        ctx,
        &file("allocate_shipment.request.json"),
        &content_type(&line),
    )
    .await
}

fn uuid_of(consignment: &Value) -> Result<String, String> {
    consignment["@id"]
        .as_str()
        .map(|id| last_segment(id).to_owned())
        .ok_or(format!("no @id in {consignment}"))
}

/// The docs' path with the documented UUID replaced by `uuid`.
fn path_with(name: &str, uuid: &str) -> String {
    let line = file(name);
    let path = line["path"].as_str().unwrap_or_default();
    match path.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{uuid}"),
        None => path.to_owned(),
    }
}

/// A docs URL moved to the sandbox's host.
fn on_sandbox(ctx: &Ctx, url: &Value) -> Value {
    match url.as_str() {
        Some(url) => json!(url.replace(DOCS_HOST, ctx.sandbox.mm_api().url())),
        None => url.clone(),
    }
}

/// The documented shipment (one of the sandbox's preloaded ones) is read (200).
pub async fn get_shipment(ctx: &Ctx) -> Outcome {
    let line = file("get_shipment.curl.json");
    let path = line["path"].as_str().unwrap_or_default();
    let answer = send_line(ctx, "get_shipment.curl.json", path, None).await?;
    answer.expect(200, "GET /shipments/{uuid}")?;
    serde_json::from_value::<m::Shipment>(answer.body.clone())
        .map_err(|e| format!("GET /shipments/{{uuid}} does not decode: {e}"))?;
    if !answer.body["@id"]
        .as_str()
        .is_some_and(|id| id.ends_with(last_segment(path)))
    {
        return Err(format!(
            "GET answered another shipment: {}",
            answer.body["@id"]
        ));
    }
    Ok(())
}

/// The allocate example allocates (201) with the documented fields and a label.
pub async fn allocate_shipment(ctx: &Ctx) -> Outcome {
    let consignment = allocate(ctx).await?;
    let documented = file("allocate_shipment.response.201.json");
    for key in documented.as_object().into_iter().flat_map(|o| o.keys()) {
        if consignment.get(key).is_none() {
            return Err(format!(
                "the consignment lacks the documented {key}: {consignment}"
            ));
        }
    }
    if consignment["logisticsUnitDocuments"][0]["documents"][0]["type"] != "label" {
        return Err(format!("no label document: {consignment}"));
    }
    Ok(())
}

/// The allocate example in `v1.0` also gets a return label (201).
pub async fn allocate_with_return_label(ctx: &Ctx) -> Outcome {
    let consignment = allocate_as(ctx, &file("allocate_shipment.request.json"), V1_0).await?;
    let returns = &consignment["returnLogisticsUnitDocuments"];
    if returns.as_array().is_none_or(Vec::is_empty) {
        return Err(format!(
            "no returnLogisticsUnitDocuments in v1.0: {consignment}"
        ));
    }
    if returns[0]["documents"][0]["type"] != "label" {
        return Err(format!("the return unit has no label: {returns}"));
    }
    Ok(())
}

/// An allocated consignment is read back (200).
pub async fn get_consignment(ctx: &Ctx) -> Outcome {
    let uuid = uuid_of(&allocate(ctx).await?)?;
    let path = path_with("get_consignment.curl.json", &uuid);
    let answer = send_line(ctx, "get_consignment.curl.json", &path, None).await?;
    answer.expect(200, "GET /consignments/{uuid}")?;
    serde_json::from_value::<m::Consignment>(answer.body.clone())
        .map_err(|e| format!("GET /consignments/{{uuid}} does not decode: {e}"))
        .map(|_| ())
}

/// The documented label query answers ZPL as `text/zpl` (200).
pub async fn get_document(ctx: &Ctx) -> Outcome {
    let consignment = allocate(ctx).await?;
    let url = consignment["logisticsUnitDocuments"][0]["documents"][0]["url"]
        .as_str()
        .ok_or(format!("no label url in {consignment}"))?;
    let path = url
        .find("/documents/")
        .map(|at| &url[at..])
        .ok_or(format!("not a documents URL: {url}"))?;
    let answer = send_line(ctx, "get_document.curl.json", path, None).await?;
    answer.expect(200, "GET /documents/**?format=ZPL&dpi=200")?;
    if !answer.content_type.starts_with("text/zpl") {
        return Err(format!(
            "documented Content-Type text/zpl, sandbox answered {}",
            answer.content_type
        ));
    }
    if !answer
        .body
        .as_str()
        .is_some_and(|zpl| zpl.starts_with("^XA"))
    {
        return Err("the ZPL document does not start with ^XA".into());
    }
    Ok(())
}

/// The single status update example (200).
pub async fn update_consignment_status(ctx: &Ctx) -> Outcome {
    let uuid = uuid_of(&allocate(ctx).await?)?;
    let path = path_with("update_consignment_status.curl.json", &uuid);
    let body = file("update_consignment_status.request.json");
    let answer = send_line(
        ctx,
        "update_consignment_status.curl.json",
        &path,
        Some(&body),
    )
    .await?;
    answer.expect(200, "PATCH /consignments/{uuid}")
}

/// The docs' batch names two consignments; they are the sandbox's preloaded shipments, whose
/// consignments keep the shipments' UUIDs when allocated by URI.
pub async fn update_consignments_status(ctx: &Ctx) -> Outcome {
    let mut body = file("update_consignments_status.request.json");
    let consignments: Vec<Value> = body["consignments"].as_array().cloned().unwrap_or_default();
    for consignment in &consignments {
        let uuid = consignment.as_str().map(last_segment).unwrap_or_default();
        let shipment = json!(format!("{}/shipments/{uuid}", ctx.sandbox.mm_api().url()));
        let allocated = allocate_as(
            ctx,
            &shipment,
            &content_type(&file("allocate_shipment.curl.json")),
        )
        .await?;
        if uuid_of(&allocated)? != uuid {
            return Err(format!(
                "shipment {uuid} became consignment {}",
                allocated["@id"]
            ));
        }
    }
    body["consignments"] = Value::Array(consignments.iter().map(|c| on_sandbox(ctx, c)).collect());
    let line = file("update_consignments_status.curl.json");
    let path = line["path"].as_str().unwrap_or_default();
    let answer = send_line(
        ctx,
        "update_consignments_status.curl.json",
        path,
        Some(&body),
    )
    .await?;
    answer.expect(200, "PATCH /consignments (every consignment updated)")?;

    // The partial update: one consignment that can change, one that does not exist.
    let known = allocate(ctx).await?;
    let unknown = format!(
        "{}/consignments/{}",
        ctx.sandbox.mm_api().url(),
        uuid::Uuid::new_v4()
    );
    body["consignments"] = json!([known["@id"], unknown]);
    let answer = send_line(
        ctx,
        "update_consignments_status.curl.json",
        path,
        Some(&body),
    )
    .await?;
    answer.expect(207, "PATCH /consignments (some consignments updated)")
}

/// The close-list example over two allocated consignments (201), echoing its type and id.
pub async fn close_consignment_list(ctx: &Ctx) -> Outcome {
    let mut body = file("close_consignment_list.request.json");
    let mut consignments = Vec::new();
    for _ in 0..2 {
        let consignment = allocate(ctx).await?;
        consignments.push(consignment["@id"].clone());
    }
    body["consignments"] = Value::Array(consignments);
    let line = file("close_consignment_list.curl.json");
    let path = line["path"].as_str().unwrap_or_default();
    let answer = send_line(ctx, "close_consignment_list.curl.json", path, Some(&body)).await?;
    answer.expect(201, "POST /consignment-lists")?;
    let reference: m::ConsignmentListReference = serde_json::from_value(answer.body.clone())
        .map_err(|e| format!("POST /consignment-lists does not decode: {e}"))?;
    let documented = file("close_consignment_list.response.201.json");
    for key in ["type", "consignmentListId"] {
        if answer.body[key] != documented[key] {
            return Err(format!(
                "{key}: documented {}, sandbox answered {}",
                documented[key], answer.body[key]
            ));
        }
    }
    if reference.id.is_none() {
        return Err(format!("no @id in {}", answer.body));
    }
    located(&answer)
}

/// The documented DELETE deallocates (204).
pub async fn deallocate_consignment(ctx: &Ctx) -> Outcome {
    let uuid = uuid_of(&allocate(ctx).await?)?;
    let path = path_with("deallocate_consignment.curl.json", &uuid);
    let answer = send_line(ctx, "deallocate_consignment.curl.json", &path, None).await?;
    answer.expect(204, "DELETE /consignments/{uuid}")
}

/// The docs' example is a service of production's catalogue; the sandbox's own service (the
/// one its allocations name) is read instead, plainly and with the documented `;SAFE`
/// complimentary service.
pub async fn get_logistics_service(ctx: &Ctx) -> Outcome {
    let consignment = allocate(ctx).await?;
    let service = consignment["deliveryPromise"]["logisticsService"]
        .as_str()
        .ok_or(format!(
            "no deliveryPromise.logisticsService in {consignment}"
        ))?;
    let id = last_segment(service);
    let documented = file("get_logistics_service.response.200.json");
    for id in [id.to_owned(), format!("{id};SAFE")] {
        let answer = send(ctx.mm_data(&format!("/logistics-services/{id}")), None).await?;
        answer.expect(200, &format!("GET /logistics-services/{id}"))?;
        serde_json::from_value::<m::LogisticsService>(answer.body.clone())
            .map_err(|e| format!("GET /logistics-services/{id} does not decode: {e}"))?;
        for key in ["@id", "@type", "name", "description"] {
            if answer.body.get(key).is_none() {
                return Err(format!("{id}: no {key} in {}", answer.body));
            }
        }
        if id.ends_with(";SAFE")
            && answer.body["complimentaryServices"][0]["code"]
                != documented["complimentaryServices"][0]["code"]
        {
            return Err(format!(
                "{id}: no SAFE complimentary service: {}",
                answer.body
            ));
        }
    }
    Ok(())
}

/// The error examples of 1.7.2, provoked: an unsupported media type, a shipment without
/// logistics units, and a unit outside the logistics service's weight limits. Each body has
/// the documented fields. The docs' limit example is `TooLow`, but weights only have to be at
/// least 0 (A.30) and the sandbox's service has an upper limit (30 kg): `TooHigh` on the same
/// field and object is provoked instead.
pub async fn error_responses(ctx: &Ctx) -> Outcome {
    let shipment = file("allocate_shipment.request.json");
    let media = "application/vnd.metapack.mm.vxx.yy+json";
    let answer = send(
        ctx.mm_api(Method::POST, "/consignments"),
        Some((media, &shipment)),
    )
    .await?;
    answer.expect_error(415, "code", "O-VAL-2001", "unsupported media type")?;
    same_fields(&answer, "error.response.415.json")?;

    let v0 = content_type(&file("allocate_shipment.curl.json"));
    let mut without_units = shipment.clone();
    if let Some(fields) = without_units.as_object_mut() {
        fields.remove("logisticsUnits");
    }
    let answer = send(
        ctx.mm_api(Method::POST, "/consignments"),
        Some((&v0, &without_units)),
    )
    .await?;
    answer.expect_error(400, "code", "O-VAL-2000", "shipment without logisticsUnits")?;
    same_fields(&answer, "error.response.400.constraint-violation.json")?;
    let documented = file("error.response.400.constraint-violation.json");
    let wanted = &documented["constraintViolations"][0];
    let found = answer.body["constraintViolations"]
        .as_array()
        .is_some_and(|all| {
            all.iter().any(|v| {
                ["code", "objectName", "field"]
                    .iter()
                    .all(|k| v[k] == wanted[k])
            })
        });
    if !found {
        return Err(format!("no violation like {wanted}: {}", answer.body));
    }

    let mut too_heavy = shipment;
    too_heavy["logisticsUnits"][0]["weight"]["value"] = json!(31.0);
    let answer = send(
        ctx.mm_api(Method::POST, "/consignments"),
        Some((&v0, &too_heavy)),
    )
    .await?;
    answer.expect_error(400, "code", "O-ALE-4000", "a unit weighing 31 kg")?;
    same_fields(&answer, "error.response.400.allocation-error-field.json")?;
    let documented = file("error.response.400.allocation-error-field.json");
    let wanted = &documented["allocationErrors"][0];
    let found = answer.body["allocationErrors"]
        .as_array()
        .is_some_and(|all| {
            all.iter().any(|e| {
                ["field", "object"].iter().all(|k| e[k] == wanted[k])
                    && ["TooLow", "TooHigh"].iter().any(|code| e["code"] == *code)
            })
        });
    if !found {
        return Err(format!(
            "no allocation error like {wanted}: {}",
            answer.body
        ));
    }
    same_fields(&answer, "error.response.400.allocation-error.json")
}

/// The answer decodes as an error body and carries every field of the documented one.
fn same_fields(answer: &Answer, name: &str) -> Outcome {
    serde_json::from_value::<metapack_mm_api::ErrorBody>(answer.body.clone())
        .map_err(|e| format!("the error body does not decode: {e}"))?;
    let documented = file(name);
    for key in documented.as_object().into_iter().flat_map(|o| o.keys()) {
        if answer.body.get(key).is_none() {
            return Err(format!(
                "{name}: the sandbox's body lacks {key}: {}",
                answer.body
            ));
        }
    }
    Ok(())
}

/// The allocate example exactly as documented: its `latestDeliveryDate` (2024-11-19) has
/// passed, and no service can deliver by a past date, so production answers the documented
/// `DeliveryWindow` allocation error (the example of 1.7.2).
pub async fn allocation_error_delivery_window(ctx: &Ctx) -> Outcome {
    let line = file("allocate_shipment.curl.json");
    let request = with_line(
        ctx.mm_api(Method::POST, "/consignments"),
        &json!({"query": line["query"]}),
    );
    let answer = send(
        request,
        Some((
            &content_type(&line),
            &file("allocate_shipment.request.json"),
        )),
    )
    .await?;
    answer.expect_error(
        400,
        "code",
        "O-ALE-4000",
        "a latestDeliveryDate in the past",
    )?;
    same_fields(&answer, "error.response.400.allocation-error.json")?;
    let documented = file("error.response.400.allocation-error.json");
    let wanted = &documented["allocationErrors"][0]["code"];
    if !answer.body["allocationErrors"]
        .as_array()
        .is_some_and(|all| all.iter().any(|e| &e["code"] == wanted))
    {
        return Err(format!("no {wanted} allocation error: {}", answer.body));
    }
    Ok(())
}
