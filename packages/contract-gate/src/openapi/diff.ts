/**
 * Breaking-change detection between two versions of an OpenAPI 3.x contract: the document walker.
 *
 * - Operations are matched by method + path; operationId, parameters, request body, responses, security,
 *   servers and the contract extensions (x-result-codes, x-idempotent) are compared.
 * - Schemas are compared structurally (schema-diff.ts). A named component schema is compared once, under the
 *   rules of the directions it is used in (request, response or both); an operation only descends into
 *   inline or re-pointed schemas.
 * - Documentation (description, summary, title, examples, x-quirk, ...) changes are reported as non-breaking.
 * - The classification of each kind of change is the gate's policy (diff/policy.ts).
 */
import { loadOpenApi, type OpenApiModel, type OpenApiOperation } from "@integrations/contract-model";
import { type Change, ChangeLog, show } from "../diff/change.js";
import { BOTH } from "../diff/policy.js";
import { compareResultCodes } from "../diff/result-codes.js";
import { Usage } from "../diff/usage.js";
import { docChanges, equal, isObj, type Obj, referencedSchemas } from "./json.js";
import { OperationIoDiff } from "./operation-io-diff.js";
import { JsonSchemaDiff } from "./schema-diff.js";

/** Compares two OpenAPI texts (YAML or JSON); the changes, classified. */
export function diffOpenApi(oldText: string, newText: string): Change[] {
  return new OpenApiDiff(loadOpenApi(oldText), loadOpenApi(newText)).run();
}

const TOP_LEVEL = new Set(["openapi", "info", "servers", "security", "tags", "paths", "components"]);
const OPERATION_KEYS = new Set([
  ...["operationId", "summary", "description", "tags", "externalDocs", "deprecated", "security", "servers"],
  ...["parameters", "requestBody", "responses"],
]);

/** The component schemas each operation's requests and responses use, transitively. */
function markUsage(usage: Usage, model: OpenApiModel): void {
  const doc = model.document;
  const components = isObj(doc.components) && isObj(doc.components.schemas) ? doc.components.schemas : {};
  const roots: [string, "request" | "response"][] = [];
  for (const op of model.operations) {
    for (const name of referencedSchemas(doc, [op.parameters, op.source.requestBody]))
      roots.push([name, "request"]);
    for (const name of referencedSchemas(doc, op.source.responses)) roots.push([name, "response"]);
  }
  usage.mark(roots, (name) => referencedSchemas(doc, components[name]));
}

export class OpenApiDiff {
  private readonly log = new ChangeLog();
  private readonly usage = new Usage();
  private readonly schemas: JsonSchemaDiff;
  private readonly io: OperationIoDiff;
  private readonly a: Obj;
  private readonly b: Obj;

  constructor(
    private readonly modelA: OpenApiModel,
    private readonly modelB: OpenApiModel,
  ) {
    this.a = modelA.document;
    this.b = modelB.document;
    this.schemas = new JsonSchemaDiff(this.log, modelA, modelB, this.usage);
    this.io = new OperationIoDiff(this.log, modelA, modelB, this.schemas);
  }

  run(): Change[] {
    markUsage(this.usage, this.modelA);
    markUsage(this.usage, this.modelB);
    this.compareTop();
    this.compareOperations();
    this.schemas.compareComponents();
    return this.log.changes;
  }

