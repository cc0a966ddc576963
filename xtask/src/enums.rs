//! Open enums: each named string enum of a spec becomes a `metapack_core::open_enum!`.

use quote::{format_ident, quote};

/// A named string enum of the spec, generated as an open enum (see `metapack_core::open_enum!`).
pub struct OpenEnum {
    pub name: String,
    pub description: String,
    pub values: Vec<String>,
}

impl OpenEnum {
    pub fn tokens(&self) -> Result<proc_macro2::TokenStream, String> {
        let name = format_ident!("{}", self.name);
        let doc = &self.description;
        // Values the runtime reads as one (`metapack_core::open_enum::key`: letters and
        // digits, any case, so "CM" and "cm") are one variant, written as first listed.
        let mut variants: Vec<(String, String, Vec<&String>)> = Vec::new();
        for value in &self.values {
            let key = runtime_key(value);
            match variants.iter_mut().find(|(seen, _, _)| *seen == key) {
                Some((_, _, spellings)) => spellings.push(value),
                None => variants.push((key, pascal_case(value), vec![value])),
            }
        }
        // Values the runtime tells apart must not share a variant name ("1" and "V1").
        for (i, (_, ident, spellings)) in variants.iter().enumerate() {
            if let Some((_, _, other)) = variants[..i].iter().find(|(_, seen, _)| seen == ident) {
                return Err(format!(
                    "{}: values {:?} and {:?} are different but would both be variant {ident}",
                    self.name, other[0], spellings[0]
                ));
            }
        }
        let variants = variants.iter().map(|(_, ident, spellings)| {
            let ident = format_ident!("{}", ident);
            let value = spellings[0];
            let listed: Vec<String> = spellings.iter().map(|s| format!("`{s}`")).collect();
            let variant_doc = listed.join(", ");
            quote! { #[doc = #variant_doc] #ident = #value, }
        });
        Ok(quote! {
            metapack_core::open_enum! {
                #[doc = #doc]
                pub enum #name { #(#variants)* }
            }
        })
    }
}

/// What the runtime compares: the ASCII letters and digits, lower-cased.
fn runtime_key(value: &str) -> String {
    value
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
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

#[cfg(test)]
mod tests {
    use super::OpenEnum;

    fn open_enum(values: &[&str]) -> OpenEnum {
        OpenEnum {
            name: "Status".into(),
            description: "A status.".into(),
            values: values.iter().map(|v| (*v).to_owned()).collect(),
        }
    }

    #[test]
    fn spellings_the_runtime_reads_as_one_are_one_variant() {
        let tokens = open_enum(&["readyToManifest", "READY_TO_MANIFEST", "READYTOMANIFEST"])
            .tokens()
            .expect("one variant")
            .to_string();
        assert_eq!(tokens.matches("ReadyToManifest =").count(), 1, "{tokens}");
        assert!(!tokens.contains("Readytomanifest"), "{tokens}");
    }

    #[test]
    fn different_values_with_one_variant_name_are_refused() {
        let err = open_enum(&["1", "V1"]).tokens().unwrap_err();
        assert!(err.contains("\"1\"") && err.contains("\"V1\""), "{err}");
    }
}
