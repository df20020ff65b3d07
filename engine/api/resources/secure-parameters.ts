/**
 * `securestring` and `secureobject` parameters never leave the server: a workflow read back shows
 * their type and no value (as Logic Apps does after deployment), and the definition's default
 * values of such parameters are dropped too.
 */
import { isObject, type Value, type ValueObject } from '../../expressions/value.js';

const SECURE_TYPES: Record<string, string> = { securestring: 'SecureString', secureobject: 'SecureObject' };

/** Lower-cased names of the definition's secure parameters, with their display type. */
export function secureParameterTypes(definition: Value): Map<string, string> {
  const secure = new Map<string, string>();
  const declared = isObject(definition) ? definition['parameters'] : undefined;
  if (!isObject(declared)) return secure;
  for (const [name, spec] of Object.entries(declared)) {
    const type = isObject(spec) && typeof spec['type'] === 'string' ? SECURE_TYPES[spec['type'].toLowerCase()] : undefined;
    if (type !== undefined) secure.set(name.toLowerCase(), type);
  }
  return secure;
}

/** Parameter values with every secure one replaced by `{ "type": "SecureString" }`. */
export function redactParameterValues(parameters: Value, secure: ReadonlyMap<string, string>): Value {
  if (!isObject(parameters) || secure.size === 0) return parameters;
  const out: ValueObject = {};
  for (const [name, value] of Object.entries(parameters)) {
    const type = secure.get(name.toLowerCase());
    out[name] = type === undefined ? value : { type };
  }
  return out;
}

/** The definition with `defaultValue` removed from secure parameter declarations. */
export function redactDefinition(definition: Value, secure: ReadonlyMap<string, string>): Value {
  if (!isObject(definition) || secure.size === 0 || !isObject(definition['parameters'])) return definition;
  const declared: ValueObject = {};
  for (const [name, spec] of Object.entries(definition['parameters'])) {
    if (secure.has(name.toLowerCase()) && isObject(spec) && 'defaultValue' in spec) {
      const { defaultValue: _hidden, ...rest } = spec;
      declared[name] = rest;
    } else {
      declared[name] = spec;
    }
  }
  return { ...definition, parameters: declared };
}
