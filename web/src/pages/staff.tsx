import { useMemo, useState } from 'preact/hooks';
import { idempotencyKey, ok, type Api, type Schemas } from '../api';
import type { Role } from '../auth';
import { t } from '../i18n';
import { Chart, ErrorBox, Field, Section, Table, useAction, useLoad } from '../ui';
import { LinkTable } from './employee';

type Asset = Schemas['Asset'];
type Status = Schemas['Status'];
const CATEGORIES: Schemas['Category'][] = ['laptop', 'desktop', 'server', 'network-device', 'firewall', 'printer', 'storage', 'phone', 'software-licence', 'other'];
const STATUSES: Status[] = ['ordered', 'received', 'installed', 'accepted', 'in-service', 'under-maintenance', 'in-stock', 'retired', 'disposed'];

/** The moves the API allows from each stage (asset-registration's Status.next); retire and dispose are for admins. */
const NEXT: Record<Status, Status[]> = {
  ordered: ['received', 'retired'],
  received: ['installed', 'accepted', 'retired'],
  installed: ['accepted', 'received', 'retired'],
  accepted: ['in-service', 'in-stock', 'retired'],
  'in-service': ['under-maintenance', 'in-stock', 'retired'],
  'under-maintenance': ['in-service', 'in-stock', 'retired'],
  'in-stock': ['in-service', 'retired'],
  retired: ['disposed'],
  disposed: [],
};
const ADMIN_ONLY: Status[] = ['retired', 'disposed'];

export function allowedMoves(status: Status, role: Role): Status[] {
  return NEXT[status].filter((s) => role === 'admin' || !ADMIN_ONLY.includes(s));
}

const clean = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined)) as Partial<T>;

export function Register({ api, go }: { api: Api; go: (path: string) => void }) {
  const [filters, setFilters] = useState({ category: '', status: '', department: '', custodian: '', location: '' });
  const [applied, setApplied] = useState(filters);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(() => ok(api.GET('/assets', { params: { query: { ...clean(applied), limit: 20, cursor: cursor } as never } })), [api, applied, cursor]);
  const set = (k: keyof typeof filters) => (v: string) => setFilters({ ...filters, [k]: v });
  return (
    <Section title={t('Register')}>
      <form class="filters" aria-label={t('Filters')} onSubmit={(e) => { e.preventDefault(); setCursors([]); setApplied(filters); }}>
        <Field label={t('Category')} name="category" value={filters.category} onInput={set('category')} options={['', ...CATEGORIES]} />
        <Field label={t('Status')} name="status" value={filters.status} onInput={set('status')} options={['', ...STATUSES]} />
        <Field label={t('Department')} name="department" value={filters.department} onInput={set('department')} />
        <Field label={t('Custodian')} name="custodian" value={filters.custodian} onInput={set('custodian')} />
        <Field label={t('Location')} name="location" value={filters.location} onInput={set('location')} />
        <button type="submit">{t('Apply')}</button>
      </form>
      <ErrorBox error={page.error} />
      {page.data ? (
        <>
          <Table testId="register" head={[t('Asset tag'), t('Model'), t('Category'), t('Status'), t('Department'), t('Custodian')]} rows={page.data.items.map((a) => [
            <a href={`/asset/${a.assetId}`} onClick={(e) => { e.preventDefault(); go(`/asset/${a.assetId}`); }}>{a.assetTag}</a>,
            a.model, a.category, a.status, a.department ?? '', a.custodian ?? '',
          ])} />
          <p class="paging">
            {cursors.length ? <button type="button" onClick={() => setCursors(cursors.slice(0, -1))}>←</button> : null}
            {page.data.nextCursor ? <button type="button" onClick={() => setCursors([...cursors, page.data!.nextCursor!])}>{t('Next page')}</button> : null}
          </p>
        </>
      ) : null}
      <NewAsset api={api} onCreated={(a) => go(`/asset/${a.assetId}`)} />
    </Section>
  );
}

