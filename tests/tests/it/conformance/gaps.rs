//! Known sandbox gaps: documented requests the sandbox does not yet answer as production
//! would. A listed case must fail while its gap applies (the test says so when it starts
//! passing, so that the list stays honest); every entry says why it fails.

use metapack_sandbox::Sandbox;

/// A case the sandbox is known to get wrong.
pub struct Gap {
    /// The case's name (see `sandbox::CASES`).
    pub case: &'static str,
    /// What the sandbox does wrong.
    pub why: &'static str,
    /// Text the case's failure must contain: a listed case failing for another reason is a
    /// failure of its own.
    pub symptom: &'static str,
    /// Whether the gap applies to this sandbox.
    pub applies: fn(&Sandbox) -> bool,
}

/// The cases the sandbox gets wrong today.
pub const KNOWN_SANDBOX_GAPS: &[Gap] = &[];
