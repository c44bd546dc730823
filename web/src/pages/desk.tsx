import { useMemo, useState } from 'preact/hooks';
import { idempotencyKey, ok, type Api, type Schemas } from '../api';
import type { Role } from '../auth';
import { t } from '../i18n';
import { Chart, ErrorBox, Field, Section, Table, useAction, useLoad } from '../ui';

type Ticket = Schemas['Ticket'];
type TicketStatus = Schemas['TicketStatus'];
type Incident = Schemas['Incident'];
export const TICKET_CATEGORIES: Schemas['TicketCategory'][] = ['access', 'account-password', 'hardware', 'software', 'network', 'how-to', 'security', 'other'];
const TICKET_STATUSES: TicketStatus[] = ['new', 'assigned', 'in-progress', 'waiting-on-requester', 'resolved', 'closed'];
const PRIORITIES: Schemas['TicketPriority'][] = ['p1', 'p2', 'p3', 'p4'];
const LEVELS = ['high', 'medium', 'low'];
const TIMELINE: Schemas['TimelineType'][] = ['detected', 'reported', 'contained', 'eradicated', 'recovered', 'closed'];

/** The staff moves the service desk's flow allows from each status (resolving needs a resolution). */
const FLOW: Record<TicketStatus, TicketStatus[]> = {
  new: ['resolved'],
  assigned: ['in-progress', 'waiting-on-requester', 'resolved'],
  'in-progress': ['waiting-on-requester', 'resolved'],
  'waiting-on-requester': ['in-progress', 'resolved'],
  resolved: ['closed'],
  closed: [],
};
export const ticketMoves = (s: TicketStatus): TicketStatus[] => FLOW[s];

const clean = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined)) as Partial<T>;
const when = (iso?: string) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');

/** Business minutes as "1 h 05 min" (or "3 d 2 h" past a day of clock time). */
export function minutes(m?: number): string {
  if (m === undefined || m === null) return '—';
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return h < 24 ? `${h} h ${String(m % 60).padStart(2, '0')} min` : `${Math.floor(h / 24)} d ${h % 24} h`;
}

function link(go: (p: string) => void, path: string, text: string) {
  return <a href={path} onClick={(e) => { e.preventDefault(); go(path); }}>{text}</a>;
}

function TicketRows({ items, go, staff }: { items: Ticket[]; go: (p: string) => void; staff: boolean }) {
  const head = [t('Number'), t('Title'), t('Category'), t('Priority'), t('Status'), ...(staff ? [t('Requester'), t('Assignee'), 'SLA'] : []), t('Updated')];
  return (
    <Table testId="tickets" head={head} rowClass={(i) => (items[i].sla.breached ? 'rejected' : undefined)} rows={items.map((k) => [
      link(go, `/ticket/${k.ticketId}`, k.number), k.title, k.category, k.priority, t(k.status),
      ...(staff ? [k.requesterName ?? k.requester, k.assignee ?? '—', k.sla.breached ? t('Breached') : k.sla.paused ? t('Paused') : t('On time')] : []),
      when(k.updatedAt),
    ])} />
  );
}

function Paging({ cursors, next, setCursors }: { cursors: string[]; next?: string | null; setCursors: (c: string[]) => void }) {
  return (
    <p class="paging">
      {cursors.length ? <button type="button" onClick={() => setCursors(cursors.slice(0, -1))}>{t('Previous page')}</button> : null}
      {next ? <button type="button" onClick={() => setCursors([...cursors, next])}>{t('Next page')}</button> : null}
    </p>
  );
}

export function MyTickets({ api, go }: { api: Api; go: (p: string) => void }) {
  const [cursors, setCursors] = useState<string[]>([]);
  const page = useLoad(() => ok(api.GET('/me/tickets', { params: { query: { limit: 20, cursor: cursors.at(-1) } } })), [api, cursors]);
  return (
    <Section title={t('My tickets')}>
      <ErrorBox error={page.error} />
      {page.data ? <><TicketRows items={page.data.items} go={go} staff={false} /><Paging cursors={cursors} next={page.data.nextCursor} setCursors={setCursors} /></> : null}
      <NewTicketForm api={api} onCreated={(k) => go(`/ticket/${k.ticketId}`)} />
      <PhishingForm api={api} onCreated={(k) => go(`/ticket/${k.ticketId}`)} />
    </Section>
  );
}

