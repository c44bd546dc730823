import { useState } from 'preact/hooks';
import { idempotencyKey, ok, type Api, type Schemas } from '../api';
import { t } from '../i18n';
import { ErrorBox, Field, Section, Table, useAction, useLoad } from '../ui';
import { csvLines } from './staff';

const clean = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined)) as Partial<T>;

export function People({ api }: { api: Api }) {
  const [filters, setFilters] = useState({ department: '', status: '', manager: '' });
  const [applied, setApplied] = useState(filters);
  const [cursors, setCursors] = useState<string[]>([]);
  const page = useLoad(() => ok(api.GET('/people', { params: { query: { ...(clean(applied) as { department?: string; manager?: string; status?: Schemas['PersonStatus'] }), limit: 20, cursor: cursors.at(-1) } } })), [api, applied, cursors]);
  const set = (k: keyof typeof filters) => (v: string) => setFilters({ ...filters, [k]: v });
  const items = page.data?.items ?? [];
  return (
    <Section title={t('People')}>
      <form class="filters" aria-label={t('Filters')} onSubmit={(e) => { e.preventDefault(); setCursors([]); setApplied(filters); }}>
        <Field label={t('Department')} name="department" value={filters.department} onInput={set('department')} />
        <Field label={t('Status')} name="status" value={filters.status} onInput={set('status')} options={['', 'active', 'on-leave', 'left']} />
        <Field label={t('Manager')} name="manager" value={filters.manager} onInput={set('manager')} />
        <button type="submit">{t('Apply')}</button>
      </form>
      <ErrorBox error={page.error} />
      <Table testId="people" head={[t('Person'), t('Name'), t('Email'), t('Department'), t('Manager'), t('Location'), t('Status'), t('Start date'), t('Leave date')]}
        rows={items.map((p) => [p.personId, p.name, p.email ?? '', p.department ?? '', p.manager ?? '', p.location ?? '', t(p.status), p.startDate ?? '', p.leaveDate ?? ''])} />
      <p class="paging">
        {cursors.length ? <button type="button" onClick={() => setCursors(cursors.slice(0, -1))}>{t('Previous page')}</button> : null}
        {page.data?.nextCursor ? <button type="button" onClick={() => setCursors([...cursors, page.data!.nextCursor!])}>{t('Next page')}</button> : null}
      </p>
      <PeopleImport api={api} onDone={page.reload} />
    </Section>
  );
}

function PeopleImport({ api, onDone }: { api: Api; onDone: () => void }) {
  const [csv, setCsv] = useState('personId,name,email,department,manager,location,status,startDate\n');
  const [report, setReport] = useState<Schemas['PeopleImportReport'] | null>(null);
  const [sent, setSent] = useState<string[]>([]);
  const run = useAction(async () => {
    setSent(csvLines(csv));
    setReport(await ok(api.POST('/people/import', {
      params: { header: { 'Idempotency-Key': idempotencyKey() } },
      body: csv as never, bodySerializer: (b: unknown) => b as string, headers: { 'Content-Type': 'text/csv' },
    })));
    onDone();
  });
  const byRow = new Map((report?.rows ?? []).map((r) => [r.row, r]));
  return (
    <form aria-label={t('Import people')} onSubmit={(e) => { e.preventDefault(); run.run(); }}>
      <h3>{t('Import people')}</h3>
      <ErrorBox error={run.error} />
      <div class="field"><label for="people-csv-file">{t('CSV file or text')}</label>
        <input id="people-csv-file" type="file" accept=".csv,text/csv" onChange={async (e) => { const f = (e.target as HTMLInputElement).files?.[0]; if (f) setCsv(await f.text()); }} /></div>
      <Field label={t('HR CSV')} name="csv" value={csv} onInput={setCsv} textarea />
      <button type="submit" disabled={run.busy}>{t('Import rows')}</button>
      {report ? (
        <>
          <p role="status">{report.total} · {t('created')} {report.created} · {t('updated')} {report.updated} · {t('unchanged')} {report.unchanged} · {t('rejected')} {report.rejected}</p>
          <Table testId="people-import-rows" head={[t('Row'), 'CSV', t('Result'), t('Problems')]}
            rowClass={(i) => (byRow.get(i + 1)?.result === 'rejected' ? 'rejected' : undefined)}
            rows={sent.slice(1).map((line, i) => {
              const r = byRow.get(i + 1);
              return [String(i + 1), <code>{line}</code>, r ? t(r.result) : '', (r?.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ')];
            })} />
        </>
      ) : null}
    </form>
  );
}
