//! Fault injection: the [`Faults`] a sandbox injects into the Metapack API routes, their
//! string syntax (`503:0.2,429:0.1,reset:0.05,delay=2s:0.1`) and the seeded draw that picks
//! the fault of each request.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize, Serializer};

/// The statuses a fault can answer with: rate limiting and the server errors a gateway or an
/// overloaded service answers.
const FAULT_STATUSES: [u16; 5] = [429, 500, 502, 503, 504];

/// How long a client is asked to wait (`Retry-After`) after an injected 429 or 503 unless the
/// faults say otherwise (`retry-after=...`).
pub const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(1);

/// One thing that can go wrong with a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Answer this status (429, 500, 502, 503 or 504) without processing the request, with
    /// the API's own error body (and `Retry-After` on 429 and 503).
    Status(u16),
    /// Process the request, then drop the connection without answering: the client sees a
    /// connection error and cannot know the request was processed.
    Reset,
    /// Process the request, then answer after this delay.
    Delay(Duration),
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Status(status) => write!(f, "{status}"),
            Fault::Reset => f.write_str("reset"),
            Fault::Delay(delay) => write!(f, "delay={}", DisplayDuration(*delay)),
        }
    }
}

impl Serialize for Fault {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A fault and the fraction of eligible requests it hits.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct FaultRule {
    /// What happens to the request.
    pub fault: Fault,
    /// The fraction of eligible requests it hits, from 0 to 1.
    pub probability: f64,
}

/// The faults a sandbox injects into its Metapack API routes (never into `/` or `/_sandbox`):
/// each eligible request draws once from the sandbox's seeded generator and gets at most one
/// fault, so a given seed and request order always give the same faults.
///
/// Parsed from a comma-separated list ([`Faults::parse`], or [`str::parse`]):
///
/// | item | meaning |
/// |---|---|
/// | `503:0.2` | 20% of requests answer 503 (also 429, 500, 502, 504) without being processed |
/// | `reset:0.05` | 5% are processed, then the connection is dropped without an answer |
/// | `delay=2s:0.1` | 10% are processed, then answered 2 s late (`ms`, `s` or `m`) |
/// | `auth` | the MM-API token route (`POST /mm-api/auth`) gets faults too |
/// | `retry-after=3s` | the `Retry-After` of injected 429 and 503 (default 1 s, whole seconds) |
///
/// The probabilities add up to at most 1.
///
/// ```
/// use metapack_sandbox::{Fault, Faults};
/// use std::time::Duration;
///
/// let faults: Faults = "503:0.2,429:0.1,reset:0.05,delay=2s:0.1".parse()?;
/// assert_eq!(faults.rules()[3].fault, Fault::Delay(Duration::from_secs(2)));
/// assert_eq!(faults.to_string(), "503:0.2,429:0.1,reset:0.05,delay=2s:0.1");
/// assert!("503:0.8,reset:0.3".parse::<Faults>().is_err());
/// # Ok::<(), metapack_sandbox::FaultsParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Faults {
    rules: Vec<FaultRule>,
    auth: bool,
    retry_after: Duration,
}

impl Default for Faults {
    fn default() -> Self {
        Self::none()
    }
}

impl Faults {
    /// No faults: every request is answered normally.
    pub fn none() -> Self {
        Self {
            rules: Vec::new(),
            auth: false,
            retry_after: DEFAULT_RETRY_AFTER,
        }
    }

    /// Parses the comma-separated syntax described on [`Faults`].
    ///
    /// # Errors
    ///
    /// A [`FaultsParseError`] naming the item that cannot be read, or saying the
    /// probabilities add up to more than 1.
    pub fn parse(text: &str) -> Result<Self, FaultsParseError> {
        let mut faults = Self::none();
        for item in text.split(',').map(str::trim) {
            if item.is_empty() {
                if text.trim().is_empty() {
                    continue;
                }
                return Err(FaultsParseError::new(item, FaultsParseErrorKind::EmptyItem));
            }
            faults.read_item(item)?;
        }
        let total: f64 = faults.rules.iter().map(|rule| rule.probability).sum();
        if total > 1.0 + 1e-9 {
            return Err(FaultsParseError::new(
                text.trim(),
                FaultsParseErrorKind::TotalAboveOne(total),
            ));
        }
        Ok(faults)
    }

