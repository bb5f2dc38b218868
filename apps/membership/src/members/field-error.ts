/** One problem in a submitted form or import line, at a path like `communes[2]` or `availability.weekly[1].end`. */
export interface FieldError {
  readonly field: string;
  readonly reason: string;
}
