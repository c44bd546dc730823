package io.itops.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.itops.scan.Requests.ReportedFinding;
import io.itops.scan.Requests.ResultStatus;
import io.itops.scan.Requests.ScanRequest;
import io.itops.scan.Requests.ScanResult;
import io.itops.scan.Requests.Selector;
import io.itops.scan.Requests.Targets;
import io.itops.scan.Requests.TriageRequest;
import io.itops.shared.error.ApiException;
import io.itops.shared.error.FieldError;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation names every invalid field at once, as the client wrote it. */
class ChecksTest {
    private static final String SCAN = "01KB8R2D7E6F5G4H3J2K1M0N9P";
    private static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");

    @Test
    void scanRequestsNameEveryBadField() {
        assertEquals(List.of("profile", "reason", "targets.selector.category", "targets.selector.status"),
                fields(() -> Checks.scanRequest(new ScanRequest(new Targets(null, new Selector("toaster", null, "lost")), null, " "))));
        assertEquals(List.of("targets.assetIds[1]", "targets.assetIds[2]"), fields(() -> Checks.scanRequest(new ScanRequest(
                new Targets(Arrays.asList(SCAN, "lt-1", SCAN), null), Profile.BASELINE, "r"))));
        assertEquals(List.of("targets"), fields(() -> Checks.scanRequest(new ScanRequest(
                new Targets(List.of(SCAN), new Selector("server", null, null)), Profile.BASELINE, "r"))));
        assertEquals(List.of("targets.selector"), fields(() -> Checks.scanRequest(new ScanRequest(
                new Targets(null, new Selector(null, null, null)), Profile.BASELINE, "r"))));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(String.format("01KB8R2D7E6F5G4H3J2K1M%04d", i));
        }
        assertEquals(List.of("targets.assetIds"), fields(() -> Checks.scanRequest(new ScanRequest(new Targets(many, null), Profile.BASELINE, "r"))));
    }

    @Test
    void scanResultsNameTheFindingAndFieldThatIsWrong() {
        List<ReportedFinding> findings = Arrays.asList(
                new ReportedFinding("CVE-2024-3094", "ok", Severity.CRITICAL, new BigDecimal("10.0"), null, null),
                new ReportedFinding("CVE-2024-3094", "", null, new BigDecimal("10.01"), null, null),
                null,
                new ReportedFinding("bad id with spaces", "t", Severity.LOW, new BigDecimal("-1"), null, null));
        assertEquals(List.of("findings[1].ruleId", "findings[1].title", "findings[1].severity", "findings[1].cvss", "findings[2]",
                        "findings[3].ruleId", "findings[3].cvss"),
                fields(() -> Checks.scanResult(new ScanResult(SCAN, ResultStatus.COMPLETED, null, null, null, null, findings), SCAN, NOW)));
        assertEquals(List.of("error", "findings"), fields(() -> Checks.scanResult(new ScanResult(SCAN, ResultStatus.FAILED, null, null,
                null, null, List.of(new ReportedFinding("R", "t", Severity.LOW, null, null, null))), SCAN, NOW)));
        assertEquals(List.of("findings", "error"), fields(() -> Checks.scanResult(new ScanResult(SCAN, ResultStatus.COMPLETED, null, null,
                null, "boom", null), SCAN, NOW)));
        assertEquals(List.of("startedAt", "finishedAt"), fields(() -> Checks.scanResult(new ScanResult(SCAN,
                ResultStatus.COMPLETED, NOW.plusSeconds(400), NOW.plusSeconds(301), null, null, List.of()), SCAN, NOW)));
        assertEquals(List.of("scanId"), fields(() -> Checks.scanResult(new ScanResult("01KB8R2D7E6F5G4H3J2K1M0N9Q",
                ResultStatus.COMPLETED, null, null, null, null, List.of()), SCAN, NOW)));
        Checks.scanResult(new ScanResult(SCAN, ResultStatus.COMPLETED, null, null, null, null, List.of(
                new ReportedFinding("CIS-1.1.1", "t", Severity.INFO, new BigDecimal("0"), null, null))), SCAN, NOW);
    }

    @Test
    void triageNeedsAReasonForJudgements_andAnExpiryWithinAYearForAcceptedRisk() {
        LocalDate today = LocalDate.parse("2026-11-28");
        assertEquals(List.of("reason", "expiresOn"), fields(() -> Checks.triage(new TriageRequest(FindingStatus.ACCEPTED_RISK, null, null), today)));
        assertEquals(List.of("expiresOn"), fields(() -> Checks.triage(new TriageRequest(FindingStatus.ACCEPTED_RISK, "r", today), today)));
        assertEquals(List.of("expiresOn"), fields(() -> Checks.triage(new TriageRequest(FindingStatus.ACCEPTED_RISK, "r", today.plusDays(366)), today)));
        Checks.triage(new TriageRequest(FindingStatus.ACCEPTED_RISK, "r", today.plusDays(365)), today);
        assertEquals(List.of("expiresOn"), fields(() -> Checks.triage(new TriageRequest(FindingStatus.REMEDIATED, null, today.plusDays(3)), today)));
        assertEquals(List.of("status"), fields(() -> Checks.triage(new TriageRequest(FindingStatus.RESOLVED, null, null), today)));
        Checks.triage(new TriageRequest(FindingStatus.REMEDIATED, null, null), today);
    }

    @Test
    void cvssRunsFromExactlyZeroToExactlyTenWithOneDecimal() {
        for (String ok : List.of("0.0", "0", "0.1", "9.9", "10", "10.0", "10.00", "7.50")) {
            Checks.scanResult(new ScanResult(SCAN, ResultStatus.COMPLETED, null, null, null, null, List.of(
                    new ReportedFinding("R-1", "t", Severity.LOW, new BigDecimal(ok), null, null))), SCAN, NOW);
        }
        for (String bad : List.of("-0.1", "10.1", "10.01", "0.05", "11")) {
            assertEquals(List.of("findings[0].cvss"), fields(() -> Checks.scanResult(new ScanResult(SCAN, ResultStatus.COMPLETED,
                    null, null, null, null, List.of(new ReportedFinding("R-1", "t", Severity.LOW, new BigDecimal(bad), null, null))),
                    SCAN, NOW)), bad);
        }
    }

    @Test
    void anUnknownSelectorValueListsTheAllowedOnesInOrder() {
        ApiException.Invalid e = assertThrows(ApiException.Invalid.class, () -> Checks.scanRequest(new ScanRequest(
                new Targets(null, new Selector("toaster", null, "lost")), Profile.BASELINE, "r")));
        assertEquals(List.of(new FieldError("targets.selector.category", "must be one of " + Checks.CATEGORIES.stream().sorted().toList()),
                new FieldError("targets.selector.status", "must be one of " + Checks.STATUSES.stream().sorted().toList())), e.errors());
    }

    private static List<String> fields(Runnable check) {
        ApiException.Invalid invalid = assertThrows(ApiException.Invalid.class, check::run);
        return invalid.errors().stream().map(FieldError::field).toList();
    }
}
