// The reports' requests to the server (same origin only). A report asked again before its answer came cancels the
// earlier request, so a slow answer never overwrites a newer one.
import { ApiError } from '../api.js';

/** GETs JSON (or GeoJSON); a refusal is an ApiError with the server's reason (e.g. "a period covers at most 92 days"). */
export async function getReport(path, signal) {
  const response = await fetch(path, { headers: { Accept: 'application/json, application/geo+json' }, signal });
  if (response.ok) return response.json();
  let reason = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    reason = body.errors?.join?.('; ') ?? body.error ?? body.title ?? reason;
  } catch {
    // Not JSON: the status line says enough.
  }
  throw new ApiError(response.status, reason);
}
