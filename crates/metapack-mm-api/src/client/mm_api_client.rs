//! [`MmApiClient`]: the client's state, its accessors, and the steps every operation shares
//! (version and validation checks, URLs, headers, sending).

use std::fmt;

use metapack_core::{CallSettings, Error, Runtime};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode};
use url::Url;

use crate::transport::{Body, execute};
use crate::validation::{Validate, ValidationError};
use crate::values::ConstraintCode;
use crate::version::{ApiVersion, Feature};

/// The MM-API client. Cheap to clone.
#[derive(Clone)]
pub struct MmApiClient {
    pub(super) host: Url,
    pub(super) data_host: Url,
    pub(super) version: ApiVersion,
    pub(super) validation: bool,
    pub(super) runtime: Runtime,
    pub(super) http: reqwest::Client,
    pub(super) data_runtime: Runtime,
}

impl fmt::Debug for MmApiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MmApiClient")
            .field("host", &self.host.as_str())
            .field("data_host", &self.data_host.as_str())
            .field("version", &self.version)
            .field("validation", &self.validation)
            .field("runtime", &self.runtime)
            .finish_non_exhaustive()
    }
}

impl MmApiClient {
    /// The configured API version.
    pub fn version(&self) -> ApiVersion {
        self.version
    }

    /// The MM-API host.
    pub fn host(&self) -> &Url {
        &self.host
    }

    /// The logistics-services host.
    pub fn data_host(&self) -> &Url {
        &self.data_host
    }

    /// Whether client-side validation is on.
    pub fn validation(&self) -> bool {
        self.validation
    }

    /// The runtime (retry policy, timeouts, user agent).
    pub fn runtime(&self) -> &Runtime {
        &self.runtime
    }

    /// A clone of this client whose calls use `settings`: their own timeouts, retry policy or
    /// opt-in to retrying an allocation, in the spirit of aws-sdk-rust's `customize()`. The
    /// clone shares the connection pool, the token cache and the retry budget; it is as cheap
    /// as any clone. The settings apply to calls to the logistics-services host too.
    ///
    /// ```
    /// use metapack_mm_api::{CallSettings, MmApiClient, RetryPolicy};
    ///
    /// let client = MmApiClient::builder()
    ///     .host("https://mm.example.com/")
    ///     .data_host_default()
    ///     .static_token("token")
    ///     .build()?;
    /// let once = client.with_call_settings(CallSettings::new().retry_policy(RetryPolicy::disabled()));
    /// assert_eq!(once.runtime().retry_policy().max_attempts(), 1);
    /// assert_eq!(client.runtime().retry_policy().max_attempts(), 3);
    /// # Ok::<(), metapack_mm_api::Error>(())
    /// ```
    #[must_use]
    pub fn with_call_settings(&self, settings: CallSettings) -> Self {
        Self {
            runtime: self.runtime.with_call_settings(settings.clone()),
            data_runtime: self.data_runtime.with_call_settings(settings),
            ..self.clone()
        }
    }

    pub(super) fn require(&self, feature: Feature) -> Result<(), Error> {
        self.version
            .require(feature)
            .map_err(|e| Error::invalid_request(e.to_string()))
    }

    pub(super) fn check<T: Validate>(&self, value: &T) -> Result<(), Error> {
        if self.validation {
            value.ensure_valid(self.version)?;
        }
        Ok(())
    }

    /// Query parameters: what the configured version lacks and values not supported yet
    /// (`SupportedValue`) are refused even with validation off; the rest only with it on.
    pub(super) fn check_params<T: Validate>(&self, params: &T) -> Result<(), Error> {
        let mut violations = params.validate(self.version);
        if !self.validation {
            violations.retain(|v| v.code == ConstraintCode::SupportedValue);
        }
        if violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { violations }.into())
        }
    }

    pub(super) fn url(&self, segments: &[&str]) -> Result<Url, Error> {
        let mut url = self.host.clone();
        {
            let mut path = url
                .path_segments_mut()
                .map_err(|()| Error::invalid_field("host", "host cannot be a base URL"))?;
            path.pop_if_empty().extend(segments);
        }
        Ok(url)
    }

    pub(super) fn request(
        &self,
        method: Method,
        url: Url,
        body: Body,
    ) -> Result<reqwest::Request, Error> {
        let media = HeaderValue::from_static(self.version.content_type());
        let mut request = reqwest::Request::new(method, url);
        request.headers_mut().insert(CONTENT_TYPE, media.clone());
        request.headers_mut().insert(ACCEPT, media);
        if let Body::Json(bytes) = body {
            *request.body_mut() = Some(bytes.into());
        }
        Ok(request)
    }

    pub(super) async fn send(
        &self,
        method: Method,
        url: Url,
        body: Body,
        operation: &'static str,
    ) -> Result<(StatusCode, HeaderMap, Vec<u8>), Error> {
        // The runtime adds the bearer token, within the call's overall timeout.
        let request = self.request(method, url, body)?;
        execute(&self.runtime, &self.http, request, operation).await
    }
}
