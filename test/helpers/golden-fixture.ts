/**
 * The golden workflow fixtures (`test/fixtures/workflows/*.json`): their shape and a reader shared
 * by the runner (test/golden) and the loader check (test/unit/definitions). The format is described
 * in test/fixtures/workflows/README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

export interface StubResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Never answer: the request hangs until the stub stops (for timeouts). */
  hang?: boolean;
  /** Answer 200 with `{method, path, query, headers, body}` of the request. */
  echo?: boolean;
}

export interface StubRoute {
  method: string;
  path: string;
  /** Headers the request must carry (names ignoring case, values exactly); otherwise 401. */
  requireHeaders?: Record<string, string>;
  /** Served in order; the last one repeats. */
  responses: StubResponse[];
}

export interface ActionExpectation {
  /** One status, or several when Logic Apps' behaviour is not known; `NotRun` = absent from the result. */
  status: string | string[];
  code?: string;
  outputs?: unknown;
  attempts?: number;
  repetitions?: number;
  trackedProperties?: unknown;
  /** The action's recorded inputs and outputs must not hold any of the fixture's `secrets`. */
  secure?: boolean;
}

export interface GoldenExpectation {
  status: string;
  error?: Record<string, unknown>;
  actions?: Record<string, ActionExpectation>;
  outputs?: Record<string, unknown>;
  response?: Record<string, unknown>;
  stubCalls?: Record<string, number>;
  /** Strings that must appear nowhere in the run result (secure inputs, outputs and parameters). */
  secrets?: string[];
}

export interface GoldenFixture {
  description: string;
  definition: Record<string, unknown>;
  trigger?: { body?: unknown; headers?: Record<string, string>; queries?: Record<string, string> };
  parameters?: Record<string, unknown>;
  stub?: { routes: StubRoute[] };
  /** Default true: an action not in `expected.actions` must not have ended Failed. */
  checkUnlistedFailures?: boolean;
  expected: GoldenExpectation;
}

export function goldenFolder(): string {
  return join(repoRoot(), 'test', 'fixtures', 'workflows');
}

/** Every fixture, by file name, in name order. */
export function readGoldenFixtures(): { file: string; fixture: GoldenFixture }[] {
  const folder = goldenFolder();
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, fixture: JSON.parse(readFileSync(join(folder, file), 'utf8')) as GoldenFixture }));
}

/** Whether the definition declares the `stubUrl` parameter, i.e. calls the loopback stub. */
export function usesStub(fixture: GoldenFixture): boolean {
  const params = fixture.definition['parameters'];
  return fixture.stub !== undefined || (typeof params === 'object' && params !== null && 'stubUrl' in params);
}
