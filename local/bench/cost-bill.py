#!/usr/bin/env python3
"""The monthly AWS bill of itops for the committed workload profiles, from the figures CostBenchmark measured in the
same run (bench-results/cost-measured.json), the template (memory, secrets, alarms, schedules) and the committed
prices (local/bench/cost-prices.json). Prints, per profile, the bill per service split into the fixed part (an idle
month) and the part that grows with use, then the measured inputs and which figures are modelled.
Usage: cost-bill.py ROOT"""
import json, math, re, sys
from pathlib import Path

ROOT = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
BENCH = ROOT / "local/bench"
prices = json.loads((BENCH / "cost-prices.json").read_text())
measured = {r["function"]: r for r in json.loads((ROOT / "bench-results/cost-measured.json").read_text())["rows"]}
template = (ROOT / "template.yaml").read_text()

# ---- modelled constants (not measurable locally), each stated in the output
PLATFORM_LOG_BYTES = 330      # START/END/REPORT lines Lambda adds per invocation (the REPORT line with X-Ray fields)
ACCESS_LOG_BYTES = 190        # one API access log line in the template's format with typical values
LOG_STORED_FRACTION = 0.15    # CloudWatch bills stored logs compressed
WRITE_UNITS_IF_UNMEASURED = 6.0   # item + history + idempotency record, each with GSI copies
AUDIT_MS_PER_ASSET = 4.0      # daily backup audit and coverage sweep: work per asset beyond one request
SWEEP_RRU_PER_ASSET = 0.5     # one ~2 KB item read per asset per sweep, eventually consistent, in 4 KB units
ITEM_KB_PER_ASSET = 12        # table storage per asset across every function's items (history, reports, scans)
XRAY_RESERVOIR_PER_SECOND, XRAY_RATE = 1, 0.05   # the default sampling rule

def n(field, idx=0):
    return float(field.split(",")[idx]) if field else 0.0

def per_request(function, kind):
    """Measured figures of one request of a function: (ms, readUnits, writeUnits, events, logBytes, secretCalls, measured?)"""
    row = measured[function]
    read, write = row["read"], row.get("write")
    src, ok = (write, True) if kind == "write" and write else (read, kind == "read")
    ms = n(src["total"], 1) / 1e6  # p90 of the handler's time per request (moto stands in for DynamoDB's latency)
    if kind == "write" and not write:
        return ms, float(read["readUnits"]), WRITE_UNITS_IF_UNMEASURED, 1.0, float(read["logBytesPerRequest"]), 0.0, False
    return (ms, float(src["readUnits"]), float(src["writeUnits"]), float(src["events"]), float(src["logBytesPerRequest"]),
            float(src["secretCalls"]), ok)

memory_gb = int(re.search(r"MemorySize:\s*(\d+)", template).group(1)) / 1024
functions = list(measured)
secrets = len(re.findall(r"Type: AWS::SecretsManager::Secret", template)) + len(re.findall(r'_SECRET: !Sub itops/|_SECRETS?: !Sub itops/', template))
alarm_blocks = template.split("Type: AWS::CloudWatch::Alarm")[1:]
# an alarm is billed per metric it watches: one, or each MetricStat of its metric math (up to the next resource)
alarm_metrics = sum(max(1, len(re.findall(r"MetricStat:", re.split(r"\n  [A-Z]\w+:\n", b)[0]))) for b in alarm_blocks)
metric_filters = len(re.findall(r"Type: AWS::Logs::MetricFilter", template))
dashboards = len(re.findall(r"Type: AWS::CloudWatch::Dashboard", template))
emf_names = set()
for java in (ROOT / "functions").rglob("src/main/java/**/*.java"):
    emf_names |= {(java.parts[java.parts.index("functions") + 1], m) for m in re.findall(r'Metrics\.(?:count|percent|millis)\("(\w+)"', java.read_text())}
