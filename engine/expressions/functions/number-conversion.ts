import type { FunctionDef } from './function-def.js';

export const numberConversionFunctions: FunctionDef[] = [];