    /// Reads one item of the list into `self`.
    fn read_item(&mut self, item: &str) -> Result<(), FaultsParseError> {
        let error = |kind| FaultsParseError::new(item, kind);
        if item.eq_ignore_ascii_case("auth") {
            self.auth = true;
            return Ok(());
        }
        if let Some(value) = strip_prefix_ignore_case(item, "retry-after=") {
            let delay = parse_duration(value).ok_or(error(FaultsParseErrorKind::BadDuration))?;
            if delay.subsec_nanos() != 0 {
                return Err(error(FaultsParseErrorKind::RetryAfterNotWholeSeconds));
            }
            self.retry_after = delay;
            return Ok(());
        }
        let Some((fault, probability)) = item.rsplit_once(':') else {
            return Err(error(FaultsParseErrorKind::MissingProbability));
        };
        let fault = fault.trim();
        let fault = if fault.eq_ignore_ascii_case("reset") {
            Fault::Reset
        } else if let Some(value) = strip_prefix_ignore_case(fault, "delay=") {
            Fault::Delay(parse_duration(value).ok_or(error(FaultsParseErrorKind::BadDuration))?)
        } else {
            match fault.parse::<u16>() {
                Ok(status) if FAULT_STATUSES.contains(&status) => Fault::Status(status),
                _ => return Err(error(FaultsParseErrorKind::UnknownFault)),
            }
        };
        let probability = probability
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|p| (0.0..=1.0).contains(p))
            .ok_or(error(FaultsParseErrorKind::BadProbability))?;
        self.rules.push(FaultRule { fault, probability });
        Ok(())
    }

    /// The faults and their probabilities, in the order given.
    pub fn rules(&self) -> &[FaultRule] {
        &self.rules
    }

    /// Whether there is any fault to inject.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Whether the MM-API token route (`POST /mm-api/auth`) gets faults too (item `auth`).
    pub fn applies_to_auth(&self) -> bool {
        self.auth
    }

    /// The `Retry-After` of injected 429 and 503 answers.
    pub fn retry_after(&self) -> Duration {
        self.retry_after
    }

    /// The fault of a request whose draw from the generator is `draw` (in `[0, 1)`): the
    /// rules are laid end to end from 0, and the one `draw` falls in applies.
    pub(crate) fn pick(&self, draw: f64) -> Option<Fault> {
        let mut upper = 0.0;
        for rule in &self.rules {
            upper += rule.probability;
            if draw < upper {
                return Some(rule.fault);
            }
        }
        None
    }
}

impl fmt::Display for Faults {
    /// The syntax [`Faults::parse`] reads back: `503:0.2,reset:0.05,auth`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut items: Vec<String> = self
            .rules
            .iter()
            .map(|rule| format!("{}:{}", rule.fault, rule.probability))
            .collect();
        if self.auth {
            items.push("auth".to_owned());
        }
        if self.retry_after != DEFAULT_RETRY_AFTER {
            items.push(format!("retry-after={}", DisplayDuration(self.retry_after)));
        }
        f.write_str(&items.join(","))
    }
}

impl std::str::FromStr for Faults {
    type Err = FaultsParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Faults::parse(text)
    }
}

/// Why a faults list could not be read ([`Faults::parse`]).
#[derive(Clone, Debug, PartialEq)]
pub struct FaultsParseError {
    item: String,
    kind: FaultsParseErrorKind,
}