shared_emf = set(re.findall(r'Metrics\.(?:count|percent|millis)\("(\w+)"', "".join(p.read_text() for p in (ROOT / "shared/core").rglob("src/main/java/**/*.java"))))
# Custom metrics are billed per metric per hour it receives data ($0.30 a month when every hour): each EMF name of the
# code by how often it is emitted (modelled from where the code emits it); the rest only in incidents.
HOURS = 730
EVERY_RUN = {"ScansTimedOut"}                                  # the 15-minute timeout sweep, every run
DAILY = {"BackupAuditCompleted", "BackupAuditAudited", "BackupCompliancePercent", "ScanCoverageCompleted",
         "ScansRequested", "FindingsOverdueAnnounced"}          # + the 4 BackupFindingsOpen_<severity>
WITH_USE = {"BackupReportsAccepted", "ChatCommandPublished", "ChatAnsweredLocally", "ChatReplyDelivered", "ScansCompleted"}
WORKING_HOURS = 22 * 10
all_names = {name for _, name in emf_names} | shared_emf
metric_hours_idle = len(EVERY_RUN & all_names) * HOURS + (len(DAILY & all_names) + 4) * 30
metric_hours_use = len(WITH_USE & all_names) * WORKING_HOURS + metric_filters * WORKING_HOURS
incident_only = sorted(all_names - EVERY_RUN - DAILY - WITH_USE)
custom_metrics = len(all_names) + 4 + metric_filters
resend = len(re.findall(r"ScheduleExpression: rate\(5 minutes\)", template))
every15 = len(re.findall(r"ScheduleExpression: rate\(15 minutes\)", template))
daily = len(re.findall(r"ScheduleExpression: cron\(0 \d+ \* \* \? \*\)", template))
weekly = len(re.findall(r"ScheduleExpression: cron\(0 \d+ \? \* [A-Z]{3} \*\)", template))

