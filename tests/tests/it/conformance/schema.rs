//! Checks a JSON value against a schema of our OpenAPI specs (`specs/*.yaml`), read with the
//! `openapiv3` crate: types, required and unknown properties, enums (exact), nullable, arrays,
//! `additionalProperties`, `$ref`, `allOf`/`oneOf`/`anyOf`, numeric bounds, string patterns
//! of the `^literal` kind, and the formats that are cheap to check (date-time, uuid, email,
//! uri). Query parameters are checked the same way, from their string form.

use std::path::Path;

use openapiv3::{
    AdditionalProperties, OpenAPI, Operation, Parameter, ParameterSchemaOrContent, ReferenceOr,
    Schema, SchemaKind, StatusCode, StringFormat, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

/// One of our specs, parsed.
pub struct Spec {
    /// The spec's file name, for messages.
    pub name: String,
    api: OpenAPI,
}

impl Spec {
    /// Reads `specs/{name}.yaml` of the workspace.
    pub fn load(name: &str) -> Spec {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../specs")
            .join(format!("{name}.yaml"));
        let text = std::fs::read_to_string(&path).expect("spec readable");
        let api: OpenAPI = serde_yaml::from_str(&text).expect("spec is OpenAPI 3.0");
        Spec {
            name: format!("specs/{name}.yaml"),
            api,
        }
    }

    /// The operation with this `operationId`, with its method and path.
    pub fn operation(&self, id: &str) -> Option<(&str, &str, &Operation)> {
        self.api.paths.paths.iter().find_map(|(path, item)| {
            let item = item.as_item()?;
            item.iter()
                .find(|(_, op)| op.operation_id.as_deref() == Some(id))
                .map(|(method, op)| (method, path.as_str(), op))
        })
    }

    /// The JSON schema of an operation's request body.
    pub fn request_schema(&self, id: &str) -> Result<&ReferenceOr<Schema>, String> {
        let (_, _, op) = self.operation(id).ok_or(format!("no operation {id}"))?;
        let body = op
            .request_body
            .as_ref()
            .ok_or(format!("{id} has no request body"))?;
        let body = match body {
            ReferenceOr::Item(body) => body,
            ReferenceOr::Reference { reference } => {
                let name = reference.rsplit('/').next().unwrap_or_default();
                self.components()
                    .request_bodies
                    .get(name)
                    .and_then(ReferenceOr::as_item)
                    .ok_or(format!("unresolved {reference}"))?
            }
        };
        body.content
            .get("application/json")
            .and_then(|media| media.schema.as_ref())
            .ok_or(format!("{id}: no application/json request schema"))
    }

    /// The JSON schema of an operation's response with this status.
    pub fn response_schema(&self, id: &str, status: u16) -> Result<&ReferenceOr<Schema>, String> {
        let (_, _, op) = self.operation(id).ok_or(format!("no operation {id}"))?;
        let response = op
            .responses
            .responses
            .get(&StatusCode::Code(status))
            .ok_or(format!("{id} documents no {status} response"))?;
        let response = match response {
            ReferenceOr::Item(response) => response,
            ReferenceOr::Reference { reference } => {
                let name = reference.rsplit('/').next().unwrap_or_default();
                self.components()
                    .responses
                    .get(name)
                    .and_then(ReferenceOr::as_item)
                    .ok_or(format!("unresolved {reference}"))?
            }
        };
        response
            .content
            .get("application/json")
            .and_then(|media| media.schema.as_ref())
            .ok_or(format!("{id}: no application/json schema for {status}"))
    }

    fn components(&self) -> &openapiv3::Components {
        static EMPTY: std::sync::OnceLock<openapiv3::Components> = std::sync::OnceLock::new();
        self.api
            .components
            .as_ref()
            .unwrap_or_else(|| EMPTY.get_or_init(Default::default))
    }

    fn resolve<'a>(&'a self, schema: &'a ReferenceOr<Schema>) -> Result<&'a Schema, String> {
        match schema {
            ReferenceOr::Item(schema) => Ok(schema),
            ReferenceOr::Reference { reference } => self.schema_named(reference),
        }
    }

    fn resolve_boxed<'a>(
        &'a self,
        schema: &'a ReferenceOr<Box<Schema>>,
    ) -> Result<&'a Schema, String> {
        match schema {
            ReferenceOr::Item(schema) => Ok(schema),
            ReferenceOr::Reference { reference } => self.schema_named(reference),
        }
    }

    fn schema_named(&self, reference: &str) -> Result<&Schema, String> {
        let name = reference
            .strip_prefix("#/components/schemas/")
            .ok_or(format!("unsupported $ref {reference}"))?;
        self.components()
            .schemas
            .get(name)
            .ok_or(format!("unresolved $ref {reference}"))
            .and_then(|schema| self.resolve(schema))
    }

    /// Every way `value` departs from `schema`, each as `path: what`.
    pub fn check(&self, schema: &ReferenceOr<Schema>, value: &Value) -> Vec<String> {
        let mut findings = Vec::new();
        match self.resolve(schema) {
            Ok(schema) => self.walk(schema, value, "$", &mut findings),
            Err(e) => findings.push(format!("$: {e}")),
        }
        findings
    }

    /// Every way the query parameters (`headers` false) or header parameters (`headers`
    /// true) `given` (name to string value, as sent) depart from operation `id`'s parameters:
    /// unknown names, missing required ones, values that do not read as their schema (arrays
    /// are comma-separated). Header names compare without regard to case.
    pub fn check_params(
        &self,
        id: &str,
        headers: bool,
        given: &serde_json::Map<String, Value>,
    ) -> Vec<String> {
        let mut findings = Vec::new();
        let Some((_, _, op)) = self.operation(id) else {
            return vec![format!("no operation {id}")];
        };
        let params: Vec<&openapiv3::ParameterData> = op
            .parameters
            .iter()
            .filter_map(|p| match p {
                ReferenceOr::Item(Parameter::Query { parameter_data, .. }) if !headers => {
                    Some(parameter_data)
                }
                ReferenceOr::Item(Parameter::Header { parameter_data, .. }) if headers => {
                    Some(parameter_data)
                }
                _ => None,
            })
            .collect();
        let same = |a: &str, b: &str| {
            if headers {
                a.eq_ignore_ascii_case(b)
            } else {
                a == b
            }
        };
        let (prefix, kind) = if headers {
            ("header ", "header")
        } else {
            ("?", "query parameter")
        };
        for param in &params {
            if param.required && !given.keys().any(|name| same(name, &param.name)) {
                findings.push(format!("{prefix}{}: required {kind} missing", param.name));
            }
        }
        for (name, value) in given {
            let path = format!("{prefix}{name}");
            let Some(param) = params.iter().find(|p| same(&p.name, name)) else {
                findings.push(format!("{path}: not a {kind} of {id}"));
                continue;
            };
            let Some(text) = value.as_str() else {
                findings.push(format!("{path}: example values are strings, as sent"));
                continue;
            };
            let ParameterSchemaOrContent::Schema(schema) = &param.format else {
                findings.push(format!("{path}: parameter has content, not a schema"));
                continue;
            };
            match self.resolve(schema) {
                Ok(schema) => self.walk_text(schema, text, &path, &mut findings),
                Err(e) => findings.push(format!("{path}: {e}")),
            }
        }
        findings
    }

    /// Checks a query parameter's text: arrays split at commas, scalars parsed by type.
    fn walk_text(&self, schema: &Schema, text: &str, path: &str, findings: &mut Vec<String>) {
        let value = match &schema.schema_kind {
            SchemaKind::Type(Type::Array(array)) => {
                let Some(items) = &array.items else {
                    return;
                };
                let parts: Vec<&str> = text.split(',').collect();
                if let Some(max) = array.max_items
                    && parts.len() > max
                {
                    findings.push(format!("{path}: {} items, at most {max}", parts.len()));
                }
                match self.resolve_boxed(items) {
                    Ok(items) => {
                        for (i, part) in parts.iter().enumerate() {
                            self.walk_text(items, part, &format!("{path}[{i}]"), findings);
                        }
                    }
                    Err(e) => findings.push(format!("{path}: {e}")),
                }
                return;
            }
            SchemaKind::Type(Type::Integer(_)) => match text.parse::<i64>() {
                Ok(n) => Value::from(n),
                Err(_) => {
                    findings.push(format!("{path}: {text:?} is not an integer"));
                    return;
                }
            },
            SchemaKind::Type(Type::Number(_)) => match text.parse::<f64>() {
                Ok(n) => Value::from(n),
                Err(_) => {
                    findings.push(format!("{path}: {text:?} is not a number"));
                    return;
                }
            },
            SchemaKind::Type(Type::Boolean(_)) => match text {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => {
                    findings.push(format!("{path}: {text:?} is not a boolean"));
                    return;
                }
            },
            SchemaKind::Type(Type::String(string))
                if matches!(
                    string.format,
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime)
                ) =>
            {
                // Query timestamps: RFC 3339, or the docs' own "YYYY-MM-DD HH:MM:SS" form.
                if chrono::DateTime::parse_from_rfc3339(text).is_err()
                    && chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").is_err()
                {
                    findings.push(format!("{path}: {text:?} is not a date-time"));
                }
                return;
            }
            _ => Value::String(text.to_owned()),
        };
        self.walk(schema, &value, path, findings);
    }

    fn walk(&self, schema: &Schema, value: &Value, path: &str, findings: &mut Vec<String>) {
        if value.is_null() {
            if !schema.schema_data.nullable {
                findings.push(format!("{path}: null, but the schema is not nullable"));
            }
            return;
        }
        match &schema.schema_kind {
            SchemaKind::Type(ty) => self.walk_type(ty, value, path, findings),
            SchemaKind::AllOf { all_of } => {
                for part in all_of {
                    match self.resolve(part) {
                        Ok(part) => self.walk(part, value, path, findings),
                        Err(e) => findings.push(format!("{path}: {e}")),
                    }
                }
            }
            SchemaKind::OneOf { one_of: choices } | SchemaKind::AnyOf { any_of: choices } => {
                let exactly_one = matches!(schema.schema_kind, SchemaKind::OneOf { .. });
                let mut matching = 0;
                let mut reasons = Vec::new();
                for choice in choices {
                    let mut sub = Vec::new();
                    match self.resolve(choice) {
                        Ok(choice) => self.walk(choice, value, path, &mut sub),
                        Err(e) => sub.push(format!("{path}: {e}")),
                    }
                    if sub.is_empty() {
                        matching += 1;
                    } else {
                        reasons.extend(sub);
                    }
                }
                if matching == 0 {
                    findings.push(format!(
                        "{path}: matches no alternative ({})",
                        reasons.join("; ")
                    ));
                } else if exactly_one && matching > 1 {
                    findings.push(format!(
                        "{path}: matches {matching} alternatives of a oneOf"
                    ));
                }
            }
            SchemaKind::Not { .. } => findings.push(format!("{path}: `not` is not supported")),
            SchemaKind::Any(_) => {}
        }
    }

    fn walk_type(&self, ty: &Type, value: &Value, path: &str, findings: &mut Vec<String>) {
        match ty {
            Type::String(string) => {
                let Some(text) = value.as_str() else {
                    findings.push(format!("{path}: expected a string, got {value}"));
                    return;
                };
                if !string.enumeration.is_empty()
                    && !string
                        .enumeration
                        .iter()
                        .flatten()
                        .any(|known| known == text)
                {
                    findings.push(format!("{path}: {text:?} is not a documented value"));
                }
                check_format(&string.format, text, path, findings);
                if let Some(pattern) = &string.pattern {
                    check_pattern(pattern, text, path, findings);
                }
                if let Some(max) = string.max_length
                    && text.chars().count() > max
                {
                    findings.push(format!("{path}: longer than {max} characters"));
                }
            }
            Type::Number(number) => {
                let Some(n) = value.as_f64() else {
                    findings.push(format!("{path}: expected a number, got {value}"));
                    return;
                };
                if number.minimum.is_some_and(|min| n < min)
                    || number.maximum.is_some_and(|max| n > max)
                {
                    findings.push(format!("{path}: {n} is out of range"));
                }
            }
            Type::Integer(integer) => {
                let Some(n) = value.as_i64() else {
                    findings.push(format!("{path}: expected an integer, got {value}"));
                    return;
                };
                if integer.minimum.is_some_and(|min| n < min)
                    || integer.maximum.is_some_and(|max| n > max)
                {
                    findings.push(format!("{path}: {n} is out of range"));
                }
            }
            Type::Boolean(_) => {
                if !value.is_boolean() {
                    findings.push(format!("{path}: expected a boolean, got {value}"));
                }
            }
            Type::Array(array) => {
                let Some(elements) = value.as_array() else {
                    findings.push(format!("{path}: expected an array, got {value}"));
                    return;
                };
                if let Some(max) = array.max_items
                    && elements.len() > max
                {
                    findings.push(format!("{path}: {} items, at most {max}", elements.len()));
                }
                if let Some(items) = &array.items {
                    match self.resolve_boxed(items) {
                        Ok(items) => {
                            for (i, element) in elements.iter().enumerate() {
                                self.walk(items, element, &format!("{path}[{i}]"), findings);
                            }
                        }
                        Err(e) => findings.push(format!("{path}: {e}")),
                    }
                }
            }
            Type::Object(object) => {
                let Some(fields) = value.as_object() else {
                    findings.push(format!("{path}: expected an object, got {value}"));
                    return;
                };
                for name in &object.required {
                    if !fields.contains_key(name) {
                        findings.push(format!("{path}.{name}: required property missing"));
                    }
                }
                for (name, field) in fields {
                    let at = format!("{path}.{name}");
                    if let Some(schema) = object.properties.get(name) {
                        match self.resolve_boxed(schema) {
                            Ok(schema) => self.walk(schema, field, &at, findings),
                            Err(e) => findings.push(format!("{at}: {e}")),
                        }
                        continue;
                    }
                    match &object.additional_properties {
                        Some(AdditionalProperties::Schema(schema)) => match self.resolve(schema) {
                            Ok(schema) => self.walk(schema, field, &at, findings),
                            Err(e) => findings.push(format!("{at}: {e}")),
                        },
                        Some(AdditionalProperties::Any(true)) => {}
                        _ => findings.push(format!("{at}: property not in the spec")),
                    }
                }
            }
        }
    }
}

