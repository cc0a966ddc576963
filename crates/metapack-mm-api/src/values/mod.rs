//! The value lists of the reference (Appendix B and the lists given inline in Appendix A), as
//! open enums: a value the SDK does not know decodes to `Other` instead of failing, and known
//! values are read in any letter case.
//!
//! | list | type | source |
//! |---|---|---|
//! | Acceptable DPI | [`Dpi`] | B.2 |
//! | Acceptable Label Format | [`LabelFormat`] | B.3 |
//! | Acceptable Measurement | [`MeasurementUnit`] | B.4 |
//! | Acceptable Shipment Type | [`ShipmentType`] | B.5 |
//! | Acceptable Consignment List Type | [`ConsignmentListType`] | B.6 |
//! | Acceptable Consignment Status | [`AcceptableConsignmentStatus`] | B.7 |
//! | Acceptable Weight | [`WeightUnit`] | B.8 |
//! | Proof of Delivery Type | [`ProofOfDeliveryType`] | B.9 |
//! | Constraint Violation Codes | [`ConstraintCode`] | B.10 |
//! | Allocation Error Codes | [`AllocationErrorCode`] | B.11 |
//! | Document Type | [`DocumentType`] | B.12 |
//! | Hazardous Material Attribute | [`HazardousMaterialAttribute`] | B.13 |
//! | Time Zones | [`TimeZoneId`], [`time_zones::TIME_ZONES`] | B.14 |
//! | Country Codes | [`CountryCode`], [`countries::COUNTRIES`] | B.15 |
//! | notification types | [`NotificationType`] | A.24 |
//! | incoterms | [`Incoterms`] | A.27 |
//! | trade item types | [`TradeItemType`] | A.18, A.29 |
//! | language codes (ISO 639-1) | [`LanguageCode`], [`languages::LANGUAGES`] | A.13 |
//!
//! Time zones, countries and languages are string newtypes checked against tables rather than
//! open enums: they are reference tables of hundreds of entries, and time-zone IDs differ only
//! in signs (`Etc/GMT+1`, `Etc/GMT-1`) that an open enum's lenient matching would merge.

pub mod countries;
pub mod languages;
pub mod time_zones;

pub use countries::CountryCode;
pub use languages::LanguageCode;
pub use time_zones::TimeZoneId;

use crate::version::Feature;

/// Whether a documented value works today, as Appendix B's "Status" column says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueStatus {
    /// "Supported".
    Supported,
    /// "Not supported yet": documented, but the server does not accept it.
    NotSupportedYet,
}

metapack_core::open_enum! {
    /// Resolution of a ZPL or PNG label (query parameter `dpi` of `GET /documents/**`;
    /// B.2, values `[0.7.0,)`).
    pub enum Dpi {
        /// `200`: 200 DPI. Supported.
        Dpi200 = "200",
        /// `300`: 300 DPI. Supported.
        Dpi300 = "300",
        /// `600`: 600 DPI. Not supported yet.
        Dpi600 = "600",
    }
}

impl Dpi {
    /// Whether the server accepts the value (B.2's status); `None` for unknown values.
    pub fn status(&self) -> Option<ValueStatus> {
        match self {
            Self::Dpi200 | Self::Dpi300 => Some(ValueStatus::Supported),
            Self::Dpi600 => Some(ValueStatus::NotSupportedYet),
            _ => None,
        }
    }

    /// The feature that gates the value ([`Feature::DpiValues`], `[0.7.0,)`).
    pub fn feature(&self) -> Option<Feature> {
        self.is_known().then_some(Feature::DpiValues)
    }

    /// The resolution as a number, for known values.
    pub fn dots_per_inch(&self) -> Option<u16> {
        match self {
            Self::Dpi200 => Some(200),
            Self::Dpi300 => Some(300),
            Self::Dpi600 => Some(600),
            _ => None,
        }
    }
}