function NewAsset({ api, onCreated }: { api: Api; onCreated: (a: Asset) => void }) {
  const [f, setF] = useState({ assetTag: '', serialNumber: '', category: 'laptop', model: '', vendor: '', department: '', location: '' });
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const create = useAction(async () => onCreated(await ok(api.POST('/assets', {
    params: { header: { 'Idempotency-Key': idempotencyKey() } },
    body: { ...clean(f), status: 'received', holdsBusinessData: false } as Schemas['AssetInput'],
  }))));
  return (
    <form aria-label={t('New asset')} onSubmit={(e) => { e.preventDefault(); create.run(); }}>
      <h3>{t('New asset')}</h3>
      <ErrorBox error={create.error} />
      <div class="grid">
        <Field label={t('Asset tag')} name="assetTag" value={f.assetTag} onInput={set('assetTag')} errors={create.fields} />
        <Field label={t('Serial number')} name="serialNumber" value={f.serialNumber} onInput={set('serialNumber')} errors={create.fields} />
        <Field label={t('Category')} name="category" value={f.category} onInput={set('category')} options={CATEGORIES} errors={create.fields} />
        <Field label={t('Model')} name="model" value={f.model} onInput={set('model')} errors={create.fields} />
        <Field label={t('Vendor')} name="vendor" value={f.vendor} onInput={set('vendor')} errors={create.fields} />
        <Field label={t('Department')} name="department" value={f.department} onInput={set('department')} errors={create.fields} />
        <Field label={t('Location')} name="location" value={f.location} onInput={set('location')} errors={create.fields} />
      </div>
      <button type="submit" disabled={create.busy}>{t('Create')}</button>
    </form>
  );
}

export function AssetPage({ api, assetId, role }: { api: Api; assetId: string; role: Role }) {
  const asset = useLoad(() => ok(api.GET('/assets/{assetId}', { params: { path: { assetId } } })), [api, assetId]);
  const [n, setN] = useState(0);
  const refresh = () => { asset.reload(); setN((x) => x + 1); };
  const a = asset.data;
  return (
    <Section title={a ? `${a.assetTag} · ${a.model}` : assetId}>
      <ErrorBox error={asset.error} />
      {a ? (
        <>
          <dl class="details" data-testid="asset-details">
            {([['Status', a.status], ['Category', a.category], ['Serial number', a.serialNumber], ['Department', a.department],
              ['Custodian', a.custodian], ['Location', a.location], ['Vendor', a.vendor], ['Maintenance', a.nextMaintenanceDue],
              ['Audits', a.nextAuditDue], ['Valid until', a.warrantyEnd], ['End of life', a.endOfLife], ['Missing since', a.missingSince]] as [string, string | undefined][]).map(([k, v]) => (
              <div key={k}><dt>{t(k)}</dt><dd data-testid={`asset-${k.toLowerCase().replace(' ', '-')}`}>{v ?? '—'}</dd></div>
            ))}
          </dl>
          {a.missingSince ? <p class="error" role="status" data-testid="asset-missing">{t('Missing since')} {a.missingSince}</p> : null}
          {a.acceptance ? <Acceptance acceptance={a.acceptance} /> : null}
          <EditDetails key={a.version} api={api} asset={a} onDone={refresh} />
          <Lifecycle api={api} asset={a} role={role} onDone={refresh} />
          <Custody api={api} asset={a} onDone={refresh} />
          <AssetLists api={api} assetId={assetId} version={n} onDone={refresh} />
        </>
      ) : null}
    </Section>
  );
}

