//! Passes over the generated syntax tree, before it is formatted.

use quote::ToTokens;

/// Splits multi-line doc attributes into one `///` line each: prettyplease prints them as
/// block comments whose indented lines rustdoc would read as code blocks (and run as doctests).
pub struct LineDocs;

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

/// Makes generated models skip `null` elements of arrays and `null` values of maps, and read
/// optional timestamps leniently, as real responses need (see `metapack_core::lenient`).
pub struct LenientCollections;

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
                if ty.contains(",::std::vec::Vec<") {
                    "map_of_vecs_without_nulls"
                } else {
                    "map_without_nulls"
                }
            } else if ty.starts_with("::std::collections::HashMap<") {
                if ty.contains(",::std::vec::Vec<") {
                    "map_values_of_vecs_without_nulls"
                } else {
                    "map_values_without_nulls"
                }
            } else if ty == "::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>" {
                "option_datetime"
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
            if has_default || function.starts_with("map_values") {
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
