/**
 * Which of our operations a request is, the way each vendor tells them apart: the SOAPAction header for the
 * SOAP vendors, the path for Moka. The table is the types packages' descriptors, so an operation added to a
 * contract is replayable with no change here.
 */
import { operations as easysecure } from "@integrations/easysecure-types";
import { operations as eduix } from "@integrations/eduix-types";
import { operations as moka } from "@integrations/moka-types";
import type { OperationDescriptor } from "@integrations/runtime";

export type ReplayVendor = "easysecure" | "eduix" | "moka";

export interface KnownOperation {
  readonly vendor: ReplayVendor;
  readonly descriptor: OperationDescriptor;
  /** The request's wire format. */
  readonly format: "json" | "xml";
}

const ALL: readonly KnownOperation[] = [
  ...Object.values(moka).map((descriptor) => ({
    vendor: "moka" as const,
    descriptor,
    format: "json" as const,
  })),
  ...Object.values(easysecure).map((descriptor) => ({
    vendor: "easysecure" as const,
    descriptor,
    format: "xml" as const,
  })),
  ...Object.values(eduix).map((descriptor) => ({
    vendor: "eduix" as const,
    descriptor,
    format: "xml" as const,
  })),
];

function bindingField(op: KnownOperation, field: "soapAction" | "path"): string | undefined {
  const value = (op.descriptor.binding as unknown as Record<string, unknown>)[field];
  return typeof value === "string" ? value : undefined;
}

/** The operation of a request, or undefined when it is none of ours. */
export function operationOf(
  path: string,
  headers: Readonly<Record<string, string>>,
): KnownOperation | undefined {
  let soapAction: string | undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === "soapaction") soapAction = value.replace(/^"|"$/g, "");
  }
  const pathname = path.split("?")[0] ?? "";
  if (soapAction !== undefined) return ALL.find((op) => bindingField(op, "soapAction") === soapAction);
  return ALL.find((op) => {
    const own = bindingField(op, "path");
    return own !== undefined && (pathname === own || pathname.endsWith(own));
  });
}

/** An operation by its vendor and contract name (the recording folder's name). */
export function operationNamed(vendor: string, operationId: string): KnownOperation | undefined {
  return ALL.find((op) => op.vendor === vendor && op.descriptor.operationId === operationId);
}

export const VENDORS: readonly ReplayVendor[] = ["easysecure", "eduix", "moka"];
