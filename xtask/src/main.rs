//! `cargo xtask codegen [--check]`: regenerates the API crates from `specs/*.yaml`.
//!
//! Each `specs/<api>.yaml` becomes `crates/metapack-<api>/src/generated.rs` (the progenitor
//! client, its types and the spec's open enums) and `src/generated_mock.rs` (progenitor's typed
//! httpmock helpers, compiled behind the crate's `mock` feature). The specs stay the source of
//! truth; before generation the xtask shapes an in-memory copy of each spec for the generator.
//! `docs/codegen.md` explains each of those steps and why it is needed.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::{env, fs, io::Write as _};

use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle, TypeImpl};
use quote::{ToTokens, format_ident, quote};
use serde_json::Value;
use sha2::{Digest, Sha256};

type Result<T, E = String> = std::result::Result<T, E>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let check = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["codegen"] => false,
        ["codegen", "--check"] => true,
        _ => {
            eprintln!("usage: cargo xtask codegen [--check]");
            return ExitCode::from(2);
        }
    };
    match codegen(check) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("generated code is stale: run `cargo xtask codegen` and commit the result");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Generates every crate; with `check`, compares instead of writing. Returns whether all
/// files were up to date (always true when writing).
fn codegen(check: bool) -> Result<bool> {
    let root = workspace_root();
    let mut specs: Vec<PathBuf> = fs::read_dir(root.join("specs"))
        .map_err(|e| format!("reading specs/: {e}"))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    specs.sort();
    let mut fresh = true;
    for spec_path in specs {
        let api = spec_path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let crate_dir = root.join("crates").join(format!("metapack-{api}"));
        if !crate_dir.is_dir() {
            return Err(format!(
                "specs/{api}.yaml has no crate at {}",
                crate_dir.display()
            ));
        }
        for (file, code) in generate(api, &spec_path)? {
            let path = crate_dir.join("src").join(file);
            let current = fs::read_to_string(&path).unwrap_or_default();
            if current == code {
                continue;
            }
            if check {
                fresh = false;
                eprintln!("stale: {}", path.display());
                let diff = similar::TextDiff::from_lines(&current, &code);
                eprint!(
                    "{}",
                    diff.unified_diff()
                        .context_radius(2)
                        .header("committed", "generated")
                );
            } else {
                fs::write(&path, code).map_err(|e| format!("writing {}: {e}", path.display()))?;
                println!("wrote {}", path.display());
            }
        }
    }
    Ok(fresh)
}

/// Produces `(file name, contents)` for one spec.
fn generate(api: &str, spec_path: &Path) -> Result<Vec<(&'static str, String)>> {
    let text =
        fs::read_to_string(spec_path).map_err(|e| format!("{}: {e}", spec_path.display()))?;
    let mut doc: Value =
        serde_yaml::from_str(&text).map_err(|e| format!("specs/{api}.yaml: {e}"))?;
    let enums = shape_for_generator(&mut doc).map_err(|e| format!("specs/{api}.yaml: {e}"))?;
    let spec: openapiv3::OpenAPI = serde_json::from_value(doc)
        .map_err(|e| format!("specs/{api}.yaml is not OpenAPI 3.0: {e}"))?;

    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        .with_hooks(HooksMode::Expected)
        .with_inner_type(quote!(metapack_core::Runtime))
        .with_derive("schemars::JsonSchema")
        .with_derive("PartialEq");
    for open_enum in &enums {
        let impls = [TypeImpl::Display, TypeImpl::FromStr];
        let path = format!("crate::generated::enums::{}", open_enum.name);
        settings.with_replacement(&open_enum.name, path, impls.into_iter());
    }
    let mut generator = Generator::new(&settings);
    let client = generator
        .generate_tokens(&spec)
        .map_err(|e| format!("progenitor: {e}"))?;
    let mock = generator
        .httpmock(&spec, "crate::generated")
        .map_err(|e| format!("progenitor httpmock: {e}"))?;
    let enum_items = enums.iter().map(OpenEnum::tokens);
    let client = quote! {
        #client

        /// The spec's value lists, as open enums: values this version does not know decode
        /// into `Other` instead of failing.
        pub mod enums {
            #(#enum_items)*
        }
    };

    let digest = Sha256::digest(text.as_bytes());
    let sha: String = digest.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    });
    let header = format!(
        "// @generated by `cargo xtask codegen` from specs/{api}.yaml (sha256 {sha}). Do not edit by hand.\n"
    );
    Ok(vec![
        ("generated.rs", header.clone() + &render(client)?),
        ("generated_mock.rs", header + &render(mock)?),
    ])
}

