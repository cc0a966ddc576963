//! Passes over the generated syntax tree, before it is formatted.

use std::collections::{HashMap, HashSet};

use quote::ToTokens;
use syn::visit_mut::VisitMut as _;

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

/// The request builders' `send` methods, reshaped for the hot path (issue 12):
///
/// - progenitor's `api-version` header is not built: no Metapack API defines it (it would be
///   added and removed again on every request);
/// - optional query parameters are added only when present (`if let Some`), instead of one
///   `.query()` call per absent parameter;
/// - success bodies decode through `metapack_core::value_from_response`, which moves the
///   headers where progenitor's `ResponseValue::from_response` copies them;
/// - builders with a body get `send_body(&body)`, which sends a body given by reference, and
///   `send` becomes the body's conversion followed by `send_body` (the fronts send their
///   requests without cloning them through the builder types).
pub struct SendMethods {
    /// Builder name to (optional fields, body type) from the builder structs.
    builders: HashMap<String, Builder>,
}

#[derive(Default)]
struct Builder {
    optional: HashSet<String>,
    body: Option<syn::Type>,
}

impl SendMethods {
    /// Reads the builder structs of `file` (the fields `send` destructures).
    pub fn new(file: &syn::File) -> Self {
        let mut builders = HashMap::new();
        let modules = file.items.iter().filter_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "builder" => m.content.as_ref(),
            _ => None,
        });
        for (_, items) in modules {
            for item in items {
                let syn::Item::Struct(s) = item else { continue };
                let mut builder = Builder::default();
                for field in &s.fields {
                    let Some(name) = &field.ident else { continue };
                    let Some(inner) = result_ok_type(&field.ty) else {
                        continue;
                    };
                    let text = inner.to_token_stream().to_string().replace(' ', "");
                    if name == "body" {
                        // The builder type of a model converts to the model itself.
                        let model = text.replace("types::builder::", "types::");
                        builder.body = syn::parse_str(&model).ok();
                    } else if text.starts_with("Option<") {
                        builder.optional.insert(name.to_string());
                    }
                }
                builders.insert(s.ident.to_string(), builder);
            }
        }
        Self { builders }
    }
}

