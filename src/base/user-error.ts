// An error a user can cause (bad option, bad file, missing feature): the CLI prints
// its message as one line and exits non-zero, with no stack trace.
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
