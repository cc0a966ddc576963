//! Help for every error code of Appendix C and every error status of 1.7.1, in our own words.

use metapack_core::ErrorCode;
use metapack_core::error_code::MmFamily;

/// What an MM-API error code means and what to do about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorHelp {
    /// The code (`O-VAL-2001`), or the family range (`O-NFO-3000 - 3999`).
    pub code: &'static str,
    /// The family (`VAL`).
    pub family: &'static str,
    /// The first number the entry covers.
    pub first: u16,
    /// The last number the entry covers (equal to `first` for a single code).
    pub last: u16,
    /// A short title.
    pub title: &'static str,
    /// What the error means.
    pub description: &'static str,
    /// What to do about it.
    pub resolution: &'static str,
    /// Whether Appendix C lists the code (`O-NFO-3005` appears only in 1.7.1's status table).
    pub in_appendix_c: bool,
}

impl ErrorHelp {
    /// Whether the entry covers a whole family range rather than one code.
    pub fn is_range(&self) -> bool {
        self.first != self.last
    }

    /// The HTTP statuses 1.7.1 lists the code under (empty for codes it does not list).
    pub fn statuses(&self) -> Vec<u16> {
        HTTP_STATUSES
            .iter()
            .filter(|s| s.codes.contains(&self.code))
            .map(|s| s.status)
            .collect()
    }

    fn covers(&self, family: &str, number: u16) -> bool {
        self.family == family && (self.first..=self.last).contains(&number)
    }
}

/// What an HTTP error status means for the MM-API (1.7.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusHelp {
    /// The status (`400`).
    pub status: u16,
    /// The reason phrase, as error bodies spell it (`Bad Request`).
    pub reason: &'static str,
    /// The error codes sent with the status.
    pub codes: &'static [&'static str],
    /// What the status means and what to do.
    pub help: &'static str,
    /// Whether retrying the same request may succeed.
    pub retryable: bool,
}

const fn code(
    code: &'static str,
    family: &'static str,
    number: u16,
    title: &'static str,
    description: &'static str,
    resolution: &'static str,
) -> ErrorHelp {
    ErrorHelp {
        code,
        family,
        first: number,
        last: number,
        title,
        description,
        resolution,
        in_appendix_c: true,
    }
}

const fn range(
    code: &'static str,
    family: &'static str,
    first: u16,
    last: u16,
    title: &'static str,
    description: &'static str,
    resolution: &'static str,
) -> ErrorHelp {
    ErrorHelp {
        code,
        family,
        first,
        last,
        title,
        description,
        resolution,
        in_appendix_c: true,
    }
}

