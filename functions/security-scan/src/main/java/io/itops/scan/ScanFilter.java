package io.itops.scan;

/** The filters of GET /scans; every one optional, all combined with AND. */
record ScanFilter(ScanStatus status, Profile profile, String assetId, Trigger trigger) {

    /** Text that identifies the query, so a cursor cannot be replayed against another one. */
    String scope() {
        return "scans|" + status + "|" + profile + "|" + assetId + "|" + trigger;
    }
}
