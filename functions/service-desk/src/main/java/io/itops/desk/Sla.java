package io.itops.desk;

import java.time.Instant;

/**
 * A ticket's SLA as a reader sees it at one instant: the targets of its priority, the business time
 * elapsed on its clock (paused while waiting on the requester and once resolved), when each target
 * falls due if the clock keeps running (none once met, missed or paused), and whether each was missed.
 */
public record Sla(long responseTargetMinutes, long resolutionTargetMinutes, long elapsedMinutes, Long responseMinutes,
                  Instant responseDueAt, Instant resolutionDueAt, boolean responseBreached, boolean resolutionBreached,
                  boolean breached, boolean paused) {}