/** Edits by PATCH with If-Match on the version read; only the fields changed are sent (an empty one clears it). */
function EditDetails({ api, asset, onDone }: { api: Api; asset: Asset; onDone: () => void }) {
  const initial = { model: asset.model, vendor: asset.vendor ?? '', department: asset.department ?? '', warrantyEnd: asset.warrantyEnd ?? '', endOfLife: asset.endOfLife ?? '' };
  const [f, setF] = useState(initial);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const changed = Object.fromEntries(Object.entries(f).filter(([k, v]) => v !== initial[k as keyof typeof f]).map(([k, v]) => [k, v === '' && k !== 'model' ? null : v]));
  const save = useAction(async () => {
    await ok(api.PATCH('/assets/{assetId}', {
      params: { path: { assetId: asset.assetId }, header: { 'If-Match': `"${asset.version}"` } }, body: changed as Schemas['AssetPatch'],
    }));
    onDone();
  });
  return (
    <form aria-label={t('Edit details')} onSubmit={(e) => { e.preventDefault(); save.run(); }}>
      <h3>{t('Edit details')}</h3>
      <ErrorBox error={save.error} />
      <div class="grid">
        <Field label={t('Model')} name="model" value={f.model} onInput={set('model')} errors={save.fields} />
        <Field label={t('Vendor')} name="vendor" value={f.vendor} onInput={set('vendor')} errors={save.fields} />
        <Field label={t('Department')} name="department" value={f.department} onInput={set('department')} errors={save.fields} />
        <Field label={t('Valid until')} name="warrantyEnd" type="date" value={f.warrantyEnd} onInput={set('warrantyEnd')} errors={save.fields} />
        <Field label={t('End of life')} name="endOfLife" type="date" value={f.endOfLife} onInput={set('endOfLife')} errors={save.fields} />
      </div>
      <button type="submit" disabled={save.busy || !Object.keys(changed).length}>{t('Save')}</button>
    </form>
  );
}

function Lifecycle({ api, asset, role, onDone }: { api: Api; asset: Asset; role: Role; onDone: () => void }) {
  const moves = allowedMoves(asset.status, role);
  const [custodian, setCustodian] = useState(asset.custodian ?? '');
  const [location, setLocation] = useState(asset.location ?? '');
  const [note, setNote] = useState('');
  const [acceptedBy, setAcceptedBy] = useState('');
  const [checklist, setChecklist] = useState('');
  const [documentRef, setDocumentRef] = useState('');
  const accepting = moves.includes('accepted');
  const move = useAction(async (to: Status) => {
    const acceptance = to === 'accepted' ? clean({ acceptedBy, documentRef, checklist: checklistItems(checklist) }) : {};
    await ok(api.POST('/assets/{assetId}/transitions', {
      params: { path: { assetId: asset.assetId } },
      body: { ...clean({ to, note, custodian: custodian !== asset.custodian ? custodian : '', location: location !== asset.location ? location : '' }), ...acceptance } as { to: Status },
    }));
    setNote('');
    onDone();
  });
  const fields = { ...move.fields, checklist: Object.entries(move.fields).filter(([k]) => k.startsWith('checklist')).map(([, v]) => v).join('; ') };
  return (
    <form aria-label={t('Lifecycle')} onSubmit={(e) => e.preventDefault()}>
      <h3>{t('Lifecycle')}</h3>
      <ErrorBox error={move.error} />
      <div class="grid">
        <Field label={t('Custodian')} name="custodian" value={custodian} onInput={setCustodian} errors={move.fields} />
        <Field label={t('Location')} name="location" value={location} onInput={setLocation} errors={move.fields} />
        <Field label={t('Note')} name="note" value={note} onInput={setNote} errors={move.fields} />
        {accepting ? <>
          <Field label={t('Accepted by')} name="acceptedBy" value={acceptedBy} onInput={setAcceptedBy} errors={move.fields} />
          <Field label={t('Acceptance document')} name="documentRef" value={documentRef} onInput={setDocumentRef} errors={move.fields} />
          <Field label={t('Checklist (one item a line)')} name="checklist" value={checklist} onInput={setChecklist} errors={fields} textarea />
        </> : null}
      </div>
      <p>{moves.length ? moves.map((s) => <button type="button" key={s} disabled={move.busy} onClick={() => move.run(s)}>{t('Move to')} {s}</button>) : '—'}</p>
    </form>
  );
}

