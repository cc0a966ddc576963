//! The wire form of a checked search: [`ValidFind`] and the one table of its query
//! parameters, from which both the query string ([`ValidFind::query_string`]) and the request
//! the client sends are made.

use std::num::NonZeroU64;

use uuid::Uuid;

use super::inputs::{AddressKind, DimensionUnit, SortOrder, WeightUnit};
use crate::generated::builder::FindDeliveryOptions;
use crate::types;

/// A [`FindOptions`](super::FindOptions) that passed every rule, holding each query parameter exactly as it
/// travels: lists comma-joined, slots formatted, units and types as their wire codes.
///
/// [`query_pairs`](Self::query_pairs) and [`query_string`](Self::query_string) show the
/// query; the client sends exactly that, followed by `&key=<your API key>`, which the runtime
/// appends from [`Credentials::api_key`](metapack_core::Credentials::api_key).
#[derive(Clone, Debug, PartialEq)]
pub struct ValidFind {
    pub(super) acceptable_collection_slots: Option<String>,
    pub(super) acceptable_delivery_slots: Option<String>,
    pub(super) c_address_type: Option<AddressKind>,
    pub(super) c_cc: String,
    pub(super) c_lines: [Option<String>; 4],
    pub(super) c_lat: Option<f64>,
    pub(super) c_long: Option<f64>,
    pub(super) c_pc: Option<String>,
    pub(super) cod_amount: Option<f64>,
    pub(super) cod_currency: Option<String>,
    pub(super) consignment_level_details_flag: Option<bool>,
    pub(super) custom: [Option<String>; 10],
    pub(super) dimensions_unit: Option<DimensionUnit>,
    pub(super) e_maxdim: Option<u32>,
    pub(super) e_maxweight: Option<f32>,
    pub(super) e_n: Option<u32>,
    pub(super) e_v: Option<f32>,
    pub(super) e_v_currency: Option<String>,
    pub(super) e_w: Option<f32>,
    pub(super) excgrp: Option<String>,
    pub(super) hazmat_codes: Option<String>,
    pub(super) incgrp: Option<String>,
    pub(super) limit: Option<NonZeroU64>,
    pub(super) maxown: Option<NonZeroU64>,
    pub(super) minown: Option<NonZeroU64>,
    pub(super) multi_country: Option<bool>,
    pub(super) option_type: Option<String>,
    pub(super) parcel_depth: Option<String>,
    pub(super) parcel_height: Option<String>,
    pub(super) parcel_weight: Option<String>,
    pub(super) parcel_width: Option<String>,
    pub(super) r_t: Option<SortOrder>,
    pub(super) radius: Option<NonZeroU64>,
    pub(super) skus: Option<String>,
    pub(super) weight_unit: Option<WeightUnit>,
    pub(super) wh_cc: Option<String>,
    pub(super) wh_code: String,
    pub(super) wh_lines: [Option<String>; 4],
    pub(super) wh_pc: Option<String>,
    pub(super) trace_id: Option<Uuid>,
}

impl ValidFind {
    /// The query parameters, decoded, in the order they are sent (the generated client's
    /// order). Only parameters that were set appear; `key` is not among them.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::with_capacity(32);
        self.encode(&mut |name, value| pairs.push((name, value.to_owned())));
        pairs
    }

    /// The query exactly as sent, without the `key` the runtime appends:
    /// `application/x-www-form-urlencoded`, like every query reqwest builds (a space is `+`,
    /// a comma `%2C`, a colon `%3A`).
    pub fn query_string(&self) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::with_capacity(512));
        self.encode(&mut |name, value| {
            query.append_pair(name, value);
        });
        query.finish()
    }

    /// The trace id sent as the `traceId` header, if any.
    pub fn trace_id(&self) -> Option<Uuid> {
        self.trace_id
    }
}

/// Formats integers without allocating.
#[derive(Default)]
struct IntBuffer([u8; 20]);

impl IntBuffer {
    fn format(&mut self, mut value: u64) -> &str {
        let mut at = self.0.len();
        loop {
            at -= 1;
            // `value % 10` is below 10.
            self.0[at] = b'0' + u8::try_from(value % 10).unwrap_or(0);
            value /= 10;
            if value == 0 {
                break;
            }
        }
        std::str::from_utf8(&self.0[at..]).unwrap_or_default()
    }
}

