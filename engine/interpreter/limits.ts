/** Limits the interpreter enforces, with Logic Apps' documented defaults. All configurable. */
export interface InterpreterLimits {
  /** Items a Foreach accepts. @default 100000 */
  foreachItems: number;
  /** Default parallel Foreach iterations. @default 20 */
  foreachDegree: number;
  /** Most parallel Foreach iterations. @default 50 */
  foreachMaxDegree: number;
  /** Most Until iterations a definition may ask for. @default 5000 */
  untilMaxCount: number;
  /** Until iterations when limit.count is absent. @default 60 */
  untilDefaultCount: number;
  /** Until duration when limit.timeout is absent (ISO 8601). @default PT1H */
  untilDefaultTimeout: string;
  /** Characters of the JSON text of one action's inputs or outputs. @default 104857600 */
  payloadChars: number;
  /** Items an array variable holds. @default 100000 */
  variableArrayItems: number;
  /** Characters a string variable holds. @default 104857600 */
  variableStringChars: number;
}

export const DEFAULT_LIMITS: InterpreterLimits = Object.freeze({
  foreachItems: 100_000,
  foreachDegree: 20,
  foreachMaxDegree: 50,
  untilMaxCount: 5_000,
  untilDefaultCount: 60,
  untilDefaultTimeout: 'PT1H',
  payloadChars: 104_857_600,
  variableArrayItems: 100_000,
  variableStringChars: 104_857_600,
});