function Custody({ api, asset, onDone }: { api: Api; asset: Asset; onDone: () => void }) {
  const [custodian, setCustodian] = useState('');
  const [expectedReturn, setExpectedReturn] = useState('');
  const [inLocation, setInLocation] = useState('');
  const [condition, setCondition] = useState('');
  const held = !!asset.custodian;
  const out = useAction(async (transfer: boolean) => {
    await ok(api.POST('/assets/{assetId}/checkout', {
      params: { path: { assetId: asset.assetId } }, body: { ...clean({ custodian, expectedReturn }), ...(transfer ? { transfer: true } : {}) } as { custodian: string },
    }));
    setCustodian('');
    onDone();
  });
  const back = useAction(async () => {
    await ok(api.POST('/assets/{assetId}/checkin', { params: { path: { assetId: asset.assetId } }, body: clean({ location: inLocation, condition }) }));
    onDone();
  });
  return (
    <form aria-label={t('Custody')} onSubmit={(e) => { e.preventDefault(); out.run(false); }}>
      <h3>{t('Custodian')}: {asset.custodian ?? '—'}</h3>
      {asset.checkout ? <p>{t('Since')} {asset.checkout.since?.slice(0, 10) ?? '—'} · {t('Expected return')} {asset.checkout.expectedReturn ?? '—'}</p> : null}
      <ErrorBox error={out.error ?? back.error} />
      <div class="grid">
        <Field label={held ? `${t('Transfer to')}: ${t('Custodian')}` : `${t('Check out')}: ${t('Custodian')}`} name="custodian" value={custodian} onInput={setCustodian} errors={out.fields} />
        <Field label={t('Expected return')} name="expectedReturn" type="date" value={expectedReturn} onInput={setExpectedReturn} errors={out.fields} />
      </div>
      {held ? <button type="button" disabled={out.busy} onClick={() => out.run(true)}>{t('Transfer')}</button> : <button type="submit" disabled={out.busy}>{t('Check out')}</button>}
      {held ? (
        <div class="grid">
          <Field label={`${t('Return to stock')}: ${t('Location')}`} name="location" value={inLocation} onInput={setInLocation} errors={back.fields} />
          <Field label={t('Condition')} name="condition" value={condition} onInput={setCondition} errors={back.fields} />
          <div><button type="button" disabled={back.busy} onClick={() => back.run()}>{t('Return to stock')}</button></div>
        </div>
      ) : null}
    </form>
  );
}

