/** Where the console signs in and which API it calls: /config.json when deployed, this origin locally. */
export interface Config {
  authority: string;
  clientId: string;
  apiBase: string;
  scope: string;
  groupsClaim: string;
  /** Which token the API gets: the access token (default), or the ID token where the API needs claims only it has. */
  apiToken: 'access' | 'id';
  /** Where sign-out goes when the issuer's discovery has no end_session_endpoint (Cognito: https://DOMAIN/logout?client_id=…&logout_uri=…). */
  signOutUrl?: string;
}

export async function loadConfig(): Promise<Config> {
  const local: Config = {
    authority: location.origin,
    clientId: 'itops-local',
    apiBase: location.origin,
    scope: 'openid email profile',
    groupsClaim: 'cognito:groups',
    apiToken: 'access',
  };
  try {
    const res = await fetch('/config.json', { headers: { accept: 'application/json' } });
    if (res.ok) return { ...local, ...(await res.json()) };
  } catch {
    // no deployed config: the dev server's own issuer and API
  }
  return local;
}
