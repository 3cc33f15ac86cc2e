package com.qlower.loaders.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A rental property. Money is in integer cents.
 *
 * @param totalCostCents derived: price + notary fees + agency fees, the acquisition cost an accountant starts from
 * @param depreciableBaseCents derived: the building part of the cost (cost less land share and furniture), what an
 *     LMNP owner depreciates; null when the land share is unknown
 */
public record Property(
        String externalId,
        String ownerExternalId,
        String label,
        Address address,
        String propertyType,
        String rentalRegime,
        LocalDate acquisitionDate,
        long acquisitionPriceCents,
        Long notaryFeesCents,
        Long agencyFeesCents,
        BigDecimal landSharePct,
        Long furnitureValueCents,
        BigDecimal surfaceM2,
        LocalDate rentalStartDate,
        long totalCostCents,
        Long depreciableBaseCents) implements StagedRecord {
}
