/**
 * The client methods of a contract, as a generated interface: one method per operation, named by its
 * operationId in camelCase, with the summary as its doc comment. The per-call options type is a parameter, so
 * that the types package needs nothing from the runtime. A new operation in the contract gets its typed method
 * from `pnpm codegen` alone.
 */
import { methodName } from "@integrations/runtime";
import { jsDocText } from "./js-doc.js";

// The client builds its methods with the same function, so a generated method and the real one cannot differ.
export { methodName };

export interface ClientMethod {
  readonly name: string;
  readonly summary: string | undefined;
  /** The TypeScript type of the input, or undefined when the method takes none (only options). */
  readonly input: string | undefined;
  /** The TypeScript type the method resolves to. */
  readonly output: string;
}

export function clientMethodsInterface(name: string, doc: string, methods: readonly ClientMethod[]): string {
  let out = `/** ${doc} \`O\` is the client's per-call options type. */\n`;
  out += `export interface ${name}<O> {\n`;
  for (const m of methods) {
    if (m.summary) out += `  /** ${jsDocText(m.summary)} */\n`;
    const params = m.input === undefined ? "options?: O" : `input: ${m.input}, options?: O`;
    out += `  ${m.name}(${params}): Promise<${m.output}>;\n`;
  }
  out += "}\n";
  return out;
}