function NewTicketForm({ api, onCreated }: { api: Api; onCreated: (k: Ticket) => void }) {
  const [f, setF] = useState({ title: '', description: '', category: 'hardware', impact: 'medium', urgency: 'medium' });
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const create = useAction(async () => onCreated(await ok(api.POST('/tickets', {
    params: { header: { 'Idempotency-Key': idempotencyKey() } }, body: clean(f) as Schemas['NewTicket'],
  }))));
  return (
    <form aria-label={t('Raise a ticket')} onSubmit={(e) => { e.preventDefault(); create.run(); }}>
      <h3>{t('Raise a ticket')}</h3>
      <ErrorBox error={create.error} />
      <div class="grid">
        <Field label={t('Title')} name="title" value={f.title} onInput={set('title')} errors={create.fields} />
        <Field label={t('Category')} name="category" value={f.category} onInput={set('category')} options={TICKET_CATEGORIES} errors={create.fields} />
        <Field label={t('Impact')} name="impact" value={f.impact} onInput={set('impact')} options={LEVELS} errors={create.fields} />
        <Field label={t('Urgency')} name="urgency" value={f.urgency} onInput={set('urgency')} options={LEVELS} errors={create.fields} />
      </div>
      <Field label={t('Description')} name="description" value={f.description} onInput={set('description')} errors={create.fields} textarea />
      <button type="submit" disabled={create.busy}>{t('Raise a ticket')}</button>
    </form>
  );
}

/** As the bot's `report phishing`: a security ticket, high impact and urgency (p1). */
function PhishingForm({ api, onCreated }: { api: Api; onCreated: (k: Ticket) => void }) {
  const [text, setText] = useState('');
  const report = useAction(async () => onCreated(await ok(api.POST('/tickets', {
    params: { header: { 'Idempotency-Key': idempotencyKey() } },
    body: { title: `${t('Phishing')}: ${text.slice(0, 180)}`, description: text || undefined, category: 'security', impact: 'high', urgency: 'high' },
  }))));
  const errors = { ...report.fields, text: [report.fields.title, report.fields.description].filter(Boolean).join('; ') };
  return (
    <form aria-label={t('Report phishing')} onSubmit={(e) => { e.preventDefault(); report.run(); }}>
      <h3>{t('Report phishing')}</h3>
      <ErrorBox error={report.error} />
      <Field label={t('What did you receive?')} name="text" value={text} onInput={setText} errors={errors} textarea />
      <button type="submit" disabled={report.busy}>{t('Report phishing')}</button>
    </form>
  );
}

export function TicketPage({ api, ticketId, role, me }: { api: Api; ticketId: string; role: Role; me: string }) {
  const ticket = useLoad(() => ok(api.GET('/tickets/{ticketId}', { params: { path: { ticketId } } })), [api, ticketId]);
  const k = ticket.data;
  const staff = role !== 'employee';
  return (
    <Section title={k ? `${k.number} · ${k.title}` : t('Ticket')}>
      <ErrorBox error={ticket.error} />
      {k ? (
        <>
          <dl class="details" data-testid="ticket-details">
            {([['Status', t(k.status)], ['Priority', k.priority], ['Category', k.category], ['Impact', k.impact], ['Urgency', k.urgency],
              ['Requester', k.requesterName ?? k.requester], ['Assignee', k.assignee], ['Created', when(k.createdAt)], ['Resolution', k.resolution]] as [string, string | undefined][]).map(([l, v]) => (
              <div key={l}><dt>{t(l)}</dt><dd data-testid={`ticket-${l.toLowerCase()}`}>{v || '—'}</dd></div>
            ))}
          </dl>
          {k.description ? <p>{k.description}</p> : null}
          {staff ? <SlaBlock sla={k.sla} /> : null}
          {staff ? <StaffActions api={api} ticket={k} me={me} onDone={ticket.reload} /> : null}
          <h3>{t('Conversation')}</h3>
          <ul class="comments" data-testid="comments">
            {(k.comments ?? []).map((c) => (
              <li key={c.commentId} class={c.internal ? 'internal' : undefined}>
                <strong>{c.authorName ?? c.author}</strong> · {when(c.createdAt)}{c.internal ? ` · ${t('Internal note')}` : ''}
                <p>{c.text}</p>
              </li>
            ))}
          </ul>
          <CommentForm api={api} ticketId={k.ticketId} staff={staff} onDone={ticket.reload} />
          {!staff && k.status === 'resolved' ? <ReopenForm api={api} ticketId={k.ticketId} onDone={ticket.reload} /> : null}
        </>
      ) : null}
    </Section>
  );
}

