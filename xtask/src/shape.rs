//! Shapes the in-memory copy of a spec for progenitor; docs/codegen.md explains each step.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::Result;
use crate::enums::OpenEnum;

/// Shapes the in-memory copy of a spec for progenitor (see docs/codegen.md) and returns its
/// named string enums, which become open enums.
pub fn shape_for_generator(doc: &mut Value) -> Result<Vec<OpenEnum>> {
    let mut enums = Vec::new();
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for (name, schema) in schemas.iter_mut() {
            if let Some(values) = schema.get("enum").and_then(Value::as_array) {
                enums.push(OpenEnum {
                    name: name.clone(),
                    description: schema["description"].as_str().unwrap_or(name).to_owned(),
                    values: values
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect(),
                });
            } else {
                shape_schema(schema, name)?;
            }
        }
    }
    // Query parameters that an apiKey security scheme carries are the runtime's to send.
    let credential_parameters: BTreeSet<String> = doc
        .pointer("/components/securitySchemes")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|schemes| schemes.values())
        .filter(|scheme| scheme["type"] == "apiKey" && scheme["in"] == "query")
        .filter_map(|scheme| scheme["name"].as_str().map(str::to_owned))
        .collect();
    let mut error_responses = BTreeSet::new();
    let shared_responses = doc.pointer("/components/responses").cloned();
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (method, op) in item.iter_mut() {
                let at = format!("{method} {path}");
                if let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) {
                    params.retain(|p| {
                        p["in"] != "query"
                            || !p["name"]
                                .as_str()
                                .is_some_and(|n| credential_parameters.contains(n))
                    });
                }
                for param in op
                    .get_mut("parameters")
                    .and_then(Value::as_array_mut)
                    .into_iter()
                    .flatten()
                {
                    joined_array_parameter(param);
                    if let Some(schema) = param.get_mut("schema") {
                        shape_schema(schema, &at)?;
                    }
                }
                for media in media_types(op.get_mut("requestBody")) {
                    shape_schema(media, &at)?;
                }
                let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
                    continue;
                };
                for (status, response) in responses.iter_mut() {
                    let reference = response.get("$ref").and_then(Value::as_str);
                    let name =
                        reference.map(|r| r.rsplit('/').next().unwrap_or_default().to_owned());
                    if status.starts_with(['4', '5']) {
                        match name {
                            Some(name) => {
                                error_responses.insert(name);
                            }
                            None => raw_body(response),
                        }
                    } else {
                        if let Some(name) = name {
                            *response = shared_responses
                                .as_ref()
                                .and_then(|r| r.get(&name))
                                .cloned()
                                .ok_or(format!("{at}: unknown response {name}"))?;
                        }
                        for media in media_types(Some(response)) {
                            shape_schema(media, &at)?;
                        }
                    }
                }
                let mut successes: Vec<&mut Value> = responses
                    .iter_mut()
                    .filter(|(status, _)| status.starts_with('2'))
                    .map(|(_, response)| response)
                    .collect();
                let shapes: BTreeSet<String> = successes
                    .iter()
                    .map(|response| {
                        response
                            .get("content")
                            .map(Value::to_string)
                            .unwrap_or_default()
                    })
                    .collect();
                if shapes.len() > 1 {
                    successes.iter_mut().for_each(|response| raw_body(response));
                }
            }
        }
    }
    if let Some(responses) = doc
        .pointer_mut("/components/responses")
        .and_then(Value::as_object_mut)
    {
        for (name, response) in responses.iter_mut() {
            if error_responses.contains(name) {
                raw_body(response);
            }
        }
    }
    Ok(enums)
}

/// progenitor ignores `explode: false` and would repeat the key of an array query parameter;
/// such a parameter is generated as a string that the front fills with the joined values.
fn joined_array_parameter(param: &mut Value) {
    let comma_joined = param["in"] == "query"
        && param["explode"] == Value::Bool(false)
        && param["schema"]["type"] == "array";
    if comma_joined {
        param["schema"] = serde_json::json!({ "type": "string" });
    }
}

/// The schemas of a request body's or response's media types.
fn media_types(body: Option<&mut Value>) -> impl Iterator<Item = &mut Value> {
    body.and_then(|b| b.get_mut("content"))
        .and_then(Value::as_object_mut)
        .into_iter()
        .flat_map(|content| content.values_mut())
        .filter_map(|media| media.get_mut("schema"))
}

/// Hands a response to progenitor undecoded (`ResponseValue<ByteStream>`, status kept), for
/// `metapack_core` or the hand-written front to decode. Used for every error response, so the
/// status and raw body survive even a gateway's HTML, and for the success responses of an
/// operation whose successes differ in shape (e.g. 201 with a body and 204 without), which
/// progenitor cannot generate as they are.
fn raw_body(response: &mut Value) {
    let Some(response) = response.as_object_mut() else {
        return;
    };
    let content = response
        .entry("content")
        .or_insert_with(|| Value::Object(Default::default()));
    if let Some(content) = content.as_object_mut() {
        let media = content
            .remove("application/json")
            .unwrap_or_else(|| Value::Object(Default::default()));
        content.insert("application/octet-stream".into(), media);
    }
}

/// Forward compatibility for one schema and everything nested in it:
/// - an optional array becomes nullable, so an explicit `null` decodes as `None`;
/// - `pattern` is dropped, so a response is never rejected for a value the docs did not
///   foresee (the hand-written fronts check the patterns of requests);
/// - an inline enum is refused: it must be a named component schema to become an open enum.
fn shape_schema(schema: &mut Value, at: &str) -> Result<()> {
    let Some(obj) = schema.as_object_mut() else {
        return Ok(());
    };
    if obj.contains_key("enum") {
        return Err(format!(
            "{at}: inline enum; name it in components/schemas so it decodes open"
        ));
    }
    obj.remove("pattern");
    let required: BTreeSet<String> = obj
        .get("required")
        .and_then(Value::as_array)
        .map(|r| {
            r.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    if let Some(props) = obj.get_mut("properties").and_then(Value::as_object_mut) {
        for (name, prop) in props.iter_mut() {
            if !required.contains(name)
                && prop.get("type").and_then(Value::as_str) == Some("array")
                && let Some(p) = prop.as_object_mut()
            {
                p.insert("nullable".into(), Value::Bool(true));
            }
            shape_schema(prop, &format!("{at}.{name}"))?;
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(child) = obj.get_mut(key) {
            shape_schema(child, at)?;
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for child in obj
            .get_mut(key)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            shape_schema(child, at)?;
        }
    }
    Ok(())
}
