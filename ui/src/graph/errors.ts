/**
 * Why an edit was refused. Same shape as the engine's `SluiceError` (a stable `code`, a message
 * for people), kept here because `ui/` may import only types from `engine/`: the canvas branches
 * on `code`, shows `message`.
 */
export type DesignerErrorCode =
  | 'UnknownAction'
  | 'UnknownTrigger'
  | 'DuplicateName'
  | 'InvalidName'
  | 'UnknownContainer'
  | 'InvalidMove'
  | 'InvalidRunAfter'
  | 'InvalidPatch';

export class DesignerError extends Error {
  readonly code: DesignerErrorCode;

  constructor(code: DesignerErrorCode, message: string) {
    super(message);
    this.name = 'DesignerError';
    this.code = code;
  }

  toJSON(): { code: DesignerErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}
