//! `ShippingClient`: the typed front over the generated client.

use metapack_core::error::not_blank;
use metapack_core::{
    Environment, Error, decode_json, finish_bytes, finish_empty, finish_status, finish_value,
};

use crate::ShippingClient;
use crate::outcome::{Allocation, AllocationCheck, ManifestCreated, Rates};
use crate::query::{
    ConsignmentChanges, ConsignmentSearch, PaperworkOptions, validate_paperwork_shape,
};
use crate::read::CreatedConsignment;
use crate::types::{
    Carrier, CarrierService, Consignment, ConsignmentRequest, ConsignmentResponse,
    ConsignmentWithPaperwork, ConsignmentWithPaperworkRequest, ConsolidationRequest, Item,
    ItemRequest, ManifestPaperworkResponse, ManifestRequest, PaperworkResponse, Parcel,
    ParcelRequest, ParcelResponse, ShippingLocation, ShippingRules,
};

/// Base URL of Metapack's hosted Shipping sandbox, used by
/// [`Environment::MetapackSandbox`]. (The local emulator of the `metapack-sandbox` crate has
/// its own URL: `Environment::custom(sandbox.shipping().url())?`.)
pub const METAPACK_SANDBOX_URL: &str = "https://api.sbx.metapack.com/shipping/v1";

/// Base URL of Metapack's Shipping production on platform stack `dm1`, used by
/// [`Environment::Production`].
///
/// Production runs on several stacks, `dm1` to `dm8`, and each account lives on one of them:
/// pick yours with [`production_stack`] or `Environment::custom("https://api.dm3.metapack.com/shipping/v1")`.
pub const PRODUCTION_URL: &str = "https://api.dm1.metapack.com/shipping/v1";

/// The production environment of one platform stack, `1` to `8`
/// (`https://api.dm<stack>.metapack.com/shipping/v1`).
///
/// ```
/// let env = metapack_shipping::production_stack(3)?;
/// assert_eq!(env.to_string(), "https://api.dm3.metapack.com/shipping/v1");
/// assert!(metapack_shipping::production_stack(9).is_err());
/// # Ok::<(), metapack_shipping::Error>(())
/// ```
pub fn production_stack(stack: u8) -> Result<Environment, Error> {
    if !(1..=8).contains(&stack) {
        return Err(Error::invalid_field(
            "stack",
            format!("Metapack's production stacks are dm1 to dm8, got dm{stack}"),
        ));
    }
    Environment::custom(&format!("https://api.dm{stack}.metapack.com/shipping/v1"))
}

/// The typed methods. Input is checked before anything is sent ([`Error::InvalidRequest`]
/// names the field); creates are not retried once sent unless the client opted in with
/// [`ShippingClient::with_retry_unsafe`].
impl ShippingClient {
    // --- Consignments ----------------------------------------------------------------------

    /// `GET /consignments`: the consignments matching the search, with carrier service details
    /// for allocated ones.
    pub async fn search_consignments(
        &self,
        search: &ConsignmentSearch,
    ) -> Result<Vec<Consignment>, Error> {
        search.validate()?;
        let mut request = self.raw.search_consignments();
        if let Some(v) = &search.order_reference {
            request = request.order_reference(v.clone());
        }
        if let Some(v) = &search.consignment_tracking_identifier {
            request = request.consignment_tracking_identifier(v.clone());
        }
        if let Some(v) = &search.parcel_tracking_identifier {
            request = request.parcel_tracking_identifier(v.clone());
        }
        if let Some(v) = &search.parcel_code {
            request = request.parcel_code(v.clone());
        }
        finish_value(request.send().await).await
    }

    /// `POST /consignments`: creates a consignment and, with shipping rules, allocates it to
    /// the best subscribed carrier service (it stays unallocated if none fits: check
    /// [`ConsignmentResponse::lifecycle_status`]). Not retried once sent.
    ///
    /// The answer's [`CreatedConsignment::code`] is always there: a success response without
    /// a consignment code is an [`Error::Decode`] (the consignment may exist all the same).
    pub async fn create_consignment(
        &self,
        request: &ConsignmentRequest,
    ) -> Result<CreatedConsignment, Error> {
        let response = finish_value(self.raw.create_consignment().send_body(request).await).await?;
        CreatedConsignment::from_response(response)
    }

