import { sessionCookieName } from '../../src/casework/console/console-http.ts';

/** A session as a browser or an API client holds it: the token, and the form token of its pages. */
export interface MatrixSession {
  token: string;
  csrf: string;
}

/**
 * One request of the access matrix. Console requests carry the session as the cookie and every
 * form its `_csrf`; API requests carry it as `Authorization: Bearer` and a JSON body.
 */
export interface MatrixRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  via: 'console' | 'api';
  form?: Record<string, string>;
  json?: unknown;
  /** Further headers (`x-forwarded-for`: the client's address, as the harness trusts the proxy). */
  headers?: Record<string, string>;
}

export interface MatrixAnswer {
  status: number;
  location: string | null;
  body: string;
}

/** Sends `request` as the holder of `session` (none: a stranger), following no redirect. */
export async function sendMatrixRequest(
  baseUrl: string,
  session: MatrixSession | null,
  request: MatrixRequest,
): Promise<MatrixAnswer> {
  const headers: Record<string, string> = { ...request.headers };
  let body: string | undefined;
  if (request.via === 'console') {
    if (session) headers.cookie = `${sessionCookieName}=${session.token}`;
    if (request.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams({ _csrf: session?.csrf ?? 'x'.repeat(43), ...request.form }).toString();
    }
  } else {
    if (session) headers.authorization = `Bearer ${session.token}`;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    }
  }
  const response = await fetch(new URL(request.path, baseUrl), {
    method: request.method,
    redirect: 'manual',
    headers,
    ...(body === undefined ? {} : { body }),
  });
  return { status: response.status, location: response.headers.get('location'), body: await response.text() };
}