metapack_core::open_enum! {
    /// Format of a document (query parameter `format` of `GET /documents/**`; B.3). `PDF` is
    /// the default.
    pub enum LabelFormat {
        /// `PDF`: Portable Document Format. Supported, `[0.6.0,)`.
        Pdf = "PDF",
        /// `PNG`: Portable Network Graphics. Supported, `[0.7.0,)`.
        Png = "PNG",
        /// `PCL`: Printer Command Language. Not supported yet.
        Pcl = "PCL",
        /// `ZPL`: Zebra Programming Language. Supported, `[0.7.0,)`.
        Zpl = "ZPL",
    }
}

impl LabelFormat {
    /// Whether the server accepts the value (B.3's status); `None` for unknown values.
    pub fn status(&self) -> Option<ValueStatus> {
        match self {
            Self::Pdf | Self::Png | Self::Zpl => Some(ValueStatus::Supported),
            Self::Pcl => Some(ValueStatus::NotSupportedYet),
            _ => None,
        }
    }

    /// The feature that gates the value, if the value is newer than every version.
    pub fn feature(&self) -> Option<Feature> {
        match self {
            Self::Png => Some(Feature::PngLabels),
            Self::Zpl => Some(Feature::ZplLabels),
            _ => None,
        }
    }

    /// The media type of documents in this format (`text/zpl` as in the reference's example).
    pub fn media_type(&self) -> Option<&'static str> {
        match self {
            Self::Pdf => Some("application/pdf"),
            Self::Png => Some("image/png"),
            Self::Pcl => Some("application/vnd.hp-pcl"),
            Self::Zpl => Some("text/zpl"),
            _ => None,
        }
    }
}

metapack_core::open_enum! {
    /// Unit of a [`Dimension`](crate::model::Dimension) (B.4).
    pub enum MeasurementUnit {
        /// `CM`: centimetres. Supported, `[0.6.0,)`.
        Cm = "CM",
    }
}

metapack_core::open_enum! {
    /// Kind of a shipment (B.5); the fields a receiver and destination need depend on it.
    pub enum ShipmentType {
        /// `DELIVERY`: an outbound shipment to the receiver's address, `[0.6.0,)`.
        Delivery = "DELIVERY",
        /// `COLLECTION`: an outbound shipment to a PUDO or store location, `[0.7.5,)`.
        Collection = "COLLECTION",
    }
}

impl ShipmentType {
    /// The feature that gates the value, if the value is newer than every version.
    pub fn feature(&self) -> Option<Feature> {
        matches!(self, Self::Collection).then_some(Feature::CollectionShipments)
    }
}

metapack_core::open_enum! {
    /// Action carried out on the consignments of a consignment list (B.6).
    pub enum ConsignmentListType {
        /// `CLOSE_LIST`: close (manifest) every consignment of the list, `[0.13.0,)`.
        CloseList = "CLOSE_LIST",
    }
}

metapack_core::open_enum! {
    /// A status a consignment can be moved to with `PATCH /consignments` (B.7).
    pub enum AcceptableConsignmentStatus {
        /// `READY_TO_MANIFEST`: the consignment may be manifested, `[0.14.0,)`.
        ReadyToManifest = "READY_TO_MANIFEST",
        /// `HOLD_TO_MANIFEST`: the consignment is held back from manifesting, `[0.14.0,)`.
        HoldToManifest = "HOLD_TO_MANIFEST",
    }
}

metapack_core::open_enum! {
    /// Unit of a [`Weight`](crate::model::Weight) (B.8).
    pub enum WeightUnit {
        /// `KG`: kilograms. Supported, `[0.6.0,)`.
        Kg = "KG",
    }
}

metapack_core::open_enum! {
    /// Proof of delivery the shipment needs (B.9); when absent, services are not filtered by it.
    pub enum ProofOfDeliveryType {
        /// `SIGNATURE`: a signature on delivery is required, `[0.6.0,)`.
        Signature = "SIGNATURE",
        /// `NON_SIGNATURE`: no signature is required, `[0.6.0,)`.
        NonSignature = "NON_SIGNATURE",
    }
}