    /// `POST /consignment-with-paperwork`: creates, allocates and prints a consignment in one
    /// call; decode the paperwork with [`ConsignmentWithPaperwork::documents`]. When no carrier
    /// service fits, Metapack still creates the consignment but leaves it unallocated, without
    /// paperwork: check [`ConsignmentWithPaperwork::lifecycle_status`]. Not retried once sent.
    pub async fn create_consignment_with_paperwork(
        &self,
        request: &ConsignmentWithPaperworkRequest,
    ) -> Result<ConsignmentWithPaperwork, Error> {
        let paperwork = &request.paperwork;
        validate_paperwork_shape(
            paperwork.dimension.as_deref(),
            paperwork.resolution.as_deref(),
        )?;
        finish_value(
            self.raw
                .create_consignment_with_paperwork()
                .send_body(request)
                .await,
        )
        .await
    }

    /// `GET /consignments/{consignmentCode}`: one consignment.
    pub async fn get_consignment(
        &self,
        consignment_code: &str,
    ) -> Result<ConsignmentResponse, Error> {
        not_blank("consignmentCode", consignment_code)?;
        finish_value(
            self.raw
                .get_consignment()
                .consignment_code(consignment_code)
                .send()
                .await,
        )
        .await
    }

    /// `PUT /consignments/{consignmentCode}`: replaces the data of an unallocated consignment
    /// (send its mandatory fields again with the changes). Answers 409 once it is allocated:
    /// deallocate it first.
    pub async fn update_consignment(
        &self,
        consignment_code: &str,
        request: &ConsignmentRequest,
    ) -> Result<ConsignmentResponse, Error> {
        not_blank("consignmentCode", consignment_code)?;
        finish_value(
            self.raw
                .update_consignment()
                .consignment_code(consignment_code)
                .send_body(request)
                .await,
        )
        .await
    }

    /// `PATCH /consignments/{consignmentCode}`: changes single properties of an unallocated
    /// consignment (only `manifestGroupCode` today). Answers 409 once it is allocated.
    pub async fn patch_consignment(
        &self,
        consignment_code: &str,
        changes: &ConsignmentChanges,
    ) -> Result<ConsignmentResponse, Error> {
        not_blank("consignmentCode", consignment_code)?;
        changes.validate()?;
        finish_value(
            self.raw
                .patch_consignment()
                .consignment_code(consignment_code)
                .send_body(&changes.to_patch())
                .await,
        )
        .await
    }

    /// `DELETE /consignments/{consignmentCode}`: deletes a consignment that is not yet
    /// manifested, deallocating it first if needed.
    pub async fn delete_consignment(&self, consignment_code: &str) -> Result<(), Error> {
        not_blank("consignmentCode", consignment_code)?;
        finish_empty(
            self.raw
                .delete_consignment()
                .consignment_code(consignment_code)
                .send()
                .await,
        )
        .await
    }

    /// `GET /consignments/{consignmentCode}/paperwork`: the base64 labels and customs documents
    /// of an allocated, printed or ready-to-manifest consignment (409 otherwise); decode them
    /// with [`PaperworkResponse::documents`].
    pub async fn get_consignment_paperwork(
        &self,
        consignment_code: &str,
        options: &PaperworkOptions,
    ) -> Result<PaperworkResponse, Error> {
        not_blank("consignmentCode", consignment_code)?;
        options.validate()?;
        let mut request = self
            .raw
            .get_consignment_paperwork()
            .consignment_code(consignment_code);
        if let Some(v) = &options.type_ {
            request = request.type_(v.clone());
        }
        if let Some(v) = &options.format {
            request = request.format(v.clone());
        }
        if let Some(v) = &options.dimension {
            request = request.dimension(v.clone());
        }
        if let Some(v) = &options.resolution {
            request = request.resolution(v.clone());
        }
        finish_value(request.send().await).await
    }