def bill(profile):
    days, work = profile["daysPerMonth"], profile["workdaysPerMonth"]
    fixed, var = {}, {}
    def add(bucket, service, usd):
        bucket[service] = bucket.get(service, 0.0) + usd
    inv = {"invocations": 0.0, "gbs": 0.0, "rru": 0.0, "wru": 0.0, "events": 0.0, "logBytes": 0.0, "secretCalls": 0.0, "api": 0.0, "traces": 0.0}
    fixed_inv = dict.fromkeys(inv, 0.0)
    def invoke(acc, function, kind, count, extra_ms=0.0, api=True, access_log=True):
        ms, rru, wru, events, log, secret_calls, _ = per_request(function, kind)
        acc["invocations"] += count
        acc["gbs"] += count * memory_gb * math.ceil(ms + extra_ms) / 1000
        acc["rru"] += count * rru
        acc["wru"] += count * wru
        acc["events"] += count * events
        acc["logBytes"] += count * (log + PLATFORM_LOG_BYTES + (ACCESS_LOG_BYTES if api and access_log else 0))
        acc["secretCalls"] += count * secret_calls
        acc["api"] += count if api else 0
        acc["traces"] += count
    # idle month: what runs with nobody using it (resend every 5 min, scan timeouts every 15, dailies, weeklies)
    per_fn_resend = days * 24 * 12
    for f in functions:
        invoke(fixed_inv, f, "read", per_fn_resend, api=False)
    invoke(fixed_inv, "security-scan", "read", every15 * days * 24 * 4, api=False)
    invoke(fixed_inv, "asset-registration", "read", (daily - 2) * days, api=False)   # reminders, sweeps on an empty fleet
    invoke(fixed_inv, "security-scan", "read", weekly * days / 7, api=False)
    for f in functions:   # cold starts: each reads its secrets once (cursor key + its own)
        fixed_inv["secretCalls"] += profile["coldStartsPerFunctionPerDay"] * days * 2
    # use: the profile's routes, chat, machine callbacks, the daily audit and sweep over the fleet
    for r in profile["http"]:
        invoke(inv, r["function"], r["kind"], r["perWorkday"] * work)
    chat = profile["chatCommandsPerWorkday"] * work
    invoke(inv, "chat-webhook", "read", chat)                        # the signed webhook: verify, publish ChatCommand
    invoke(inv, "asset-registration", "read", chat, api=False)       # the owner answers (mix of functions, priced as a read)
    invoke(inv, "chat-webhook", "read", chat, api=False)             # ChatReply delivered to the platform
    inv["events"] += 2 * chat
    invoke(inv, "chat-webhook", "read", profile["notificationsPerDay"] * days, api=False)
    invoke(inv, "backup-audit", "write", profile["backupReportsPerDay"] * days)
    invoke(inv, "security-scan", "write", profile["scanResultsPerDay"] * days)
    assets = profile["assets"]
    for f in ("backup-audit", "security-scan"):
        invoke(inv, f, "read", days, extra_ms=AUDIT_MS_PER_ASSET * assets, api=False)
        inv["rru"] += days * assets * SWEEP_RRU_PER_ASSET
    for acc, bucket in ((fixed_inv, fixed), (inv, var)):
        p = prices
        add(bucket, "Lambda (arm64)", acc["gbs"] * p["lambda"]["arm64PerGbSecond"] + acc["invocations"] / 1e6 * p["lambda"]["perMillionRequests"])
        add(bucket, "API Gateway HTTP API", acc["api"] / 1e6 * p["httpApi"]["perMillionRequests"])
        add(bucket, "DynamoDB on-demand", acc["rru"] / 1e6 * p["dynamodb"]["perMillionReadUnits"] + acc["wru"] / 1e6 * p["dynamodb"]["perMillionWriteUnits"])
        add(bucket, "EventBridge", acc["events"] / 1e6 * p["eventbridge"]["perMillionCustomEvents"])
        add(bucket, "Secrets Manager", acc["secretCalls"] / 1e4 * p["secretsManager"]["perTenThousandCalls"])
        gb = acc["logBytes"] / 1e9
        add(bucket, "CloudWatch Logs", gb * p["cloudwatch"]["logsIngestPerGb"] + gb * LOG_STORED_FRACTION * 3 * p["cloudwatch"]["logsStoragePerGbMonth"])
    # X-Ray: the default rule samples the first request each second and 5% of the rest; the free 100k not applied
    def traced(count):
        per_second = count / (days * 86400)
        return count if per_second <= XRAY_RESERVOIR_PER_SECOND else days * 86400 * (1 + XRAY_RATE * (per_second - 1))
    add(fixed, "X-Ray", traced(fixed_inv["traces"]) / 1e6 * prices["xray"]["perMillionTracesRecorded"])
    add(var, "X-Ray", (traced(fixed_inv["traces"] + inv["traces"]) - traced(fixed_inv["traces"])) / 1e6 * prices["xray"]["perMillionTracesRecorded"])
    add(fixed, "Secrets Manager", secrets * prices["secretsManager"]["perSecretMonth"])
    add(fixed, "CloudWatch alarms, metrics, dashboard", alarm_metrics * prices["cloudwatch"]["alarmMetricPerMonth"]
        + metric_hours_idle / HOURS * prices["cloudwatch"]["customMetricPerMonth"] + dashboards * prices["cloudwatch"]["dashboardPerMonth"])
    add(var, "CloudWatch alarms, metrics, dashboard", metric_hours_use / HOURS * prices["cloudwatch"]["customMetricPerMonth"])
    storage_gb = assets * ITEM_KB_PER_ASSET / 1e6
    add(var, "DynamoDB on-demand", storage_gb * (prices["dynamodb"]["storagePerGbMonth"] + prices["dynamodb"]["pitrPerGbMonth"]))
    add(var, "SNS (alarm mail)", 0.0)
    return fixed, var, inv, fixed_inv

def money(v):
    return f"${v:8.2f}" if v >= 0.005 or v == 0 else f"${v:8.4f}"

