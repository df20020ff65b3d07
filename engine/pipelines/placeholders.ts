/**
 * `${{inputs.x}}`, `${{outputs.y}}` and `${{parameters.z}}` inside step arguments and command argv.
 * Parsed once here so the loader (which checks them) and the runner (which substitutes them) agree.
 */

export type PlaceholderKind = 'inputs' | 'outputs' | 'parameters';

export interface Placeholder {
  readonly kind: PlaceholderKind;
  readonly name: string;
  /** Offset of `${{` in the string. */
  readonly start: number;
  readonly end: number;
}

export interface PlaceholderProblem {
  readonly position: number;
  readonly message: string;
}

const KINDS: readonly string[] = ['inputs', 'outputs', 'parameters'];

/** Every placeholder in `text`, plus the malformed ones (unclosed, unknown kind, bad name). */
export function parsePlaceholders(text: string): { placeholders: Placeholder[]; problems: PlaceholderProblem[] } {
  const placeholders: Placeholder[] = [];
  const problems: PlaceholderProblem[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('${{', from);
    if (start < 0) break;
    const close = text.indexOf('}}', start + 3);
    if (close < 0) {
      problems.push({ position: start, message: `unclosed placeholder: '\${{' without '}}'` });
      break;
    }
    const inner = text.slice(start + 3, close).trim();
    const match = /^(\w+)\.(\w+)$/.exec(inner);
    if (!match || !KINDS.includes(match[1]!)) {
      problems.push({
        position: start,
        message: `'\${{${inner}}}' is not a placeholder Sluice knows: use \${{inputs.NAME}}, \${{outputs.NAME}} or \${{parameters.NAME}}`,
      });
    } else {
      placeholders.push({ kind: match[1] as PlaceholderKind, name: match[2]!, start, end: close + 2 });
    }
    from = close + 2;
  }
  return { placeholders, problems };
}

/** Replaces every well-formed placeholder; `resolve` returns the text to put in its place. */
export function substitutePlaceholders(text: string, resolve: (kind: PlaceholderKind, name: string) => string): string {
  const { placeholders } = parsePlaceholders(text);
  let out = '';
  let at = 0;
  for (const p of placeholders) {
    out += text.slice(at, p.start) + resolve(p.kind, p.name);
    at = p.end;
  }
  return out + text.slice(at);
}