function SlaBlock({ sla }: { sla: Ticket['sla'] }) {
  return (
    <section aria-label="SLA" class="sla" data-testid="sla">
      <h3>SLA {sla.paused ? <span class="badge" data-testid="sla-paused">{t('Paused')}</span> : null}
        {sla.breached ? <span class="badge bad" data-testid="sla-breached">{t('Breached')}</span> : null}</h3>
      <Table head={['', t('Target'), t('Elapsed'), t('Due'), t('Breached')]} rows={[
        [t('First response'), minutes(sla.responseTargetMinutes), minutes(sla.responseMinutes ?? sla.elapsedMinutes), when(sla.responseDueAt), sla.responseBreached ? t('Yes') : t('No')],
        [t('Resolution'), minutes(sla.resolutionTargetMinutes), minutes(sla.elapsedMinutes), when(sla.resolutionDueAt), sla.resolutionBreached ? t('Yes') : t('No')],
      ]} />
    </section>
  );
}

function StaffActions({ api, ticket, me, onDone }: { api: Api; ticket: Ticket; me: string; onDone: () => void }) {
  const p = { params: { path: { ticketId: ticket.ticketId } } };
  const [assignee, setAssignee] = useState(ticket.assignee ?? '');
  const [resolution, setResolution] = useState('');
  const act = useAction(async (what: 'take' | 'assign' | TicketStatus) => {
    if (what === 'take') await ok(api.POST('/tickets/{ticketId}/take', p));
    else if (what === 'assign') await ok(api.POST('/tickets/{ticketId}/assign', { ...p, body: clean({ assignee }) }));
    else await ok(api.POST('/tickets/{ticketId}/status', { ...p, body: clean({ status: what, resolution: what === 'resolved' ? resolution : '' }) as Schemas['TicketStatusChange'] }));
    onDone();
  });
  return (
    <form aria-label={t('Handle the ticket')} onSubmit={(e) => e.preventDefault()}>
      <h3>{t('Handle the ticket')}</h3>
      <ErrorBox error={act.error} />
      <div class="grid">
        <Field label={t('Assignee')} name="assignee" value={assignee} onInput={setAssignee} errors={act.fields} />
        <Field label={t('Resolution')} name="resolution" value={resolution} onInput={setResolution} errors={act.fields} />
      </div>
      <p>
        {!ticket.assignee || ticket.assignee !== me ? <button type="button" disabled={act.busy} onClick={() => act.run('take')}>{t('Take')}</button> : null}
        <button type="button" disabled={act.busy} onClick={() => act.run('assign')}>{t('Assign')}</button>
        {ticketMoves(ticket.status).map((s) => <button type="button" key={s} disabled={act.busy} onClick={() => act.run(s)}>{t('Set status')}: {t(s)}</button>)}
      </p>
    </form>
  );
}

