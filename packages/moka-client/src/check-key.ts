import { createHash } from "node:crypto";

/**
 * The Moka `CheckKey`: the lowercase hex SHA-256 of the UTF-8 bytes of
 * `DealerCode + "MK" + Username + "PD" + Password` (vendor docs, "CheckKey"; hex, not Base64: contracts/moka/README.md).
 */
export function computeCheckKey(dealerCode: string, username: string, password: string): string {
  return createHash("sha256").update(`${dealerCode}MK${username}PD${password}`, "utf8").digest("hex");
}
