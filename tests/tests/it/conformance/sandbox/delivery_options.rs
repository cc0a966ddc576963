//! Delivery Options' documented queries against the sandbox (the example key is replaced by
//! the sandbox's).

use metapack_delivery_options::types as d;
use serde_json::{Value, json};

use super::{Ctx, Outcome, conforms, example, send, with_line};

async fn find(ctx: &Ctx, name: &str) -> Outcome {
    let mut line = example("delivery-options", name);
    line["query"]["key"] = json!(ctx.sandbox.delivery_options().key());
    super::dates::into_the_future(&mut line["query"]);
    let path = line["path"].as_str().unwrap_or_default().to_owned();
    let answer = send(with_line(ctx.delivery_options(&path), &line), None).await?;
    answer.expect(200, &format!("GET /find ({name})"))?;
    conforms(&ctx.delivery_options, "find_delivery_options", &answer)?;
    serde_json::from_value::<d::FindResponse>(answer.body.clone())
        .map_err(|e| format!("GET /find does not decode: {e}"))?;
    if let Value::String(trace) = &line["headers"]["traceId"]
        && answer.body["header"]["requestId"] != trace.as_str()
    {
        return Err(format!(
            "requestId is not the traceId sent: {}",
            answer.body["header"]
        ));
    }
    if answer.body["results"].as_array().is_none_or(Vec::is_empty) {
        return Err(format!(
            "no delivery option for the documented query: {}",
            answer.body
        ));
    }
    Ok(())
}

/// The main documented query (HOME and PUDO, per-parcel details, `limit`) finds options (200).
pub async fn find_delivery_options(ctx: &Ctx) -> Outcome {
    find(ctx, "find_delivery_options.curl.json").await
}

/// The documented own-store query (`OWNSTORE`, `minown`, `multiCountry`) finds options (200).
pub async fn find_own_stores(ctx: &Ctx) -> Outcome {
    find(ctx, "find_delivery_options.curl.ownstore.json").await
}

/// The documented `skus` query finds options (200).
pub async fn find_by_skus(ctx: &Ctx) -> Outcome {
    find(ctx, "find_delivery_options.curl.skus.json").await
}