function CommentForm({ api, ticketId, staff, onDone }: { api: Api; ticketId: string; staff: boolean; onDone: () => void }) {
  const [text, setText] = useState('');
  const [internal, setInternal] = useState(false);
  const send = useAction(async () => {
    await ok(api.POST('/tickets/{ticketId}/comments', { params: { path: { ticketId } }, body: staff ? { text, internal } : { text } }));
    setText('');
    setInternal(false); // each note is chosen as internal on purpose
    onDone();
  });
  return (
    <form aria-label={t('Comment')} onSubmit={(e) => { e.preventDefault(); send.run(); }}>
      <ErrorBox error={send.error} />
      <Field label={staff ? t('Reply or note') : t('Comment')} name="text" value={text} onInput={setText} errors={send.fields} textarea />
      {staff ? (
        <div class="field"><label><input type="checkbox" checked={internal} onChange={(e) => setInternal((e.target as HTMLInputElement).checked)} /> {t('Internal note (not shown to the requester)')}</label></div>
      ) : null}
      <button type="submit" disabled={send.busy}>{staff && internal ? t('Add internal note') : staff ? t('Send public reply') : t('Send')}</button>
    </form>
  );
}

function ReopenForm({ api, ticketId, onDone }: { api: Api; ticketId: string; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const reopen = useAction(async () => { await ok(api.POST('/tickets/{ticketId}/reopen', { params: { path: { ticketId } }, body: { reason } })); onDone(); });
  return (
    <form aria-label={t('Reopen')} onSubmit={(e) => { e.preventDefault(); reopen.run(); }}>
      <ErrorBox error={reopen.error} />
      <Field label={t('Why reopen?')} name="reason" value={reason} onInput={setReason} errors={reopen.fields} />
      <button type="submit" disabled={reopen.busy}>{t('Reopen')}</button>
    </form>
  );
}

export function Queue({ api, go }: { api: Api; go: (p: string) => void }) {
  const [filters, setFilters] = useState({ status: '', priority: '', category: '', assignee: '', breached: '' });
  const [applied, setApplied] = useState(filters);
  const [cursors, setCursors] = useState<string[]>([]);
  const query = { ...(clean(applied) as { status?: TicketStatus; priority?: Schemas['TicketPriority']; category?: Schemas['TicketCategory']; assignee?: string }), breached: applied.breached === '' ? undefined : applied.breached === 'true', limit: 20, cursor: cursors.at(-1) };
  const page = useLoad(() => ok(api.GET('/tickets', { params: { query } })), [api, applied, cursors]);
  const set = (k: keyof typeof filters) => (v: string) => setFilters({ ...filters, [k]: v });
  return (
    <Section title={t('Service desk')}>
      <form class="filters" aria-label={t('Filters')} onSubmit={(e) => { e.preventDefault(); setCursors([]); setApplied(filters); }}>
        <Field label={t('Status')} name="status" value={filters.status} onInput={set('status')} options={['', ...TICKET_STATUSES]} errors={fieldsOf(page.error)} />
        <Field label={t('Priority')} name="priority" value={filters.priority} onInput={set('priority')} options={['', ...PRIORITIES]} errors={fieldsOf(page.error)} />
        <Field label={t('Category')} name="category" value={filters.category} onInput={set('category')} options={['', ...TICKET_CATEGORIES]} errors={fieldsOf(page.error)} />
        <Field label={t('Assignee')} name="assignee" value={filters.assignee} onInput={set('assignee')} errors={fieldsOf(page.error)} />
        <Field label={t('Breached')} name="breached" value={filters.breached} onInput={set('breached')} options={['', 'true', 'false']} errors={fieldsOf(page.error)} />
        <button type="submit">{t('Apply')}</button>
      </form>
      <ErrorBox error={page.error} />
      {page.data ? <><TicketRows items={page.data.items} go={go} staff /><Paging cursors={cursors} next={page.data.nextCursor} setCursors={setCursors} /></> : null}
    </Section>
  );
}

function fieldsOf(e: unknown): Record<string, string> {
  return e && typeof (e as { fieldErrors?: unknown }).fieldErrors === 'function' ? (e as { fieldErrors: () => Record<string, string> }).fieldErrors() : {};
}

export function Incidents({ api, go }: { api: Api; go: (p: string) => void }) {
  const [cursors, setCursors] = useState<string[]>([]);
  const page = useLoad(() => ok(api.GET('/incidents', { params: { query: { limit: 20, cursor: cursors.at(-1) } } })), [api, cursors]);
  const items = page.data?.items ?? [];
  return (
    <Section title={t('Incidents')}>
      <ErrorBox error={page.error} />
      <Table testId="incidents" head={[t('Number'), t('Title'), t('Severity'), t('Category'), t('Stage'), t('Owner'), t('Overdue actions')]}
        rowClass={(i) => (items[i].overdueActions || items[i].externalReportDue ? 'rejected' : undefined)}
        rows={items.map((i) => [link(go, `/desk/incident/${i.incidentId}`, i.number), i.title, i.severity, i.category, t(i.stage), i.owner ?? '', String(i.overdueActions)])} />
      <Paging cursors={cursors} next={page.data?.nextCursor} setCursors={setCursors} />
      <NewIncidentForm api={api} onCreated={(i) => go(`/desk/incident/${i.incidentId}`)} />
    </Section>
  );
}

function NewIncidentForm({ api, onCreated }: { api: Api; onCreated: (i: Incident) => void }) {
  const [f, setF] = useState({ title: '', description: '', severity: 'medium', category: 'phishing', owner: '', externalReporting: 'false' });
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const create = useAction(async () => onCreated(await ok(api.POST('/incidents', {
    params: { header: { 'Idempotency-Key': idempotencyKey() } },
    body: { ...clean({ ...f, externalReporting: '' }), externalReporting: f.externalReporting === 'true' } as Schemas['NewIncident'],
  }))));
  return (
    <form aria-label={t('Open an incident')} onSubmit={(e) => { e.preventDefault(); create.run(); }}>
      <h3>{t('Open an incident')}</h3>
      <ErrorBox error={create.error} />
      <div class="grid">
        <Field label={t('Title')} name="title" value={f.title} onInput={set('title')} errors={create.fields} />
        <Field label={t('Severity')} name="severity" value={f.severity} onInput={set('severity')} options={['critical', 'high', 'medium', 'low']} errors={create.fields} />
        <Field label={t('Category')} name="category" value={f.category} onInput={set('category')} errors={create.fields}
          options={['malware', 'phishing', 'unauthorised-access', 'data-leak', 'denial-of-service', 'lost-or-stolen-device', 'other']} />
        <Field label={t('Owner')} name="owner" value={f.owner} onInput={set('owner')} errors={create.fields} />
        <Field label={t('External reporting')} name="externalReporting" value={f.externalReporting} onInput={set('externalReporting')} options={['false', 'true']} errors={create.fields} />
      </div>
      <Field label={t('Description')} name="description" value={f.description} onInput={set('description')} errors={create.fields} textarea />
      <button type="submit" disabled={create.busy}>{t('Open an incident')}</button>
    </form>
  );
}

export function IncidentPage({ api, incidentId }: { api: Api; incidentId: string }) {
  const loaded = useLoad(() => ok(api.GET('/incidents/{incidentId}', { params: { path: { incidentId } } })), [api, incidentId]);
  const [fresh, setFresh] = useState<Incident | null>(null);
  const i = fresh && fresh.incidentId === incidentId ? fresh : loaded.data;
  const p = { params: { path: { incidentId } } };
  const done = useAction(async (actionId: string) => setFresh(await ok(api.POST('/incidents/{incidentId}/actions/{actionId}/done', { params: { path: { incidentId, actionId } } }))));
  return (
    <Section title={i ? `${i.number} · ${i.title}` : t('Incident')}>
      <ErrorBox error={loaded.error} />
      {i ? (
        <>
          <dl class="details" data-testid="incident-details">
            {([['Stage', t(i.stage)], ['Severity', i.severity], ['Category', i.category], ['Owner', i.owner], ['Time to contain', i.minutesToContain === undefined ? undefined : minutes(i.minutesToContain)],
              ['Time to recover', i.minutesToRecover === undefined ? undefined : minutes(i.minutesToRecover)], ['Review due', i.reviewDueOn],
              ['External report deadline', i.externalDeadline ? when(i.externalDeadline) : undefined]] as [string, string | undefined][]).map(([l, v]) => (
              <div key={l}><dt>{t(l)}</dt><dd>{v || '—'}</dd></div>
            ))}
          </dl>
          <h3>{t('Timeline')}</h3>
          <Table testId="timeline" head={[t('Step'), t('At'), t('By'), t('Note')]} rows={i.timeline.map((e) => [t(e.type), when(e.at), e.by ?? '', e.note ?? ''])} />
          <TimelineForm api={api} incident={i} onDone={setFresh} p={p} />
          <h3>{t('Actions')}</h3>
          <ErrorBox error={done.error} />
          <Table testId="actions" head={[t('Kind'), t('Action'), t('Owner'), t('Due'), t('Done')]} rows={i.actions.map((a) => [
            a.kind, a.text, a.owner, a.dueOn,
            a.done ? `${t('Done')} ${when(a.doneAt)}` : <button type="button" onClick={() => done.run(a.actionId)}>{t('Mark done')}: {a.text}</button>,
          ])} />
          <ActionForm api={api} onDone={setFresh} p={p} />
          <InvestigationForm api={api} incident={i} onDone={setFresh} p={p} />
        </>
      ) : null}
    </Section>
  );
}

type IncidentPath = { params: { path: { incidentId: string } } };

function TimelineForm({ api, incident, onDone, p }: { api: Api; incident: Incident; onDone: (i: Incident) => void; p: IncidentPath }) {
  const left = TIMELINE.filter((x) => !incident.timeline.some((e) => e.type === x));
  const [type, setType] = useState(left[0] ?? 'closed');
  const [note, setNote] = useState('');
  const add = useAction(async () => { onDone(await ok(api.POST('/incidents/{incidentId}/timeline', { ...p, body: clean({ type, note }) as Schemas['IncidentTimelineEntry'] }))); setNote(''); });
  if (!left.length) return null;
  return (
    <form aria-label={t('Add a timeline entry')} onSubmit={(e) => { e.preventDefault(); add.run(); }}>
      <ErrorBox error={add.error} />
      <div class="grid">
        <Field label={t('Step')} name="type" value={left.includes(type) ? type : left[0]} onInput={(v) => setType(v as typeof type)} options={left} errors={add.fields} />
        <Field label={t('Note')} name="note" value={note} onInput={setNote} errors={add.fields} />
      </div>
      <button type="submit" disabled={add.busy}>{t('Add a timeline entry')}</button>
    </form>
  );
}

function ActionForm({ api, onDone, p }: { api: Api; onDone: (i: Incident) => void; p: IncidentPath }) {
  const [f, setF] = useState({ kind: 'corrective', text: '', owner: '', dueOn: '' });
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const add = useAction(async () => { onDone(await ok(api.POST('/incidents/{incidentId}/actions', { ...p, body: clean(f) as Schemas['NewIncidentAction'] }))); setF({ ...f, text: '' }); });
  return (
    <form aria-label={t('Add an action')} onSubmit={(e) => { e.preventDefault(); add.run(); }}>
      <ErrorBox error={add.error} />
      <div class="grid">
        <Field label={t('Kind')} name="kind" value={f.kind} onInput={set('kind')} options={['corrective', 'preventive']} errors={add.fields} />
        <Field label={t('Action')} name="text" value={f.text} onInput={set('text')} errors={add.fields} />
        <Field label={t('Owner')} name="owner" value={f.owner} onInput={set('owner')} errors={add.fields} />
        <Field label={t('Due')} name="dueOn" type="date" value={f.dueOn} onInput={set('dueOn')} errors={add.fields} />
      </div>
      <button type="submit" disabled={add.busy}>{t('Add an action')}</button>
    </form>
  );
}

function InvestigationForm({ api, incident, onDone, p }: { api: Api; incident: Incident; onDone: (i: Incident) => void; p: IncidentPath }) {
  const [findings, setFindings] = useState(incident.findings ?? '');
  const [rootCause, setRootCause] = useState(incident.rootCause ?? '');
  const [reported, setReported] = useState(false);
  const save = useAction(async () => onDone(await ok(api.POST('/incidents/{incidentId}/investigation', {
    ...p, body: { ...clean({ findings, rootCause }), ...(reported ? { reportedExternally: true } : {}) },
  }))));
  return (
    <form aria-label={t('Investigation')} onSubmit={(e) => { e.preventDefault(); save.run(); }}>
      <h3>{t('Investigation')}</h3>
      <ErrorBox error={save.error} />
      <Field label={t('Findings')} name="findings" value={findings} onInput={setFindings} errors={save.fields} textarea />
      <Field label={t('Root cause')} name="rootCause" value={rootCause} onInput={setRootCause} errors={save.fields} />
      {incident.externalReporting && !incident.externalReportedAt ? (
        <div class="field"><label><input type="checkbox" checked={reported} onChange={(e) => setReported((e.target as HTMLInputElement).checked)} /> {t('Reported externally')}</label></div>
      ) : incident.externalReportedAt ? <p>{t('Reported externally')}: {when(incident.externalReportedAt)}</p> : null}
      <button type="submit" disabled={save.busy}>{t('Save investigation')}</button>
    </form>
  );
}

const month = (d: Date) => d.toISOString().slice(0, 7);

/** From..to months for the last n months, this one included. */
export function lastMonths(n: number, now = new Date()): { from: string; to: string } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (n - 1), 1));
  return { from: month(start), to: month(now) };
}

