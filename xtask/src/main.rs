//! `cargo xtask codegen [--check]`: regenerates the API crates from `specs/*.yaml`.
//!
//! Each `specs/<api>.yaml` becomes `crates/metapack-<api>/src/generated.rs` (the progenitor
//! client, its types and the spec's open enums) and `src/generated_mock.rs` (progenitor's typed
//! httpmock helpers, compiled behind the crate's `mock` feature). The specs stay the source of
//! truth; before generation the xtask shapes an in-memory copy of each spec for the generator.
//! `docs/codegen.md` explains each of those steps and why it is needed.
//!
//! A third file, `src/generated_client.rs`, holds the client struct, its builder and their
//! wiring to `metapack_core`'s runtime ([`front`]), from the spec's security scheme and its
//! `x-metapack-retry` declarations ([`retry`]) and the crate's entry in [`APIS`].

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::{env, fs, io::Write as _};

use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle, TypeImpl};
use quote::quote;
use serde_json::Value;

use crate::enums::OpenEnum;
use crate::front::Api;
use sha2::{Digest, Sha256};

mod enums;
mod front;
mod retry;
mod shape;
mod syntax;

/// The generated APIs: one entry per `specs/<spec>.yaml`, in `crates/metapack-<spec>/`.
const APIS: &[Api] = &[
    Api {
        spec: "delivery-options",
        client: "DeliveryOptionsClient",
        state: None,
        // The key must be a hyphenated UUID, as Metapack Support issues it.
        credential_check: Some("crate::client::check_key"),
    },
    Api {
        spec: "shipping",
        client: "ShippingClient",
        state: None,
        credential_check: None,
    },
    Api {
        spec: "tracking",
        client: "TrackingClient",
        // Whether event codes the docs do not list may be sent.
        state: Some(("unlisted", "crate::checks::Unlisted")),
        credential_check: None,
    },
];

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
    let mut specs: Vec<String> = fs::read_dir(root.join("specs"))
        .map_err(|e| format!("reading specs/: {e}"))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_owned))
        .collect();
    specs.sort();
    let listed: Vec<&str> = APIS.iter().map(|api| api.spec).collect();
    if specs != listed {
        return Err(format!(
            "specs/ holds {specs:?} but the xtask's APIS list names {listed:?}: add an entry \
             for each spec (see docs/codegen.md)"
        ));
    }
    let mut fresh = true;
    for api in APIS {
        let spec_path = root.join("specs").join(format!("{}.yaml", api.spec));
        let crate_dir = root.join("crates").join(format!("metapack-{}", api.spec));
        if !crate_dir.is_dir() {
            return Err(format!(
                "specs/{}.yaml has no crate at {}",
                api.spec,
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
fn generate(entry: &Api, spec_path: &Path) -> Result<Vec<(&'static str, String)>> {
    let api = entry.spec;
    let text =
        fs::read_to_string(spec_path).map_err(|e| format!("{}: {e}", spec_path.display()))?;
    let mut doc: Value =
        serde_yaml::from_str(&text).map_err(|e| format!("specs/{api}.yaml: {e}"))?;
    let declarations = retry::declarations(&doc).map_err(|e| format!("specs/{api}.yaml: {e}"))?;
    let front =
        front::tokens(entry, &doc, &declarations).map_err(|e| format!("specs/{api}.yaml: {e}"))?;
    let enums =
        shape::shape_for_generator(&mut doc).map_err(|e| format!("specs/{api}.yaml: {e}"))?;
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
    let enum_items = enums
        .iter()
        .map(OpenEnum::tokens)
        .collect::<Result<Vec<_>>>()?;
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
        ("generated_mock.rs", header.clone() + &render(mock)?),
        ("generated_client.rs", header + &render(front)?),
    ])
}

/// prettyplease, then rustfmt (so `cargo fmt --check` agrees with the committed file).
fn render(tokens: proc_macro2::TokenStream) -> Result<String> {
    let mut file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("generated code does not parse: {e}"))?;
    syn::visit_mut::VisitMut::visit_file_mut(&mut syntax::LineDocs, &mut file);
    syn::visit_mut::VisitMut::visit_file_mut(&mut syntax::LenientCollections, &mut file);
    let mut send_methods = syntax::SendMethods::new(&file);
    syn::visit_mut::VisitMut::visit_file_mut(&mut send_methods, &mut file);
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
