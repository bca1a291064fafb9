import type { VendorService } from "./service.js";

/** A small HTML page, the way a web server in front of the application answers (404, 405, 413, 500, 503). */
export function htmlPage(status: number, title: string, text: string): string {
  const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<!DOCTYPE html>\n<html><head><title>${status} ${esc(title)}</title></head><body><h1>${esc(
    title,
  )}</h1><p>${esc(text)}</p><hr><address>integrations sandbox</address></body></html>\n`;
}

/**
 * The 404 and 405 answers of the web server in front of a PHP service (ESWS, Edu-iX): HTML pages in `charset`,
 * before the application sees the request.
 */
export function webServerErrors(charset: string): Pick<VendorService, "notFound" | "methodNotAllowed"> {
  const contentType = `text/html; charset=${charset}`;
  return {
    notFound: () => ({
      status: 404,
      contentType,
      body: htmlPage(404, "Not Found", "The requested URL was not found on this server."),
      outcome: "404 unknown path",
    }),
    methodNotAllowed: (request, _route, allow) => ({
      status: 405,
      contentType,
      body: htmlPage(405, "Method Not Allowed", `The method ${request.method.slice(0, 20)} is not allowed.`),
      headers: { allow: allow.join(", ") },
      outcome: "405 method not allowed",
    }),
  };
}
