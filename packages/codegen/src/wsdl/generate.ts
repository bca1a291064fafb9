/**
 * WSDL 1.1 → a types package: `generateFromWsdl` reads the contract, picks the generator by the binding's
 * style (rpc/encoded or document/literal) and writes `src/generated/` with messages.ts (precise types checked
 * against wsdl-tsclient), schemas.ts, result-codes.ts, descriptors.ts and wsdl-tsclient/ (its raw definitions,
 * internal).
 */
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { REPO_ROOT, writeGeneratedFolder } from "../emit.js";
import { validatorsModule } from "../validators/index.js";
import { type EndpointOptions, generateDocumentLiteral } from "./document-literal.js";
import { generateRpcEncoded } from "./rpc-encoded.js";
import { readWsdlContract, serviceView } from "./service-view.js";
import { runWsdlTsclient } from "./wsdl-tsclient.js";

export interface WsdlCodegenOptions {
  /** Contract path, relative to the repository root or absolute. */
  readonly contract: string;
  /** Output folder, relative to the repository root or absolute (replaced as a whole). */
  readonly outDir: string;
  /** Base of the `$id` of every emitted JSON Schema. */
  readonly schemaIdBase: string;
  /** Vendor name in vendor-wide type names: `EasySecureErrorCode` (rpc), `EduixFaultCode` (document). */
  readonly vendorPrefix: string;
  /** The vendor's registry id, written into every descriptor. */
  readonly vendor: string;
  /** document/literal only: the environments of `endpoints`. Default: `{ address: "production" }`. */
  readonly endpoints?: EndpointOptions;
}

export async function generateFromWsdl(options: WsdlCodegenOptions): Promise<void> {
  const contractPath = resolve(REPO_ROOT, options.contract);
  const source = relative(REPO_ROOT, contractPath);
  const wsdlText = readFileSync(contractPath, "utf8");
  const model = readWsdlContract(wsdlText, source);
  const view = serviceView(model);
  const raw = await runWsdlTsclient(contractPath);

  const styles = new Set(view.operations.map((o) => `${o.style}/${o.input.body.use}`));
  if (styles.size !== 1) throw new Error(`${source}: mixed binding styles ${[...styles].join(", ")}`);
  const style = [...styles][0];
  let files: Record<string, string>;
  if (style === "rpc/encoded") {
    files = generateRpcEncoded(model, view, raw, options);
  } else if (style === "document/literal") {
    files = generateDocumentLiteral(model, view, raw, {
      ...options,
      endpoints: options.endpoints ?? { address: "production" },
    });
  } else {
    throw new Error(`${source}: binding style ${style} is not supported (rpc/encoded, document/literal are)`);
  }
  files["validators.ts"] = validatorsModule(files["schemas.ts"] ?? "");
  for (const [name, text] of raw.files) files[`wsdl-tsclient/${name}`] = text;
  // The contract itself, for servers that must publish it at `?wsdl` (the sandbox) without reading the monorepo.
  files["contract.ts"] =
    `/** The contract WSDL (${source}), verbatim. */\nexport const contractWsdl: string = ${JSON.stringify(wsdlText)};\n`;
  writeGeneratedFolder(resolve(REPO_ROOT, options.outDir), source, files);
}
