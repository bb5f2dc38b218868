/**
 * Outcome of checking one identifier: the normalised value when it is valid,
 * otherwise a reason a professional can read in a form or an import report.
 */
export type IdentifierCheck =
  | { readonly valid: true; readonly value: string }
  | { readonly valid: false; readonly reason: string };

export const accept = (value: string): IdentifierCheck => ({ valid: true, value });
export const refuse = (reason: string): IdentifierCheck => ({ valid: false, reason });

/** Removes spaces, dots and dashes people type inside long numbers ("01 000 382 0"). */
export function stripSeparators(raw: string): string {
  return raw.replace(/[\s.\-\u00a0\u202f]/g, '');
}
