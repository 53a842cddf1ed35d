/**
 * The API as a test's setup uses it: a demo user's Bearer token, and one JSON call that throws
 * with the answer when it is not 2xx (setup that fails must say why, not fail later).
 */
export async function tokenOf(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }),
  });
  if (!response.ok) throw new Error(`token for ${username}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export async function callApi<T>(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}
