/**
 * URI parsing functions (spec §7.8): the parts of an absolute URI as .NET `System.Uri` exposes them
 * (`uri-parse.ts`). The argument must be a string holding an absolute URI; relative or malformed
 * text is an error with the .NET reason.
 */
import { parseUri, UriError, type ParsedUri } from '../uri-parse.js';
import type { Value } from '../value.js';
import { argString, failArg } from './args.js';
import { fn, type CallContext, type FunctionDef } from './function-def.js';

function parsed(args: Value[], ctx: CallContext): ParsedUri {
  const text = argString(ctx, args, 0);
  try {
    return parseUri(text);
  } catch (e) {
    if (!(e instanceof UriError)) throw e;
    return failArg(
      ctx,
      0,
      `is not an absolute URI: '${text}' (${e.message})`,
      `The template language function '${ctx.fn}' expects its parameter to be a well-formed absolute URI. The provided value '${text}' is not valid: ${e.message}`,
    );
  }
}

function uriFn(name: string, part: (uri: ParsedUri) => Value): FunctionDef {
  return fn(name, 1, 1, (args, ctx) => part(parsed(args, ctx)));
}

export const uriFunctions: FunctionDef[] = [
  uriFn('uriHost', (u) => u.host),
  uriFn('uriPath', (u) => u.path),
  uriFn('uriPathAndQuery', (u) => u.path + u.query),
  uriFn('uriPort', (u) => u.port),
  uriFn('uriQuery', (u) => u.query),
  uriFn('uriScheme', (u) => u.scheme),
];