/// Every error code of Appendix C (19 codes and 3 family ranges), in its order, plus
/// `O-NFO-3005`, which only 1.7.1 lists: 23 entries.
pub const ERROR_CODES: &[ErrorHelp] = &[
    code(
        "O-INT-1000",
        "INT",
        1000,
        "Internal server error",
        "The platform could not complete the request. The same code comes with 401 (no valid \
         bearer token), 403 (the token may not do this), 500 (a service the platform relies on \
         failed) and 503 (the platform is unavailable).",
        "For 500 and 503, retry; if it keeps failing, contact MetaPack support. For 401, get a \
         new bearer token; for 403, use credentials that are allowed to call this method on \
         this resource.",
    ),
    code(
        "O-VAL-2000",
        "VAL",
        2000,
        "Constraint violation",
        "The request breaks at least one of the API's data constraints; the body's \
         constraintViolations name each field, constraint code and rejected value.",
        "Correct every field listed in constraintViolations (see the constraint codes of B.10) \
         and send the request again; Validate::validate finds most of them before sending.",
    ),
    code(
        "O-VAL-2001",
        "VAL",
        2001,
        "Unsupported content type",
        "The Content-Type header does not name a version of the API.",
        "Send Content-Type: application/vnd.metapack.mm.v<version>+json with a supported \
         version, e.g. ApiVersion::V0.content_type().",
    ),
    code(
        "O-VAL-2002",
        "VAL",
        2002,
        "Missing request parameter",
        "The request lacks a parameter it needs.",
        "Read the message for the parameter's name and add it.",
    ),
    code(
        "O-VAL-2003",
        "VAL",
        2003,
        "Invalid request parameter value",
        "A request parameter has a value the API does not accept.",
        "Read the message for the parameter and correct its value.",
    ),
    code(
        "O-VAL-2004",
        "VAL",
        2004,
        "Logistics service not active",
        "The logistics service the request asks for is not active.",
        "Ask for an active logistics service, leave the choice to the allocator, or have the \
         service activated in MetaPack Manager.",
    ),
    code(
        "O-VAL-2006",
        "VAL",
        2006,
        "Unknown logistics provider contract",
        "The logistics provider (carrier) contract given could not be recognised.",
        "Check the carrier contract reference against the contracts configured in MetaPack \
         Manager.",
    ),
    code(
        "O-VAL-2008",
        "VAL",
        2008,
        "Shipment already cancelled",
        "The shipment (or one of the shipments) has already been cancelled.",
        "Leave cancelled shipments out; create a new shipment if the goods must still go.",
    ),
    code(
        "O-VAL-2009",
        "VAL",
        2009,
        "Method not allowed",
        "The endpoint does not support the HTTP method used.",
        "Use a method the resource supports (section 3 of the reference lists them).",
    ),
    range(
        "O-NFO-3000 - 3999",
        "NFO",
        3000,
        3999,
        "Not found",
        "Something the request names does not exist.",
        "Check the identifiers and URLs in the request; use the URLs the API returned.",
    ),
    code(
        "O-NFO-3000",
        "NFO",
        3000,
        "Resource not found",
        "The resource requested does not exist.",
        "Check the URL; use the URLs the API returned rather than building them.",
    ),
    code(
        "O-NFO-3001",
        "NFO",
        3001,
        "Shipment not found",
        "The shipment requested or referred to does not exist.",
        "Check the shipment URL or UUID (a consignment's shipmentUrl).",
    ),
    code(
        "O-NFO-3002",
        "NFO",
        3002,
        "Manifest not found",
        "The manifest requested does not exist.",
        "Check the manifest reference.",
    ),
    code(
        "O-NFO-3003",
        "NFO",
        3003,
        "Consignment not found",
        "The consignment requested or referred to does not exist; deallocating also deletes \
         it.",
        "Check the consignment URL; a deallocated consignment is gone.",
    ),
    code(
        "O-NFO-3004",
        "NFO",
        3004,
        "Document not found",
        "The document requested does not exist.",
        "Use the document URLs of the consignment's logisticsUnitDocuments and documents.",
    ),
    ErrorHelp {
        in_appendix_c: false,
        ..code(
            "O-NFO-3005",
            "NFO",
            3005,
            "Not found",
            "Listed by 1.7.1 under 400 and 404 but not described in Appendix C: something the \
             request refers to does not exist.",
            "Read the message for what was not found and check that reference in the request.",
        )
    },
    code(
        "O-NFO-3006",
        "NFO",
        3006,
        "No consignment eligible for the status",
        "None of the consignments in the request can be moved to the requested status.",
        "Check the consignments' current state (e.g. already manifested or deallocated) \
         before changing their status.",
    ),
    range(
        "O-ALE-4000 - 4999",
        "ALE",
        4000,
        4999,
        "Allocation error",
        "The shipment could not be allocated.",
        "Correct the shipment or the delivery preferences and try again.",
    ),
    code(
        "O-ALE-4000",
        "ALE",
        4000,
        "General allocation error",
        "No logistics service could be allocated; the body's allocationErrors say why (B.11).",
        "Correct the shipment or the delivery preferences (service group, latest delivery \
         date, weights and dimensions) and try again.",
    ),
    code(
        "O-ALE-4001",
        "ALE",
        4001,
        "Consignment already manifested",
        "The consignment cannot be deallocated: it has already been manifested.",
        "A manifested consignment stays; deal with it through the carrier instead.",
    ),
    code(
        "O-ALE-4002",
        "ALE",
        4002,
        "Consignment already deallocated",
        "The consignment cannot be deallocated: it already is.",
        "Nothing to do; a repeated deallocation can be treated as done.",
    ),
    range(
        "O-COL-6000 - 6999",
        "COL",
        6000,
        6999,
        "Consignment list error",
        "The consignment list could not be processed.",
        "Check the list's type and consignments.",
    ),
    code(
        "O-COL-6001",
        "COL",
        6001,
        "List type incompatible with consignment status",
        "The list's type does not suit the status of the consignments in it.",
        "Only list consignments whose status allows the list's action (e.g. open ones for \
         CLOSE_LIST).",
    ),
];

