// Who is signed in (GET /api/session): their name and a sign-out button in the top bar, demo mode's banner, and the
// antiforgery token every POST, PUT, PATCH and DELETE of the page carries (the session cookie alone is not enough).

let current = null;

/** The antiforgery header for an unsafe request, once the session is known. */
export function antiforgeryHeaders() {
  return current?.antiforgeryToken ? { [current.antiforgeryHeader]: current.antiforgeryToken } : {};
}

/** Loads the session and shows it in `bar`; an expired session goes back to the sign-in page. */
export async function startSession(bar) {
  const response = await fetch('/api/session', { headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    window.location.assign(`/login?returnUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    return null;
  }
  if (!response.ok) throw new Error(`GET /api/session: ${response.status} ${response.statusText}`);
  current = await response.json();
  showUser(bar, current);
  if (current.demoMode) showDemoBanner();
  return current;
}

function showUser(bar, session) {
  const who = document.createElement('span');
  who.id = 'signed-in';
  who.title = `Roles: ${session.roles.join(', ') || 'none'}`;
  who.textContent = session.displayName ?? session.user;
  bar.append(who);
  if (session.method === 'demo') return; // nobody to sign out
  const signOut = document.createElement('button');
  signOut.type = 'button';
  signOut.id = 'sign-out';
  signOut.textContent = 'Sign out';
  signOut.addEventListener('click', async () => {
    await fetch('/logout', { method: 'POST', headers: antiforgeryHeaders(), redirect: 'manual' });
    window.location.assign('/login');
  });
  bar.append(signOut);
}

/** Demo mode: a banner that stays at the top of the page, so nobody mistakes the demo for a protected server. */
function showDemoBanner() {
  const banner = document.createElement('div');
  banner.id = 'demo-banner';
  banner.setAttribute('role', 'alert');
  banner.textContent = 'DEMO MODE: nothing is protected. Anyone who can reach this server sees and changes everything without signing in.';
  document.body.prepend(banner);
}
