import { UserError } from '../user-error.ts';

/** A backend that cannot run here, with what to install or change: the message is complete for the user (the CLI prints it alone). */
export class BackendUnavailableError extends UserError {
  override readonly name = 'BackendUnavailableError';
}