metapack_core::open_enum! {
    /// Code of a [`ConstraintViolation`](crate::errors::ConstraintViolation): which rule a
    /// request broke (B.10). The client-side checks of [`validation`](crate::validation)
    /// produce the same codes.
    pub enum ConstraintCode {
        /// `NotNull`: the value is missing.
        NotNull = "NotNull",
        /// `NotNullDependsOn`: the value is missing while a field it depends on is missing too.
        NotNullDependsOn = "NotNullDependsOn",
        /// `ValueDependsOn`: the value is missing while a field it depends on is present and
        /// has a particular value.
        ValueDependsOn = "ValueDependsOn",
        /// `DecimalMax`: the number is above a maximum.
        DecimalMax = "DecimalMax",
        /// `DecimalMin`: the number is below a minimum.
        DecimalMin = "DecimalMin",
        /// `Digits`: the number has too many integral or fractional digits.
        Digits = "Digits",
        /// `Future`: the date is not in the future.
        Future = "Future",
        /// `Max`: the number is above a maximum.
        Max = "Max",
        /// `Min`: the number is below a minimum.
        Min = "Min",
        /// `Past`: the date is not in the past.
        Past = "Past",
        /// `Size`: a text's length or a list's or map's size is out of bounds.
        Size = "Size",
        /// `Email`: not a well-formed e-mail address.
        Email = "Email",
        /// `Enum`: not one of the values of an enumeration.
        Enum = "Enum",
        /// `ValidAddressFormat`: the address lacks a field its country requires (Appendix D).
        ValidAddressFormat = "ValidAddressFormat",
        /// `MapStringSize`: a map key or value is too long.
        MapStringSize = "MapStringSize",
        /// `ValidTypeAndReceiverCombination`: the receiver's fields do not suit the shipment
        /// type.
        ValidTypeAndReceiverCombination = "ValidTypeAndReceiverCombination",
        /// `ValidTypeAndDestinationCombination`: the destination's fields do not suit the
        /// shipment type.
        ValidTypeAndDestinationCombination = "ValidTypeAndDestinationCombination",
        /// `ValidURI`: not a well-formed URI.
        ValidUri = "ValidURI",
        /// `ValidDestinationURI`: not a valid destination URI.
        ValidDestinationUri = "ValidDestinationURI",
        /// `ValidConsignmentURI`: not a valid consignment URI.
        ValidConsignmentUri = "ValidConsignmentURI",
        /// `ISODateTimeFormat`: not an ISO 8601 date or date-time.
        IsoDateTimeFormat = "ISODateTimeFormat",
        /// `CompatibleType`: the JSON value has the wrong type (e.g. `"two"` for a number); a
        /// binding failure.
        CompatibleType = "CompatibleType",
        /// `SupportedValue`: a value outside the supported ones (e.g. shipment type
        /// `"OFFICE"`). The client-side checks also use it for fields and values that the
        /// requested API version does not have.
        SupportedValue = "SupportedValue",
    }
}

metapack_core::open_enum! {
    /// Code of an [`AllocationError`](crate::errors::AllocationError): why no logistics
    /// service could be allocated (B.11).
    pub enum AllocationErrorCode {
        /// `UnknownError`: an unknown error occurred.
        UnknownError = "UnknownError",
        /// `DeliveryWindow`: no logistics service can deliver in the delivery window.
        DeliveryWindow = "DeliveryWindow",
        /// `DeliveryWindowRejectedForCutOff`: the cut-off time for the start of the delivery
        /// window has passed.
        DeliveryWindowRejectedForCutOff = "DeliveryWindowRejectedForCutOff",
        /// `DeliveryWindowRejectedForTransitTimes`: the transit time is longer than the
        /// delivery window.
        DeliveryWindowRejectedForTransitTimes = "DeliveryWindowRejectedForTransitTimes",
        /// `DeliveryWindowRejectedForWorkingDays`: the delivery window has too few working
        /// days.
        DeliveryWindowRejectedForWorkingDays = "DeliveryWindowRejectedForWorkingDays",
        /// `NoLogisticsServiceAvailable`: no logistics service can take the shipment.
        NoLogisticsServiceAvailable = "NoLogisticsServiceAvailable",
        /// `TooHigh`: a value (see the error's `field`) is too high.
        TooHigh = "TooHigh",
        /// `TooLow`: a value (see the error's `field`) is too low.
        TooLow = "TooLow",
    }
}

