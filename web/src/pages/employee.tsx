import { useState } from 'preact/hooks';
import { idempotencyKey, ok, type Api, type Schemas } from '../api';
import { t } from '../i18n';
import { ErrorBox, Field, Section, Table, useAction, useLoad } from '../ui';

export function MyEquipment({ api }: { api: Api }) {
  const { data, error } = useLoad(() => ok(api.GET('/me/assets', {})), [api]);
  const [faultFor, setFaultFor] = useState<string | null>(null);
  return (
    <Section title={t('My equipment')}>
      <ErrorBox error={error} />
      {data ? (
        <Table testId="my-assets" head={[t('Asset tag'), t('Model'), t('Category'), t('Status'), '']} rows={data.items.map((a) => [
          a.assetTag, a.model, a.category, a.status,
          <button type="button" onClick={() => setFaultFor(a.assetId)}>{t('Report a fault')} ({a.assetTag})</button>,
        ])} />
      ) : null}
      {faultFor ? <FaultForm api={api} assetId={faultFor} onDone={() => setFaultFor(null)} /> : null}
    </Section>
  );
}

function FaultForm({ api, assetId, onDone }: { api: Api; assetId: string; onDone: () => void }) {
  const [summary, setSummary] = useState('');
  const [description, setDescription] = useState('');
  const [severity, setSeverity] = useState('medium');
  const [sent, setSent] = useState<Schemas['Fault'] | null>(null);
  const action = useAction(() => ok(api.POST('/assets/{assetId}/faults', {
    params: { path: { assetId }, header: { 'Idempotency-Key': idempotencyKey() } },
    body: { summary, description: description || undefined, severity: severity as Schemas['Severity'] },
  })));
  if (sent) return <p role="status" class="ok">{t('Fault reported')}: {sent.summary} <button type="button" onClick={onDone}>OK</button></p>;
  return (
    <form aria-label={t('Report a fault')} onSubmit={async (e) => { e.preventDefault(); const f = await action.run(); if (f) setSent(f); }}>
      <h3>{t('Report a fault')}</h3>
      <ErrorBox error={action.error} />
      <Field label={t('Summary')} name="summary" value={summary} onInput={setSummary} errors={action.fields} />
      <Field label={t('Description')} name="description" value={description} onInput={setDescription} errors={action.fields} textarea />
      <Field label={t('Severity')} name="severity" value={severity} onInput={setSeverity} errors={action.fields} options={['low', 'medium', 'high', 'critical']} />
      <button type="submit" disabled={action.busy}>{t('Send')}</button>
    </form>
  );
}

export function MyTraining({ api, userId }: { api: Api; userId: string }) {
  const training = useLoad(() => ok(api.GET('/me/training', {})), [api]);
  const [n, setN] = useState(0);
  const action = useAction(async (kind: 'enrol' | 'cancel', sessionId: string) => {
    if (kind === 'enrol') {
      await ok(api.POST('/sessions/{sessionId}/enrolments', {
        params: { path: { sessionId }, header: { 'Idempotency-Key': idempotencyKey() } }, body: {},
      }));
    } else {
      await ok(api.DELETE('/sessions/{sessionId}/enrolments/{userId}', { params: { path: { sessionId, userId } } }));
    }
    training.reload();
    setN((x) => x + 1);
  });
  return (
    <Section title={t('My training')}>
      <ErrorBox error={training.error} />
      <ErrorBox error={action.error} />
      {training.data ? <CourseTable courses={training.data.courses} onEnrol={(s) => action.run('enrol', s)} onCancel={(s) => action.run('cancel', s)} /> : null}
      <MyEnrolments api={api} version={n} onCancel={(s) => action.run('cancel', s)} />
      <UpcomingSessions api={api} version={n} onEnrol={(s) => action.run('enrol', s)} />
    </Section>
  );
}

function CourseTable({ courses, onEnrol, onCancel }: {
  courses: Schemas['MyTraining']['courses']; onEnrol: (s: string) => void; onCancel: (s: string) => void;
}) {
  return (
    <Table testId="my-training" head={[t('Course'), t('Status'), t('Valid until'), t('Next session'), '']} rows={courses.map((c) => [
      `${c.code} ${c.title}`, c.status, c.validUntil ?? (c.dueBy ? `${t('Due by')} ${c.dueBy}` : ''),
      c.enrolment
        ? <span data-testid={`enrolment-${c.code}`}>{c.enrolment.status === 'waitlisted'
          ? `${t('Waitlist position')}: ${c.enrolment.waitlistPosition}` : t('Enrolled')} ({c.enrolment.start.slice(0, 10)})</span>
        : c.nextSession ? `${c.nextSession.localStart} ${c.nextSession.timeZone} · ${c.nextSession.seatsLeft} ${t('seats left')}` : '',
      c.enrolment
        ? <button type="button" onClick={() => onCancel(c.enrolment!.sessionId)}>{t('Cancel enrolment')} {c.code}</button>
        : c.nextSession ? <button type="button" onClick={() => onEnrol(c.nextSession!.sessionId)}>{t('Enrol')} {c.code}</button> : null,
    ])} />
  );
}

