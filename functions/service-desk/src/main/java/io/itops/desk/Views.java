package io.itops.desk;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** API shapes that differ from the stored ones. */
final class Views {
    private Views() {}

    /** A ticket with its SLA at the time of reading and, on the single-ticket read, the comments its reader may see. */
    record TicketView(@JsonUnwrapped Ticket ticket, Sla sla, List<Comment> comments) {}

    /** GET /service-desk/metrics: one row per month and category, and one per month over all categories (category absent). */
    record Metrics(String from, String to, List<MetricsRow> rows) {}

    /**
     * @param medianFirstResponseMinutes business minutes, over the tickets opened that month that had a response
     * @param slaAttainmentPercent share of the tickets resolved that month that met both targets; null when none resolved
     */
    record MetricsRow(String month, Category category, int opened, int resolved, Long medianFirstResponseMinutes,
                      Long medianResolutionMinutes, Integer slaAttainmentPercent) {}
}
