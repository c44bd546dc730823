package io.itops.backup;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import io.itops.backup.Records.AuditMark;
import io.itops.backup.Records.Job;
import io.itops.backup.Records.Policy;
import io.itops.backup.Records.RestoreTest;
import io.itops.backup.Vocabulary.BackupMethod;
import io.itops.backup.Vocabulary.JobStatus;
import io.itops.shared.events.AssetSnapshot;
import io.itops.shared.store.Attributes;
import io.itops.shared.store.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.ImmutableAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How backup records sit in the one table (docs/table/backup-audit.md), one schema per stored shape.
 * An asset's coverage item, its job history and its restore tests share the partition
 * {@code BACKUP#<assetId>}; a job id claimed by an agent owns {@code BACKUPJOB#<agent>#<jobId>}. The
 * coverage item carries GSI1 keys for tag lookups and, only while the asset is audited, GSI2 keys in
 * one of {@link #SHARDS} audit shards: that sparse index is what an audit reads.
 */
final class BackupSchemas {
    /** Audit segments. Changing it needs every coverage item rewritten, so it is fixed here. */
    static final int SHARDS = 16;
    static final String COVERAGE_SK = "COVERAGE";
    static final String JOB_PREFIX = "JOB#";
    static final String RESTORE_PREFIX = "RESTORE#";

    private BackupSchemas() {}

    static String partition(String assetId) {
        return "BACKUP#" + assetId;
    }

    static Map<String, AttributeValue> coverageKey(String assetId) {
        return Attributes.key(partition(assetId), COVERAGE_SK);
    }

    static Map<String, AttributeValue> claimKey(String agent, String jobId) {
        return Attributes.key(claimPartition(agent, jobId), "BACKUPJOB");
    }

    private static String claimPartition(String agent, String jobId) {
        return "BACKUPJOB#" + agent + "#" + jobId;
    }

    static int shard(String assetId) {
        CRC32 crc = new CRC32();
        crc.update(assetId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % SHARDS);
    }

    static String shardKey(int shard) {
        return String.format("BACKUPAUDIT#%02d", shard);
    }

    static String tagKey(String tag) {
        return "BACKUPTAG#" + tag;
    }

    /** An attribute with a fixed value (a constant key part, {@code type}): written always, ignored when read. */
    static <T, B> Consumer<ImmutableAttribute.Builder<T, B, String>> fixed(String name, String value, StaticAttributeTag... tags) {
        return a -> a.name(name).getter(r -> value).setter((b, v) -> {}).tags(tags);
    }

    /** A nested map; its null attributes are left out, as they always were. */
    static <T> EnhancedType<T> document(Class<T> type, TableSchema<T> schema) {
        return EnhancedType.documentOf(type, schema, d -> d.ignoreNulls(true));
    }

    /** Lists are left out when empty, and read back empty when absent. */
    static List<String> nonEmpty(List<String> list) {
        return list.isEmpty() ? null : list;
    }

    // ---------------------------------------------------------------- parts of a coverage item

    /** The asset as the register announced it, flattened into its coverage item ({@code status} is stored as {@code assetStatus}). */
    static final TableSchema<AssetSnapshot> ASSET = StaticImmutableTableSchema.builder(AssetSnapshot.class, AssetBuilder.class)
            .newItemBuilder(AssetBuilder::new, AssetBuilder::build)
            .addAttribute(String.class, a -> a.name("assetId").getter(AssetSnapshot::assetId).setter(AssetBuilder::assetId))
            .addAttribute(String.class, a -> a.name("assetTag").getter(AssetSnapshot::assetTag).setter(AssetBuilder::assetTag))
            .addAttribute(String.class, a -> a.name("category").getter(AssetSnapshot::category).setter(AssetBuilder::category))
            .addAttribute(String.class, a -> a.name("assetStatus").getter(AssetSnapshot::status).setter(AssetBuilder::status))
            .addAttribute(String.class, a -> a.name("model").getter(AssetSnapshot::model).setter(AssetBuilder::model))
            .addAttribute(String.class, a -> a.name("department").getter(AssetSnapshot::department).setter(AssetBuilder::department))
            .addAttribute(String.class, a -> a.name("custodian").getter(AssetSnapshot::custodian).setter(AssetBuilder::custodian))
            .addAttribute(String.class, a -> a.name("location").getter(AssetSnapshot::location).setter(AssetBuilder::location))
            .addAttribute(Boolean.class, a -> a.name("holdsBusinessData").getter(AssetSnapshot::holdsBusinessData)
                    .setter(AssetBuilder::holdsBusinessData))
            .addAttribute(Long.class, a -> a.name("assetVersion").getter(AssetSnapshot::version).setter(AssetBuilder::version))
            .build();

    static final TableSchema<Policy> POLICY = StaticImmutableTableSchema.builder(Policy.class, Policy.Builder.class)
            .newItemBuilder(Policy.Builder::new, Policy.Builder::build)
            .addAttribute(Integer.class, a -> a.name("rpoHours").getter(Policy::rpoHours).setter(Policy.Builder::rpoHours))
            .addAttribute(Integer.class, a -> a.name("retentionDays").getter(Policy::retentionDays).setter(Policy.Builder::retentionDays))
            .addAttribute(BackupMethod.class, a -> a.name("method").getter(Policy::method).setter(Policy.Builder::method))
            .addAttribute(String.class, a -> a.name("target").getter(Policy::target).setter(Policy.Builder::target))
            .addAttribute(Boolean.class, a -> a.name("encrypted").getter(Policy::encrypted).setter(Policy.Builder::encrypted))
            .addAttribute(Boolean.class, a -> a.name("offsiteCopy").getter(Policy::offsiteCopy).setter(Policy.Builder::offsiteCopy))
            .addAttribute(Integer.class, a -> a.name("restoreTestIntervalDays").getter(Policy::restoreTestIntervalDays)
                    .setter(Policy.Builder::restoreTestIntervalDays))
            .addAttribute(Integer.class, a -> a.name("rtoMinutes").getter(Policy::rtoMinutes).setter(Policy.Builder::rtoMinutes))
            .addAttribute(Instant.class, a -> a.name("since").getter(Policy::since).setter(Policy.Builder::since))
            .addAttribute(Instant.class, a -> a.name("updatedAt").getter(Policy::updatedAt).setter(Policy.Builder::updatedAt))
            .addAttribute(String.class, a -> a.name("updatedBy").getter(Policy::updatedBy).setter(Policy.Builder::updatedBy))
            .build();

    /** A job's own attributes: nested in a coverage item ({@code lastJob}, {@code lastSuccess}) and flattened into its history item. */
    static final TableSchema<Job> JOB = StaticImmutableTableSchema.builder(Job.class, Job.Builder.class)
            .newItemBuilder(Job.Builder::new, Job.Builder::build)
            .addAttribute(String.class, a -> a.name("jobId").getter(Job::jobId).setter(Job.Builder::jobId))
            .addAttribute(JobStatus.class, a -> a.name("status").getter(Job::status).setter(Job.Builder::status))
            .addAttribute(Instant.class, a -> a.name("startedAt").getter(Job::startedAt).setter(Job.Builder::startedAt))
            .addAttribute(Instant.class, a -> a.name("finishedAt").getter(Job::finishedAt).setter(Job.Builder::finishedAt))
            .addAttribute(Long.class, a -> a.name("sizeBytes").getter(Job::sizeBytes).setter(Job.Builder::sizeBytes))
            .addAttribute(String.class, a -> a.name("location").getter(Job::location).setter(Job.Builder::location))
            .addAttribute(Boolean.class, a -> a.name("encrypted").getter(Job::encrypted).setter(Job.Builder::encrypted))
            .addAttribute(String.class, a -> a.name("checksum").getter(Job::checksum).setter(Job.Builder::checksum))
            .addAttribute(String.class, a -> a.name("message").getter(Job::message).setter(Job.Builder::message))
            .addAttribute(String.class, a -> a.name("agent").getter(Job::agent).setter(Job.Builder::agent))
            .addAttribute(Instant.class, a -> a.name("receivedAt").getter(Job::receivedAt).setter(Job.Builder::receivedAt))
            .build();

    /** A restore test's own attributes: nested in a coverage item ({@code lastRestoreTest}) and extended into its history item. */
    static final StaticImmutableTableSchema<RestoreTest, RestoreTest.Builder> RESTORE_TEST =
            StaticImmutableTableSchema.builder(RestoreTest.class, RestoreTest.Builder.class)
                    .newItemBuilder(RestoreTest.Builder::new, RestoreTest.Builder::build)
                    .addAttribute(String.class, a -> a.name("testId").getter(RestoreTest::testId).setter(RestoreTest.Builder::testId))
                    .addAttribute(Instant.class, a -> a.name("testedAt").getter(RestoreTest::testedAt).setter(RestoreTest.Builder::testedAt))
                    .addAttribute(Boolean.class, a -> a.name("passed").getter(RestoreTest::passed).setter(RestoreTest.Builder::passed))
                    .addAttribute(Integer.class, a -> a.name("durationMinutes").getter(RestoreTest::durationMinutes)
                            .setter(RestoreTest.Builder::durationMinutes))
                    .addAttribute(String.class, a -> a.name("jobId").getter(RestoreTest::jobId).setter(RestoreTest.Builder::jobId))
                    .addAttribute(String.class, a -> a.name("notes").getter(RestoreTest::notes).setter(RestoreTest.Builder::notes))
                    .addAttribute(Instant.class, a -> a.name("recordedAt").getter(RestoreTest::recordedAt)
                            .setter(RestoreTest.Builder::recordedAt))
                    .addAttribute(String.class, a -> a.name("recordedBy").getter(RestoreTest::recordedBy)
                            .setter(RestoreTest.Builder::recordedBy))
                    .build();

    /** What the audits found, flattened into the coverage item; only the audit writes these attributes. */
    static final TableSchema<AuditMark> AUDIT_MARK = StaticImmutableTableSchema.builder(AuditMark.class, AuditMark.Builder.class)
            .newItemBuilder(AuditMark.Builder::new, AuditMark.Builder::build)
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("auditCodes").getter(m -> nonEmpty(m.codes()))
                    .setter(AuditMark.Builder::codes))
            .addAttribute(String.class, a -> a.name("auditChangedRun").getter(AuditMark::changedRun).setter(AuditMark.Builder::changedRun))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("auditPrevCodes").getter(m -> nonEmpty(m.prevCodes()))
                    .setter(AuditMark.Builder::prevCodes))
            .build();

    // ---------------------------------------------------------------- items

    /** {@code BACKUP#<assetId>} / {@code COVERAGE}: everything an audit needs about one asset. */
    static final TableSchema<Coverage> COVERAGE = StaticImmutableTableSchema.builder(Coverage.class, Coverage.Builder.class)
            .newItemBuilder(Coverage.Builder::new, Coverage.Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(c -> partition(c.assetId())).setter((b, v) -> {})
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, fixed("SK", COVERAGE_SK, primarySortKey()))
            .addAttribute(String.class, fixed("type", "BackupCoverage"))
            .flatten(ASSET, Coverage::asset, Coverage.Builder::asset)
            .addAttribute(document(Policy.class, POLICY), a -> a.name("policy").getter(Coverage::policy).setter(Coverage.Builder::policy))
            .addAttribute(document(Job.class, JOB), a -> a.name("lastJob").getter(Coverage::lastJob).setter(Coverage.Builder::lastJob))
            .addAttribute(document(Job.class, JOB), a -> a.name("lastSuccess").getter(Coverage::lastSuccess)
                    .setter(Coverage.Builder::lastSuccess))
            .addAttribute(document(RestoreTest.class, RESTORE_TEST), a -> a.name("lastRestoreTest").getter(Coverage::lastRestoreTest)
                    .setter(Coverage.Builder::lastRestoreTest))
            .addAttribute(Long.class, a -> a.name("rev").getter(Coverage::rev).setter(Coverage.Builder::rev))
            .addAttribute(String.class, a -> a.name("GSI1PK").getter(c -> c.asset().assetTag() == null ? null : tagKey(c.asset().assetTag()))
                    .setter((b, v) -> {}).tags(secondaryPartitionKey("GSI1")))
            .addAttribute(String.class, a -> a.name("GSI1SK").getter(c -> c.asset().assetTag() == null ? null : COVERAGE_SK)
                    .setter((b, v) -> {}).tags(secondarySortKey("GSI1")))
            .addAttribute(String.class, a -> a.name("GSI2PK").getter(c -> c.inScope() ? shardKey(shard(c.assetId())) : null)
                    .setter((b, v) -> {}).tags(secondaryPartitionKey("GSI2")))
            .addAttribute(String.class, a -> a.name("GSI2SK").getter(c -> c.inScope() ? c.assetId() : null)
                    .setter((b, v) -> {}).tags(secondarySortKey("GSI2")))
            .flatten(AUDIT_MARK, Coverage::audit, Coverage.Builder::audit)
            .build();

    /** A job in its asset's history, {@code JOB#<finishedAt>#<entryId>}: newest first by when it finished. */
    record JobEntry(Job job, String entryId) {
        static final class Builder {
            private Job job;
            private String assetId, entryId;

            Builder job(Job v) { job = v; return this; }
            Builder assetId(String v) { assetId = v; return this; }
            Builder entryId(String v) { entryId = v; return this; }

            JobEntry build() {
                return new JobEntry(job.ofAsset(assetId), entryId);
            }
        }
    }

    static final TableSchema<JobEntry> JOB_ENTRY = StaticImmutableTableSchema.builder(JobEntry.class, JobEntry.Builder.class)
            .newItemBuilder(JobEntry.Builder::new, JobEntry.Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(e -> partition(e.job().assetId())).setter((b, v) -> {})
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK")
                    .getter(e -> JOB_PREFIX + Ids.sortable(e.job().finishedAt()) + "#" + e.entryId())
                    .setter((b, sk) -> b.entryId(sk.substring(sk.lastIndexOf('#') + 1)))
                    .tags(primarySortKey()))
            .addAttribute(String.class, fixed("type", "BackupJob"))
            .addAttribute(String.class, a -> a.name("assetId").getter(e -> e.job().assetId()).setter(JobEntry.Builder::assetId))
            .flatten(JOB, JobEntry::job, JobEntry.Builder::job)
            .build();

    /** A restore test in its asset's history, {@code RESTORE#<testedAt>#<testId>}. */
    static final TableSchema<RestoreTest> RESTORE_ENTRY = StaticImmutableTableSchema.builder(RestoreTest.class, RestoreTest.Builder.class)
            .newItemBuilder(RestoreTest.Builder::new, RestoreTest.Builder::build)
            .addAttribute(String.class, a -> a.name("PK").getter(t -> partition(t.assetId())).setter((b, v) -> {})
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("SK")
                    .getter(t -> RESTORE_PREFIX + Ids.sortable(t.testedAt()) + "#" + t.testId()).setter((b, v) -> {})
                    .tags(primarySortKey()))
            .addAttribute(String.class, fixed("type", "RestoreTest"))
            .addAttribute(String.class, a -> a.name("assetId").getter(RestoreTest::assetId).setter(RestoreTest.Builder::assetId))
            .extend(RESTORE_TEST)
            .build();

    /** The claim of a job id by the agent that reported it, with a fingerprint of the report: the same job again is a duplicate. */
    record JobClaim(String agent, String jobId, String assetId, String fingerprint, Instant receivedAt) {
        static final class Builder {
            private String agent, jobId, assetId, fingerprint;
            private Instant receivedAt;

            Builder agent(String v) { agent = v; return this; }
            Builder jobId(String v) { jobId = v; return this; }
            Builder assetId(String v) { assetId = v; return this; }
            Builder fingerprint(String v) { fingerprint = v; return this; }
            Builder receivedAt(Instant v) { receivedAt = v; return this; }

            JobClaim build() {
                return new JobClaim(agent, jobId, assetId, fingerprint, receivedAt);
            }
        }
    }

    static final TableSchema<JobClaim> JOB_CLAIM = StaticImmutableTableSchema.builder(JobClaim.class, JobClaim.Builder.class)
            .newItemBuilder(JobClaim.Builder::new, JobClaim.Builder::build)
            // agent ids have no '#' (MachineSignatures' key id format), so the agent is the second part of the key
            .addAttribute(String.class, a -> a.name("PK").getter(c -> claimPartition(c.agent(), c.jobId()))
                    .setter((b, pk) -> b.agent(pk.split("#", 3)[1])).tags(primaryPartitionKey()))
            .addAttribute(String.class, fixed("SK", "BACKUPJOB", primarySortKey()))
            .addAttribute(String.class, fixed("type", "BackupJobClaim"))
            .addAttribute(String.class, a -> a.name("assetId").getter(JobClaim::assetId).setter(JobClaim.Builder::assetId))
            .addAttribute(String.class, a -> a.name("jobId").getter(JobClaim::jobId).setter(JobClaim.Builder::jobId))
            .addAttribute(String.class, a -> a.name("fingerprint").getter(JobClaim::fingerprint).setter(JobClaim.Builder::fingerprint))
            .addAttribute(Instant.class, a -> a.name("receivedAt").getter(JobClaim::receivedAt).setter(JobClaim.Builder::receivedAt))
            .build();

    /** AssetSnapshot is shared with other functions, so its builder for this schema lives here. */
    static final class AssetBuilder {
        private String assetId, assetTag, category, status, model, department, custodian, location;
        private boolean holdsBusinessData;
        private long version;

        AssetBuilder assetId(String v) { assetId = v; return this; }
        AssetBuilder assetTag(String v) { assetTag = v; return this; }
        AssetBuilder category(String v) { category = v; return this; }
        AssetBuilder status(String v) { status = v; return this; }
        AssetBuilder model(String v) { model = v; return this; }
        AssetBuilder department(String v) { department = v; return this; }
        AssetBuilder custodian(String v) { custodian = v; return this; }
        AssetBuilder location(String v) { location = v; return this; }
        AssetBuilder holdsBusinessData(boolean v) { holdsBusinessData = v; return this; }
        AssetBuilder version(long v) { version = v; return this; }

        AssetSnapshot build() {
            return new AssetSnapshot(assetId, assetTag, category, status, model, department, custodian, location,
                    holdsBusinessData, version);
        }
    }
}