/// What is wrong with a faults list.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum FaultsParseErrorKind {
    /// Two commas in a row, or a trailing comma.
    EmptyItem,
    /// The fault is neither a status (429, 500, 502, 503, 504), `reset` nor `delay=...`.
    UnknownFault,
    /// The item has no `:probability`.
    MissingProbability,
    /// The probability is not a number from 0 to 1.
    BadProbability,
    /// A duration is not a whole number followed by `ms`, `s` or `m`.
    BadDuration,
    /// `retry-after` is not a whole number of seconds (`Retry-After` cannot carry more).
    RetryAfterNotWholeSeconds,
    /// The probabilities add up to this, more than 1.
    TotalAboveOne(f64),
}

impl FaultsParseError {
    fn new(item: &str, kind: FaultsParseErrorKind) -> Self {
        Self {
            item: item.to_owned(),
            kind,
        }
    }

    /// The item that cannot be read (the whole list for [`FaultsParseErrorKind::TotalAboveOne`]).
    pub fn item(&self) -> &str {
        &self.item
    }

    /// What is wrong with it.
    pub fn kind(&self) -> FaultsParseErrorKind {
        self.kind
    }
}

impl fmt::Display for FaultsParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let item = &self.item;
        match self.kind {
            FaultsParseErrorKind::EmptyItem => write!(f, "an item of the faults list is empty"),
            FaultsParseErrorKind::UnknownFault => write!(
                f,
                "{item:?}: the fault must be 429, 500, 502, 503, 504, reset or delay=DURATION"
            ),
            FaultsParseErrorKind::MissingProbability => write!(
                f,
                "{item:?}: expected FAULT:PROBABILITY (such as 503:0.2), auth or retry-after=DURATION"
            ),
            FaultsParseErrorKind::BadProbability => {
                write!(f, "{item:?}: the probability must be a number from 0 to 1")
            }
            FaultsParseErrorKind::BadDuration => write!(
                f,
                "{item:?}: a duration is a whole number with ms, s or m (such as 2s or 500ms)"
            ),
            FaultsParseErrorKind::RetryAfterNotWholeSeconds => {
                write!(f, "{item:?}: retry-after must be a whole number of seconds")
            }
            FaultsParseErrorKind::TotalAboveOne(total) => write!(
                f,
                "{item:?}: the probabilities add up to {total}, more than 1"
            ),
        }
    }
}

impl std::error::Error for FaultsParseError {}

/// `text` without `prefix`, compared without regard to ASCII case.
fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// `500ms`, `2s`, `1m` (a bare `0` too).
fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    if text == "0" {
        return Some(Duration::ZERO);
    }
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok()?;
    match unit {
        "ms" => Some(Duration::from_millis(number)),
        "s" => Some(Duration::from_secs(number)),
        "m" => Some(Duration::from_secs(number.checked_mul(60)?)),
        _ => None,
    }
}

/// A duration in the syntax [`parse_duration`] reads: whole seconds as `2s`, else `ms`.
struct DisplayDuration(Duration);

impl fmt::Display for DisplayDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.subsec_nanos() == 0 {
            write!(f, "{}s", self.0.as_secs())
        } else {
            write!(f, "{}ms", self.0.as_millis())
        }
    }
}

/// The faults in force and the seeded generator that draws them.
#[derive(Debug)]
pub(crate) struct Injector {
    faults: Faults,
    seed: u64,
    rng: fastrand::Rng,
}

impl Injector {
    /// Injects `faults`, drawing from a generator seeded with `seed`.
    pub(crate) fn new(faults: Faults, seed: u64) -> Self {
        Self {
            faults,
            seed,
            rng: fastrand::Rng::with_seed(seed),
        }
    }

    /// The faults in force.
    pub(crate) fn faults(&self) -> &Faults {
        &self.faults
    }

    /// The seed the generator was last started from.
    pub(crate) fn seed(&self) -> u64 {
        self.seed
    }

