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

/** The one-line error for a file that could not be written, or null when the cause is not the user's. */
export function writeFailure(path: string, e: unknown): UserError | null {
  const reasons: Record<string, string> = {
    ENOENT: 'the directory does not exist',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOSPC: 'no space left on the device',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    EROFS: 'the file system is read-only',
  };
  const reason = reasons[(e as NodeJS.ErrnoException)?.code ?? ''];
  return reason ? new UserError(`cannot write ${path}: ${reason}`) : null;
}
