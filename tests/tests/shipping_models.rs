//! Snapshots of the generated Shipping models.

use metapack_shipping::types::*;

/// One JSON Schema snapshot per model of the spec.
#[test]
fn json_schema_of_every_model() {
    metapack_tests::assert_schema_snapshots!(
        include_str!("../../specs/shipping.yaml"),
        [
            Address, AddressType, Attributes, Carrier, CarrierService, CashOnDelivery,
            Consignment, ConsignmentPatch, ConsignmentRequest, ConsignmentResponse,
            ConsignmentStatus, ConsignmentType, ConsignmentWithPaperwork,
            ConsignmentWithPaperworkRequest, ConsolidationRequest, Contact, DangerousGoods,
            DaysOfWeek, DeliveryInformation, Dimensions, Error, FlexibleDelivery, Item,
            ItemRequest, Leg, Link, LinkOperation, ManifestPaperwork, ManifestPaperworkResponse,
            ManifestRequest, ManifestResponse, MeasurementUnit, MeasurementUnits, Money,
            NotificationType, Order, Paperwork, PaperworkFormat, PaperworkRequest,
            PaperworkResponse, PaperworkType, Parcel, ParcelDeliveryLeg, ParcelRequest,
            ParcelResponse, Rate, Service, ShippingCosts, ShippingLocation, ShippingRules,
            SupportingAgents, TaxAndDuty, TimeSlots, TimeWindow, TrackingLinks, TransactionType,
            VolumeUnit, Weight, WeightUnit,
        ]
    );
}
