/**
 * JSON text → expression value, as `json()` reads it. Logic Apps parses with Newtonsoft, so the
 * result keeps what plain `JSON.parse` loses:
 * - integer vs float: a number written with `.` or an exponent is a float even when integral;
 * - integers beyond the safe range stay exact as `bigint` (int64); larger ones become floats;
 * - a key repeated exactly: the last value wins and takes the position of its last occurrence
 *   (spec §11.26); keys differing only in case stay distinct members;
 * - Newtonsoft's leniencies that real payloads rely on: `//` and block comments, single-quoted
 *   strings, unquoted property names.
 * Errors are `JsonParseError`s carrying the 0-based offset where parsing stopped.
 */
import { makeFloat, makeInt, type Value, type ValueObject } from './value.js';

export class JsonParseError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(`${reason} at position ${position}`);
    this.name = 'JsonParseError';
  }
}

/** Sets a member without tripping over `__proto__`, which would otherwise replace the prototype. */
export function setOwnMember(obj: ValueObject, key: string, value: Value): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

const ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export interface ParseJsonOptions {
  /**
   * Accept the `NaN`, `Infinity` and `-Infinity` literals that `toJsonText` writes for non-finite
   * floats (Sluice's own storage needs them back; `json()` keeps rejecting them).
   */
  nonFinite?: boolean;
}

const NON_FINITE: readonly [string, number][] = [['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]];

class Parser {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly options: ParseJsonOptions = {},
  ) {}

  parseDocument(): Value {
    this.skipSpace();
    if (this.pos >= this.text.length) this.fail('Unexpected end of JSON text');
    const value = this.parseValue(0);
    this.skipSpace();
    if (this.pos < this.text.length) this.fail('Additional text after the JSON value');
    return value;
  }

  private fail(reason: string): never {
    throw new JsonParseError(reason, this.pos);
  }

  private skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\uFEFF' || c === '\u00A0') {
        this.pos++;
      } else if (c === '/' && t[this.pos + 1] === '/') {
        const end = t.indexOf('\n', this.pos);
        this.pos = end < 0 ? t.length : end + 1;
      } else if (c === '/' && t[this.pos + 1] === '*') {
        const end = t.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('Unterminated comment');
        this.pos = end + 2;
      } else {
        return;
      }
    }
  }

  private parseValue(depth: number): Value {
    if (depth > 512) this.fail('JSON nested too deeply');
    const c = this.text[this.pos];
    if (c === '{') return this.parseObject(depth);
    if (c === '[') return this.parseArray(depth);
    if (c === '"' || c === "'") return this.parseString();
    if (this.options.nonFinite === true) {
      for (const [word, value] of NON_FINITE) {
        if (this.text.startsWith(word, this.pos)) {
          this.pos += word.length;
          return makeFloat(value);
        }
      }
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.parseNumber();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.pos) && !/[\w$]/.test(this.text[this.pos + word.length] ?? '')) {
        this.pos += word.length;
        return value;
      }
    }
    if (c === undefined) this.fail('Unexpected end of JSON text');
    this.fail(`Unexpected character '${c}'`);
  }

  private parseObject(depth: number): ValueObject {
    this.pos++;
    const obj: ValueObject = {};
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return obj;
    }
    for (;;) {
      this.skipSpace();
      const key = this.parseKey();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail(`Expected ':' after property name '${key}'`);
      this.pos++;
      this.skipSpace();
      const value = this.parseValue(depth + 1);
      // The last occurrence wins and takes its own position.
      if (Object.prototype.hasOwnProperty.call(obj, key)) delete obj[key];
      setOwnMember(obj, key, value);
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
      } else if (c === '}') {
        this.pos++;
        return obj;
      } else {
        this.fail(c === undefined ? 'Unterminated object' : `Expected ',' or '}' but found '${c}'`);
      }
    }
  }

  private parseKey(): string {
    const c = this.text[this.pos];
    if (c === '"' || c === "'") return this.parseString();
    const m = /^[A-Za-z_$][\w$-]*/.exec(this.text.slice(this.pos, this.pos + 1024));
    if (!m) this.fail(c === undefined ? 'Unterminated object' : `Expected a property name but found '${c}'`);
    this.pos += m[0].length;
    return m[0];
  }

  private parseArray(depth: number): Value[] {
    this.pos++;
    const items: Value[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      this.skipSpace();
      items.push(this.parseValue(depth + 1));
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
      } else if (c === ']') {
        this.pos++;
        return items;
      } else {
        this.fail(c === undefined ? 'Unterminated array' : `Expected ',' or ']' but found '${c}'`);
      }
    }
  }

  private parseString(): string {
    const quote = this.text[this.pos]!;
    const start = this.pos;
    this.pos++;
    let out = '';
    const t = this.text;
    for (;;) {
      const c = t[this.pos];
      if (c === undefined) {
        this.pos = start;
        this.fail('Unterminated string');
      }
      this.pos++;
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = t[this.pos];
      this.pos++;
      if (e === 'u') {
        const hex = t.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\u escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 4;
      } else if (e !== undefined && ESCAPES[e] !== undefined) {
        out += ESCAPES[e];
      } else {
        this.pos--;
        this.fail(`Invalid escape '\\${e ?? ''}'`);
      }
    }
  }

  private parseNumber(): Value {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 4096));
    if (!m) this.fail('Invalid number');
    const text = m[0];
    const after = this.text[this.pos + text.length];
    if (after !== undefined && /[\w.]/.test(after)) {
      this.pos += text.length;
      this.fail('Invalid number');
    }
    this.pos += text.length;
    if (m[2] !== undefined || m[3] !== undefined) return makeFloat(Number(text));
    const big = BigInt(text);
    return makeInt(big) ?? makeFloat(Number(text));
  }
}

/** Parses JSON text into a value; throws `JsonParseError` (with position) when it is not JSON. */
export function parseJson(text: string, options: ParseJsonOptions = {}): Value {
  return new Parser(text, options).parseDocument();
}
