/** Output that reads well in a terminal (colours when it is one) and in CI logs (plain text, same symbols). */

const useColor = (): boolean =>
  !process.env.NO_COLOR && (Boolean(process.env.FORCE_COLOR) || (process.stdout.isTTY ?? false));

const paint =
  (open: number, close: number) =>
  (text: string): string =>
    useColor() ? `\u001b[${open}m${text}\u001b[${close}m` : text;

export const bold = paint(1, 22);
export const dim = paint(2, 22);
export const red = paint(31, 39);
export const green = paint(32, 39);
export const yellow = paint(33, 39);

export const OK = "✔";
export const FAIL = "✖";
export const WARN = "!";

export function heading(text: string): string {
  return `\n${bold(`▶ ${text}`)}`;
}

export function okLine(text: string): string {
  return `${green(OK)} ${text}`;
}

export function failLine(text: string): string {
  return `${red(FAIL)} ${text}`;
}

export function warnLine(text: string): string {
  return `${yellow(WARN)} ${text}`;
}

/** Indents every line of a block. */
export function indent(text: string, by = "    "): string {
  return text
    .split("\n")
    .map((l) => (l ? by + l : l))
    .join("\n");
}
