//! [`impl_client_hooks!`](crate::impl_client_hooks): wires a generated
//! client's `ClientHooks` to its [`Runtime`](crate::Runtime).

/// Implements `progenitor_client::ClientHooks<metapack_core::Runtime>` for a
/// generated client that has `inner: metapack_core::Runtime` and
/// `client: reqwest::Client` fields: `exec` authorizes the request and runs it through
/// [`Runtime::execute`](crate::Runtime::execute), so fetching a bearer token counts against
/// the call's overall timeout and an authorization failure converts into a typed
/// [`Error`](crate::Error) (e.g. [`Error::Api`](crate::Error::Api) for a token endpoint's
/// 401) rather than a transport error.
///
/// Invoke it in the crate that contains the generated client (progenitor
/// generates the struct and the `ClientInfo` impl; they are spelled out here
/// so the example compiles):
///
/// ```
/// use metapack_core::Runtime;
///
/// pub struct Client {
///     baseurl: String,
///     client: reqwest::Client,
///     inner: Runtime,
/// }
///
/// impl progenitor_client::ClientInfo<Runtime> for Client {
///     fn api_version() -> &'static str { "1.0" }
///     fn baseurl(&self) -> &str { &self.baseurl }
///     fn client(&self) -> &reqwest::Client { &self.client }
///     fn inner(&self) -> &Runtime { &self.inner }
/// }
///
/// metapack_core::impl_client_hooks!(Client);
/// ```
#[macro_export]
macro_rules! impl_client_hooks {
    ($client:ty) => {
        impl $crate::__private::progenitor_client::ClientHooks<$crate::Runtime> for $client {
            // `pre` and `post` keep progenitor's defaults (nothing): credentials are added by
            // `exec` (`Runtime::execute`), within the call's overall timeout, and a failure to
            // authorize reaches the caller typed.
            async fn exec(
                &self,
                request: $crate::__private::reqwest::Request,
                info: &$crate::__private::progenitor_client::OperationInfo,
            ) -> $crate::__private::reqwest::Result<$crate::__private::reqwest::Response> {
                self.inner
                    .execute(&self.client, request, info.operation_id)
                    .await
            }
        }
    };
}
