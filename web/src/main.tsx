import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { User, UserManager } from 'oidc-client-ts';
import { apiClient } from './api';
import { roleOf, userManager, userName, type Role } from './auth';
import { loadConfig, type Config } from './config';
import { lang, setLang, t } from './i18n';
import { useSignal } from './signal';
import { ChatLinks, MyEquipment, MyTraining } from './pages/employee';
import { AllChatLinks, AssetPage, BackupAudits, DueLists, ImportPage, Register, SecurityFindings, TrainingCompliance } from './pages/staff';
import { Incidents, IncidentPage, Metrics, MyTickets, Queue, TicketPage } from './pages/desk';
import { People } from './pages/people';
import './style.css';

const path = { get: () => location.pathname };

/** The pages, who may open them, and their menu names. */
const PAGES: { path: string; title: string; min: Role }[] = [
  { path: '/', title: 'My equipment', min: 'employee' },
  { path: '/my-tickets', title: 'My tickets', min: 'employee' },
  { path: '/training', title: 'My training', min: 'employee' },
  { path: '/chat', title: 'Chat accounts', min: 'employee' },
  { path: '/register', title: 'Register', min: 'staff' },
  { path: '/due', title: 'Due', min: 'staff' },
  { path: '/desk', title: 'Service desk', min: 'staff' },
  { path: '/desk/incidents', title: 'Incidents', min: 'staff' },
  { path: '/desk/metrics', title: 'Service desk metrics', min: 'staff' },
  { path: '/directory', title: 'People', min: 'staff' },
  { path: '/import', title: 'Import', min: 'staff' },
  { path: '/backup', title: 'Backup audits', min: 'staff' },
  { path: '/security', title: 'Security findings', min: 'staff' },
  { path: '/compliance', title: 'Training compliance', min: 'staff' },
  { path: '/admin/chat-links', title: "Everyone's chat links", min: 'admin' },
];
const RANK: Record<Role, number> = { employee: 0, staff: 1, admin: 2 };
const may = (role: Role, min: Role) => RANK[role] >= RANK[min];

function App({ config, users }: { config: Config; users: UserManager }) {
  useSignal(lang);
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [where, setWhere] = useState(path.get());
  const [error, setError] = useState<string | null>(null);
  const go = (p: string) => { history.pushState(null, '', p); setWhere(p); };

  useEffect(() => {
    const pop = () => setWhere(path.get());
    window.addEventListener('popstate', pop);
    (async () => {
      try {
        if (location.pathname === '/callback') {
          const u = await users.signinRedirectCallback();
          const back = typeof u.state === 'string' && u.state.startsWith('/') ? u.state : '/';
          history.replaceState(null, '', back);
          setWhere(back);
          setUser(u);
          return;
        }
        const u = await users.getUser();
        setUser(u && !u.expired ? u : null);
      } catch (e) {
        setError(String(e));
        setUser(null);
      }
    })();
    return () => window.removeEventListener('popstate', pop);
  }, []);

  const api = useMemo(() => apiClient(config.apiBase, () => (config.apiToken === 'id' ? user?.id_token : user?.access_token)), [user]);
  if (user === undefined) return <main><p>{t('Signing in…')}</p></main>;
  if (user === null) {
    return (
      <main class="signin">
        <h1>{t('IT portal')}</h1>
        {error ? <p class="error" role="alert">{error}</p> : null}
        <button type="button" onClick={() => users.signinRedirect({ state: where === '/callback' ? '/' : where })}>{t('Sign in')}</button>
        <LangSwitch />
      </main>
    );
  }
  const role = roleOf(user, config.groupsClaim);
  const me = userName(user);
  const page = PAGES.find((p) => p.path === where) ?? (where.startsWith('/asset/') || where.startsWith('/desk/incident/') ? { path: where, title: 'Register', min: 'staff' as Role }
    : where.startsWith('/ticket/') ? { path: where, title: 'My tickets', min: 'employee' as Role } : PAGES[0]);
  const tail = (prefix: string) => decodeURIComponent(where.slice(prefix.length));
  const allowed = may(role, page.min);
  return (
    <>
      <header>
        <strong>{t('IT portal')}</strong>
        <nav aria-label="main">
          {PAGES.filter((p) => may(role, p.min)).map((p) => (
            <a key={p.path} href={p.path} aria-current={p.path === where ? 'page' : undefined} onClick={(e) => { e.preventDefault(); go(p.path); }}>{t(p.title)}</a>
          ))}
        </nav>
        <span data-testid="whoami">{t('Signed in as')} {me} ({role})</span>
        <LangSwitch />
        <button type="button" onClick={() => users.signoutRedirect({ id_token_hint: user.id_token })}>{t('Sign out')}</button>
      </header>
      <main>
        {!allowed ? <p role="alert" class="error" data-testid="forbidden">{t('You are not allowed to see this page.')}</p> : (
          where === '/' ? <MyEquipment api={api} />
            : where === '/my-tickets' ? <MyTickets api={api} go={go} />
            : where.startsWith('/ticket/') ? <TicketPage key={where} api={api} role={role} me={me} ticketId={tail('/ticket/')} />
            : where === '/desk' ? <Queue api={api} go={go} />
            : where === '/desk/incidents' ? <Incidents api={api} go={go} />
            : where.startsWith('/desk/incident/') ? <IncidentPage key={where} api={api} incidentId={tail('/desk/incident/')} />
            : where === '/desk/metrics' ? <Metrics api={api} />
            : where === '/directory' ? <People api={api} />
            : where === '/training' ? <MyTraining api={api} userId={me} />
            : where === '/chat' ? <ChatLinks api={api} />
            : where === '/register' ? <Register api={api} go={go} />
            : where.startsWith('/asset/') ? <AssetPage api={api} role={role} assetId={decodeURIComponent(where.slice('/asset/'.length))} />
            : where === '/due' ? <DueLists api={api} />
            : where === '/import' ? <ImportPage api={api} />
            : where === '/backup' ? <BackupAudits api={api} role={role} />
            : where === '/security' ? <SecurityFindings api={api} />
            : where === '/compliance' ? <TrainingCompliance api={api} />
            : where === '/admin/chat-links' ? <AllChatLinks api={api} />
            : <MyEquipment api={api} />
        )}
      </main>
    </>
  );
}

function LangSwitch() {
  const l = useSignal(lang);
  return (
    <label class="lang">{t('Language')}{' '}
      <select value={l} onChange={(e) => setLang((e.target as HTMLSelectElement).value as 'en' | 'zh')}>
        <option value="en">English</option>
        <option value="zh">中文</option>
      </select>
    </label>
  );
}

loadConfig().then((config) => {
  setLang(lang.get());
  render(<App config={config} users={userManager(config)} />, document.getElementById('app')!);
});
