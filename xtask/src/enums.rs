//! Open enums: each named string enum of a spec becomes a `metapack_core::open_enum!`.

use quote::{format_ident, quote};

/// A named string enum of the spec, generated as an open enum (see `metapack_core::open_enum!`).
pub struct OpenEnum {
    pub name: String,
    pub description: String,
    pub values: Vec<String>,
}

impl OpenEnum {
    pub fn tokens(&self) -> proc_macro2::TokenStream {
        let name = format_ident!("{}", self.name);
        let doc = &self.description;
        // Values that differ only in letter case or separators ("CM", "cm") read as one value,
        // so they are one variant, written as first listed.
        let mut variants: Vec<(String, Vec<&String>)> = Vec::new();
        for value in &self.values {
            let ident = pascal_case(value);
            match variants.iter_mut().find(|(seen, _)| *seen == ident) {
                Some((_, spellings)) => spellings.push(value),
                None => variants.push((ident, vec![value])),
            }
        }
        let variants = variants.iter().map(|(ident, spellings)| {
            let ident = format_ident!("{}", ident);
            let value = spellings[0];
            let listed: Vec<String> = spellings.iter().map(|s| format!("`{s}`")).collect();
            let variant_doc = listed.join(", ");
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
