/**
 * The `Response` action (spec §4.15): answers the caller waiting on the run's request trigger.
 * `statusCode` defaults to 200 and must be 1xx/2xx/4xx/5xx (3xx is not allowed); `headers` values
 * are sent as text; `body` as given. Outcomes, as Logic Apps reports them:
 * - delivered → Succeeded, outputs `{statusCode, headers, body}`;
 * - nobody is waiting (a run started without a caller: resubmitted, started by the API or the
 *   designer) → Skipped with code `ActionResponseSkipped`;
 * - the caller's wait already ended → Failed with `ActionResponseTimedOut` (the caller got 504);
 * - a response was already sent → Failed with `ActionResponseAlreadySent` (code named here:
 *   Logic Apps documents the failure but not its code).
 */
import { getMember, isObject, toText, type Value, type ValueObject } from '../expressions/value.js';
import type { ActionResult, EffectActionDescriptor, EffectContext } from './descriptor.js';

function fail(code: string, message: string): ActionResult {
  return { status: 'Failed', code, error: { code, message }, retryable: false };
}

/** Reads `statusCode`: an integer or integral number text, default 200. */
function readStatusCode(raw: Value | undefined): number | undefined {
  if (raw === undefined || raw === null) return 200;
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  if (typeof raw === 'bigint') return Number(raw);
  if (typeof raw === 'string' && /^\s*\d+\s*$/.test(raw)) return Number(raw);
  return undefined;
}

function readHeaders(raw: Value | undefined): Record<string, string> | undefined {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) return undefined;
  const out: Record<string, string> = {};
  for (const name of Object.keys(raw)) out[name] = toText(raw[name]!);
  return out;
}

async function runResponse(inputs: Value, ctx: EffectContext): Promise<ActionResult> {
  const obj: ValueObject = isObject(inputs) ? inputs : {};
  const where = `The execution of template action '${ctx.actionName}' failed`;
  const statusCode = readStatusCode(getMember(obj, 'statusCode'));
  if (statusCode === undefined || statusCode < 100 || statusCode > 599) {
    return fail('InvalidTemplate', `${where}: the 'statusCode' must be an integer HTTP status code.`);
  }
  if (statusCode >= 300 && statusCode <= 399) {
    return fail('InvalidTemplate', `${where}: the status code '${statusCode}' is a redirection (3xx), which a Response cannot send.`);
  }
  const headers = readHeaders(getMember(obj, 'headers'));
  if (headers === undefined) return fail('InvalidTemplate', `${where}: the 'headers' must be an object.`);
  const body = getMember(obj, 'body');
  const outcome = ctx.services.respond(ctx.runId, { statusCode, headers, body: body ?? null });
  const outputs: ValueObject = { statusCode, headers };
  if (body !== undefined) outputs['body'] = body;
  switch (outcome) {
    case 'sent':
      return { status: 'Succeeded', code: 'OK', outputs };
    case 'noCaller': {
      const message = `The execution of template action '${ctx.actionName}' is skipped: the client application is not waiting for a response from service.`;
      return { status: 'Skipped', code: 'ActionResponseSkipped', error: { code: 'ActionResponseSkipped', message } };
    }
    case 'timedOut':
      return fail(
        'ActionResponseTimedOut',
        `${where}: the client application timed out waiting for a response from service. This means that workflow took longer to respond than the alloted timeout value.`,
      );
    case 'alreadySent':
      return fail('ActionResponseAlreadySent', `${where}: a response has already been sent for this run; a request gets one response.`);
  }
}

export const responseAction: EffectActionDescriptor = {
  type: 'Response',
  kind: 'effect',
  run: runResponse,
};
