/**
 * One-line docs and parameter names for the common expression functions (the names and arities
 * come from `GET /api/functions`; a function missing here shows its arity only).
 */
export interface FunctionDoc {
  readonly params: string;
  readonly doc: string;
}

export const FUNCTION_DOCS: Readonly<Record<string, FunctionDoc>> = {
  concat: { params: 'text1, text2, …', doc: 'Joins strings (or arrays) into one.' },
  substring: { params: 'text, startIndex, length?', doc: 'Characters of a string from a position.' },
  replace: { params: 'text, oldText, newText', doc: 'Replaces every occurrence of a substring.' },
  split: { params: 'text, delimiter', doc: 'Splits a string into an array.' },
  toLower: { params: 'text', doc: 'The string in lower case.' },
  toUpper: { params: 'text', doc: 'The string in upper case.' },
  trim: { params: 'text', doc: 'Removes leading and trailing whitespace.' },
  indexOf: { params: 'text, searchText', doc: 'Position of a substring, or -1.' },
  startsWith: { params: 'text, searchText', doc: 'Whether a string starts with a substring.' },
  endsWith: { params: 'text, searchText', doc: 'Whether a string ends with a substring.' },
  guid: { params: 'format?', doc: 'A new globally unique identifier.' },
  length: { params: 'collection', doc: 'Number of items in an array or characters in a string.' },
  contains: { params: 'collection, value', doc: 'Whether a string, array or object holds a value.' },
  empty: { params: 'collection', doc: 'Whether a string, array or object is empty.' },
  first: { params: 'collection', doc: 'The first item.' },
  last: { params: 'collection', doc: 'The last item.' },
  join: { params: 'array, delimiter', doc: 'Joins array items into one string.' },
  union: { params: 'collection1, collection2, …', doc: 'Items found in any of the collections.' },
  intersection: { params: 'collection1, collection2, …', doc: 'Items found in all of the collections.' },
  skip: { params: 'array, count', doc: 'The array without its first items.' },
  take: { params: 'collection, count', doc: 'The first items of an array or string.' },
  createArray: { params: 'item1, item2, …', doc: 'An array of the arguments.' },
  if: { params: 'condition, valueIfTrue, valueIfFalse', doc: 'One of two values depending on a condition.' },
  equals: { params: 'value1, value2', doc: 'Whether two values are equal.' },
  and: { params: 'expression1, expression2, …', doc: 'True when all arguments are true.' },
  or: { params: 'expression1, expression2, …', doc: 'True when any argument is true.' },
  not: { params: 'expression', doc: 'The negation of a boolean.' },
  greater: { params: 'value, compareTo', doc: 'Whether the first value is greater.' },
  greaterOrEquals: { params: 'value, compareTo', doc: 'Whether the first value is greater or equal.' },
  less: { params: 'value, compareTo', doc: 'Whether the first value is less.' },
  lessOrEquals: { params: 'value, compareTo', doc: 'Whether the first value is less or equal.' },
  coalesce: { params: 'value1, value2, …', doc: 'The first argument that is not null.' },
  int: { params: 'value', doc: 'Converts a string to an integer.' },
  float: { params: 'value', doc: 'Converts a string to a floating-point number.' },
  string: { params: 'value', doc: 'Converts a value to a string.' },
  bool: { params: 'value', doc: 'Converts a value to a boolean.' },
  json: { params: 'value', doc: 'Parses a string (or XML) as JSON.' },
  xml: { params: 'value', doc: 'Converts a string or JSON object to XML.' },
  base64: { params: 'text', doc: 'The base64 encoding of a string.' },
  base64ToString: { params: 'base64Text', doc: 'Decodes a base64 string.' },
  encodeUriComponent: { params: 'text', doc: 'URL-encodes a string.' },
  decodeUriComponent: { params: 'text', doc: 'Decodes a URL-encoded string.' },
  add: { params: 'summand1, summand2', doc: 'The sum of two numbers.' },
  sub: { params: 'minuend, subtrahend', doc: 'The difference of two numbers.' },
  mul: { params: 'multiplicand1, multiplicand2', doc: 'The product of two numbers.' },
  div: { params: 'dividend, divisor', doc: 'The quotient of two numbers.' },
  mod: { params: 'dividend, divisor', doc: 'The remainder of a division.' },
  min: { params: 'value1, value2, … | array', doc: 'The smallest value.' },
  max: { params: 'value1, value2, … | array', doc: 'The largest value.' },
  range: { params: 'startIndex, count', doc: 'An array of consecutive integers.' },
  utcNow: { params: 'format?', doc: 'The current timestamp (UTC).' },
  addDays: { params: 'timestamp, days, format?', doc: 'Adds days to a timestamp.' },
  addHours: { params: 'timestamp, hours, format?', doc: 'Adds hours to a timestamp.' },
  addMinutes: { params: 'timestamp, minutes, format?', doc: 'Adds minutes to a timestamp.' },
  formatDateTime: { params: 'timestamp, format?, locale?', doc: 'Formats a timestamp.' },
  parameters: { params: 'parameterName', doc: 'The value of a workflow parameter.' },
  variables: { params: 'variableName', doc: 'The value of a variable.' },
  trigger: { params: '', doc: "The trigger's output object." },
  triggerBody: { params: '', doc: "The trigger's body output." },
  triggerOutputs: { params: '', doc: "The trigger's outputs (headers, body)." },
  body: { params: 'actionName', doc: "An action's body output." },
  outputs: { params: 'actionName', doc: "An action's outputs (statusCode, headers, body)." },
  actions: { params: 'actionName', doc: "An action's result object (status, inputs, outputs)." },
  result: { params: 'scopedActionName', doc: 'The results of the actions inside a scope.' },
  item: { params: '', doc: 'The current item of a Foreach.' },
  items: { params: 'loopName', doc: 'The current item of a named Foreach.' },
  iterationIndexes: { params: 'loopName', doc: 'The current index of an Until loop.' },
  workflow: { params: '', doc: 'Details about the workflow and this run.' },
  listCallbackUrl: { params: '', doc: 'The callback URL of a Request trigger or webhook.' },
  xpath: { params: 'xml, xpath', doc: 'Nodes or values of an XML document matching an XPath.' },
};

/** `name(params)`, from the docs table or else from the arity. */
export function signatureOf(name: string, minArgs: number, maxArgs: number | null): string {
  const doc = FUNCTION_DOCS[name];
  if (doc) return `${name}(${doc.params})`;
  const params: string[] = [];
  for (let i = 1; i <= minArgs; i++) params.push(`arg${i}`);
  if (maxArgs === null) params.push('…');
  else for (let i = minArgs + 1; i <= maxArgs; i++) params.push(`arg${i}?`);
  return `${name}(${params.join(', ')})`;
}
