/**
 * Table ("Create CSV table" / "Create HTML table"):
 * `{"format": "CSV" | "HTML", "from": <array>, "columns"?: [{"header": "...", "value": "@item()..."}]}`
 * → `outputs.body` = the table as text.
 *
 * Without `columns` the headers are the objects' property names (the union, in first-seen order)
 * and a missing property is an empty cell. Custom columns evaluate `value` for each item;
 * entries sharing a header share one column (the first non-empty value fills the cell).
 * CSV quotes fields holding a comma, a quote or a line break (RFC 4180) and ends every row,
 * the last included, with CRLF; HTML escapes cell text.
 */
import { mayBeExpression } from '../expressions/template.js';
import { getMember, isObject, type Value } from '../expressions/value.js';
import { badRequest, failed, inputMember, MAX_TEXT_LENGTH, rawInput, requireFromArray, succeeded, textOf, typeName } from './action-support.js';
import type { ActionResult, PureActionContext, PureActionDescriptor } from './descriptor.js';

interface Grid {
  headers: string[];
  rows: string[][];
}

type Built = { grid: Grid } | { failure: ActionResult };

function cellText(v: Value | undefined, where: string): string | ActionResult {
  if (v === undefined || v === null) return '';
  const read = textOf(v);
  return 'error' in read ? badRequest(`The value ${where} cannot be read as text: ${read.error}.`) : read.text;
}

function automaticGrid(from: Value[]): Built {
  const headers: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < from.length; i++) {
    const item = from[i]!;
    if (!isObject(item)) {
      return { failure: badRequest(`The 'from' property of a 'table' action without 'columns' must be an array of objects; the item at index ${i} is of type '${typeName(item)}'.`) };
    }
    for (const key of Object.keys(item)) {
      if (!seen.has(key)) {
        seen.add(key);
        headers.push(key);
      }
    }
  }
  const rows: string[][] = [];
  for (let i = 0; i < from.length; i++) {
    const item = from[i] as Record<string, Value>;
    const row: string[] = [];
    for (const header of headers) {
      const cell = cellText(Object.prototype.hasOwnProperty.call(item, header) ? item[header] : undefined, `of '${header}' in the item at index ${i}`);
      if (typeof cell !== 'string') return { failure: cell };
      row.push(cell);
    }
    rows.push(row);
  }
  return { grid: { headers, rows } };
}

interface Column {
  header: string;
  values: unknown[];
}

function customColumns(ctx: PureActionContext, raw: unknown[]): Column[] | ActionResult {
  const columns: Column[] = [];
  for (let i = 0; i < raw.length; i++) {
    const entry = raw[i];
    if (!isObject(entry as Value)) return badRequest(`The column at index ${i} of action '${ctx.name}' must be an object with 'header' and 'value'.`);
    const record = entry as Record<string, Value>;
    const rawHeader = getMember(record, 'header') ?? '';
    // A header is evaluated once, not per item, so item() has no value in it.
    const header = typeof rawHeader === 'string' && mayBeExpression(rawHeader) ? ctx.evaluateWithItem(rawHeader, null) : rawHeader;
    const text = cellText(header, `of the header of the column at index ${i}`);
    if (typeof text !== 'string') return text;
    const existing = columns.find((c) => c.header === text);
    const value = getMember(record, 'value') ?? null;
    if (existing !== undefined) existing.values.push(value);
    else columns.push({ header: text, values: [value] });
  }
  return columns;
}

function customGrid(ctx: PureActionContext, from: Value[], raw: unknown[]): Built {
  const columns = customColumns(ctx, raw);
  if (!Array.isArray(columns)) return { failure: columns };
  const rows: string[][] = [];
  for (let i = 0; i < from.length; i++) {
    const row: string[] = [];
    for (const column of columns) {
      let text = '';
      for (const rawValue of column.values) {
        const cell = cellText(ctx.evaluateWithItem(rawValue, from[i]!), `of column '${column.header}' for the item at index ${i}`);
        if (typeof cell !== 'string') return { failure: cell };
        if (cell !== '') {
          text = cell;
          break;
        }
      }
      row.push(text);
    }
    rows.push(row);
  }
  return { grid: { headers: columns.map((c) => c.header), rows } };
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(grid: Grid): string {
  if (grid.headers.length === 0) return '';
  let out = `${grid.headers.map(csvField).join(',')}\r\n`;
  for (const row of grid.rows) out += `${row.map(csvField).join(',')}\r\n`;
  return out;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function htmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

export function renderHtml(grid: Grid): string {
  const head = grid.headers.map((h) => `<th>${htmlText(h)}</th>`).join('');
  const body = grid.rows.map((row) => `<tr>${row.map((c) => `<td>${htmlText(c)}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function run(ctx: PureActionContext): ActionResult {
  const inputs = ctx.inputs();
  const format = inputMember(inputs, 'format');
  const kind = typeof format === 'string' ? format.toUpperCase() : undefined;
  if (kind !== 'CSV' && kind !== 'HTML') {
    return badRequest(`The 'format' property of action '${ctx.name}' must be 'CSV' or 'HTML', got ${typeof format === 'string' ? `'${format}'` : `a value of type '${typeName(format)}'`}.`);
  }
  const from = requireFromArray(inputs, 'table');
  if (!Array.isArray(from)) return from;
  const rawColumns = rawInput(ctx, 'columns');
  if (rawColumns !== undefined && rawColumns !== null && !Array.isArray(rawColumns)) {
    return badRequest(`The 'columns' property of action '${ctx.name}' must be an array of {header, value} objects.`);
  }
  const built = Array.isArray(rawColumns) ? customGrid(ctx, from, rawColumns) : automaticGrid(from);
  if ('failure' in built) return built.failure;
  const body = kind === 'CSV' ? renderCsv(built.grid) : renderHtml(built.grid);
  if (body.length > MAX_TEXT_LENGTH) {
    return failed('ActionFailed', `The table built by action '${ctx.name}' exceeds the maximum allowed length of ${MAX_TEXT_LENGTH} characters.`);
  }
  return succeeded({ body });
}

export const tableAction: PureActionDescriptor = {
  type: 'Table',
  kind: 'pure',
  itemInputs: ['columns'],
  run,
};