    // --- Parcels and items -----------------------------------------------------------------

    /// `POST /consignments/{consignmentCode}/parcels`: adds a parcel. On an allocated
    /// consignment the parcel's tracking code comes back, and a printed or ready-to-manifest
    /// consignment moves back to allocated. Not retried once sent.
    pub async fn add_parcel(
        &self,
        consignment_code: &str,
        parcel: &Parcel,
    ) -> Result<ParcelResponse, Error> {
        not_blank("consignmentCode", consignment_code)?;
        let body = ParcelRequest {
            parcel: Some(parcel.clone()),
        };
        finish_value(
            self.raw
                .add_parcel()
                .consignment_code(consignment_code)
                .send_body(&body)
                .await,
        )
        .await
    }

    /// `DELETE /consignments/{consignmentCode}/parcels/{parcelCode}`: removes a parcel from a
    /// consignment that has several.
    pub async fn remove_parcel(
        &self,
        consignment_code: &str,
        parcel_code: &str,
    ) -> Result<(), Error> {
        not_blank("consignmentCode", consignment_code)?;
        not_blank("parcelCode", parcel_code)?;
        finish_empty(
            self.raw
                .remove_parcel()
                .consignment_code(consignment_code)
                .parcel_code(parcel_code)
                .send()
                .await,
        )
        .await
    }

    /// `POST /consignments/{consignmentCode}/parcels/{parcelCode}/consolidate`: links this
    /// (inner) consignment's parcel to a parcel of an outer container consignment. Both
    /// container codes are needed. Not retried once sent.
    pub async fn consolidate_parcel(
        &self,
        consignment_code: &str,
        parcel_code: &str,
        container: &ConsolidationRequest,
    ) -> Result<(), Error> {
        not_blank("consignmentCode", consignment_code)?;
        not_blank("parcelCode", parcel_code)?;
        let required = |field: &str, value: &Option<String>| match value {
            Some(value) => not_blank(field, value),
            None => Err(Error::invalid_field(
                field,
                format!("{field} is needed to consolidate a parcel"),
            )),
        };
        required(
            "containerConsignmentCode",
            &container.container_consignment_code,
        )?;
        required("containerParcelCode", &container.container_parcel_code)?;
        finish_empty(
            self.raw
                .consolidate_parcel()
                .consignment_code(consignment_code)
                .parcel_code(parcel_code)
                .send_body(container)
                .await,
        )
        .await
    }

    /// `DELETE /consignments/{consignmentCode}/parcels/{parcelCode}/consolidate`: removes the
    /// link to the outer consignment.
    pub async fn unconsolidate_parcel(
        &self,
        consignment_code: &str,
        parcel_code: &str,
    ) -> Result<(), Error> {
        not_blank("consignmentCode", consignment_code)?;
        not_blank("parcelCode", parcel_code)?;
        finish_empty(
            self.raw
                .unconsolidate_parcel()
                .consignment_code(consignment_code)
                .parcel_code(parcel_code)
                .send()
                .await,
        )
        .await
    }

    /// `GET /consignments/{consignmentCode}/parcels/{parcelCode}/paperwork`: the base64 labels
    /// and customs documents of one parcel; decode them with [`PaperworkResponse::documents`].
    pub async fn get_parcel_paperwork(
        &self,
        consignment_code: &str,
        parcel_code: &str,
        options: &PaperworkOptions,
    ) -> Result<PaperworkResponse, Error> {
        not_blank("consignmentCode", consignment_code)?;
        not_blank("parcelCode", parcel_code)?;
        options.validate()?;
        let mut request = self
            .raw
            .get_parcel_paperwork()
            .consignment_code(consignment_code)
            .parcel_code(parcel_code);
        if let Some(v) = &options.type_ {
            request = request.type_(v.clone());
        }
        if let Some(v) = &options.format {
            request = request.format(v.clone());
        }
        if let Some(v) = &options.dimension {
            request = request.dimension(v.clone());
        }
        if let Some(v) = &options.resolution {
            request = request.resolution(v.clone());
        }
        finish_value(request.send().await).await
    }

