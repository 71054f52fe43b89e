/**
 * The one base of errors whose message is complete for the person who caused them (a bad
 * option, file, shape, config or checkpoint, a diverged loss): it names what is wrong and
 * where, in one line. The CLI prints such an error alone, without a stack trace, and exits
 * 1; a sweep's worker thread passes it on as a failed run rather than a crash. Every other
 * error is a bug and keeps its stack. A new error class for users extends this one.
 */
export class UserError extends Error {
  override readonly name: string = 'UserError';
}