function AssetLists({ api, assetId, version, onDone }: { api: Api; assetId: string; version: number; onDone: () => void }) {
  const p = { params: { path: { assetId } } };
  const maintenance = useLoad(() => ok(api.GET('/assets/{assetId}/maintenance', p)), [api, assetId, version]);
  const faults = useLoad(() => ok(api.GET('/assets/{assetId}/faults', p)), [api, assetId, version]);
  const history = useLoad(() => ok(api.GET('/assets/{assetId}/history', p)), [api, assetId, version]);
  const audits = useLoad(() => ok(api.GET('/assets/{assetId}/audits', p)), [api, assetId, version]);
  const [found, setFound] = useState('true');
  const [resolving, setResolving] = useState<string | null>(null);
  const [auditLocation, setAuditLocation] = useState('');
  const [condition, setCondition] = useState('');
  const audit = useAction(async () => {
    await ok(api.POST('/assets/{assetId}/audits', {
      params: { path: { assetId }, header: { 'Idempotency-Key': idempotencyKey() } },
      body: { ...clean({ location: auditLocation, condition }), found: found === 'true' } as { found: boolean },
    }));
    onDone();
  });
  return (
    <>
      <h3>{t('Maintenance')}</h3><ErrorBox error={maintenance.error} />
      <Table head={[t('Kind'), 'date', 'by', t('Note')]} rows={(maintenance.data?.items ?? []).map((m) => [m.kind, m.performedOn, m.performedBy, m.notes ?? ''])} />
      <MaintenanceForm api={api} assetId={assetId} onDone={onDone} />
      <h3>{t('Faults')}</h3><ErrorBox error={faults.error} />
      <Table testId="faults" head={[t('Summary'), t('Severity'), t('Status'), 'by', 'resolution']} rows={(faults.data?.items ?? []).map((f) => [
        f.summary, f.severity, f.status, f.reportedBy, f.resolution ? `${f.resolution.rootCause}: ${f.resolution.resolution}`
          : <button type="button" onClick={() => setResolving(f.faultId)}>{t('Resolve')}: {f.summary}</button>,
      ])} />
      {resolving ? <ResolveForm api={api} assetId={assetId} faultId={resolving} onDone={() => { setResolving(null); onDone(); }} /> : null}
      <form aria-label={t('Record an audit')} onSubmit={(e) => { e.preventDefault(); audit.run(); }}>
        <h3>{t('Audits')}</h3>
        <ErrorBox error={audit.error} />
        <Table testId="audits" head={[t('Audited on'), t('Found'), t('Location'), t('Condition'), t('Note'), 'by']}
          rowClass={(i) => (audits.data?.items[i]?.found === false ? 'rejected' : undefined)}
          rows={(audits.data?.items ?? []).map((r) => [r.auditedOn, r.found ? t('Found') : t('Missing'),
            r.locationMatches ? (r.location ?? '') : `${r.location ?? ''} (${t('registered')}: ${r.registeredLocation ?? '—'})`, r.condition ?? '', r.notes ?? '', r.recordedBy])} />
        <ErrorBox error={audits.error} />
        <div class="grid">
          <Field label={t('Found')} name="found" value={found} onInput={setFound} options={['true', 'false']} errors={audit.fields} />
          <Field label={t('Location')} name="location" value={auditLocation} onInput={setAuditLocation} errors={audit.fields} />
          <Field label={t('Condition')} name="condition" value={condition} onInput={setCondition} options={['', 'good', 'fair', 'poor', 'damaged']} errors={audit.fields} />
        </div>
        <button type="submit">{t('Record an audit')}</button>
      </form>
      <h3>{t('History')}</h3><ErrorBox error={history.error} />
      <Table testId="history" head={['at', 'type', 'by', 'detail']} rows={(history.data?.items ?? []).map((h) => [h.at.slice(0, 19).replace('T', ' '), h.type, h.actor, <>
        {h.summary}
        {h.changes?.length ? <ul class="changes">{h.changes.map((c) => <li key={c.field}><code>{c.field}</code>: {c.before ?? '—'} → {c.after ?? '—'}</li>)}</ul> : null}
      </>])} />
    </>
  );
}

function MaintenanceForm({ api, assetId, onDone }: { api: Api; assetId: string; onDone: () => void }) {
  const [f, setF] = useState({ kind: 'preventive', performedOn: new Date().toISOString().slice(0, 10), performedBy: '', notes: '' });
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const save = useAction(async () => {
    await ok(api.POST('/assets/{assetId}/maintenance', {
      params: { path: { assetId }, header: { 'Idempotency-Key': idempotencyKey() } },
      body: clean(f) as { kind: Schemas['MaintenanceKind']; performedOn: string; performedBy: string; notes?: string },
    }));
    onDone();
  });
  return (
    <form aria-label={t('Record maintenance')} onSubmit={(e) => { e.preventDefault(); save.run(); }}>
      <ErrorBox error={save.error} />
      <div class="grid">
        <Field label={t('Kind')} name="kind" value={f.kind} onInput={set('kind')} options={['preventive', 'repair', 'upgrade', 'inspection']} errors={save.fields} />
        <Field label={t('Performed on')} name="performedOn" type="date" value={f.performedOn} onInput={set('performedOn')} errors={save.fields} />
        <Field label={t('Performed by')} name="performedBy" value={f.performedBy} onInput={set('performedBy')} errors={save.fields} />
        <Field label={t('Note')} name="notes" value={f.notes} onInput={set('notes')} errors={save.fields} />
      </div>
      <button type="submit" disabled={save.busy}>{t('Record maintenance')}</button>
    </form>
  );
}