/// prettyplease, then rustfmt (so `cargo fmt --check` agrees with the committed file).
fn render(tokens: proc_macro2::TokenStream) -> Result<String> {
    let mut file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("generated code does not parse: {e}"))?;
    syn::visit_mut::VisitMut::visit_file_mut(&mut LineDocs, &mut file);
    syn::visit_mut::VisitMut::visit_file_mut(&mut LenientCollections, &mut file);
    let pretty = prettyplease::unparse(&file);
    let mut child = Command::new(env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".into()))
        .args(["--edition", "2024", "--emit", "stdout"])
        .current_dir(workspace_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("running rustfmt: {e}"))?;
    child
        .stdin
        .take()
        .ok_or("rustfmt has no stdin")?
        .write_all(pretty.as_bytes())
        .map_err(|e| format!("writing to rustfmt: {e}"))?;
    let out = child
        .wait_with_output()
        .map_err(|e| format!("rustfmt: {e}"))?;
    if !out.status.success() {
        return Err("rustfmt failed on the generated code".into());
    }
    String::from_utf8(out.stdout).map_err(|e| format!("rustfmt output: {e}"))
}

/// Splits multi-line doc attributes into one `///` line each: prettyplease prints them as
/// block comments whose indented lines rustdoc would read as code blocks (and run as doctests).
struct LineDocs;

impl syn::visit_mut::VisitMut for LineDocs {
    fn visit_attributes_mut(&mut self, attrs: &mut Vec<syn::Attribute>) {
        let mut out = Vec::with_capacity(attrs.len());
        for attr in attrs.drain(..) {
            let text = match &attr.meta {
                syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => Some(s.value()),
                    _ => None,
                },
                _ => None,
            };
            match text {
                Some(text) if text.contains('\n') => {
                    for line in text.lines() {
                        let line = format!(" {}", line.trim_end());
                        out.push(syn::parse_quote!(#[doc = #line]));
                    }
                }
                _ => out.push(attr),
            }
        }
        *attrs = out;
    }
}

/// Makes generated models skip `null` elements of arrays and `null` values of maps, which real
/// responses carry (see `metapack_core::lenient`).
struct LenientCollections;

impl syn::visit_mut::VisitMut for LenientCollections {
    fn visit_item_struct_mut(&mut self, item: &mut syn::ItemStruct) {
        let derives_deserialize = item.attrs.iter().any(|a| {
            a.path().is_ident("derive")
                && a.meta.to_token_stream().to_string().contains("Deserialize")
        });
        if !derives_deserialize {
            return;
        }
        for field in item.fields.iter_mut() {
            let ty = field.ty.to_token_stream().to_string().replace(' ', "");
            let function = if ty.starts_with("::std::option::Option<::std::vec::Vec<") {
                "vec_without_nulls"
            } else if ty.starts_with("::std::option::Option<::std::collections::HashMap<") {
                "map_without_nulls"
            } else if ty.starts_with("::std::collections::HashMap<") {
                "map_values_without_nulls"
            } else {
                continue;
            };
            let path = format!("::metapack_core::lenient::{function}");
            let has_default = field.attrs.iter().any(|a| {
                a.path().is_ident("serde")
                    && a.meta
                        .to_token_stream()
                        .to_string()
                        .split(|c: char| !c.is_alphanumeric() && c != '_')
                        .any(|w| w == "default")
            });
            if has_default || function == "map_values_without_nulls" {
                field
                    .attrs
                    .push(syn::parse_quote!(#[serde(deserialize_with = #path)]));
            } else {
                field
                    .attrs
                    .push(syn::parse_quote!(#[serde(default, deserialize_with = #path)]));
            }
        }
    }
}

/// A named string enum of the spec, generated as an open enum (see `metapack_core::open_enum!`).
struct OpenEnum {
    name: String,
    description: String,
    values: Vec<String>,
}

impl OpenEnum {
    fn tokens(&self) -> proc_macro2::TokenStream {
        let name = format_ident!("{}", self.name);
        let doc = &self.description;
        let mut seen = BTreeSet::new();
        let variants = self.values.iter().map(|value| {
            let mut ident = pascal_case(value);
            while !seen.insert(ident.clone()) {
                ident.push('_');
            }
            let ident = format_ident!("{}", ident);
            let variant_doc = format!("`{value}`");
            quote! { #[doc = #variant_doc] #ident = #value, }
        });
        quote! {
            metapack_core::open_enum! {
                #[doc = #doc]
                pub enum #name { #(#variants)* }
            }
        }
    }
}

/// `AWAITING_DESPATCH` → `AwaitingDespatch`, `en-GB` → `EnGb`, `readyToManifest` →
/// `ReadyToManifest`.
fn pascal_case(value: &str) -> String {
    let mut out = String::new();
    for part in value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        let shouting = !part.chars().any(|c| c.is_ascii_lowercase());
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| if shouting { c.to_ascii_lowercase() } else { c }));
        }
    }
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert(0, 'V');
    }
    out
}

/// Shapes the in-memory copy of a spec for progenitor (see docs/codegen.md) and returns its
/// named string enums, which become open enums.
fn shape_for_generator(doc: &mut Value) -> Result<Vec<OpenEnum>> {
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
    let mut error_responses = BTreeSet::new();
    let shared_responses = doc.pointer("/components/responses").cloned();
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (method, op) in item.iter_mut() {
                let at = format!("{method} {path}");
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
