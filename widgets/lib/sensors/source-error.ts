import { ProblemError } from '../errors/problem-error';
import type { ProblemCode, SourceProblem } from './types';

/** The Error a source's `start()` rejects with; `problem` says what happened (Spanish message). */
export class SourceError extends ProblemError<SourceProblem> {
  constructor(problem: SourceProblem) {
    super(problem, 'SourceError');
  }
}

export function makeProblem(code: ProblemCode, message: string, fatal: boolean, line?: string): SourceProblem {
  return line === undefined ? { code, message, fatal } : { code, message, fatal, line };
}

/** The SourceProblem carried by an error thrown by a source, if any. */
export function problemOf(err: unknown): SourceProblem | null {
  const p = (err as { problem?: SourceProblem } | null)?.problem;
  return p && typeof p.code === 'string' && typeof p.message === 'string' ? p : null;
}
