package io.itops.asset;

import java.time.LocalDate;
import java.util.Map;

/**
 * What a client may say about an asset when registering or importing it. Null means "not given";
 * rules in {@link AssetRules} decide what is required.
 */
public record AssetInput(
        String assetTag,
        String serialNumber,
        Category category,
        Status status,
        String model,
        String vendor,
        String location,
        String department,
        String custodian,
        Purchase purchase,
        LocalDate warrantyEnd,
        Boolean holdsBusinessData,
        Integer maintenanceIntervalDays,
        LocalDate nextMaintenanceDue,
        LocalDate endOfLife,
        Map<String, String> attributes) {}