print("\n  itops monthly AWS bill, %s, prices of %s (%s)" % (prices["region"], prices["date"], "cost-prices.json"))
for name in ("cost-profile-1k.json", "cost-profile-10k.json"):
    profile = json.loads((BENCH / name).read_text())
    fixed, var, inv, idle = bill(profile)
    services = list(dict.fromkeys(list(fixed) + list(var)))
    print(f"\n  {profile['name']} ({name}): {profile['assets']:,} assets, {sum(r['perWorkday'] for r in profile['http']):,} API requests "
          f"and {profile['chatCommandsPerWorkday']:,} chat commands per working day")
    print(f"  {'service':40} {'fixed (idle)':>13} {'with use':>11} {'total':>11}")
    for s in services:
        f, v = fixed.get(s, 0.0), var.get(s, 0.0)
        print(f"  {s:40} {money(f):>13} {money(v):>11} {money(f + v):>11}")
    tf, tv = sum(fixed.values()), sum(var.values())
    print(f"  {'total':40} {money(tf):>13} {money(tv):>11} {money(tf + tv):>11}")
    if profile["employees"] == 1000:
        print(f"  goal: <= $5.00 a month beyond the fixed part for 1,000 employees: {money(tv).strip()} -> {'met' if tv <= 5 else 'NOT met'}")
    print(f"  use per month: {inv['invocations']:,.0f} invocations, {inv['gbs']:,.0f} GB-s, {inv['api']:,.0f} API requests, "
          f"{inv['rru']:,.0f} read / {inv['wru']:,.0f} write units, {inv['events']:,.0f} events, {inv['logBytes'] / 1e6:,.1f} MB of logs")
    print(f"  idle per month: {idle['invocations']:,.0f} scheduled invocations, {idle['gbs']:,.0f} GB-s, {idle['logBytes'] / 1e6:,.1f} MB of logs")

print(f"\n  fixed part: {secrets} secrets x ${prices['secretsManager']['perSecretMonth']:.2f}, {alarm_metrics} alarm metrics x $0.10, "
      f"{custom_metrics} custom metrics at $0.30 a month each when emitted every hour ({len(incident_only)} only in incidents), {dashboards} dashboard, "
      f"and the schedules' {resend} outbox resends every 5 minutes")
print("  to shrink it: group the 6 secrets into 2 (one machine-keys secret, one chat secret: -$1.60); fold each function's SAM")
print("  schedule/rule DLQs into its one DLQ (DeadLetterConfig Arn + a queue policy) so its DLQ alarms watch 1 metric, not up to 10")
print("  (25 queue metrics -> 5: -$2.00); the dashboard is free as one of an account's first 3 (-$3.00); resend the outbox every")
print("  15 minutes (a third of the idle invocations); LogRetentionDays 30; X-Ray sampling without the per-second reservoir.")

print("\n  measured in this run (bench-results/cost-measured.json; warm JVM with Lambda's flags, seeded moto):")
print(f"  {'function':20} {'read event':28} {'ms p90':>7} {'RRU':>6} {'log B':>7} | {'write event':26} {'ms p90':>7} {'WRU':>6} {'events':>6} {'log B':>7}")
for f, r in measured.items():
    rd, wr = r["read"], r.get("write")
    w = (f"{r['writeEvent']:26} {n(wr['total'], 1) / 1e6:7.1f} {float(wr['writeUnits']):6.1f} {float(wr['events']):6.1f} {float(wr['logBytesPerRequest']):7.0f}"
         if wr else f"{'(modelled: ' + str(WRITE_UNITS_IF_UNMEASURED) + ' WRU, 1 event)':26}")
    print(f"  {f:20} {r['readEvent']:28} {n(rd['total'], 1) / 1e6:7.1f} {float(rd['readUnits']):6.1f} {float(rd['logBytesPerRequest']):7.0f} | {w}")
print("  RRU/WRU from the wire bytes of each DynamoDB call (reads: 4 KB eventually consistent units of the answer, an upper bound;")
print("  writes: 1 KB units of the item, once more per GSI key it carries; transactions twice); log B = the function's own stdout per request.")
print("\n  modelled, not measured: the workload (the profile files); moto's latency standing in for DynamoDB's; Lambda's platform log")
print(f"  lines ({PLATFORM_LOG_BYTES} B) and the access log line ({ACCESS_LOG_BYTES} B); log storage compressed to {LOG_STORED_FRACTION:.0%}, 3 months")
print(f"  kept; the daily audit and coverage sweep at {AUDIT_MS_PER_ASSET} ms and {SWEEP_RRU_PER_ASSET} RRU per asset; chat commands priced as")
print(f"  reads of their owner; backup agents' reports priced as backup-audit's write, scanners' results as security-scan's;")
print(f"  idle schedules priced as the function's read; {ITEM_KB_PER_ASSET} KB of table per asset; cold starts")
print("  reading 2 secrets each; X-Ray default sampling. Free tiers are not applied (Lambda's alone would cover the 1,000-employee use).")