    /// Replaces the faults; with a seed, the generator starts again from it.
    pub(crate) fn set(&mut self, faults: Faults, seed: Option<u64>) {
        self.faults = faults;
        if let Some(seed) = seed {
            self.seed = seed;
            self.rng = fastrand::Rng::with_seed(seed);
        }
    }

    /// The fault of the next request, `auth` saying whether it is a token request. Every
    /// eligible request draws once, hit or not, so the faults depend only on the seed and the
    /// order of the requests.
    pub(crate) fn draw(&mut self, auth: bool) -> Option<Fault> {
        if self.faults.is_empty() || (auth && !self.faults.auth) {
            return None;
        }
        let draw = self.rng.f64();
        self.faults.pick(draw)
    }
}

/// The body of `PUT /_sandbox/faults` in JSON: the string syntax in `faults`, or the rules one
/// by one, and optionally a seed to restart the generator from.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct FaultsRequest {
    /// The faults in [`Faults::parse`]'s syntax.
    pub(crate) faults: Option<String>,
    /// The faults one by one.
    pub(crate) rules: Option<Vec<RuleRequest>>,
    /// Whether the token route gets faults too.
    pub(crate) auth: Option<bool>,
    /// The `Retry-After` of injected 429 and 503 answers, in seconds.
    pub(crate) retry_after_seconds: Option<u64>,
    /// A seed to restart the generator from.
    pub(crate) seed: Option<u64>,
}

/// One rule of a [`FaultsRequest`]: `{"fault": "delay=2s", "probability": 0.1}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleRequest {
    fault: String,
    probability: f64,
}