/// Checks the formats that are cheap to check.
fn check_format(
    format: &VariantOrUnknownOrEmpty<StringFormat>,
    text: &str,
    path: &str,
    findings: &mut Vec<String>,
) {
    let ok = match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => {
            chrono::DateTime::parse_from_rfc3339(text).is_ok()
        }
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
        }
        VariantOrUnknownOrEmpty::Unknown(name) => match name.as_str() {
            "uuid" => uuid::Uuid::try_parse(text).is_ok(),
            "email" => text
                .split_once('@')
                .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.')),
            "uri" => text
                .split_once("://")
                .is_some_and(|(scheme, rest)| !scheme.is_empty() && !rest.is_empty()),
            _ => true,
        },
        _ => true,
    };
    if !ok {
        findings.push(format!("{path}: {text:?} does not have the spec's format"));
    }
}

/// Checks a pattern of the form `^literal` (the only kind our specs use); any other pattern
/// is reported, so that a new one is not silently skipped.
fn check_pattern(pattern: &str, text: &str, path: &str, findings: &mut Vec<String>) {
    let literal = pattern.strip_prefix('^').filter(|rest| {
        !rest.chars().any(|c| {
            matches!(
                c,
                '\\' | '.' | '*' | '+' | '?' | '[' | '(' | '|' | '{' | '$'
            )
        })
    });
    match literal {
        Some(prefix) if text.starts_with(prefix) => {}
        Some(_) => findings.push(format!("{path}: {text:?} does not match {pattern}")),
        None => findings.push(format!(
            "{path}: pattern {pattern} is not checked by this test"
        )),
    }
}