metapack_core::open_enum! {
    /// Kind of a [`Document`](crate::model::Document) (B.12).
    pub enum DocumentType {
        /// `label`: a carrier label, `[0.6.0,)`.
        Label = "label",
        /// `paperwork`: any other document (customs declaration, invoice, ...), `[0.6.0,)`.
        Paperwork = "paperwork",
    }
}

metapack_core::open_enum! {
    /// Property of a hazardous material (B.13).
    pub enum HazardousMaterialAttribute {
        /// `LIQUID`: the material is a liquid, `[0.6.0,)`.
        Liquid = "LIQUID",
        /// `AEROSOL`: the material is an aerosol, `[0.6.0,)`.
        Aerosol = "AEROSOL",
    }
}

metapack_core::open_enum! {
    /// How a contact is notified (A.24's accepted values).
    pub enum NotificationType {
        /// `SMS`: a text message to a phone number.
        Sms = "SMS",
        /// `EMAIL`: an e-mail.
        Email = "EMAIL",
        /// `PHONE`: a phone call.
        Phone = "PHONE",
    }
}

metapack_core::open_enum! {
    /// Incoterms of an international shipment (A.27's `IncotermsType`); they override those
    /// configured for the shipping location.
    pub enum Incoterms {
        /// `EXW`: ex works.
        Exw = "EXW",
        /// `FCA`: free carrier.
        Fca = "FCA",
        /// `CPT`: carriage paid to.
        Cpt = "CPT",
        /// `CIP`: carriage and insurance paid to.
        Cip = "CIP",
        /// `DAT`: delivered at terminal.
        Dat = "DAT",
        /// `DAP`: delivered at place.
        Dap = "DAP",
        /// `DDP`: delivered duty paid.
        Ddp = "DDP",
        /// `FAS`: free alongside ship.
        Fas = "FAS",
        /// `FOB`: free on board.
        Fob = "FOB",
        /// `CFR`: cost and freight.
        Cfr = "CFR",
        /// `CIF`: cost, insurance and freight.
        Cif = "CIF",
    }
}

metapack_core::open_enum! {
    /// The `@type` of a trade item (A.18, A.29): hazardous trade items carry material codes
    /// and attributes.
    pub enum TradeItemType {
        /// `TradeItem`: an ordinary trade item.
        TradeItem = "TradeItem",
        /// `HazardousTradeItem`: a trade item of hazardous goods.
        HazardousTradeItem = "HazardousTradeItem",
    }
}

/// What every open enum of this module offers, for code generic over value lists (the
/// `Enum` and `SupportedValue` checks).
pub trait ValueList {
    /// The value as it travels on the wire.
    fn wire(&self) -> &str;
    /// Whether it is a documented value.
    fn is_documented(&self) -> bool;
    /// Every documented value, in the order of the reference.
    fn documented() -> Vec<&'static str>;
}

macro_rules! value_lists {
    ($($name:ident),* $(,)?) => {$(
        impl ValueList for $name {
            fn wire(&self) -> &str {
                self.as_str()
            }
            fn is_documented(&self) -> bool {
                self.is_known()
            }
            fn documented() -> Vec<&'static str> {
                $name::KNOWN.iter().map(|v| v.as_str()).collect()
            }
        }
    )*};
}

value_lists!(
    Dpi,
    LabelFormat,
    MeasurementUnit,
    ShipmentType,
    ConsignmentListType,
    AcceptableConsignmentStatus,
    WeightUnit,
    ProofOfDeliveryType,
    ConstraintCode,
    AllocationErrorCode,
    DocumentType,
    HazardousMaterialAttribute,
    NotificationType,
    Incoterms,
    TradeItemType,
);
