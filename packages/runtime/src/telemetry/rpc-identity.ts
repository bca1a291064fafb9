/**
 * The RPC attributes of an operation, read from its descriptor (the contract's data): the system from the
 * binding's kind, the method from the wire name, the service from the binding (the SOAP namespace before the
 * `#` of the SOAPAction, or the first segment of a JSON operation's path). The same for every call: computed
 * once per descriptor.
 */
import type { OperationDescriptor } from "../operation.js";
import { INTEGRATIONS_VENDOR, RPC_METHOD, RPC_SERVICE, RPC_SYSTEM, RPC_SYSTEM_NAME } from "./semconv.js";

export type RpcAttributes = Readonly<Record<string, string>>;

const cache = new WeakMap<OperationDescriptor, RpcAttributes>();

export function rpcAttributes(op: OperationDescriptor): RpcAttributes {
  let attributes = cache.get(op);
  if (attributes === undefined) {
    const binding = (op.binding ?? {}) as { kind?: unknown; soapAction?: unknown; path?: unknown };
    const kind = typeof binding.kind === "string" ? binding.kind : "";
    const system = kind.startsWith("soap") ? "soap" : "http_json";
    const out: Record<string, string> = {
      [RPC_SYSTEM_NAME]: system,
      [RPC_SYSTEM]: system,
      [RPC_METHOD]: op.wireName,
      [INTEGRATIONS_VENDOR]: op.vendor,
    };
    const service = serviceOf(binding.soapAction, binding.path);
    if (service !== undefined) out[RPC_SERVICE] = service;
    attributes = Object.freeze(out);
    cache.set(op, attributes);
  }
  return attributes;
}

function serviceOf(soapAction: unknown, path: unknown): string | undefined {
  if (typeof soapAction === "string" && soapAction.includes("#")) {
    return soapAction.slice(0, soapAction.indexOf("#"));
  }
  if (typeof path === "string") {
    const segment = path.split("/").find((s) => s !== "");
    if (segment !== undefined) return segment;
  }
  return undefined;
}
