//! `generated_client.rs`: everything an API crate needs to plug its generated client into
//! `metapack_core`'s runtime, so that its hand-written part is its URLs, its typed methods
//! and nothing of plumbing.
//!
//! From the spec: the API's title, its credential kind (the security scheme) and the
//! `x-metapack-retry` declarations (see [`crate::retry`]). From the xtask's list ([`Api`]):
//! the client's name, its own state and an extra credential check. The crate provides
//! `PRODUCTION_URL` and `METAPACK_SANDBOX_URL` at its root; lib.rs declares
//! `mod generated_client; pub use generated_client::*;`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use crate::Result;
use crate::retry::Declaration;

/// One generated API: its entry in the xtask's list.
pub struct Api {
    /// `specs/<spec>.yaml` generates `crates/metapack-<spec>/src/generated*.rs`.
    pub spec: &'static str,
    /// The client type the crate exports (`ShippingClient`); its builder is `<client>Builder`.
    pub client: &'static str,
    /// A field of the front's own per-client state, as (field, type): the type is
    /// `Clone + Debug + Default`; clones made by `with_call_settings` keep it.
    pub state: Option<(&'static str, &'static str)>,
    /// A hand-written `fn(&Credentials) -> Result<(), Error>` run on credentials of the
    /// right kind, for checks of their value (a key's format).
    pub credential_check: Option<&'static str>,
}

/// How the spec's security scheme authenticates, as `metapack_core::Credentials` has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CredentialKind {
    Basic,
    ApiKey,
    Bearer,
}

impl CredentialKind {
    /// Reads the spec's one security requirement.
    fn of(doc: &Value) -> Result<Self> {
        let names: Vec<&String> = doc
            .get("security")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
            .flat_map(|requirement| requirement.keys())
            .collect();
        let [name] = names.as_slice() else {
            return Err(format!(
                "the spec must name exactly one security scheme in its top-level security, found {names:?}"
            ));
        };
        let scheme = doc
            .pointer(&format!("/components/securitySchemes/{name}"))
            .ok_or_else(|| {
                format!("security scheme {name} is not in components/securitySchemes")
            })?;
        let field = |key: &str| {
            scheme[key]
                .as_str()
                .unwrap_or_default()
                .to_ascii_lowercase()
        };
        match (field("type").as_str(), field("scheme").as_str()) {
            ("http", "basic") => Ok(Self::Basic),
            ("http", "bearer") | ("oauth2", _) => Ok(Self::Bearer),
            ("apikey", _) if field("in") == "query" && scheme["name"] == "key" => Ok(Self::ApiKey),
            ("apikey", _) => Err(format!(
                "security scheme {name}: metapack_core sends an API key as the `key` query \
                 parameter only; teach Credentials::ApiKey another placement first"
            )),
            (kind, _) => Err(format!(
                "security scheme {name} of type {kind} has no metapack_core::Credentials kind"
            )),
        }
    }

