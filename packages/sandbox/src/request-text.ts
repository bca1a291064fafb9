/** Decodes a request body: the charset of the Content-Type, else the XML declaration's encoding, else UTF-8. */
export function decodeBody(body: Buffer, contentType: string | undefined): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? "")?.[1]?.toLowerCase();
  let latin1 = charset === "iso-8859-1" || charset === "latin1" || charset === "us-ascii";
  if (charset === undefined) {
    const head = body.subarray(0, 200).toString("latin1");
    const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1]?.toLowerCase();
    latin1 = declared === "iso-8859-1" || declared === "latin1";
  }
  return body.toString(latin1 ? "latin1" : "utf8");
}