/** Every upcoming session of every course, so people can pick one other than the next (also full ones, to join the waitlist). */
function MyEnrolments({ api, version, onCancel }: { api: Api; version: number; onCancel: (s: string) => void }) {
  const { data, error } = useLoad(() => ok(api.GET('/me/enrolments', {})), [api, version]);
  return (
    <>
      <h3>{t('Enrolled')}</h3>
      <ErrorBox error={error} />
      {data ? <Table testId="my-enrolments" head={[t('Course'), 'Start', t('Status'), '']} rows={data.items.map((e) => [
        `${e.courseCode ?? ''} ${e.courseTitle ?? ''}`, `${e.sessionStart.slice(0, 16).replace('T', ' ')} UTC`,
        e.status === 'waitlisted' ? <span data-testid="waitlist-position">{t('Waitlist position')}: {e.waitlistPosition}</span> : e.status,
        <button type="button" onClick={() => onCancel(e.sessionId)}>{t('Cancel enrolment')} {e.courseCode}</button>,
      ])} /> : null}
    </>
  );
}

function UpcomingSessions({ api, version, onEnrol }: { api: Api; version: number; onEnrol: (s: string) => void }) {
  const { data, error } = useLoad(async () => {
    const courses = await ok(api.GET('/courses', { params: { query: { limit: 50 } } }));
    const pages = await Promise.all(courses.items.map((c) => ok(api.GET('/courses/{courseId}/sessions', {
      params: { path: { courseId: c.courseId }, query: { when: 'upcoming' } as never },
    }))));
    return pages.flatMap((p) => p.items).sort((a, b) => a.start.localeCompare(b.start));
  }, [api, version]);
  return (
    <>
      <h3>{t('Next session')}</h3>
      <ErrorBox error={error} />
      {data ? <Table testId="sessions" head={[t('Course'), 'Start', 'Place', t('seats left'), '']} rows={data.map((s) => [
        `${s.courseCode} ${s.courseTitle}`, `${s.localStart} ${s.timeZone}`, s.place ?? s.onlineLink ?? '',
        `${s.seatsLeft} / ${s.capacity}${s.waitlisted ? ` (+${s.waitlisted})` : ''}`,
        <button type="button" onClick={() => onEnrol(s.sessionId)} aria-label={`${t('Enrol')} ${s.courseCode} ${s.localStart}`}>{t('Enrol')}</button>,
      ])} /> : null}
    </>
  );
}

export function ChatLinks({ api }: { api: Api }) {
  const links = useLoad(() => ok(api.GET('/me/chat-links', {})), [api]);
  const [code, setCode] = useState('');
  const [linked, setLinked] = useState<Schemas['ChatLink'] | null>(null);
  const link = useAction(async () => {
    const l = await ok(api.POST('/me/chat-links', { params: { header: { 'Idempotency-Key': idempotencyKey() } }, body: { code: code.trim() } }));
    setLinked(l);
    setCode('');
    links.reload();
  });
  const unlink = useAction(async (linkId: string) => {
    await ok(api.DELETE('/me/chat-links/{linkId}', { params: { path: { linkId } } }));
    links.reload();
  });
  return (
    <Section title={t('Chat accounts')}>
      <form aria-label={t('Link a chat account')} onSubmit={(e) => { e.preventDefault(); link.run(); }}>
        <h3>{t('Link a chat account')}</h3>
        <ErrorBox error={link.error} />
        <Field label={t('Code from the bot')} name="code" value={code} onInput={setCode} errors={link.fields} />
        <button type="submit" disabled={link.busy}>{t('Link')}</button>
      </form>
      {linked ? <p role="status" class="ok">{t('Linked')}: {linked.platform} {linked.displayName ?? linked.chatUserId}</p> : null}
      <ErrorBox error={links.error ?? unlink.error} />
      {links.data ? <LinkTable links={links.data.items} onUnlink={(id) => unlink.run(id)} /> : null}
    </Section>
  );
}

export function LinkTable({ links, onUnlink }: { links: Schemas['ChatLink'][]; onUnlink: (id: string) => void }) {
  return <Table testId="chat-links" head={[t('Platform'), t('Chat user'), 'User', 'Role', t('Valid until'), '']} rows={links.map((l) => [
    l.platform, l.displayName ?? l.chatUserId, l.userId, l.role, l.validUntil.slice(0, 10),
    <button type="button" onClick={() => onUnlink(l.linkId)}>{t('Unlink')} {l.chatUserId}</button>,
  ])} />;
}
