// The server's REST API, same origin only.
import { antiforgeryHeaders } from './session.js';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function answer(response, what) {
  if (response.ok) {
    return response.status === 204 ? null : response.json();
  }
  let reason = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    reason = body.error ?? body.errors?.join?.('; ') ?? body.title ?? reason;
  } catch {
    // Not JSON: the status line says enough.
  }
  throw new ApiError(response.status, `${what}: ${reason}`);
}

export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  return answer(response, `GET ${path}`);
}

export async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...antiforgeryHeaders() },
    body: JSON.stringify(body),
  });
  return answer(response, `POST ${path}`);
}
