/**
 * gitignore pattern semantics, enough for `.amlignore` / `.gitignore` in step source folders:
 * comments, blank lines, `!` negation, trailing `/` for directories only, patterns with a slash
 * anchored to the ignore file's folder, `*`, `?`, `[...]`, and `**` as a leading, trailing or
 * middle path segment. The last matching rule wins; a file inside an ignored folder stays ignored
 * (the walker never enters that folder), as in git.
 */

export interface IgnoreRule {
  /** Folder of the ignore file, relative to the source root ('' for the root), POSIX separators. */
  readonly base: string;
  readonly negate: boolean;
  readonly directoryOnly: boolean;
  readonly regex: RegExp;
  readonly source: string;
}

/** The rules of one ignore file's text, whose folder is `base` relative to the source root. */
export function parseIgnoreFile(text: string, base = ''): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const rule = parseLine(rawLine, base);
    if (rule) rules.push(rule);
  }
  return rules;
}

function parseLine(rawLine: string, base: string): IgnoreRule | undefined {
  // Trailing spaces are dropped unless escaped with a backslash.
  let line = rawLine.replace(/(?<!\\)\s+$/, '').replace(/\\(\s)$/, '$1');
  if (line === '' || line.startsWith('#')) return undefined;
  let negate = false;
  if (line.startsWith('!')) {
    negate = true;
    line = line.slice(1);
  } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
    line = line.slice(1);
  }
  const directoryOnly = line.endsWith('/');
  if (directoryOnly) line = line.replace(/\/+$/, '');
  if (line === '') return undefined;
  const anchored = line.includes('/');
  if (line.startsWith('/')) line = line.slice(1);
  const body = translate(line);
  const regex = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}$`);
  return { base, negate, directoryOnly, regex, source: rawLine };
}

function translate(pattern: string): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (pattern.startsWith('**', i) && (i === 0 || pattern[i - 1] === '/')) {
      const after = pattern[i + 2];
      if (after === '/') {
        out += '(?:.*/)?'; // `**/`: zero or more folders
        i += 3;
        continue;
      }
      if (after === undefined) {
        out += '.*'; // trailing `/**`: everything inside
        i += 2;
        continue;
      }
    }
    if (c === '*') {
      out += '[^/]*';
      while (pattern[i + 1] === '*') i++;
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const cls = characterClass(pattern, i);
      out += cls ? cls.regex : '\\[';
      if (cls) i = cls.end;
    } else if (c === '\\' && i + 1 < pattern.length) {
      out += escapeRegex(pattern[++i]!);
    } else out += escapeRegex(c);
    i++;
  }
  return out;
}

/** `[abc]`, `[a-z]`, `[!x]` / `[^x]`; undefined when the bracket is never closed (then literal). */
function characterClass(pattern: string, start: number): { regex: string; end: number } | undefined {
  let i = start + 1;
  let negated = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negated = true;
    i++;
  }
  let body = '';
  if (pattern[i] === ']') {
    body += '\\]';
    i++;
  }
  for (; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === ']') return { regex: `[${negated ? '^' : ''}${body}]`, end: i };
    if (c === '\\' && i + 1 < pattern.length) body += '\\' + pattern[++i];
    else body += c === '-' ? '-' : escapeRegex(c);
  }
  return undefined;
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/-]/.test(c) ? '\\' + c : c;
}

/**
 * Whether `path` (relative to the source root, POSIX) is ignored by `rules` (ordered: shallower
 * ignore files first, each file's lines in order). Rules only see paths below their own folder.
 */
export function isIgnored(rules: readonly IgnoreRule[], path: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const rule of rules) {
    if (rule.directoryOnly && !isDirectory) continue;
    if (rule.base !== '' && !path.startsWith(rule.base + '/')) continue;
    const relative = rule.base === '' ? path : path.slice(rule.base.length + 1);
    if (rule.regex.test(relative)) ignored = !rule.negate;
  }
  return ignored;
}
