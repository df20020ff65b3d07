/**
 * Unresolved ARM template expressions. Definitions copied out of an `azuredeploy.json` still hold
 * `"[parameters('x')]"`, `"[variables('y')]"` — values Azure Resource Manager substitutes at
 * deployment, before Logic Apps ever sees the workflow. Sluice reads definitions as deployed, so
 * it names each such value instead of failing on it in confusing ways later.
 */
import { issue, type Issue } from './issue.js';
import { childPointer, isWithin } from './json-pointer.js';
import { inOwner } from './owner.js';
import { isPlainObject } from './unwrap.js';

/** `[fn(...)...]` but not `[[...` (ARM's escape for a literal bracket) nor `[YOUR_VALUE_HERE]`. */
const ARM_EXPRESSION = /^\s*\[(?!\[)\s*[A-Za-z_][\w.]*\s*\([\s\S]*\]\s*$/;

export function isArmExpression(value: unknown): value is string {
  return typeof value === 'string' && ARM_EXPRESSION.test(value);
}

export interface ArmScan {
  readonly issues: Issue[];
  /** Pointers whose value (or key) is an ARM expression: other checks stay quiet about them. */
  readonly pointers: readonly string[];
}

export function scanArmExpressions(definition: Record<string, unknown>): ArmScan {
  const issues: Issue[] = [];
  const pointers: string[] = [];
  const visit = (value: unknown, pointer: string): void => {
    if (isArmExpression(value)) {
      pointers.push(pointer);
      issues.push(issue('ArmTemplateExpression', pointer, armMessage('the value', value, pointer)));
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, childPointer(pointer, i)));
    } else if (isPlainObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        const at = childPointer(pointer, key);
        if (isArmExpression(key)) {
          pointers.push(at);
          issues.push(issue('ArmTemplateExpression', at, armMessage('the property name', key, at)));
        } else {
          visit(child, at);
        }
      }
    }
  };
  visit(definition, '');
  return { issues, pointers };
}

function armMessage(what: string, text: string, pointer: string): string {
  const shown = text.length > 80 ? text.slice(0, 80) + '…' : text;
  const subject = pointer.endsWith('/type') ? 'the type' : what;
  return (
    `${subject} ${JSON.stringify(shown)}${inOwner(pointer)} is an ARM template expression, which Azure Resource Manager ` +
    'replaces at deployment; Sluice reads definitions as deployed, so deploy or resolve the template first ' +
    '(or take the definition from the deployed workflow)'
  );
}

export function isUnderArm(pointers: readonly string[], pointer: string): boolean {
  return pointers.some((p) => isWithin(pointer, p));
}
