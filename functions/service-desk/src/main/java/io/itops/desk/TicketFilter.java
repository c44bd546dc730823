package io.itops.desk;

/** The staff queue's filters; all given ones must match. */
record TicketFilter(TicketStatus status, Priority priority, Category category, String assignee, Boolean breached) {}
