import { User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { Config } from './config';

export type Role = 'employee' | 'staff' | 'admin';

/** Authorization code + PKCE; tokens and state only in this tab's sessionStorage, never localStorage. */
export function userManager(config: Config): UserManager {
  const store = new WebStorageStateStore({ store: window.sessionStorage });
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${location.origin}/callback`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: config.scope,
    userStore: store,
    stateStore: store,
    loadUserInfo: false,
    automaticSilentRenew: false,
    metadataSeed: config.signOutUrl ? { end_session_endpoint: config.signOutUrl } : undefined,
  });
}

export function roleOf(user: User, groupsClaim: string): Role {
  const raw = user.profile[groupsClaim];
  const groups = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
  return groups.includes('admin') ? 'admin' : groups.includes('staff') ? 'staff' : 'employee';
}

export function userName(user: User): string {
  return String(user.profile['cognito:username'] ?? user.profile.preferred_username ?? user.profile.sub);
}
