/**
 * Relative paths on a datastore (DataPath defaults and assignments, datastore inputs and outputs).
 * Whatever a caller sends, a path must stay inside the datastore root, so `..` segments, absolute
 * paths (POSIX, drive letters, UNC) and backslashes are refused outright rather than normalised:
 * a normalised `a/../../x` would still show the caller meant to escape.
 */

/** Why `path` is not an acceptable relative datastore path, or undefined when it is. */
export function relativePathProblem(path: string): string | undefined {
  if (path.trim() === '') return 'must not be empty';
  if (path.includes('\\')) return 'must not contain a backslash (use / between folders)';
  if (path.includes('\u0000')) return 'must not contain a NUL character';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'must be relative to the datastore root, not absolute';
  if (path.split('/').some((segment) => segment === '..')) return "must not contain '..' segments";
  return undefined;
}

const OUTPUT_PLACEHOLDERS = ['{run-id}', '{output-name}'];

/** Output paths may also hold `{run-id}` and `{output-name}`; any other `{...}` is a typo. */
export function outputPathProblem(path: string): string | undefined {
  const unknown = (path.match(/\{[^}]*\}/g) ?? []).find((p) => !OUTPUT_PLACEHOLDERS.includes(p));
  if (unknown) return `holds the unknown placeholder '${unknown}' (only {run-id} and {output-name} are replaced)`;
  return relativePathProblem(path);
}

/** `results//x/` and `results/x` name the same place. */
export function normaliseDatastorePath(path: string): string {
  return path
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}
