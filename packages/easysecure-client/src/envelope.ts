/**
 * The request envelope. ESWS is very likely NuSOAP, which binds rpc parameters BY POSITION and ignores their
 * names, while PHP's SoapServer in WSDL mode binds BY NAME (contracts/easysecure/README.md, "Server"). So every
 * part is sent, in the descriptor's (WSDL) order, under the descriptor's part name, and an absent optional
 * part is sent as `""` — the vendor's general rule ("always send every parameter … with "" for optional
 * ones"). A left-out part would shift every later value by one on a NuSOAP server.
 */
import { type RpcValue, writeRpcEncodedEnvelope } from "@integrations/runtime";
import type { OperationDescriptor } from "./operation.js";

/**
 * The complete SOAP 1.1 rpc/encoded envelope for `params` (already validated wire parameters).
 * @throws ValidationError for strings XML 1.0 cannot carry (found by the runtime writer).
 */
export function buildRequestEnvelope(
  descriptor: OperationDescriptor,
  params: Readonly<Record<string, unknown>>,
): string {
  return writeRpcEncodedEnvelope({
    namespace: descriptor.binding.namespace,
    operation: descriptor.wireName,
    parts: descriptor.binding.parts.map((part) => ({
      name: part.name,
      xsiType: part.xsiType,
      value: (params[part.name] ?? "") as RpcValue,
    })),
  });
}
