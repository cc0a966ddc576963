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
    /// Whether the gap applies to this sandbox.
    pub applies: fn(&Sandbox) -> bool,
}

/// The gap applies to every sandbox.
fn always(_: &Sandbox) -> bool {
    true
}

/// The Shipping catalogue still works in two-letter country codes (issue 9, item 1): the
/// documented consignments (ISO alpha-3 `GBR`, as production takes them) match no service.
fn alpha2_shipping_catalogue(sandbox: &Sandbox) -> bool {
    !sandbox
        .shipping_catalogue()
        .shipping_locations()
        .iter()
        .any(|location| location.country_code.len() == 3)
}

const ALPHA2: &str = "the Shipping catalogue serves only two-letter country codes, so the documented \
     GBR consignment is never allocated (issue 9 item 1)";

/// The cases the sandbox gets wrong today.
pub const KNOWN_SANDBOX_GAPS: &[Gap] = &[
    Gap {
        case: "shipping::create_consignment_with_paperwork",
        why: ALPHA2,
        applies: alpha2_shipping_catalogue,
    },
    Gap {
        case: "shipping::allocate_consignment",
        why: ALPHA2,
        applies: alpha2_shipping_catalogue,
    },
    Gap {
        case: "shipping::search_consignments",
        why: ALPHA2,
        applies: alpha2_shipping_catalogue,
    },
    Gap {
        case: "shipping::paperwork",
        why: ALPHA2,
        applies: alpha2_shipping_catalogue,
    },
    Gap {
        case: "shipping::deallocate_consignment",
        why: ALPHA2,
        applies: alpha2_shipping_catalogue,
    },
    Gap {
        case: "shipping::manifest",
        why: ALPHA2,
        applies: alpha2_shipping_catalogue,
    },
    Gap {
        case: "shipping::validate_allocation",
        why: ALPHA2,
        applies: alpha2_shipping_catalogue,
    },
    Gap {
        case: "shipping::get_rates",
        why: ALPHA2,
        applies: alpha2_shipping_catalogue,
    },
    Gap {
        case: "mm_api::allocation_error_delivery_window",
        why: "the MM-API sandbox ignores latestDeliveryDate: a date in the past still allocates (201) \
              instead of the documented DeliveryWindow allocation error",
        applies: always,
    },
];
