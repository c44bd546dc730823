package io.itops.backup;

import io.itops.backup.Records.AuditMark;
import io.itops.backup.Records.Job;
import io.itops.backup.Records.Policy;
import io.itops.backup.Records.RestoreTest;
import io.itops.shared.events.AssetSnapshot;
import java.util.Set;

/**
 * Everything the audit needs about one asset, in one item: the asset as the register last announced
 * it, its policy, its latest job, its latest successful job, its latest restore test and what the
 * previous audit found. Reports, restore tests, policy changes and asset events keep it current, so
 * a run reads one item per audited asset and looks nothing else up.
 */
public record Coverage(AssetSnapshot asset, Policy policy, Job lastJob, Job lastSuccess, RestoreTest lastRestoreTest,
                       long rev, AuditMark audit) {
    private static final Set<String> GONE = Set.of("retired", "disposed");

    public String assetId() {
        return asset.assetId();
    }

    /** Audited: holds business data or has a policy, and is neither retired nor disposed. */
    public boolean inScope() {
        return (asset.holdsBusinessData() || policy != null) && !GONE.contains(asset.status());
    }

    Coverage withAsset(AssetSnapshot snapshot) {
        return new Coverage(snapshot, policy, lastJob, lastSuccess, lastRestoreTest, rev, audit);
    }

    Coverage withPolicy(Policy newPolicy) {
        return new Coverage(asset, newPolicy, lastJob, lastSuccess, lastRestoreTest, rev, audit);
    }

    /** The coverage after a job: latest job and latest success move only forward in time. */
    Coverage withJob(Job job) {
        Job latest = lastJob == null || job.finishedAt().isAfter(lastJob.finishedAt()) ? job : lastJob;
        Job success = job.succeeded() && (lastSuccess == null || job.finishedAt().isAfter(lastSuccess.finishedAt())) ? job : lastSuccess;
        return new Coverage(asset, policy, latest, success, lastRestoreTest, rev, audit);
    }

    Coverage withRestoreTest(RestoreTest test) {
        RestoreTest latest = lastRestoreTest == null || test.testedAt().isAfter(lastRestoreTest.testedAt()) ? test : lastRestoreTest;
        return new Coverage(asset, policy, lastJob, lastSuccess, latest, rev, audit);
    }

    Coverage withRev(long newRev) {
        return new Coverage(asset, policy, lastJob, lastSuccess, lastRestoreTest, newRev, audit);
    }

    Coverage withAudit(AuditMark mark) {
        return new Coverage(asset, policy, lastJob, lastSuccess, lastRestoreTest, rev, mark);
    }

    static Coverage of(AssetSnapshot snapshot) {
        return new Coverage(snapshot, null, null, null, null, 0, AuditMark.NONE);
    }

    static Builder builder() {
        return new Builder();
    }

    static final class Builder {
        private AssetSnapshot asset;
        private Policy policy;
        private Job lastJob, lastSuccess;
        private RestoreTest lastRestoreTest;
        private long rev;
        private AuditMark audit = AuditMark.NONE;

        Builder asset(AssetSnapshot v) { asset = v; return this; }
        Builder policy(Policy v) { policy = v; return this; }
        Builder lastJob(Job v) { lastJob = v; return this; }
        Builder lastSuccess(Job v) { lastSuccess = v; return this; }
        Builder lastRestoreTest(RestoreTest v) { lastRestoreTest = v; return this; }
        Builder rev(long v) { rev = v; return this; }
        Builder audit(AuditMark v) { audit = v; return this; }

        /** Jobs and tests kept on a coverage item are stored without their asset id: it is the item's own. */
        Coverage build() {
            String id = asset.assetId();
            return new Coverage(asset, policy, lastJob == null ? null : lastJob.ofAsset(id),
                    lastSuccess == null ? null : lastSuccess.ofAsset(id),
                    lastRestoreTest == null ? null : lastRestoreTest.ofAsset(id), rev, audit);
        }
    }
}
