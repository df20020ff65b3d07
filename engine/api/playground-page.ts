/**
 * The page served at `/` until the visual designer lands: an expression playground and a definition
 * validator over the same API the CLI uses. Plain HTML and a few lines of script, no build step.
 */
export const PLAYGROUND_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sluice</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1d2733; padding: 0 1rem; }
  h1 { margin-bottom: 0; } p.lead { margin-top: .25rem; color: #55606e; }
  section { border: 1px solid #d5dbe3; border-radius: 8px; padding: 1rem 1.25rem; margin: 1.25rem 0; }
  textarea, input { width: 100%; box-sizing: border-box; font: 13px/1.4 ui-monospace, monospace; padding: .5rem; border: 1px solid #b9c2cd; border-radius: 6px; }
  button { margin-top: .5rem; padding: .4rem 1rem; border-radius: 6px; border: 1px solid #2b5fab; background: #2f6fcb; color: #fff; cursor: pointer; }
  pre { background: #f4f6f9; padding: .75rem; border-radius: 6px; white-space: pre-wrap; word-break: break-word; min-height: 1.5rem; }
  .error { color: #a4262c; }
</style>
</head>
<body>
<h1>Sluice</h1>
<p class="lead">Logic Apps workflow definitions and ML pipelines, run by one engine.</p>
<section>
  <h2>Evaluate an expression</h2>
  <label for="expr">Expression (as it stands in a definition)</label>
  <input id="expr" value="@concat(triggerBody()?['Name'], '-', string(add(1, 2)))">
  <label for="context">Context (JSON: triggerBody, parameters, variables, actions, now ...)</label>
  <textarea id="context" rows="4">{ "triggerBody": { "Name": "data/file-0001.csv" } }</textarea>
  <button id="run">Evaluate</button>
  <pre id="value" aria-live="polite"></pre>
</section>
<section>
  <h2>Validate a workflow definition</h2>
  <textarea id="definition" rows="10" placeholder='{ "triggers": { ... }, "actions": { ... } }'></textarea>
  <button id="validate">Validate</button>
  <pre id="issues" aria-live="polite"></pre>
</section>
<script type="module">
  async function post(path, body) {
    const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { ok: res.ok, body: await res.json() };
  }
  function show(el, text, isError) { el.textContent = text; el.className = isError ? 'error' : ''; }
  document.getElementById('run').onclick = async () => {
    const out = document.getElementById('value');
    let context;
    try { context = JSON.parse(document.getElementById('context').value || '{}'); }
    catch (e) { return show(out, 'context: ' + e.message, true); }
    const { ok, body } = await post('/api/expressions/evaluate', { expr: document.getElementById('expr').value, context });
    show(out, ok ? body.valueText : body.message, !ok);
  };
  document.getElementById('validate').onclick = async () => {
    const out = document.getElementById('issues');
    let definition;
    try { definition = JSON.parse(document.getElementById('definition').value); }
    catch (e) { return show(out, 'not JSON: ' + e.message, true); }
    const { ok, body } = await post('/api/definitions/validate', { definition });
    if (!ok) return show(out, body.message, true);
    show(out, body.valid ? 'valid' : body.issues.map((i) => i.pointer + ': ' + i.message).join('\\n'), !body.valid);
  };
</script>
</body>
</html>
`;
