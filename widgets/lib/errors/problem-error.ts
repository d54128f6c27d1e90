/**
 * An Error that carries a structured problem (a code and a Spanish message for the page), so a
 * widget can show `problem.message` and branch on the rest. Subclasses name the source kind.
 */
export class ProblemError<P extends { message: string }> extends Error {
  readonly problem: P;
  constructor(problem: P, name: string) {
    super(problem.message);
    this.name = name;
    this.problem = problem;
  }
}
