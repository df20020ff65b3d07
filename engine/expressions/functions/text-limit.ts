/**
 * Logic Apps caps text built by `concat` and `join` at 104,857,600 characters (spec §7.1/§7.2);
 * checking as the text grows keeps a runaway expression from exhausting memory first.
 */
import { fail } from './args.js';
import type { CallContext } from './function-def.js';

export const MAX_TEXT_LENGTH = 104_857_600;

export function checkTextLength(ctx: CallContext, length: number): void {
  if (length > MAX_TEXT_LENGTH) {
    fail(
      ctx,
      `the result would exceed ${MAX_TEXT_LENGTH} characters`,
      `The template language function '${ctx.fn}' result exceeds the maximum allowed length of ${MAX_TEXT_LENGTH} characters.`,
    );
  }
}