/** Every month from..to (YYYY-MM), so a month without tickets shows as 0, not as a gap. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, mo] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while ((y < ty || (y === ty && mo <= tm)) && out.length < 24) {
    out.push(`${y}-${String(mo).padStart(2, '0')}`);
    [y, mo] = mo === 12 ? [y + 1, 1] : [y, mo + 1];
  }
  return out;
}

export function Metrics({ api }: { api: Api }) {
  const [range, setRange] = useState(lastMonths(6));
  const [applied, setApplied] = useState(range);
  const m = useLoad(() => ok(api.GET('/service-desk/metrics', { params: { query: applied } })), [api, applied]);
  const byMonth = new Map((m.data?.rows ?? []).filter((r) => !r.category).map((r) => [r.month, r]));
  const overall = monthsBetween(m.data?.from ?? applied.from, m.data?.to ?? applied.to).map((month) => byMonth.get(month) ?? { month, opened: 0, resolved: 0 });
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 50, top: 60, bottom: 30 },
    xAxis: { type: 'category', data: overall.map((r) => r.month) },
    yAxis: [{ type: 'value', name: t('Tickets') }, { type: 'value', name: '%', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }],
    series: [
      { type: 'bar', name: t('Opened'), data: overall.map((r) => r.opened) },
      { type: 'bar', name: t('Resolved'), data: overall.map((r) => r.resolved) },
      { type: 'line', name: t('SLA attainment %'), yAxisIndex: 1, data: overall.map((r) => r.slaAttainmentPercent ?? null), label: { show: true, formatter: '{c}%' } },
    ],
  }), [m.data]);
  const fields = fieldsOf(m.error);
  return (
    <Section title={t('Service desk metrics')}>
      <form class="filters" aria-label={t('Filters')} onSubmit={(e) => { e.preventDefault(); setApplied(range); }}>
        <Field label={t('From month')} name="from" type="month" value={range.from} onInput={(v) => setRange({ ...range, from: v })} errors={fields} />
        <Field label={t('To month')} name="to" type="month" value={range.to} onInput={(v) => setRange({ ...range, to: v })} errors={fields} />
        <button type="submit">{t('Apply')}</button>
      </form>
      <ErrorBox error={m.error} />
      {overall.length ? <Chart testId="desk-chart" label={t('Opened vs resolved, SLA attainment % per month')} option={option} /> : null}
      <Table testId="metrics" head={[t('Month'), t('Opened'), t('Resolved'), t('Median first response'), t('Median resolution'), t('SLA attainment %')]}
        rows={overall.map((r) => [r.month, String(r.opened), String(r.resolved), minutes(r.medianFirstResponseMinutes), minutes(r.medianResolutionMinutes), r.slaAttainmentPercent === undefined ? '—' : `${r.slaAttainmentPercent}%`])} />
    </Section>
  );
}
