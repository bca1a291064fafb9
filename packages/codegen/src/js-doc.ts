/** Text made safe inside a `/** … *\/` comment: no comment terminator, one line. */
export function jsDocText(text: string): string {
  return text.replace(/\s+/g, " ").replace(/\*\//g, "*\\/").trim();
}