fn bool_str(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

/// A value of [`ValidFind`] as one query parameter: its text in the query string, and the
/// argument the generated request builder's setter takes for it.
trait Wire {
    /// The argument of the generated builder's setter.
    type Arg;
    /// Hands the wire text to `emit`.
    fn with_text(&self, emit: &mut dyn FnMut(&str));
    /// The builder's argument.
    fn into_arg(self) -> Self::Arg;
}

/// Types the builder takes as they are, with the text each sends.
macro_rules! wire_as_is {
    ($($ty:ty => |$value:ident| $text:expr;)*) => {
        $(
            impl Wire for $ty {
                type Arg = $ty;
                fn with_text(&self, emit: &mut dyn FnMut(&str)) {
                    let $value = self;
                    emit($text);
                }
                fn into_arg(self) -> $ty {
                    self
                }
            }
        )*
    };
}

wire_as_is! {
    String => |value| value;
    f64 => |value| ryu::Buffer::new().format(*value);
    f32 => |value| ryu::Buffer::new().format(*value);
    NonZeroU64 => |value| IntBuffer::default().format(value.get());
    bool => |value| bool_str(*value);
}

impl Wire for u32 {
    type Arg = i64;
    fn with_text(&self, emit: &mut dyn FnMut(&str)) {
        emit(IntBuffer::default().format(u64::from(*self)));
    }
    fn into_arg(self) -> i64 {
        i64::from(self)
    }
}

/// The closed lists travel as their codes, and go to the builder as the wire enums.
macro_rules! wire_codes {
    ($($input:ty => $wire:ty),* $(,)?) => {$(
        impl Wire for $input {
            type Arg = $wire;
            fn with_text(&self, emit: &mut dyn FnMut(&str)) {
                emit(self.code());
            }
            fn into_arg(self) -> $wire {
                self.wire()
            }
        }
    )*};
}

wire_codes!(
    AddressKind => types::AddressType,
    DimensionUnit => types::DimensionsUnit,
    SortOrder => types::SortType,
    WeightUnit => types::WeightUnit,
);

/// A field of [`ValidFind`] holding one query parameter: required (always sent) or optional
/// (sent when set).
trait Slot {
    /// The value the field holds.
    type Value: Wire;
    /// The value, if it is sent.
    fn value(&self) -> Option<&Self::Value>;
    /// Moves the value out, if it is sent.
    fn take(&mut self) -> Option<Self::Value>;
}

impl Slot for String {
    type Value = String;
    fn value(&self) -> Option<&String> {
        Some(self)
    }
    fn take(&mut self) -> Option<String> {
        Some(std::mem::take(self))
    }
}

impl<T: Wire> Slot for Option<T> {
    type Value = T;
    fn value(&self) -> Option<&T> {
        self.as_ref()
    }
    fn take(&mut self) -> Option<T> {
        Option::take(self)
    }
}

/// The one table of the query: each row is a parameter's wire name, the [`ValidFind`] field
/// that holds it (its [`Wire`] type gives the conversion) and the generated builder's setter.
/// The rows are in the generated client's order (lexical by Rust name: `custom10` before
/// `custom2`), which is the order of the URL it sends. `encode` (the query string) and
/// `apply` (the request sent) are both written from these rows, so they cannot differ.
macro_rules! find_query {
    ($($name:literal: $field:ident $([$index:literal])? => $setter:ident,)*) => {
        impl ValidFind {
            /// Hands each parameter that is set to `emit`, as its wire text, in the order of
            /// the URL the client sends.
            fn encode(&self, emit: &mut dyn FnMut(&'static str, &str)) {
                $(
                    if let Some(value) = Slot::value(&self.$field $([$index])?) {
                        value.with_text(&mut |text| emit($name, text));
                    }
                )*
            }

            /// Fills the generated request builder, moving the values in. The `key` is not
            /// among its parameters: the runtime adds it from the credentials (see
            /// docs/codegen.md).
            pub(crate) fn apply<'a>(
                mut self,
                mut request: FindDeliveryOptions<'a>,
            ) -> FindDeliveryOptions<'a> {
                $(
                    if let Some(value) = Slot::take(&mut self.$field $([$index])?) {
                        request = request.$setter(value.into_arg());
                    }
                )*
                if let Some(trace_id) = self.trace_id {
                    request = request.trace_id(trace_id);
                }
                request
            }
        }
    };
}

