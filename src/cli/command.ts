/** What every subcommand file under src/cli exports. */
import { UserError } from '../user-error.ts';
export interface Command {
  readonly name: string;
  /** One line for `seedgrad --help`. */
  readonly summary: string;
  /** The full text of `seedgrad <name> --help`. */
  readonly help: string;
  /** Runs the command; resolves to the process exit code. */
  run(argv: readonly string[]): Promise<number>;
}

/** A user error: printed as `seedgrad <cmd>: message`, exit 1, never a stack trace. */
export class UsageError extends UserError {
  override readonly name = 'UsageError';
}