  private compareTop(): void {
    const { a, b, log } = this;
    if (a.openapi !== b.openapi) {
      log.record(
        "openapi-version-changed",
        "openapi",
        BOTH,
        `openapi ${show(a.openapi)} → ${show(b.openapi)}`,
      );
    }
    const ia = isObj(a.info) ? a.info : {};
    const ib = isObj(b.info) ? b.info : {};
    if (ia.version !== ib.version) {
      log.record(
        "info-version-changed",
        "info › version",
        BOTH,
        `version ${show(ia.version)} → ${show(ib.version)}`,
      );
    }
    docChanges(log, "info", ia, ib, [
      "title",
      "summary",
      "description",
      "license",
      "contact",
      "termsOfService",
    ]);
    this.compareServers("servers", a.servers, b.servers);
    if (!equal(a.security, b.security)) {
      log.record(
        "security-changed",
        "security",
        BOTH,
        `security ${show(a.security)} → ${show(b.security)}: what a request must carry to be authorised changes`,
      );
    }
    if (!equal(a.tags, b.tags)) {
      log.record("description-changed", "tags", BOTH, "tags changed: grouping and documentation only");
    }
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (TOP_LEVEL.has(k) || k === "externalDocs" || k === "jsonSchemaDialect" || equal(a[k], b[k]))
        continue;
      if (k.startsWith("x-")) log.record("extension-changed", k, BOTH, `extension ${k} changed`);
      else
        log.record(
          "keyword-changed",
          k,
          BOTH,
          `top-level ${k} changed; not analysed, so treated as breaking`,
        );
    }
    if (!equal(a.externalDocs, b.externalDocs)) {
      log.record("description-changed", "externalDocs", BOTH, "externalDocs changed");
    }
  }

  private compareServers(loc: string, a: unknown, b: unknown): void {
    const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
    const sa = list(a);
    const sb = list(b);
    for (const s of sa) {
      const other = sb.find((x) => x.url === s.url);
      const at = `${loc} › ${String(s.url)}`;
      if (!other) {
        this.log.record(
          "server-removed",
          at,
          BOTH,
          `server ${show(s.url)} was removed: clients configured with it break`,
        );
        continue;
      }
      if (!equal(s.variables, other.variables))
        this.log.record("server-changed", at, BOTH, "server variables changed");
      if (s["x-environment"] !== other["x-environment"]) {
        this.log.record(
          "server-environment-changed",
          `${at} › x-environment`,
          BOTH,
          `x-environment ${show(s["x-environment"])} → ${show(other["x-environment"])}: it names the server in the generated servers map, so clients selecting it by the old name break`,
        );
      }
      const { "x-environment": _a, ...docA } = s;
      const { "x-environment": _b, ...docB } = other;
      docChanges(this.log, at, docA, docB);
    }
    for (const s of sb) {
      if (!sa.some((x) => x.url === s.url)) {
        this.log.record("server-added", `${loc} › ${String(s.url)}`, BOTH, `server ${show(s.url)} was added`);
      }
    }
  }

  private compareOperations(): void {
    const ob = new Map(this.modelB.operations.map((o) => [o.key, o]));
    const pathsB = new Set(this.modelB.paths);
    for (const path of this.modelA.paths) {
      if (!pathsB.has(path)) {
        this.log.record(
          "path-removed",
          path,
          BOTH,
          `path ${path} was removed with all its operations: callers of them break`,
        );
      }
    }
    for (const opA of this.modelA.operations) {
      const opB = ob.get(opA.key);
      if (opB) this.compareOperation(opA.key, opA, opB);
      else if (pathsB.has(opA.path)) {
        this.log.record("operation-removed", opA.key, BOTH, "the operation was removed: callers of it break");
      }
    }
    const keysA = new Set(this.modelA.operations.map((o) => o.key));
    for (const opB of this.modelB.operations) {
      if (!keysA.has(opB.key)) {
        this.log.record("operation-added", opB.key, BOTH, "a new operation; existing calls are unaffected");
      }
    }
  }

  private compareOperation(loc: string, A: OpenApiOperation, B: OpenApiOperation): void {
    const a = A.source;
    const b = B.source;
    const { log } = this;
    if (a.operationId !== b.operationId) {
      log.record(
        "operation-renamed",
        `${loc} › operationId`,
        BOTH,
        `operationId ${show(a.operationId)} → ${show(b.operationId)}: generated method and type names change`,
      );
    }
    docChanges(log, loc, a, b, ["summary", "description", "tags", "externalDocs", "x-quirk"]);
    if (a.deprecated !== b.deprecated) {
      log.record("deprecated-changed", loc, BOTH, `deprecated ${show(a.deprecated)} → ${show(b.deprecated)}`);
    }
    if (a["x-idempotent"] !== b["x-idempotent"]) {
      log.record(
        "idempotency-changed",
        `${loc} › x-idempotent`,
        BOTH,
        `x-idempotent ${show(a["x-idempotent"])} → ${show(b["x-idempotent"])}: automatic retry behaviour changes, the types do not`,
      );
    }
    if (!equal(a.security, b.security)) {
      log.record(
        "security-changed",
        `${loc} › security`,
        BOTH,
        `security ${show(a.security)} → ${show(b.security)}`,
      );
    }
    if (a.servers !== undefined || b.servers !== undefined)
      this.compareServers(`${loc} › servers`, a.servers, b.servers);
    this.compareResultCodes(`${loc} › x-result-codes`, A, B);
    this.io.compareParameters(loc, A.parameters, B.parameters);
    this.io.compareRequestBody(`${loc} › request body`, A.requestBody, B.requestBody);
    this.io.compareResponses(`${loc} › responses`, a.responses, b.responses);
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (OPERATION_KEYS.has(k) || k.startsWith("x-") || equal(a[k], b[k])) continue;
      log.record(
        "keyword-changed",
        `${loc} › ${k}`,
        BOTH,
        `${k} changed; not analysed, so treated as breaking`,
      );
    }
  }

  /** `x-result-codes`: the shared rules (diff/result-codes.ts); any other key of an entry is not analysed. */
  private compareResultCodes(loc: string, A: OpenApiOperation, B: OpenApiOperation): void {
    const entries = (op: OpenApiOperation) =>
      (op.resultCodes ?? []).map((c) => ({
        code: c.code,
        retryable: c.source.retryable,
        meaning: String(c.source.meaning ?? ""),
        source: c.source,
      }));
    compareResultCodes(this.log, entries(A), entries(B), {
      at: (code) => `${loc} › ${code}`,
      compareRest: (at, x, y) => {
        for (const k of new Set([...Object.keys(x.source), ...Object.keys(y.source)])) {
          if (k === "code" || k === "retryable" || k === "meaning" || equal(x.source[k], y.source[k]))
            continue;
          // Where a code comes from (contracts/README.md): documentation, like its meaning.
          if (k === "source" || k === "citation") {
            this.log.record(
              "description-changed",
              `${at} › ${k}`,
              BOTH,
              `the code's ${k} changed: documentation only`,
            );
            continue;
          }
          this.log.record(
            "result-code-changed",
            `${at} › ${k}`,
            BOTH,
            `${k} ${show(x.source[k])} → ${show(y.source[k])}; not analysed, so treated as breaking`,
          );
        }
      },
    });
  }
}