find_query! {
    "acceptableCollectionSlots": acceptable_collection_slots => acceptable_collection_slots,
    "acceptableDeliverySlots": acceptable_delivery_slots => acceptable_delivery_slots,
    "c_address_type": c_address_type => c_address_type,
    "c_cc": c_cc => c_cc,
    "c_l1": c_lines[0] => c_l1,
    "c_l2": c_lines[1] => c_l2,
    "c_l3": c_lines[2] => c_l3,
    "c_l4": c_lines[3] => c_l4,
    "c_lat": c_lat => c_lat,
    "c_long": c_long => c_long,
    "c_pc": c_pc => c_pc,
    "cod_amount": cod_amount => cod_amount,
    "cod_currency": cod_currency => cod_currency,
    "consignmentLevelDetailsFlag": consignment_level_details_flag => consignment_level_details_flag,
    "custom1": custom[0] => custom1,
    "custom10": custom[9] => custom10,
    "custom2": custom[1] => custom2,
    "custom3": custom[2] => custom3,
    "custom4": custom[3] => custom4,
    "custom5": custom[4] => custom5,
    "custom6": custom[5] => custom6,
    "custom7": custom[6] => custom7,
    "custom8": custom[7] => custom8,
    "custom9": custom[8] => custom9,
    "dimensions_unit": dimensions_unit => dimensions_unit,
    "e_maxdim": e_maxdim => e_maxdim,
    "e_maxweight": e_maxweight => e_maxweight,
    "e_n": e_n => e_n,
    "e_v": e_v => e_v,
    "e_v_currency": e_v_currency => e_v_currency,
    "e_w": e_w => e_w,
    "excgrp": excgrp => excgrp,
    "hazmat_codes": hazmat_codes => hazmat_codes,
    "incgrp": incgrp => incgrp,
    "limit": limit => limit,
    "maxown": maxown => maxown,
    "minown": minown => minown,
    "multiCountry": multi_country => multi_country,
    "optionType": option_type => option_type,
    "parcelDepth": parcel_depth => parcel_depth,
    "parcelHeight": parcel_height => parcel_height,
    "parcelWeight": parcel_weight => parcel_weight,
    "parcelWidth": parcel_width => parcel_width,
    "r_t": r_t => r_t,
    "radius": radius => radius,
    "skus": skus => skus,
    "weight_unit": weight_unit => weight_unit,
    "wh_cc": wh_cc => wh_cc,
    "wh_code": wh_code => wh_code,
    "wh_l1": wh_lines[0] => wh_l1,
    "wh_l2": wh_lines[1] => wh_l2,
    "wh_l3": wh_lines[2] => wh_l3,
    "wh_l4": wh_lines[3] => wh_l4,
    "wh_pc": wh_pc => wh_pc,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{AddressKind, DimensionUnit, SortOrder, WeightUnit};

    #[test]
    fn integers_are_written_in_decimal() {
        let mut buf = IntBuffer::default();
        for n in [0, 7, 10, 100_000, u64::MAX] {
            assert_eq!(buf.format(n), n.to_string());
        }
    }

    #[test]
    fn unit_and_address_codes_match_the_wire_enums() {
        for unit in [WeightUnit::Kg, WeightUnit::Lb] {
            assert_eq!(unit.code(), unit.wire().as_str());
        }
        for unit in [DimensionUnit::Cm, DimensionUnit::In] {
            assert_eq!(unit.code(), unit.wire().as_str());
        }
        for kind in [AddressKind::Business, AddressKind::Residential] {
            assert_eq!(kind.code(), kind.wire().as_str());
        }
    }

    #[test]
    fn sort_codes_match_the_wire_enum() {
        for order in [
            SortOrder::Lgg,
            SortOrder::Lsc,
            SortOrder::Lss,
            SortOrder::Lsd,
            SortOrder::Gas,
            SortOrder::Ggg,
            SortOrder::Gsc,
            SortOrder::Gss,
        ] {
            assert_eq!(order.code(), order.wire().as_str());
        }
    }
}
