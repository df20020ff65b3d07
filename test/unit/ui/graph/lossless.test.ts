/**
 * Losslessness over every example, golden and real definition: the definition stays the source of
 * truth, so an empty edit, opening it on the canvas, and a rename with its inverse must all leave
 * the JSON text byte-identical (key order included).
 */
import assert from 'node:assert/strict';
import { applyDesignerChanges, collectActions, definitionToGraph, layoutGraph } from '../../../../ui/src/graph/index.js';
import { corpus } from './corpus.js';

const entries = corpus();

describe('designer graph: lossless over the definition corpus', () => {
  it('finds the corpus (examples, golden workflows, real definitions)', () => {
    assert.ok(entries.length >= 80, `only ${entries.length} definitions found`);
  });

  it('renames reach into expressions somewhere in the corpus (the round trip is not vacuous)', () => {
    let rewritten = 0;
    for (const entry of entries) {
      for (const site of collectActions(entry.definition)) {
        const out = JSON.stringify(applyDesignerChanges(entry.definition, [{ kind: 'renameAction', from: site.name, to: 'Fresh_name' }]));
        if (/[(]\s*'Fresh_name'/.test(out)) rewritten++;
      }
    }
    assert.ok(rewritten >= 20, `only ${rewritten} renames touched an expression`);
  });

  for (const entry of entries) {
    const short = entry.file.split('/').slice(-2).join('/');
    describe(short, () => {
      it('an empty change list gives back equal JSON in the same key order, without touching the input', () => {
        const out = applyDesignerChanges(entry.definition, []);
        assert.notEqual(out, entry.definition);
        assert.deepEqual(out, entry.definition);
        assert.equal(JSON.stringify(out), entry.text);
        assert.equal(JSON.stringify(entry.definition), entry.text);
      });

      it('opens as a graph with one node per action and lays it out', () => {
        const sites = collectActions(entry.definition);
        const graph = definitionToGraph(entry.definition);
        const actionNodes = graph.nodes.filter((n) => n.id.startsWith('action:'));
        assert.equal(actionNodes.length, sites.length);
        assert.deepEqual(new Set(actionNodes.map((n) => n.data.name)), new Set(sites.map((s) => s.name)));
        const ids = new Set(graph.nodes.map((n) => n.id));
        for (const edge of graph.edges) assert.ok(ids.has(edge.source) && ids.has(edge.target), edge.id);
        const layout = layoutGraph(graph);
        for (const node of graph.nodes) assert.ok(layout.boxes.has(node.id), `no box for ${node.id}`);
        assert.equal(JSON.stringify(entry.definition), entry.text);
      });

      it('renaming each action and renaming it back gives back the identical JSON text', () => {
        collectActions(entry.definition).forEach((site, i) => {
          const fresh = `Renamed_${i}_x`;
          const renamed = applyDesignerChanges(entry.definition, [{ kind: 'renameAction', from: site.name, to: fresh }]);
          assert.ok(collectActions(renamed).some((s) => s.name === fresh));
          assert.ok(!collectActions(renamed).some((s) => s.name === site.name));
          const back = applyDesignerChanges(renamed, [{ kind: 'renameAction', from: fresh, to: site.name }]);
          assert.equal(JSON.stringify(back), entry.text, `rename of '${site.name}' did not round-trip`);
        });
      });
    });
  }
});
