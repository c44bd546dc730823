package io.itops.asset;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import io.itops.asset.Records.MaintenanceKind;
import io.itops.asset.Records.PhysicalCondition;
import io.itops.asset.Records.RootCause;
import io.itops.asset.Records.Severity;

/** Bodies of the asset routes other than registration. */
public final class Requests {
    private Requests() {}

    /** {@code acceptedBy}, {@code checklist} and {@code documentRef} make the acceptance record (only with {@code to: accepted}). */
    public record Transition(Status to, String note, String custodian, String location, String acceptedBy,
                             List<String> checklist, String documentRef) {}

    /** {@code transfer: true} hands an asset someone holds straight to the next holder. */
    public record CheckoutRequest(String custodian, LocalDate expectedReturn, String note, Boolean transfer) {}

    public record CheckinRequest(String location, String condition, String note) {}

    public record MaintenanceRequest(MaintenanceKind kind, LocalDate performedOn, String performedBy, BigDecimal cost,
                                     String currency, String notes, List<String> checklist, LocalDate nextDue) {}

    public record FaultReport(String summary, String description, Severity severity, java.time.Instant occurredAt) {}

    public record FaultResolutionRequest(String resolution, RootCause rootCause, String causeAnalysis,
                                         String correctiveAction, String preventiveAction) {}

    /** {@code updateLocation: true} moves the registered location to where the audit found the asset. */
    public record AuditRequest(Boolean found, String location, PhysicalCondition condition, String notes, LocalDate auditedOn,
                               Boolean updateLocation) {}

    /** Rows are read one by one ({@link ImportRow#parse}), so a bad row is rejected alone. */
    public record ImportRequest(List<com.fasterxml.jackson.databind.JsonNode> rows) {}
}
