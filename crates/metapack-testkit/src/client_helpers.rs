//! Client construction shared by the integration tests of the generated API crates
//! (Shipping, Tracking, Delivery Options).
//!
//! The helpers need the clients' types, and testkit cannot name them: the client crates (and
//! `metapack-core`, where `RetryPolicy` lives) dev-depend on testkit, so depending on them here
//! would make a cycle. [`client_helpers!`](crate::client_helpers) is therefore a macro: each
//! crate's `tests/it/common` calls it once with its own crate and credentials, and gets the same
//! functions.

/// Defines, in the calling module, the client helpers of a generated API crate's integration
/// tests:
///
/// - `user_agent()`: `metapack-rs/<version> <name>/<version>`, the User-Agent the client sends
///   (core and the API crate share the workspace version);
/// - `fast_retries()`: the default `RetryPolicy` (3 attempts) with a 1 ms base delay and a
///   20 ms cap, which keeps a suite fast;
/// - `builder(base_url)`: a builder pointed at `base_url` with `credentials`;
/// - `client(base_url)`: a client with `fast_retries()`;
/// - `client_without_retries(base_url)`: a client making exactly one attempt per call;
/// - `client_with_timeouts(base_url, timeouts)`: a client with `fast_retries()` and `timeouts`;
/// - `per_attempt(ms)`: the default `Timeouts` with a per-attempt limit of `ms` milliseconds;
/// - `assert_timeout(result)`: asserts that a call ended in `Error::Timeout`;
/// - `assert_invalid_mentioning(result, mentions)`: asserts that a call was refused with
///   `Error::InvalidRequest` whose message mentions `mentions`.
///
/// `api` is the crate (which re-exports core's `Credentials`, `Environment`, `Error`,
/// `RetryPolicy` and `Timeouts`), `name` its package name as the User-Agent spells it, `client` and `builder` its
/// client and builder types, and `credentials` an expression evaluated for each builder.
///
/// ```text
/// metapack_testkit::client_helpers! {
///     api: metapack_shipping,
///     name: "metapack-shipping",
///     client: ShippingClient,
///     builder: ShippingClientBuilder,
///     credentials: metapack_shipping::Credentials::basic(USER, PASSWORD),
/// }
/// ```
#[macro_export]
macro_rules! client_helpers {
    (
        api: $api:ident,
        name: $name:literal,
        client: $client:ident,
        builder: $builder:ident,
        credentials: $credentials:expr $(,)?
    ) => {
        /// `metapack-rs/<core version> <crate>/<crate version>`; core and the API crate share
        /// the workspace version.
        pub fn user_agent() -> String {
            let v = env!("CARGO_PKG_VERSION");
            format!("metapack-rs/{v} {}/{v}", $name)
        }

        /// Retries that keep the suite fast: 3 attempts, 1 ms base, 20 ms cap.
        pub fn fast_retries() -> $api::RetryPolicy {
            $api::RetryPolicy::default()
                .with_base_delay(::std::time::Duration::from_millis(1))
                .with_max_delay(::std::time::Duration::from_millis(20))
        }

        /// A builder pointed at `base_url` with the test credentials.
        pub fn builder(base_url: &str) -> $api::$builder {
            $api::$client::builder()
                .credentials($credentials)
                .environment($api::Environment::custom(base_url).expect("loopback base URL"))
        }

        /// A client with the fast retry policy.
        pub fn client(base_url: &str) -> $api::$client {
            builder(base_url)
                .retry_policy(fast_retries())
                .build()
                .expect("client")
        }

        /// A client that makes exactly one attempt per call.
        pub fn client_without_retries(base_url: &str) -> $api::$client {
            builder(base_url)
                .retry_policy($api::RetryPolicy::disabled())
                .build()
                .expect("client")
        }

        /// A client with the fast retry policy and these timeouts.
        pub fn client_with_timeouts(base_url: &str, timeouts: $api::Timeouts) -> $api::$client {
            builder(base_url)
                .retry_policy(fast_retries())
                .timeouts(timeouts)
                .build()
                .expect("client")
        }

        /// The default timeouts with a per-attempt limit of `ms` milliseconds.
        pub fn per_attempt(ms: u64) -> $api::Timeouts {
            $api::Timeouts::default().with_per_attempt(::std::time::Duration::from_millis(ms))
        }

        /// Asserts that a call ended in `Error::Timeout`.
        #[track_caller]
        pub fn assert_timeout<T: ::std::fmt::Debug>(result: ::std::result::Result<T, $api::Error>) {
            assert!(
                matches!(result, Err($api::Error::Timeout { .. })),
                "expected Error::Timeout, got {result:?}"
            );
        }

        /// Asserts that a call was refused with `Error::InvalidRequest` whose message mentions
        /// `mentions`.
        #[track_caller]
        pub fn assert_invalid_mentioning<T: ::std::fmt::Debug>(
            result: ::std::result::Result<T, $api::Error>,
            mentions: &str,
        ) {
            match result {
                Err($api::Error::InvalidRequest { message, .. }) => {
                    assert!(
                        message.contains(mentions),
                        "{message:?} should mention {mentions:?}"
                    );
                }
                other => panic!("expected InvalidRequest mentioning {mentions:?}, got {other:?}"),
            }
        }
    };
}
