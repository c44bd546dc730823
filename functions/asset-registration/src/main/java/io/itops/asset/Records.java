package io.itops.asset;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import io.itops.shared.json.Wire;

/** The asset's archive: maintenance records, faults, audits and the history of every change. */
public final class Records {
    private Records() {}

    public record MaintenanceRecord(String recordId, String assetId, MaintenanceKind kind, LocalDate performedOn,
                                    String performedBy, BigDecimal cost, String currency, String notes,
                                    List<String> checklist, LocalDate nextDue, Instant recordedAt, String recordedBy) {}

    public record Fault(String faultId, String assetId, String assetTag, String summary, String description,
                        Severity severity, FaultStatus status, Instant occurredAt, Instant reportedAt, String reportedBy,
                        Resolution resolution) {}

    public record Resolution(String resolution, RootCause rootCause, String causeAnalysis, String correctiveAction,
                             String preventiveAction, Instant resolvedAt, String resolvedBy) {}

    public record AuditRecord(String auditId, String assetId, boolean found, String location, PhysicalCondition condition,
                              boolean locationMatches, String notes, LocalDate auditedOn, LocalDate nextAuditDue,
                              Instant recordedAt, String recordedBy) {}

    /** One entry of the archive: what happened, when, by whom. */
    public record HistoryEntry(Instant at, String type, String actor, String summary, Map<String, String> details) {}

    public enum FaultStatus {
        OPEN, RESOLVED;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase();
        }

        @JsonCreator
        public static FaultStatus parse(String value) {
            return Wire.parse(FaultStatus.class, value);
        }
    }

    public enum MaintenanceKind {
        PREVENTIVE, REPAIR, UPGRADE, INSPECTION;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase();
        }

        @JsonCreator
        public static MaintenanceKind parse(String value) {
            return Wire.parse(MaintenanceKind.class, value);
        }
    }

    public enum Severity {
        LOW, MEDIUM, HIGH, CRITICAL;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase();
        }

        @JsonCreator
        public static Severity parse(String value) {
            return Wire.parse(Severity.class, value);
        }
    }

    public enum RootCause {
        HARDWARE, SOFTWARE, NETWORK, CONFIGURATION, USER, ENVIRONMENT, VENDOR, UNKNOWN;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase();
        }

        @JsonCreator
        public static RootCause parse(String value) {
            return Wire.parse(RootCause.class, value);
        }
    }

    public enum PhysicalCondition {
        GOOD, FAIR, POOR, DAMAGED;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase();
        }

        @JsonCreator
        public static PhysicalCondition parse(String value) {
            return Wire.parse(PhysicalCondition.class, value);
        }
    }
}