/// Every error status of 1.7.1, with the codes the reference lists under it.
pub const HTTP_STATUSES: &[StatusHelp] = &[
    StatusHelp {
        status: 400,
        reason: "Bad Request",
        codes: &[
            "O-VAL-2000",
            "O-VAL-2002",
            "O-VAL-2003",
            "O-VAL-2004",
            "O-VAL-2006",
            "O-VAL-2008",
            "O-NFO-3001",
            "O-NFO-3005",
            "O-ALE-4000",
            "O-ALE-4001",
            "O-ALE-4002",
        ],
        help: "The request breaks a constraint (a mandatory field is missing, a value is too \
               long...) or makes no sense; check its structure against the resource's.",
        retryable: false,
    },
    StatusHelp {
        status: 401,
        reason: "Unauthorized",
        codes: &["O-INT-1000"],
        help: "No valid bearer token was sent; get one and send it in Authorization.",
        retryable: false,
    },
    StatusHelp {
        status: 403,
        reason: "Forbidden",
        codes: &["O-INT-1000"],
        help: "The token's credentials may not use this method on this resource.",
        retryable: false,
    },
    StatusHelp {
        status: 404,
        reason: "Not Found",
        codes: &[
            "O-NFO-3000",
            "O-NFO-3001",
            "O-NFO-3002",
            "O-NFO-3003",
            "O-NFO-3004",
            "O-NFO-3005",
        ],
        help: "The resource asked for does not exist.",
        retryable: false,
    },
    StatusHelp {
        status: 405,
        reason: "Method Not Allowed",
        codes: &["O-VAL-2009"],
        help: "The endpoint does not take this HTTP method.",
        retryable: false,
    },
    StatusHelp {
        status: 409,
        reason: "Conflict",
        codes: &["O-ALE-4001", "O-COL-6001"],
        help: "The request conflicts with the current state of the resource.",
        retryable: false,
    },
    StatusHelp {
        status: 415,
        reason: "Unsupported Media Type",
        codes: &["O-VAL-2001"],
        help: "The Content-Type does not name a supported API version; there is no default.",
        retryable: false,
    },
    StatusHelp {
        status: 500,
        reason: "Internal Server Error",
        codes: &["O-INT-1000"],
        help: "Something unexpected failed, e.g. a service the platform relies on is down.",
        retryable: true,
    },
    StatusHelp {
        status: 503,
        reason: "Service Unavailable",
        codes: &["O-INT-1000"],
        help: "An internal error occurred; retry, and contact MetaPack support if it keeps \
               failing.",
        retryable: true,
    },
];

/// Help for an error code: the code's own entry, else its family range's (`O-NFO-3999`
/// gets the "Not found" entry), else `None`.
///
/// ```
/// use metapack_core::ErrorCode;
/// use metapack_mm_api::errors::help;
/// assert_eq!(help(&ErrorCode::parse("O-VAL-2001")).unwrap().title, "Unsupported content type");
/// assert_eq!(help(&ErrorCode::parse("O-ALE-4711")).unwrap().code, "O-ALE-4000 - 4999");
/// assert!(help(&ErrorCode::parse("PS-0400")).is_none());
/// ```
pub fn help(code: &ErrorCode) -> Option<&'static ErrorHelp> {
    let ErrorCode::Mm { family, number } = code else {
        return None;
    };
    if matches!(family, MmFamily::Other(_)) {
        return None;
    }
    let family = family.as_str();
    ERROR_CODES
        .iter()
        .find(|h| !h.is_range() && h.covers(family, *number))
        .or_else(|| {
            ERROR_CODES
                .iter()
                .find(|h| h.is_range() && h.covers(family, *number))
        })
}

/// Help for an HTTP error status of 1.7.1.
pub fn status_help(status: u16) -> Option<&'static StatusHelp> {
    HTTP_STATUSES.iter().find(|s| s.status == status)
}
