import { UserError } from '../user-error.ts';

/**
 * The one error type of the data layer: bad input (a malformed file, a missing path, a
 * dataset too small for the protocol, an out-of-range option). Its message is written
 * for the user and is complete on its own, so callers print it without a stack trace.
 */
export class DataError extends UserError {
  override readonly name = 'DataError';
}