function ResolveForm({ api, assetId, faultId, onDone }: { api: Api; assetId: string; faultId: string; onDone: () => void }) {
  const [f, setF] = useState({ resolution: '', rootCause: 'hardware', causeAnalysis: '' });
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const save = useAction(async () => {
    await ok(api.POST('/assets/{assetId}/faults/{faultId}/resolution', {
      params: { path: { assetId, faultId } }, body: f as { resolution: string; rootCause: Schemas['RootCause']; causeAnalysis: string },
    }));
    onDone();
  });
  return (
    <form aria-label={t('Resolve')} onSubmit={(e) => { e.preventDefault(); save.run(); }}>
      <ErrorBox error={save.error} />
      <div class="grid">
        <Field label={t('Resolution')} name="resolution" value={f.resolution} onInput={set('resolution')} errors={save.fields} />
        <Field label={t('Root cause')} name="rootCause" value={f.rootCause} onInput={set('rootCause')} errors={save.fields}
          options={['hardware', 'software', 'network', 'configuration', 'user', 'environment', 'vendor', 'unknown']} />
        <Field label={t('Cause analysis')} name="causeAnalysis" value={f.causeAnalysis} onInput={set('causeAnalysis')} errors={save.fields} textarea />
      </div>
      <button type="submit" disabled={save.busy}>{t('Resolve')}</button>
    </form>
  );
}

const DUE_KINDS = ['maintenance', 'warranty', 'audit', 'return', 'end-of-life', 'missing'];

/** Past the date is overdue, on it due today, else upcoming (dates as YYYY-MM-DD compare as text). */
export function dueState(dueDate: string, today: string): 'Overdue' | 'Due today' | 'Upcoming' {
  return dueDate < today ? 'Overdue' : dueDate === today ? 'Due today' : 'Upcoming';
}

function checklistItems(text: string): string[] | undefined {
  const items = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

function Acceptance({ acceptance }: { acceptance: NonNullable<Asset['acceptance']> }) {
  return (
    <section aria-label={t('Acceptance record')} data-testid="acceptance">
      <h3>{t('Acceptance record')}</h3>
      <dl class="details">
        <div><dt>{t('Accepted by')}</dt><dd>{acceptance.acceptedBy}</dd></div>
        <div><dt>{t('Accepted at')}</dt><dd>{acceptance.acceptedAt.slice(0, 16).replace('T', ' ')}</dd></div>
        <div><dt>{t('Acceptance document')}</dt><dd>{acceptance.documentRef ?? '—'}</dd></div>
        <div><dt>{t('Recorded by')}</dt><dd>{acceptance.recordedBy}</dd></div>
      </dl>
      {acceptance.checklist?.length ? <ul>{acceptance.checklist.map((c) => <li key={c}>{c}</li>)}</ul> : null}
    </section>
  );
}

export function DueLists({ api }: { api: Api }) {
  const [kind, setKind] = useState('maintenance');
  const [within, setWithin] = useState('90');
  const due = useLoad(() => ok(api.GET('/assets/due', { params: { query: { kind, withinDays: Number(within) } as never } })), [api, kind, within]);
  const items = due.data?.items ?? [];
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Section title={t('Due')}>
      <form class="filters" aria-label={t('Filters')} onSubmit={(e) => e.preventDefault()}>
        <Field label={t('Kind')} name="kind" value={kind} onInput={setKind} options={DUE_KINDS} />
        <Field label={t('Within days')} name="withinDays" type="number" value={within} onInput={setWithin} />
      </form>
      <ErrorBox error={due.error} />
      <Table testId="due" head={[t('Asset tag'), t('Due'), '', t('Status'), t('Custodian'), t('Location')]}
        rowClass={(i) => (dueState(items[i].dueDate, today) === 'Overdue' ? 'rejected' : undefined)}
        rows={items.map((i) => [i.assetTag, i.dueDate, t(kind === 'missing' ? 'Missing' : dueState(i.dueDate, today)), i.status ?? '', i.custodian ?? '', i.location ?? ''])} />
    </Section>
  );
}

/** Splits CSV text into lines the way the API numbers rows: the header is row 0, data rows from 1. */
export function csvLines(text: string): string[] {
  return text.replace(/\r\n/g, '\n').split('\n').filter((l) => l.trim() !== '');
}

