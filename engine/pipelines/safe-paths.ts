/**
 * Paths that arrive from outside (DataPathAssignments, definitions, blob names in a listing) must
 * never steer a read or a write outside a datastore or a step's working directory. They are checked
 * and refused, never silently rewritten: `a\..\b` is somebody's mistake or an attack either way.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { DefinitionError } from '../errors.js';

/**
 * A relative path inside a datastore: `/` separators, no `.`/`..` segments, no backslash, not
 * absolute, no drive letter. Leading and trailing slashes are tolerated and dropped ("" = the root).
 */
export function checkDatastorePath(path: string, what: string): string {
  const problem = pathProblem(path);
  if (problem !== undefined) {
    throw new DefinitionError('InvalidArgument', `${what} '${path}' is not allowed: ${problem}; give a path relative to the datastore's root`);
  }
  return path.split('/').filter((s) => s !== '').join('/');
}

function pathProblem(path: string): string | undefined {
  if (path.includes('\\')) return 'it contains a backslash';
  if (path.includes('\0')) return 'it contains a NUL character';
  if (/^[a-zA-Z]:/.test(path)) return 'it starts with a drive letter';
  if (path.startsWith('//')) return 'it is an absolute (network) path';
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..')) return "it contains a '..' segment";
  if (segments.some((s) => s === '.')) return "it contains a '.' segment";
  return undefined;
}

/** An absolute path is refused even though its form is otherwise fine: DataPath values are relative. */
export function checkRelativeAssignment(path: string, what: string): string {
  if (path.startsWith('/') || isAbsolute(path)) {
    throw new DefinitionError('InvalidArgument', `${what} '${path}' is not allowed: it is an absolute path; give a path relative to the datastore's root`);
  }
  return checkDatastorePath(path, what);
}

/** A single path segment (step and output names become folder names). */
export function checkSegment(name: string, what: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name) || name === '.' || name === '..') {
    throw new DefinitionError('InvalidArgument', `${what} '${name}' may contain only letters, digits, '_', '-' and '.'`);
  }
  return name;
}

/** `root` joined with a checked relative path; fails if the result is not inside `root`. */
export function insideRoot(root: string, relativePath: string, what: string): string {
  const clean = checkDatastorePath(relativePath, what);
  const target = resolve(root, ...clean.split('/').filter((s) => s !== ''));
  const rel = relative(resolve(root), target);
  if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
    throw new DefinitionError('InvalidArgument', `${what} '${relativePath}' would lead outside ${root}`);
  }
  return target;
}
