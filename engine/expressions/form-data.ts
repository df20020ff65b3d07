/**
 * Reading form data and multipart parts out of an HTTP outputs record (`{ headers, body }`), for
 * formDataValue(), formDataMultiValues(), multipartBody() and their trigger variants.
 * (Provisional version by the lead; the conversion helper owns and may replace this file.)
 */
import { envelopeText, getMember, isEnvelope, isObject, type Value } from './value.js';

function bodyOf(outputs: Value): Value {
  if (!isObject(outputs)) throw new Error('the outputs have no body');
  return getMember(outputs, 'body') ?? null;
}

export function formDataValues(outputs: Value, key: string): string[] {
  const body = bodyOf(outputs);
  if (isObject(body) && Array.isArray(body['$formdata'])) {
    return body['$formdata'].filter((e) => isObject(e) && e['key'] === key).map((e) => String((e as Record<string, Value>)['value'] ?? ''));
  }
  const text = typeof body === 'string' ? body : isEnvelope(body) ? envelopeText(body) : undefined;
  if (text === undefined) throw new Error('the body is not form data');
  const params = new URLSearchParams(text);
  return params.getAll(key);
}

export function multipartBody(outputs: Value, index: number): Value {
  const body = bodyOf(outputs);
  const parts = isObject(body) ? body['$multipart'] : undefined;
  if (!Array.isArray(parts)) throw new Error('the body is not multipart content');
  const part = parts[index];
  if (part === undefined) throw new Error(`there is no part ${index} (the body has ${parts.length} parts)`);
  return isObject(part) ? (getMember(part, 'body') ?? null) : null;
}