impl FaultsRequest {
    /// The faults asked for, read with the same parser as the string syntax.
    pub(crate) fn faults(&self) -> Result<Faults, FaultsParseError> {
        let mut items: Vec<String> = Vec::new();
        if let Some(text) = self
            .faults
            .as_deref()
            .filter(|text| !text.trim().is_empty())
        {
            items.push(text.to_owned());
        }
        for rule in self.rules.iter().flatten() {
            items.push(format!("{}:{}", rule.fault, rule.probability));
        }
        if self.auth == Some(true) {
            items.push("auth".to_owned());
        }
        if let Some(seconds) = self.retry_after_seconds {
            items.push(format!("retry-after={seconds}s"));
        }
        let mut faults = Faults::parse(&items.join(","))?;
        if self.auth == Some(false) {
            faults.auth = false;
        }
        Ok(faults)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_example() {
        let faults = Faults::parse("503:0.2, 429:0.1,reset:0.05,delay=2s:0.1").unwrap();
        assert_eq!(
            faults.rules(),
            [
                FaultRule {
                    fault: Fault::Status(503),
                    probability: 0.2
                },
                FaultRule {
                    fault: Fault::Status(429),
                    probability: 0.1
                },
                FaultRule {
                    fault: Fault::Reset,
                    probability: 0.05
                },
                FaultRule {
                    fault: Fault::Delay(Duration::from_secs(2)),
                    probability: 0.1
                },
            ]
        );
        assert!(!faults.applies_to_auth());
        assert_eq!(faults.retry_after(), DEFAULT_RETRY_AFTER);
        assert_eq!(Faults::parse(&faults.to_string()).unwrap(), faults);
    }

    #[test]
    fn flags_and_durations() {
        let faults = Faults::parse("delay=250ms:1,auth,retry-after=0").unwrap();
        assert_eq!(
            faults.rules()[0].fault,
            Fault::Delay(Duration::from_millis(250))
        );
        assert!(faults.applies_to_auth());
        assert_eq!(faults.retry_after(), Duration::ZERO);
        assert_eq!(faults.to_string(), "delay=250ms:1,auth,retry-after=0s");
        assert_eq!(Faults::parse("").unwrap(), Faults::none());
        assert_eq!(
            Faults::parse("delay=1m:0.5").unwrap().rules()[0].fault,
            Fault::Delay(Duration::from_secs(60))
        );
    }

    #[test]
    fn errors_name_the_item() {
        let kind = |text: &str| Faults::parse(text).unwrap_err().kind();
        assert_eq!(kind("418:0.1"), FaultsParseErrorKind::UnknownFault);
        assert_eq!(kind("boom:0.1"), FaultsParseErrorKind::UnknownFault);
        assert_eq!(kind("503"), FaultsParseErrorKind::MissingProbability);
        assert_eq!(kind("503:1.5"), FaultsParseErrorKind::BadProbability);
        assert_eq!(kind("503:-0.1"), FaultsParseErrorKind::BadProbability);
        assert_eq!(kind("503:x"), FaultsParseErrorKind::BadProbability);
        assert_eq!(kind("delay=2h:0.1"), FaultsParseErrorKind::BadDuration);
        assert_eq!(kind("delay=:0.1"), FaultsParseErrorKind::BadDuration);
        assert_eq!(
            kind("retry-after=500ms"),
            FaultsParseErrorKind::RetryAfterNotWholeSeconds
        );
        assert_eq!(kind("503:0.1,,429:0.1"), FaultsParseErrorKind::EmptyItem);
        assert!(matches!(
            kind("503:0.7,reset:0.4"),
            FaultsParseErrorKind::TotalAboveOne(_)
        ));
        let error = Faults::parse("503:0.2,teapot:0.1").unwrap_err();
        assert_eq!(error.item(), "teapot:0.1");
        assert!(error.to_string().contains("teapot"), "{error}");
    }

    #[test]
    fn picks_by_cumulative_probability() {
        let faults = Faults::parse("503:0.2,reset:0.3").unwrap();
        assert_eq!(faults.pick(0.0), Some(Fault::Status(503)));
        assert_eq!(faults.pick(0.19), Some(Fault::Status(503)));
        assert_eq!(faults.pick(0.2), Some(Fault::Reset));
        assert_eq!(faults.pick(0.49), Some(Fault::Reset));
        assert_eq!(faults.pick(0.5), None);
    }

    #[test]
    fn the_same_seed_draws_the_same_faults() {
        let faults = Faults::parse("503:0.3,reset:0.2").unwrap();
        let draws = |seed| {
            let mut injector = Injector::new(faults.clone(), seed);
            (0..200).map(|_| injector.draw(false)).collect::<Vec<_>>()
        };
        assert_eq!(draws(7), draws(7));
        assert_ne!(draws(7), draws(8));
        let hits = draws(7).iter().filter(|fault| fault.is_some()).count();
        assert!((60..=140).contains(&hits), "{hits} of 200");
    }

    #[test]
    fn token_requests_only_when_asked() {
        let mut injector = Injector::new(Faults::parse("503:1").unwrap(), 1);
        assert_eq!(injector.draw(true), None);
        assert_eq!(injector.draw(false), Some(Fault::Status(503)));
        injector.set(Faults::parse("503:1,auth").unwrap(), None);
        assert_eq!(injector.draw(true), Some(Fault::Status(503)));
    }

    #[test]
    fn json_requests_use_the_same_syntax() {
        let request: FaultsRequest = serde_json::from_str(
            r#"{"rules": [{"fault": "429", "probability": 0.5}], "auth": true, "retryAfterSeconds": 3}"#,
        )
        .unwrap();
        let faults = request.faults().unwrap();
        assert_eq!(faults.to_string(), "429:0.5,auth,retry-after=3s");
        let request: FaultsRequest =
            serde_json::from_str(r#"{"faults": "reset:0.1,auth", "auth": false}"#).unwrap();
        assert!(!request.faults().unwrap().applies_to_auth());
        let request: FaultsRequest =
            serde_json::from_str(r#"{"rules": [{"fault": "418", "probability": 0.5}]}"#).unwrap();
        assert!(request.faults().is_err());
    }
}