export function ImportPage({ api }: { api: Api }) {
  const [csv, setCsv] = useState('assetTag,serialNumber,category,model,department\n');
  const [report, setReport] = useState<Schemas['ImportReport'] | null>(null);
  const [sent, setSent] = useState<string[]>([]);
  const run = useAction(async () => {
    setSent(csvLines(csv));
    setReport(await ok(api.POST('/assets/import', {
      params: { header: { 'Idempotency-Key': idempotencyKey() } },
      body: csv as never, bodySerializer: (b: unknown) => b as string, headers: { 'Content-Type': 'text/csv' },
    })));
  });
  const byRow = new Map((report?.rows ?? []).map((r) => [r.row, r]));
  return (
    <Section title={t('Import')}>
      <form aria-label={t('Import')} onSubmit={(e) => { e.preventDefault(); run.run(); }}>
        <ErrorBox error={run.error} />
        <div class="field"><label for="csv-file">{t('CSV file or text')}</label>
          <input id="csv-file" type="file" accept=".csv,text/csv" onChange={async (e) => { const f = (e.target as HTMLInputElement).files?.[0]; if (f) setCsv(await f.text()); }} /></div>
        <Field label="CSV" name="csv" value={csv} onInput={setCsv} textarea />
        <button type="submit" disabled={run.busy}>{t('Import rows')}</button>
      </form>
      {report ? (
        <>
          <p role="status">{report.total} · created {report.created} · updated {report.updated} · unchanged {report.unchanged} · rejected {report.rejected}</p>
          <Table testId="import-rows" head={[t('Row'), 'CSV', t('Result'), t('Problems')]}
            rowClass={(i) => (byRow.get(i + 1)?.result === 'rejected' ? 'rejected' : undefined)}
            rows={sent.slice(1).map((line, i) => {
              const r = byRow.get(i + 1);
              return [String(i + 1), <code>{line}</code>, r?.result ?? '', (r?.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ')];
            })} />
        </>
      ) : null}
    </Section>
  );
}

export function BackupAudits({ api, role }: { api: Api; role: Role }) {
  const runs = useLoad(() => ok(api.GET('/backup-audits', { params: { query: { limit: 50 } } })), [api]);
  const items = ((runs.data as { items?: Schemas['BackupAuditRun'][] } | undefined)?.items ?? []).slice().sort((a, b) => a.asOf.localeCompare(b.asOf));
  const latest = items.filter((r) => r.status === 'completed').at(-1);
  const findings = useLoad(async () => latest ? ok(api.GET('/backup-audits/{runId}', { params: { path: { runId: latest.runId }, query: { limit: 100 } } })) : undefined, [api, latest?.runId]);
  const start = useAction(async () => { await ok(api.POST('/backup-audits', { params: { header: { 'Idempotency-Key': idempotencyKey() } } })); runs.reload(); });
  const overTime = useMemo(() => ({
    tooltip: { trigger: 'axis' }, grid: { left: 50, right: 20, top: 20, bottom: 40 },
    xAxis: { type: 'category', data: items.map((r) => r.asOf.slice(0, 16).replace('T', ' ')) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{ type: 'line', name: '%', data: items.map((r) => r.totals.compliancePercent ?? null), label: { show: true } }],
  }), [runs.data]);
  const byCode = latest?.totals.byCode ?? {};
  const byDept: Record<string, number> = {};
  for (const f of (findings.data as { findings?: { department?: string }[] } | undefined)?.findings ?? []) byDept[f.department ?? '—'] = (byDept[f.department ?? '—'] ?? 0) + 1;
  const bar = (data: Record<string, number>) => ({
    tooltip: {}, grid: { left: 180, right: 20, top: 10, bottom: 30 },
    xAxis: { type: 'value' }, yAxis: { type: 'category', data: Object.keys(data) },
    series: [{ type: 'bar', data: Object.values(data), label: { show: true, position: 'right' } }],
  });
  return (
    <Section title={t('Backup audits')}>
      <ErrorBox error={runs.error ?? start.error} />
      {role === 'admin' ? <p><button type="button" onClick={() => start.run()}>{t('Run an audit now')}</button></p> : null}
      {items.length ? <Chart testId="compliance-chart" label={t('Compliance % per run')} option={overTime} /> : <p>{t('Nothing here yet.')}</p>}
      <div class="charts">
        <Chart label={t('Findings by code')} option={bar(byCode)} />
        <Chart label={t('Findings by department')} option={bar(byDept)} />
      </div>
      <Table testId="audit-runs" head={['asOf', t('Status'), 'audited', t('Compliant'), '%']} rows={items.slice().reverse().map((r) => [
        r.asOf, r.status, String(r.totals.audited), String(r.totals.compliant), String(r.totals.compliancePercent ?? ''),
      ])} />
    </Section>
  );
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];

/** Overdue first, then by deadline (none last), then by severity. */
export function findingOrder(a: Schemas['Finding'], b: Schemas['Finding']): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const d = (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999');
  return d !== 0 ? d : SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity);
}

export function SecurityFindings({ api }: { api: Api }) {
  const page = useLoad(() => ok(api.GET('/findings', { params: { query: { status: 'open', limit: 100 } } })), [api]);
  const items = (page.data?.items ?? []).slice().sort(findingOrder);
  const bySeverity = SEVERITY_ORDER.map((s) => ({
    s, overdue: items.filter((f) => f.severity === s && f.overdue).length, onTime: items.filter((f) => f.severity === s && !f.overdue).length,
  })).filter((x) => x.overdue + x.onTime > 0);
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 60, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: bySeverity.map((x) => x.s) }, yAxis: { type: 'value' },
    series: [
      { type: 'bar', stack: 'n', name: t('Overdue'), data: bySeverity.map((x) => x.overdue), itemStyle: { color: '#b00020' } },
      { type: 'bar', stack: 'n', name: t('Deadline'), data: bySeverity.map((x) => x.onTime), itemStyle: { color: '#3465a4' } },
    ],
  }), [page.data]);
  return (
    <Section title={t('Security findings')}>
      <ErrorBox error={page.error} />
      {items.length ? <Chart testId="severity-chart" label={t('Findings by severity')} option={option} /> : null}
      <Table testId="findings" head={[t('Asset tag'), t('Severity'), 'title', t('Deadline'), t('Overdue')]} rowClass={(i) => (items[i].overdue ? 'rejected' : undefined)}
        rows={items.map((f) => [f.assetTag, f.severity, f.title, f.dueAt?.slice(0, 10) ?? '', f.overdue ? t('Overdue') : ''])} />
    </Section>
  );
}

