/** The outcome of parsing one human-unit value: a number in base units, or why not. */
export type ParseResult =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly message: string };

export const parsed = (value: number): ParseResult => ({ ok: true, value });
export const failed = (message: string): ParseResult => ({ ok: false, message });
