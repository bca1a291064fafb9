/** A small HTML page, the way a web server in front of the application answers (404, 405, 413, 500, 503). */
export function htmlPage(status: number, title: string, text: string): string {
  const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<!DOCTYPE html>\n<html><head><title>${status} ${esc(title)}</title></head><body><h1>${esc(
    title,
  )}</h1><p>${esc(text)}</p><hr><address>integrations sandbox</address></body></html>\n`;
}
