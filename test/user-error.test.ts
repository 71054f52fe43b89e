/**
 * Every error a user of the CLI can cause is a UserError (the CLI prints those alone, a
 * sweep's worker reports them as a failed run). A programmer's misuse of the tensor API (a
 * shape mismatch in their own code) is an ordinary Error and keeps its stack.
 */
import { describe, expect, it } from 'vitest';
import { UserError, DataError, ConfigError, OptimizerConfigError, TrainingDivergedError, createOptimizer, tensor, add } from '../src/core.ts';
import { TraceInputError, parseTraceInput } from '../src/optim/index.ts';
import { CheckpointError, SweepUnitError } from '../src/experiment/index.ts';
import { BackendUnavailableError } from '../src/backend/index.ts';
import { UsageError } from '../src/cli/command.ts';
import { ExpressionError, compileExpression } from '../src/lab/expression.ts';

describe('UserError', () => {
  it('is the base of every error class written for users, and each keeps its own name', () => {
    const kinds = [UsageError, ConfigError, DataError, OptimizerConfigError, SweepUnitError, CheckpointError, BackendUnavailableError, TraceInputError];
    for (const Kind of kinds) {
      const error = new Kind('what is wrong, and where');
      expect(error).toBeInstanceOf(UserError);
      expect(error.name).toBe(Kind.name);
    }
    expect(new TrainingDivergedError(1, 2, 3, NaN)).toBeInstanceOf(UserError);
    expect(new ExpressionError('unexpected token', 4)).toBeInstanceOf(UserError);
  });

  it('is what the engine throws for bad input, and not what a bug throws', () => {
    const caught = (f: () => unknown): unknown => {
      try {
        f();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect(caught(() => createOptimizer('adam', { options: { beta1: 2 }, params: [] }))).toBeInstanceOf(UserError);
    expect(caught(() => parseTraceInput('{"optimizer": 3}'))).toBeInstanceOf(UserError);
    expect(caught(() => compileExpression('x +'))).toBeInstanceOf(UserError);
    expect(caught(() => add(tensor([1, 2], [2]), tensor([1, 2, 3], [3])))).not.toBeInstanceOf(UserError);
  });
});