    /// The variant's pattern, the refusal of any other kind, and the doc example's credentials.
    fn tokens(self, title: &str) -> (TokenStream, TokenStream, &'static str) {
        match self {
            Self::Basic => {
                let message = format!(
                    "the {title} takes HTTP Basic credentials: use Credentials::basic(username, password)"
                );
                (
                    quote!(metapack_core::Credentials::Basic { .. }),
                    quote!(metapack_core::Error::invalid_request(#message)),
                    r#"Credentials::basic("user", "password")"#,
                )
            }
            Self::ApiKey => {
                let message =
                    format!("the {title} takes an API key: use Credentials::api_key(key)");
                (
                    quote!(metapack_core::Credentials::ApiKey(_)),
                    quote!(metapack_core::Error::invalid_field("key", #message)),
                    r#"Credentials::api_key("03b2a318-bdf6-49a3-97c4-868ae039de04")"#,
                )
            }
            Self::Bearer => {
                let message = format!(
                    "the {title} takes bearer tokens: use Credentials::bearer(TokenProvider::new(source))"
                );
                (
                    quote!(metapack_core::Credentials::Bearer(_)),
                    quote!(metapack_core::Error::invalid_request(#message)),
                    r#"Credentials::bearer(metapack_core::TokenProvider::new(metapack_core::StaticToken::new("token")))"#,
                )
            }
        }
    }
}

/// `- `op` (`METHOD /path`): reason` lines for the declarations `keep` selects.
fn listed(declarations: &[Declaration], keep: impl Fn(&Declaration) -> bool) -> Vec<String> {
    declarations
        .iter()
        .filter(|d| keep(d))
        .map(|d| {
            format!(
                "- `{}` (`{} {}`): {}",
                d.operation_id, d.method, d.path, d.reason
            )
        })
        .collect()
}

fn ids(declarations: &[Declaration], keep: impl Fn(&Declaration) -> bool) -> Vec<&str> {
    declarations
        .iter()
        .filter(|d| keep(d))
        .map(|d| d.operation_id.as_str())
        .collect()
}

/// The tokens of `generated_client.rs`.
pub fn tokens(api: &Api, doc: &Value, declarations: &[Declaration]) -> Result<TokenStream> {
    let title = doc
        .pointer("/info/title")
        .and_then(Value::as_str)
        .ok_or("the spec has no info.title")?;
    let spec = format!("specs/{}.yaml", api.spec);
    let crate_path = format!("metapack_{}", api.spec.replace('-', "_"));
    let client = format_ident!("{}", api.client);
    let builder = format_ident!("{}Builder", api.client);
    let (pattern, refusal, credentials_example) = CredentialKind::of(doc)?.tokens(title);
    let accepted = match api.credential_check {
        Some(check) => {
            let check: syn::Path =
                syn::parse_str(check).map_err(|e| format!("credential_check {check}: {e}"))?;
            quote!(#check(credentials))
        }
        None => quote!(Ok(())),
    };
    let (state_field, state_init, state_copy) = match api.state {
        Some((field, ty)) => {
            let field = format_ident!("{field}");
            let ty: syn::Type = syn::parse_str(ty).map_err(|e| format!("state {ty}: {e}"))?;
            (
                quote!(pub(crate) #field: #ty,),
                quote!(#field: ::std::default::Default::default(),),
                quote!(#field: ::std::clone::Clone::clone(&self.#field),),
            )
        }
        None => (quote!(), quote!(), quote!()),
    };

    let not_retried = listed(declarations, |d| !d.safe);
    let beyond_method = listed(declarations, Declaration::safe_beyond_method);
    let retry_safe = ids(declarations, Declaration::safe_beyond_method);
    let unsafe_ops = ids(declarations, Declaration::unsafe_despite_method);
    let mut struct_doc = format!(
        "A client of the {title}; [`{c}::builder`] configures one.\n\n\
         Cheap to clone: clones share the connection pool, the credentials (and their tokens) \
         and the retry budget.\n\n\
         A failed call is retried under the client's [`RetryPolicy`](metapack_core::RetryPolicy) \
         when sending it again is harmless, as `{spec}` declares for each operation \
         (`x-metapack-retry`).",
        c = api.client
    );
    if !not_retried.is_empty() {
        struct_doc += &format!(
            " These are not retried once the request may have reached Metapack, unless the \
             caller opts in with [`with_retry_unsafe`]({c}::with_retry_unsafe):\n\n{}",
            not_retried.join("\n"),
            c = api.client
        );
    }
    if !beyond_method.is_empty() {
        struct_doc += &format!(
            "\n\nThese are retried although their method is not idempotent:\n\n{}",
            beyond_method.join("\n")
        );
    }
    let or_none = |lines: Vec<String>| match lines.is_empty() {
        true => "(none)".to_owned(),
        false => lines.join("\n"),
    };
    let safe_doc = format!(
        "Declared `safe: true` in `{spec}` although not idempotent by method:\n\n{}",
        or_none(beyond_method.clone())
    );
    let unsafe_doc = format!(
        "Declared `safe: false` in `{spec}` although idempotent by method:\n\n{}",
        or_none(listed(declarations, Declaration::unsafe_despite_method))
    );
    let retry_unsafe = (!not_retried.is_empty()).then(|| {
        let names = ids(declarations, |d| !d.safe)
            .iter()
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let doc = format!(
            " A clone of this client whose calls may be retried even after a request that is \
             not safe to repeat was sent ({names}). Opt in only where a duplicate is harmless \
             or detectable; [`{c}`] lists why each is unsafe.",
            c = api.client
        );
        quote! {
            #[doc = #doc]
            pub fn with_retry_unsafe(&self) -> Self {
                self.with_call_settings(metapack_core::CallSettings::new().retry_unsafe())
            }
        }
    });
    let call_settings_doc = format!(
        "A clone of this client whose calls use `settings`: their own timeouts, retry policy \
         or opt-in to retrying what is unsafe to repeat, in the spirit of aws-sdk-rust's \
         `customize()`. The clone shares the connection pool, the credentials and the retry \
         budget; it is as cheap as any clone.\n\n\
         ```\n\
         # use {crate_path}::{{CallSettings, Credentials, Environment, RetryPolicy, {c}}};\n\
         # fn main() -> Result<(), {crate_path}::Error> {{\n\
         let client = {c}::builder()\n    .credentials({credentials_example})\n    \
         .environment(Environment::Production)\n    .build()?;\n\
         // One attempt for this call only, e.g. inside a request handler with its own retries.\n\
         let once = client.with_call_settings(CallSettings::new().retry_policy(RetryPolicy::disabled()));\n\
         # let _ = once;\n\
         # Ok(())\n\
         # }}\n\
         ```",
        c = api.client
    );
    let builder_doc = format!(" Builds a [`{c}`]: `{c}::builder()`.", c = api.client);
    let types_doc = format!(
        "Request and response models of the {title}, generated from `{spec}`; value lists are \
         open enums (`Other` keeps a value this version does not know)."
    );
    let module_doc = format!(
        " The client, its builder and their wiring to `metapack_core`'s runtime, generated from `{spec}` by `cargo xtask codegen`."
    );

    Ok(quote! {
        #![doc = #module_doc]

        #[allow(clippy::all, missing_docs, unused_imports, rustdoc::all)]
        #[path = "generated.rs"]
        pub(crate) mod generated;

        /// Typed httpmock helpers for every operation (`when`/`then` per operation id).
        #[cfg(feature = "mock")]
        #[allow(clippy::all, missing_docs, unused_imports, rustdoc::all)]
        #[path = "generated_mock.rs"]
        pub mod mock;

        pub use metapack_core::{
            ApiError, CallSettings, Credentials, Environment, Error, ErrorCategory, ErrorCode,
            ResponseLimits, Result, RetryBudget, RetryPolicy, Secret, Timeouts,
        };

        metapack_core::impl_client_hooks!(generated::Client);

        metapack_core::client_builder! {
            #[doc = #builder_doc]
            pub struct #builder => #client;
        }

        #[doc = #struct_doc]
        #[derive(Clone, Debug)]
        pub struct #client {
            pub(crate) raw: generated::Client,
            #state_field
        }

        impl metapack_core::ApiClient for #client {
            const CRATE_NAME: &'static str = env!("CARGO_PKG_NAME");
            const CRATE_VERSION: &'static str = env!("CARGO_PKG_VERSION");
            const METAPACK_SANDBOX_URL: &'static str = crate::METAPACK_SANDBOX_URL;
            const PRODUCTION_URL: &'static str = crate::PRODUCTION_URL;
            #[doc = #safe_doc]
            const RETRY_SAFE_OPERATIONS: &'static [&'static str] = &[#(#retry_safe),*];
            #[doc = #unsafe_doc]
            const UNSAFE_OPERATIONS: &'static [&'static str] = &[#(#unsafe_ops),*];

            fn check_credentials(
                credentials: &metapack_core::Credentials,
            ) -> ::std::result::Result<(), metapack_core::Error> {
                match credentials {
                    #pattern => #accepted,
                    _ => Err(#refusal),
                }
            }

            fn from_parts(
                base_url: &str,
                http: reqwest::Client,
                runtime: metapack_core::Runtime,
            ) -> Self {
                Self {
                    raw: generated::Client::new_with_client(base_url, http, runtime),
                    #state_init
                }
            }
        }

        impl #client {
            /// Starts configuring a client: credentials and an environment are required.
            pub fn builder() -> #builder {
                #builder::new()
            }

            /// The generated client, whose request builders expose every parameter of the
            /// spec (credentials are added by the runtime). Turn its results into [`Error`]s
            /// with [`metapack_core::finish`].
            pub fn raw(&self) -> &generated::Client {
                &self.raw
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                &self.raw.baseurl
            }

            #retry_unsafe

            #[doc = #call_settings_doc]
            pub fn with_call_settings(&self, settings: metapack_core::CallSettings) -> Self {
                let runtime = self.raw.inner.with_call_settings(settings);
                Self {
                    raw: generated::Client::new_with_client(
                        &self.raw.baseurl,
                        self.raw.client.clone(),
                        runtime,
                    ),
                    #state_copy
                }
            }
        }

        #[doc = #types_doc]
        pub mod types {
            pub use super::generated::enums::*;
            pub use super::generated::types::*;
            /// The generated builders of the models (`<Model>::builder()`). For requests, the
            /// crate's hand-written builders, where it has them, name the field in their errors.
            pub mod builder {
                pub use super::super::generated::types::builder::*;
            }
        }

        /// The generated client and its request builders, for what the typed methods do not
        /// cover.
        pub mod raw {
            pub use super::generated::Client;
            pub use super::generated::builder;
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A hypothetical fourth API: its spec and its entry are all the plumbing it needs.
    fn returns_spec(scheme: Value) -> Value {
        json!({
            "info": { "title": "Metapack Returns API" },
            "security": [{ "auth": [] }],
            "components": { "securitySchemes": { "auth": scheme } },
            "paths": {
                "/returns": {
                    "get": { "operationId": "list_returns",
                        "x-metapack-retry": { "safe": true, "reason": "Reads only." } },
                    "post": { "operationId": "create_return",
                        "x-metapack-retry": { "safe": false, "reason": "Books a collection." } }
                },
                "/returns/{r}/status": {
                    "put": { "operationId": "cancel_return",
                        "x-metapack-retry": { "safe": false, "reason": "Charges a fee each time." } },
                    "patch": { "operationId": "relabel_return",
                        "x-metapack-retry": { "safe": true, "reason": "Sets the label sent." } }
                }
            }
        })
    }

    const RETURNS: Api = Api {
        spec: "returns",
        client: "ReturnsClient",
        state: None,
        credential_check: None,
    };

    fn generate(doc: &Value) -> Result<String> {
        let declarations = crate::retry::declarations(doc)?;
        let tokens = tokens(&RETURNS, doc, &declarations)?;
        let file: syn::File = syn::parse2(tokens).map_err(|e| e.to_string())?;
        Ok(prettyplease::unparse(&file))
    }

    #[test]
    fn a_fourth_api_gets_its_client_builder_and_retry_lists_from_the_spec() {
        let code = generate(&returns_spec(json!({ "type": "oauth2" }))).expect("generated");
        for expected in [
            "pub struct ReturnsClient",
            "ReturnsClientBuilder => ReturnsClient;",
            "impl metapack_core::ApiClient for ReturnsClient",
            "const RETRY_SAFE_OPERATIONS: &'static [&'static str] = &[\"relabel_return\"]",
            "const UNSAFE_OPERATIONS: &'static [&'static str] = &[\"cancel_return\"]",
            "metapack_core::Credentials::Bearer(_) => Ok(())",
            "the Metapack Returns API takes bearer tokens",
            "pub fn with_retry_unsafe(&self)",
            "`create_return` (`POST /returns`): Books a collection.",
            "use metapack_returns::{",
            "impl_client_hooks!(generated::Client)",
        ] {
            assert!(code.contains(expected), "missing {expected:?} in:\n{code}");
        }
    }

    #[test]
    fn an_api_whose_operations_are_all_safe_has_no_retry_unsafe_opt_in() {
        let mut doc = returns_spec(json!({ "type": "http", "scheme": "Basic" }));
        doc["paths"]
            .as_object_mut()
            .expect("paths")
            .remove("/returns/{r}/status");
        doc["paths"]["/returns"]
            .as_object_mut()
            .expect("path")
            .remove("post");
        let code = generate(&doc).expect("generated");
        assert!(!code.contains("with_retry_unsafe"), "{code}");
        assert!(code.contains("metapack_core::Credentials::Basic { .. } => Ok(())"));
    }

    #[test]
    fn security_schemes_without_a_credentials_kind_are_refused() {
        let e = generate(&returns_spec(
            json!({ "type": "apiKey", "in": "header", "name": "X-Key" }),
        ))
        .expect_err("header key");
        assert!(e.contains("`key` query parameter"), "{e}");
        let e = generate(&returns_spec(json!({ "type": "openIdConnect" }))).expect_err("oidc");
        assert!(e.contains("of type openidconnect"), "{e}");
        let mut doc = returns_spec(json!({ "type": "oauth2" }));
        doc["security"] = json!([]);
        let e = generate(&doc).expect_err("no security");
        assert!(e.contains("exactly one security scheme"), "{e}");
    }
}
