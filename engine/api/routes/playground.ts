/**
 * The playground page at `/playground` and the services it uses: expression evaluation, definition
 * validation and the function list. They need no engine, so they also serve without one.
 */
import type { Router } from 'express';
import { loadDefinition } from '../../../definitions/load.js';
import { contextView, evaluateTemplate, FUNCTIONS, parseEvalContext, toJsonText } from '../../expressions/index.js';
import { isObject, toPlain } from '../../expressions/value.js';
import { invalidArgument } from '../api-error.js';
import { PLAYGROUND_PAGE } from '../playground-page.js';
import { jsonBody } from '../request-body.js';
import { compact, sendJson } from '../json-response.js';

export function registerPlaygroundRoutes(router: Router): void {
  router.get('/playground', (_req, res) => {
    res.status(200).type('text/html; charset=utf-8').send(PLAYGROUND_PAGE);
  });

  router.get('/api/functions', (_req, res) => {
    const list = [...FUNCTIONS.values()].map((f) => ({ name: f.name, minArgs: f.minArgs, maxArgs: f.maxArgs === Infinity ? null : f.maxArgs }));
    sendJson(res, 200, list);
  });

  router.post('/api/expressions/evaluate', (req, res) => {
    const body = jsonBody(req);
    const expr = isObject(body) ? body['expr'] : undefined;
    if (typeof expr !== 'string') throw invalidArgument('/expr', 'must be a string');
    const context = parseEvalContext(isObject(body) ? body['context'] : undefined, '/context');
    const text = toJsonText(evaluateTemplate(expr, contextView(context)));
    // The value goes out as written by the value model; valueText is the same JSON as a string.
    res.status(200).type('application/json; charset=utf-8').send(`{"value":${text},"valueText":${JSON.stringify(text)}}`);
  });

  router.post('/api/definitions/validate', (req, res) => {
    const body = jsonBody(req);
    const definition = isObject(body) ? body['definition'] : undefined;
    if (definition === undefined) throw invalidArgument('/definition', 'is required');
    const result = loadDefinition(toPlain(definition));
    sendJson(res, 200, result.ok ? { valid: true, issues: [] } : { valid: false, issues: result.issues.map((i) => compact({ code: i.code, pointer: i.pointer, message: i.message, position: i.position })) });
  });
}