    /// `POST /consignments/{consignmentCode}/parcels/{parcelCode}/items`: adds an item
    /// (product) to a parcel. Not retried once sent.
    pub async fn add_item(
        &self,
        consignment_code: &str,
        parcel_code: &str,
        item: &Item,
    ) -> Result<(), Error> {
        not_blank("consignmentCode", consignment_code)?;
        not_blank("parcelCode", parcel_code)?;
        finish_empty(
            self.raw
                .add_item()
                .consignment_code(consignment_code)
                .parcel_code(parcel_code)
                .send_body(&ItemRequest { item: item.clone() })
                .await,
        )
        .await
    }

    /// `DELETE /consignments/{consignmentCode}/parcels/{parcelCode}/items/{itemRef}`: removes
    /// `quantity` units of an item (`quantityToDelete`, at least 1), or leaves the quantity to
    /// Metapack when `None`.
    ///
    /// Unlike other DELETEs, this is not retried once sent (a repeat would remove the units
    /// again), unless you opt in with [`ShippingClient::with_retry_unsafe`].
    pub async fn remove_item(
        &self,
        consignment_code: &str,
        parcel_code: &str,
        item_ref: &str,
        quantity: Option<u32>,
    ) -> Result<(), Error> {
        not_blank("consignmentCode", consignment_code)?;
        not_blank("parcelCode", parcel_code)?;
        not_blank("itemRef", item_ref)?;
        let mut request = self
            .raw
            .remove_item()
            .consignment_code(consignment_code)
            .parcel_code(parcel_code)
            .item_ref(item_ref);
        if let Some(quantity) = quantity {
            if quantity == 0 {
                return Err(Error::invalid_field(
                    "quantityToDelete",
                    "quantityToDelete must be at least 1",
                ));
            }
            request = request.quantity_to_delete(i64::from(quantity));
        }
        finish_empty(request.send().await).await
    }

    // --- Allocation ------------------------------------------------------------------------

    /// `POST /consignments/{consignmentCode}/service`: allocates an unallocated consignment
    /// with shipping rules. [`Allocation::Allocated`] (201, with the consignment) or
    /// [`Allocation::NoServiceAvailable`] (204, it stays unallocated); 409 when its status does
    /// not allow allocation. Not retried once sent.
    pub async fn allocate_consignment(
        &self,
        consignment_code: &str,
        rules: &ShippingRules,
    ) -> Result<Allocation, Error> {
        not_blank("consignmentCode", consignment_code)?;
        let result = self
            .raw
            .allocate_consignment()
            .consignment_code(consignment_code)
            .send_body(rules)
            .await;
        let response = finish_bytes(result).await?;
        let has_body = !response.value.iter().all(u8::is_ascii_whitespace);
        Ok(match (response.status, has_body) {
            (204, _) => Allocation::NoServiceAvailable,
            (_, true) => Allocation::Allocated(Box::new(decode_json(&response.value)?)),
            // 201 says the consignment was allocated, even if its body went missing.
            (201, false) => Allocation::Allocated(Box::default()),
            // Another success without a body: like 204, nothing was allocated.
            (_, false) => Allocation::NoServiceAvailable,
        })
    }

    /// `DELETE /consignments/{consignmentCode}/service`: removes the allocation of an
    /// allocated, printed or ready-to-manifest consignment, leaving it unallocated.
    pub async fn deallocate_consignment(&self, consignment_code: &str) -> Result<(), Error> {
        not_blank("consignmentCode", consignment_code)?;
        finish_empty(
            self.raw
                .deallocate_consignment()
                .consignment_code(consignment_code)
                .send()
                .await,
        )
        .await
    }

