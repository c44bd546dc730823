package io.itops.scan;

/**
 * The filters of GET /findings and GET /assets/{assetId}/findings; every one optional, all combined
 * with AND. {@code overdue} means open with a deadline already passed.
 */
record FindingFilter(Severity severity, FindingStatus status, String assetId, String department, boolean overdue) {

    FindingStatus effectiveStatus() {
        return overdue ? FindingStatus.OPEN : status;
    }

    /** Text that identifies the query, so a cursor cannot be replayed against another one. */
    String scope() {
        return "findings|" + severity + "|" + status + "|" + assetId + "|" + department + "|" + overdue;
    }
}