export function TrainingCompliance({ api }: { api: Api }) {
  const report = useLoad(() => ok(api.GET('/training/compliance', {})), [api]);
  const depts = report.data?.departments ?? [];
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' }, grid: { left: 50, right: 20, top: 20, bottom: 40 },
    xAxis: { type: 'category', data: depts.map((d) => d.department) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{ type: 'bar', name: '%', data: depts.map((d) => (d.people ? Math.round((100 * d.compliant) / d.people) : 0)), label: { show: true, formatter: '{c}%' } }],
  }), [report.data]);
  return (
    <Section title={t('Training compliance')}>
      <ErrorBox error={report.error} />
      <Chart testId="training-chart" label={t('Training compliance')} option={option} />
      <Table head={[t('Department'), t('People'), t('Compliant')]} rows={depts.map((d) => [d.department, String(d.people), String(d.compliant)])} />
    </Section>
  );
}

export function AllChatLinks({ api }: { api: Api }) {
  const links = useLoad(() => ok(api.GET('/chat-links', {})), [api]);
  const unlink = useAction(async (linkId: string) => { await ok(api.DELETE('/chat-links/{linkId}', { params: { path: { linkId } } })); links.reload(); });
  return (
    <Section title={t("Everyone's chat links")}>
      <ErrorBox error={links.error ?? unlink.error} />
      {links.data ? <LinkTable links={links.data.items} onUnlink={(id) => unlink.run(id)} /> : null}
    </Section>
  );
}
