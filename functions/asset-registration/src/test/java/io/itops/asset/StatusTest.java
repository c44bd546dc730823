package io.itops.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The lifecycle, checked pair by pair against the table the API documents. */
class StatusTest {
    /** openapi.yaml, POST /assets/{assetId}/transitions: the moves allowed from each stage. */
    private static final Map<String, Set<String>> DOCUMENTED = Map.of(
            "ordered", Set.of("received", "retired"),
            "received", Set.of("installed", "accepted", "retired"),
            "installed", Set.of("accepted", "received", "retired"),
            "accepted", Set.of("in-service", "in-stock", "retired"),
            "in-service", Set.of("under-maintenance", "in-stock", "retired"),
            "under-maintenance", Set.of("in-service", "in-stock", "retired"),
            "in-stock", Set.of("in-service", "retired"),
            "retired", Set.of("disposed"),
            "disposed", Set.of());

    static Stream<Arguments> everyPair() {
        return Arrays.stream(Status.values()).flatMap(from -> Arrays.stream(Status.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void aMoveIsAllowedExactlyWhenTheTableSaysSo(Status from, Status to) {
        boolean documented = DOCUMENTED.get(from.toString()).contains(to.toString());

        assertEquals(documented, from.canMoveTo(to));
        assertEquals(documented, from.next().contains(to));
    }

    @Test
    void theTableCoversEveryStage() {
        assertEquals(Status.values().length, DOCUMENTED.size());
        for (Status status : Status.values()) {
            assertEquals(DOCUMENTED.get(status.toString()), Set.copyOf(status.next().stream().map(Status::toString).toList()));
        }
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void stockRetirementAndDisposalEndTheCustody_andNothingElseDoes(Status status) {
        Set<Status> ending = EnumSet.of(Status.IN_STOCK, Status.RETIRED, Status.DISPOSED);

        assertEquals(ending.contains(status), status.endsCustody(), status.toString());
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void noStageMovesToItself(Status status) {
        assertFalse(status.canMoveTo(status));
    }

    @Test
    void everyStageIsReachableFromOrdered_andDisposedIsTheEnd() {
        Set<Status> reached = EnumSet.of(Status.ORDERED);
        Deque<Status> queue = new ArrayDeque<>(reached);
        while (!queue.isEmpty()) {
            for (Status next : queue.pop().next()) {
                if (reached.add(next)) {
                    queue.add(next);
                }
            }
        }
        assertEquals(EnumSet.allOf(Status.class), reached);
        assertEquals(Set.of(), Status.DISPOSED.next());
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void stagesAfterAcceptanceNeedACustodianAndALocation_andOnlyAdminsRetireOrDispose(Status status) {
        Set<Status> afterAcceptance = EnumSet.of(Status.ACCEPTED, Status.IN_SERVICE, Status.UNDER_MAINTENANCE);
        Set<Status> ended = EnumSet.of(Status.RETIRED, Status.DISPOSED);

        assertEquals(afterAcceptance.contains(status), status.needsCustodianAndLocation());
        assertEquals(ended.contains(status), status.adminOnly());
        assertEquals(!ended.contains(status), status.isActive());
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void wireNamesRoundTrip(Status status) {
        assertEquals(status, Status.parse(status.toString()));
    }

    @Test
    void anUnknownNameIsRefusedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Status.parse("IN_SERVICE"));
        assertEquals("must be one of [ordered, received, installed, accepted, in-service, under-maintenance, in-stock, retired, disposed]",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Status.parse("in service"));
    }
}