/// `T` of a `Result<T, String>` type.
fn result_ok_type(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    match &last.arguments {
        syn::PathArguments::AngleBracketed(args) => match args.args.first()? {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

impl syn::visit_mut::VisitMut for SendMethods {
    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        let syn::Type::Path(self_ty) = &*item.self_ty else {
            return;
        };
        let Some(name) = self_ty.path.segments.last().map(|s| s.ident.to_string()) else {
            return;
        };
        let Some(builder) = self.builders.get(&name) else {
            return;
        };
        let mut added = Vec::new();
        for impl_item in &mut item.items {
            let syn::ImplItem::Fn(f) = impl_item else {
                continue;
            };
            if f.sig.ident != "send" {
                continue;
            }
            drop_api_version(&mut f.block);
            HeadersMoved.visit_block_mut(&mut f.block);
            conditional_queries(&mut f.block, &builder.optional);
            if let Some(body) = &builder.body
                && let Some(send_body) = split_body(f, body)
            {
                added.push(syn::ImplItem::Fn(send_body));
            }
        }
        item.items.extend(added);
    }
}

/// Removes `header_map.append("api-version", ..)`, and the header map itself when nothing
/// else is added to it.
fn drop_api_version(block: &mut syn::Block) {
    let text = |s: &syn::Stmt| s.to_token_stream().to_string();
    let before = block.stmts.len();
    block.stmts.retain(|s| {
        !(text(s).starts_with("header_map . append") && text(s).contains("\"api-version\""))
    });
    if block.stmts.len() == before {
        return;
    }
    let still_used = block
        .stmts
        .iter()
        .any(|s| text(s).contains("header_map . append"));
    for stmt in &mut block.stmts {
        let syn::Stmt::Local(local) = stmt else {
            continue;
        };
        let Some(init) = &mut local.init else {
            continue;
        };
        let init_text = init.expr.to_token_stream().to_string();
        if init_text.contains("HeaderMap :: with_capacity") {
            if let syn::Expr::Call(call) = &mut *init.expr
                && let Some(syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Int(n),
                    ..
                })) = call.args.first()
                && let Ok(n) = n.base10_parse::<usize>()
            {
                let n = n.saturating_sub(1);
                call.args[0] = syn::parse_quote!(#n);
            }
        } else if !still_used && init_text.contains(". headers (header_map)") {
            let chain = std::mem::replace(&mut *init.expr, syn::parse_quote!(()));
            *init.expr = strip_method(chain, "headers");
        }
    }
    if !still_used {
        block.stmts.retain(|s| {
            !(matches!(s, syn::Stmt::Local(_)) && text(s).starts_with("let mut header_map"))
        });
    }
}

/// `expr` without its `.method(..)` calls (anywhere in the method chain).
fn strip_method(expr: syn::Expr, method: &str) -> syn::Expr {
    match expr {
        syn::Expr::MethodCall(mut call) => {
            let receiver = strip_method(*call.receiver, method);
            if call.method == method {
                receiver
            } else {
                call.receiver = Box::new(receiver);
                syn::Expr::MethodCall(call)
            }
        }
        syn::Expr::Try(mut t) => {
            t.expr = Box::new(strip_method(*t.expr, method));
            syn::Expr::Try(t)
        }
        other => other,
    }
}

/// Splits `let mut request = client.client.get(url)...query(..)...build()?;` so that each
/// optional query parameter is added only when present.
fn conditional_queries(block: &mut syn::Block, optional: &HashSet<String>) {
    let is_optional_query = |call: &syn::ExprMethodCall| {
        call.method == "query"
            && query_variable(call).is_some_and(|v| optional.contains(&v.to_string()))
    };
    let Some(index) = block.stmts.iter().position(|s| {
        matches!(s, syn::Stmt::Local(l) if l.pat.to_token_stream().to_string() == "mut request")
    }) else {
        return;
    };
    let syn::Stmt::Local(local) = &block.stmts[index] else {
        return;
    };
    let Some(syn::Expr::Try(built)) = local.init.as_ref().map(|i| &*i.expr) else {
        return;
    };
    // The chain, innermost receiver first.
    let mut calls = Vec::new();
    let mut expr = &*built.expr;
    while let syn::Expr::MethodCall(call) = expr {
        calls.push(call);
        expr = &call.receiver;
    }
    calls.reverse();
    if !calls.iter().any(|c| is_optional_query(c)) {
        return;
    }
    let (Some(first), Some(last)) = (
        calls.iter().position(|c| c.method == "query"),
        calls.iter().rposition(|c| c.method == "query"),
    ) else {
        return;
    };
    let apply = |receiver: syn::Expr, calls: &[&syn::ExprMethodCall]| {
        calls.iter().fold(receiver, |receiver, call| {
            let mut call = (*call).clone();
            call.receiver = Box::new(receiver);
            syn::Expr::MethodCall(call)
        })
    };
    let start = apply(expr.clone(), &calls[..first]);
    let mut stmts: Vec<syn::Stmt> = vec![syn::parse_quote!(let mut request = #start;)];
    for call in &calls[first..=last] {
        let args = &call.args;
        if is_optional_query(call) {
            let Some(var) = query_variable(call) else {
                return;
            };
            let name = call.args.first().and_then(|a| match a {
                syn::Expr::Reference(r) => match &*r.expr {
                    syn::Expr::Call(c) => c.args.first().cloned(),
                    _ => None,
                },
                _ => None,
            });
            let Some(name) = name else { return };
            stmts.push(syn::parse_quote! {
                if let Some(value) = &#var {
                    request = request.query(&progenitor_client::QueryParam::new(#name, value));
                }
            });
        } else {
            stmts.push(syn::parse_quote!(request = request.query(#args);));
        }
    }
    let rest = apply(syn::parse_quote!(request), &calls[last + 1..]);
    let attrs = &local.attrs;
    stmts.push(syn::parse_quote!(#(#attrs)* let mut request = #rest?;));
    block.stmts.splice(index..=index, stmts);
}

/// `value` of `.query(&progenitor_client::QueryParam::new("name", &value))`.
fn query_variable(call: &syn::ExprMethodCall) -> Option<&syn::Ident> {
    let syn::Expr::Reference(r) = call.args.first()? else {
        return None;
    };
    let syn::Expr::Call(new) = &*r.expr else {
        return None;
    };
    let syn::Expr::Reference(value) = new.args.iter().nth(1)? else {
        return None;
    };
    match &*value.expr {
        syn::Expr::Path(p) => p.path.get_ident(),
        _ => None,
    }
}

/// Moves `send`'s work into a new `send_body(self, body: &Body)` and makes `send` convert the
/// builder's body and call it. `None` when `send` does not have the expected shape.
fn split_body(send: &mut syn::ImplItemFn, body_ty: &syn::Type) -> Option<syn::ImplItemFn> {
    let text = |s: &syn::Stmt| s.to_token_stream().to_string();
    let conversion = send
        .block
        .stmts
        .iter()
        .position(|s| text(s).starts_with("let body = body"))?;
    let destructure = send
        .block
        .stmts
        .iter()
        .position(|s| text(s).starts_with("let Self {"))?;
    let mut with_body = send.clone();
    with_body.sig.ident = syn::Ident::new("send_body", send.sig.ident.span());
    with_body
        .sig
        .inputs
        .push(syn::parse_quote!(body: &#body_ty));
    with_body.attrs = vec![
        syn::parse_quote!(#[doc = " Like `send`, with `body` as the request body, sent by reference."]),
        syn::parse_quote!(#[doc = " The builder's own body is not used."]),
    ];
    let syn::Stmt::Local(local) = &mut with_body.block.stmts[destructure] else {
        return None;
    };
    let syn::Pat::Struct(pat) = &mut local.pat else {
        return None;
    };
    for field in pat.fields.iter_mut() {
        if field.member.to_token_stream().to_string() == "body" {
            field.colon_token = Some(Default::default());
            *field.pat = syn::parse_quote!(_);
        }
    }
    with_body.block.stmts.remove(conversion);
    for stmt in &mut with_body.block.stmts {
        let syn::Stmt::Local(local) = stmt else {
            continue;
        };
        if local.pat.to_token_stream().to_string() != "mut request" {
            continue;
        }
        if let Some(init) = &mut local.init {
            JsonByReference.visit_expr_mut(&mut init.expr);
        }
    }

    let syn::Stmt::Local(convert) = &send.block.stmts[conversion] else {
        return None;
    };
    let convert = convert.init.as_ref()?.expr.to_token_stream().to_string();
    let taken = convert.strip_prefix("body")?;
    let taken: syn::Expr = syn::parse_str(&format!(
        "::std::mem::replace(&mut self.body, Err(String::new())){taken}"
    ))
    .ok()?;
    send.sig.inputs[0] = syn::parse_quote!(mut self);
    send.block = syn::parse_quote!({
        let body = #taken;
        self.send_body(&body).await
    });
    Some(with_body)
}

/// `.json(&body)` to `.json(body)` (the body is a reference already).
struct JsonByReference;

impl syn::visit_mut::VisitMut for JsonByReference {
    fn visit_expr_method_call_mut(&mut self, call: &mut syn::ExprMethodCall) {
        if call.method == "json"
            && call.args.len() == 1
            && call.args[0].to_token_stream().to_string() == "& body"
        {
            call.args[0] = syn::parse_quote!(body);
        }
        syn::visit_mut::visit_expr_method_call_mut(self, call);
    }
}

/// `ResponseValue::from_response(response)` to `::metapack_core::value_from_response(response)`.
struct HeadersMoved;

impl syn::visit_mut::VisitMut for HeadersMoved {
    fn visit_expr_call_mut(&mut self, call: &mut syn::ExprCall) {
        if call.func.to_token_stream().to_string() == "ResponseValue :: from_response" {
            *call.func = syn::parse_quote!(::metapack_core::value_from_response);
        }
        syn::visit_mut::visit_expr_call_mut(self, call);
    }
}