    /// `POST /consignments/{consignmentCode}/status?readyToShip=…`: `true` moves a printed
    /// consignment to ready to manifest, `false` moves it back to printed.
    pub async fn set_ready_to_ship(
        &self,
        consignment_code: &str,
        ready_to_ship: bool,
    ) -> Result<(), Error> {
        not_blank("consignmentCode", consignment_code)?;
        finish_empty(
            self.raw
                .set_ready_to_ship()
                .consignment_code(consignment_code)
                .ready_to_ship(ready_to_ship)
                .send()
                .await,
        )
        .await
    }

    /// `POST /consignments-validation`: whether a subscribed carrier service is available for
    /// the consignment and its shipping rules, without allocating anything. `204` is
    /// [`AllocationCheck::NoServiceAvailable`]; `200` (or any other success) is
    /// [`AllocationCheck::ServiceAvailable`].
    pub async fn validate_allocation(
        &self,
        request: &ConsignmentRequest,
    ) -> Result<AllocationCheck, Error> {
        let result = self.raw.validate_allocation().send_body(request).await;
        Ok(match finish_status(result).await? {
            204 => AllocationCheck::NoServiceAvailable,
            _ => AllocationCheck::ServiceAvailable,
        })
    }

    // --- Manifests -------------------------------------------------------------------------

    /// `POST /manifests`: adds ready-to-manifest consignments to a post-dated manifest and
    /// returns its code, read from the response's `manifest` link. Not retried once sent.
    pub async fn create_manifest(
        &self,
        request: &ManifestRequest,
    ) -> Result<ManifestCreated, Error> {
        for (field, value) in [
            ("carrierCode", &request.carrier_code),
            ("shippingLocationCode", &request.shipping_location_code),
            ("manifestGroupCode", &request.manifest_group_code),
        ] {
            if let Some(value) = value {
                not_blank(field, value)?;
            }
        }
        let response = finish_value(self.raw.create_manifest().send_body(request).await).await?;
        Ok(ManifestCreated::from_response(response))
    }

    /// `GET /manifests/{manifestCode}/paperwork`: the base64 manifest documents; decode them
    /// with [`ManifestPaperworkResponse::documents`].
    pub async fn get_manifest_paperwork(
        &self,
        manifest_code: &str,
    ) -> Result<ManifestPaperworkResponse, Error> {
        not_blank("manifestCode", manifest_code)?;
        finish_value(
            self.raw
                .get_manifest_paperwork()
                .manifest_code(manifest_code)
                .send()
                .await,
        )
        .await
    }

    // --- Rates and setup data --------------------------------------------------------------

    /// `POST /rates`: every subscribed carrier service able to deliver the consignment, in
    /// Metapack's order (cheapest first; see [`Rates::cheapest`]).
    pub async fn get_rates(&self, request: &ConsignmentRequest) -> Result<Rates, Error> {
        finish_value(self.raw.get_rates().send_body(request).await)
            .await
            .map(Rates::new)
    }

    /// `GET /carriers`: the carriers configured for the shipper account.
    pub async fn list_carriers(&self) -> Result<Vec<Carrier>, Error> {
        finish_value(self.raw.list_carriers().send().await).await
    }

    /// `GET /carriers/{carrierCode}/services`: the services of one carrier configured for the
    /// shipper account.
    pub async fn list_carrier_services(
        &self,
        carrier_code: &str,
    ) -> Result<Vec<CarrierService>, Error> {
        not_blank("carrierCode", carrier_code)?;
        finish_value(
            self.raw
                .list_carrier_services()
                .carrier_code(carrier_code)
                .send()
                .await,
        )
        .await
    }

    /// `GET /shippingLocations`: the warehouses (stores, distribution centres, other shipping
    /// locations) configured for the shipper account; their codes are consignment sender codes.
    pub async fn list_shipping_locations(&self) -> Result<Vec<ShippingLocation>, Error> {
        finish_value(self.raw.list_shipping_locations().send().await).await
    }
}
