package io.itops.asset;

/** The filters of GET /assets; every one optional, all combined with AND. */
record AssetFilter(Category category, Status status, String department, String custodian, String location) {

    boolean isEmpty() {
        return category == null && status == null && department == null && custodian == null && location == null;
    }

    /** Text that identifies the query, so a cursor cannot be replayed against another one. */
    String scope() {
        return "assets|" + category + "|" + status + "|" + department + "|" + custodian + "|" + location;
    }
}
