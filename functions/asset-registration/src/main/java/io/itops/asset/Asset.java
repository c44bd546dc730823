package io.itops.asset;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** A registered piece of IT equipment, as stored and as returned by the API. */
public record Asset(
        String assetId,
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
        boolean holdsBusinessData,
        Integer maintenanceIntervalDays,
        LocalDate lastMaintenance,
        LocalDate nextMaintenanceDue,
        LocalDate lastAudit,
        LocalDate nextAuditDue,
        Checkout checkout,
        Map<String, String> attributes,
        long version,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    public Asset {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public Asset withStatus(Status next, String custodian, String location, Instant at, String by) {
        return new Asset(assetId, assetTag, serialNumber, category, next, model, vendor, location, department, custodian,
                purchase, warrantyEnd, holdsBusinessData, maintenanceIntervalDays, lastMaintenance, nextMaintenanceDue,
                lastAudit, nextAuditDue, checkout, attributes, version + 1, createdAt, createdBy, at, by);
    }

    public Asset withCustody(String custodian, Checkout checkout, String location, Instant at, String by) {
        return new Asset(assetId, assetTag, serialNumber, category, status, model, vendor, location, department, custodian,
                purchase, warrantyEnd, holdsBusinessData, maintenanceIntervalDays, lastMaintenance, nextMaintenanceDue,
                lastAudit, nextAuditDue, checkout, attributes, version + 1, createdAt, createdBy, at, by);
    }

    public Asset withMaintenance(LocalDate last, LocalDate nextDue, Instant at, String by) {
        return new Asset(assetId, assetTag, serialNumber, category, status, model, vendor, location, department, custodian,
                purchase, warrantyEnd, holdsBusinessData, maintenanceIntervalDays, last, nextDue,
                lastAudit, nextAuditDue, checkout, attributes, version + 1, createdAt, createdBy, at, by);
    }

    public Asset withAudit(LocalDate last, LocalDate nextDue, Instant at, String by) {
        return new Asset(assetId, assetTag, serialNumber, category, status, model, vendor, location, department, custodian,
                purchase, warrantyEnd, holdsBusinessData, maintenanceIntervalDays, lastMaintenance, nextMaintenanceDue,
                last, nextDue, checkout, attributes, version + 1, createdAt, createdBy, at, by);
    }
}
