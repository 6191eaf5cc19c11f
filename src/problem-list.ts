/**
 * The problems a checker finds, reported all at once rather than stopping at the first: the first
 * `MAX_PROBLEMS` are kept and the rest only counted.
 */
export const MAX_PROBLEMS = 100;

export class ProblemList {
  /** The first `MAX_PROBLEMS` problems, in the order found. */
  readonly list: string[] = [];
  /** Every problem found, kept or not. */
  count = 0;

  add(problem: string): void {
    this.count++;
    if (this.list.length < MAX_PROBLEMS) this.list.push(problem);
  }

  /** The kept problems, then "… and N more" when some were only counted. */
  rendered(): string[] {
    return this.count > this.list.length
      ? [...this.list, `… and ${this.count - this.list.length} more`]
      : this.list;
  }
}
