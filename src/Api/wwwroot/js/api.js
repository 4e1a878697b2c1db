// REST calls to /api/v1 with the session's tokens. The session lives in sessionStorage, so each tab (and each of the
// end-to-end tests' browsers) can be a different user; an expired access token is refreshed once and the call retried.
const KEY = 'playbound.session';
const REFRESH_MARGIN_MS = 30_000;

export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(problem) || `HTTP ${status}`);
    this.status = status;
  }
}

// "title: field message; ..." from a ProblemDetails body, so a 400 says which field is wrong.
function describe(problem) {
  if (!problem) return '';
  const fields = Object.values(problem.errors ?? {}).flat();
  return fields.length ? fields.join(' ') : (problem.detail ?? problem.title ?? '');
}

let session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
let refreshing = null;

export const currentUser = () => session && { userId: session.userId, handle: session.handle };

function store(tokens) {
  session = tokens && { ...tokens, expiresAt: Date.now() + tokens.expiresIn * 1000 };
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

async function send(method, path, body, token) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  // Errors are ProblemDetails JSON, but a proxy in between may answer HTML.
  const json = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

// One refresh at a time: refresh tokens are single-use, so two concurrent refreshes would log the user out.
async function refresh() {
  refreshing ??= send('POST', '/auth/refresh', { refreshToken: session.refreshToken })
    .then(store, error => { store(null); throw error; })
    .finally(() => { refreshing = null; });
  await refreshing;
}

// A valid access token (refreshed when about to expire); also what the SignalR client's accessTokenFactory returns.
export async function accessToken() {
  if (!session) throw new ApiError(401, { title: 'Not logged in' });
  if (Date.now() > session.expiresAt - REFRESH_MARGIN_MS) await refresh();
  return session.accessToken;
}

export async function api(method, path, body) {
  try {
    return await send(method, path, body, await accessToken());
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401 || !session) throw error;
    await refresh();
    return send(method, path, body, session.accessToken);
  }
}

export const register = async (handle, displayName, password) => store(await send('POST', '/auth/register', { handle, displayName, password }));
export const login = async (handle, password) => store(await send('POST', '/auth/login', { handle, password }));

export async function logout() {
  const refreshToken = session?.refreshToken;
  store(null);
  if (refreshToken) await send('POST', '/auth/logout', { refreshToken }).catch(() => {});
}
