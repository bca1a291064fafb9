/**
 * Breaking-change detection between two versions of an OpenAPI 3.x contract.
 *
 * - Operations are matched by method + path; operationId, parameters, request body, responses, security and
 *   the contract extensions (x-result-codes, x-idempotent) are compared.
 * - Schemas are compared structurally. A named component schema is compared once, under the rules of the
 *   directions it is used in (request, response or both); an operation only descends into inline or
 *   re-pointed schemas.
 * - Documentation (description, summary, title, examples, x-quirk, ...) changes are reported as non-breaking.
 */
import { jsonPointer, loadOpenApi, type OpenApiModel } from "@integrations/contract-model";
import {
  BOTH,
  BREAKING_IN_REQUEST,
  BREAKING_IN_RESPONSE,
  type Change,
  ChangeLog,
  type Direction,
  type Directions,
  NON_BREAKING,
  normalizeText,
  REQUEST,
  RESPONSE,
  show,
} from "../diff/change.js";
import { compareFacets, type FacetSet } from "../diff/facets.js";

type Json = unknown;
type Obj = Record<string, unknown>;

const SCHEMA_PREFIX = "#/components/schemas/";

/** Keys that only document: a change to them is a description change. */
const DOC_KEYS = new Set([
  "description",
  "summary",
  "title",
  "examples",
  "example",
  "$comment",
  "externalDocs",
]);

const LIMIT_KEYS = [
  "maxLength",
  "minLength",
  "maximum",
  "minimum",
  "exclusiveMaximum",
  "exclusiveMinimum",
  "maxItems",
  "minItems",
  "maxProperties",
  "minProperties",
  "multipleOf",
] as const;

/** Schema keywords this module understands (anything else that changes is treated as breaking). */
const SCHEMA_KEYS = new Set<string>([
  ...LIMIT_KEYS,
  "$ref",
  "type",
  "enum",
  "const",
  "format",
  "pattern",
  "uniqueItems",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "prefixItems",
  "anyOf",
  "oneOf",
  "allOf",
  "not",
  "default",
  "deprecated",
  "nullable",
  "readOnly",
  "writeOnly",
  "discriminator",
]);

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function equal(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}

/** JSON with sorted keys, for structural equality. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  if (isObj(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(v[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "undefined";
}

const pointer = (doc: Json, ref: string): Json => jsonPointer(doc, ref);

function schemaName(ref: unknown): string | undefined {
  return typeof ref === "string" && ref.startsWith(SCHEMA_PREFIX)
    ? decodeURIComponent(ref.slice(SCHEMA_PREFIX.length))
    : undefined;
}

interface Operation {
  readonly key: string;
  readonly op: Obj;
  readonly parameters: Obj[];
}

/** Compares two OpenAPI texts (YAML or JSON); the changes, classified. */
export function diffOpenApi(oldText: string, newText: string): Change[] {
  return new OpenApiDiff(loadOpenApi(oldText), loadOpenApi(newText)).run();
}

export class OpenApiDiff {
  private readonly log = new ChangeLog();
  private usage = new Map<string, Set<Direction>>();
  private readonly seen = new Set<string>();
  private readonly a: Obj;
  private readonly b: Obj;

  constructor(
    private readonly modelA: OpenApiModel,
    private readonly modelB: OpenApiModel,
  ) {
    this.a = modelA.document;
    this.b = modelB.document;
  }

  run(): Change[] {
    this.usage = new Map();
    this.markUsage(this.modelA);
    this.markUsage(this.modelB);
    this.compareTop();
    this.compareOperations();
    this.compareComponents();
    return this.log.changes;
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private deref(doc: Obj, v: unknown, depth = 0): unknown {
    if (isObj(v) && typeof v.$ref === "string" && depth < 20)
      return this.deref(doc, pointer(doc, v.$ref), depth + 1);
    return v;
  }

  private docChanges(loc: string, a: Obj, b: Obj, keys?: readonly string[]): void {
    const changed = [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((k) => (keys ? keys.includes(k) : DOC_KEYS.has(k) || k.startsWith("x-")))
      .filter((k) =>
        typeof a[k] === "string" || typeof b[k] === "string"
          ? normalizeText(String(a[k] ?? "")) !== normalizeText(String(b[k] ?? ""))
          : !equal(a[k], b[k]),
      )
      .sort();
    if (changed.length > 0) {
      this.log.nonBreaking(
        "description-changed",
        loc,
        `${changed.join(", ")} changed: documentation only, nothing on the wire changes`,
      );
    }
  }

  // ------------------------------------------------------------------------------------------------ usage

  private markUsage(model: OpenApiModel): void {
    const doc = model.document;
    const visit = (node: unknown, dir: Direction, done: Set<string>): void => {
      if (Array.isArray(node)) {
        for (const n of node) visit(n, dir, done);
        return;
      }
      if (!isObj(node)) return;
      if (typeof node.$ref === "string") {
        const name = schemaName(node.$ref);
        const key = `${dir} ${node.$ref}`;
        if (name !== undefined) {
          const set = this.usage.get(name) ?? new Set<Direction>();
          set.add(dir);
          this.usage.set(name, set);
        }
        if (!done.has(key)) {
          done.add(key);
          visit(pointer(doc, node.$ref), dir, done);
        }
      }
      for (const [k, v] of Object.entries(node)) if (k !== "$ref" && !k.startsWith("x-")) visit(v, dir, done);
    };
    for (const { source: op, parameters } of model.operations) {
      const done = new Set<string>();
      visit(parameters, "request", done);
      visit(op.requestBody, "request", done);
      visit(op.responses, "response", new Set());
    }
  }

  private dirsOf(name: string): Directions {
    const set = this.usage.get(name);
    return set && set.size > 0 ? set : BOTH;
  }

  // ------------------------------------------------------------------------------------------------ top level

  private compareTop(): void {
    const { a, b } = this;
    if (a.openapi !== b.openapi)
      this.log.nonBreaking(
        "openapi-version-changed",
        "openapi",
        `openapi ${show(a.openapi)} → ${show(b.openapi)}`,
      );
    const ia = isObj(a.info) ? a.info : {};
    const ib = isObj(b.info) ? b.info : {};
    if (ia.version !== ib.version)
      this.log.nonBreaking(
        "info-version-changed",
        "info › version",
        `version ${show(ia.version)} → ${show(ib.version)}`,
      );
    this.docChanges("info", ia, ib, [
      "title",
      "summary",
      "description",
      "license",
      "contact",
      "termsOfService",
    ]);
    this.compareServers("servers", a.servers, b.servers);
    if (!equal(a.security, b.security)) {
      this.log.breaking(
        "security-changed",
        "security",
        `security ${show(a.security)} → ${show(b.security)}: what a request must carry to be authorised changes`,
      );
    }
    if (!equal(a.tags, b.tags))
      this.log.nonBreaking("description-changed", "tags", "tags changed: grouping and documentation only");
    const known = new Set([
      "openapi",
      "info",
      "servers",
      "security",
      "tags",
      "paths",
      "components",
      "externalDocs",
      "jsonSchemaDialect",
    ]);
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (known.has(k) || equal(a[k], b[k])) continue;
      if (k.startsWith("x-")) this.log.nonBreaking("extension-changed", k, `extension ${k} changed`);
      else
        this.log.breaking(
          "keyword-changed",
          k,
          `top-level ${k} changed; not analysed, so treated as breaking`,
        );
    }
    if (!equal(a.externalDocs, b.externalDocs))
      this.log.nonBreaking("description-changed", "externalDocs", "externalDocs changed");
  }

  private compareServers(loc: string, a: unknown, b: unknown): void {
    const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
    const sa = list(a);
    const sb = list(b);
    for (const s of sa) {
      const other = sb.find((x) => x.url === s.url);
      const at = `${loc} › ${String(s.url)}`;
      if (!other) {
        this.log.breaking(
          "server-removed",
          at,
          `server ${show(s.url)} was removed: clients configured with it break`,
        );
        continue;
      }
      if (!equal(s.variables, other.variables))
        this.log.breaking("server-changed", at, "server variables changed");
      if (s["x-environment"] !== other["x-environment"]) {
        this.log.breaking(
          "server-environment-changed",
          `${at} › x-environment`,
          `x-environment ${show(s["x-environment"])} → ${show(other["x-environment"])}: it names the server in the generated servers map, so clients selecting it by the old name break`,
        );
      }
      const { "x-environment": _a, ...docA } = s;
      const { "x-environment": _b, ...docB } = other;
      this.docChanges(at, docA, docB);
    }
    for (const s of sb) {
      if (!sa.some((x) => x.url === s.url))
        this.log.nonBreaking("server-added", `${loc} › ${String(s.url)}`, `server ${show(s.url)} was added`);
    }
  }

  // ------------------------------------------------------------------------------------------------ operations

  private operations(model: OpenApiModel): Map<string, Operation> {
    return new Map(
      model.operations.map((o) => [o.key, { key: o.key, op: o.source, parameters: [...o.parameters] }]),
    );
  }

  private compareOperations(): void {
    const oa = this.operations(this.modelA);
    const ob = this.operations(this.modelB);
    const pathsB = isObj(this.b.paths) ? this.b.paths : {};
    const pathsA = isObj(this.a.paths) ? this.a.paths : {};
    for (const path of Object.keys(pathsA)) {
      if (!(path in pathsB))
        this.log.breaking(
          "path-removed",
          path,
          `path ${path} was removed with all its operations: callers of them break`,
        );
    }
    for (const [key, opA] of oa) {
      const opB = ob.get(key);
      const path = key.slice(key.indexOf(" ") + 1);
      if (!opB) {
        if (path in pathsB)
          this.log.breaking("operation-removed", key, "the operation was removed: callers of it break");
        continue;
      }
      this.compareOperation(key, opA, opB);
    }
    for (const key of ob.keys()) {
      if (!oa.has(key))
        this.log.nonBreaking("operation-added", key, "a new operation; existing calls are unaffected");
    }
  }

  private compareOperation(loc: string, A: Operation, B: Operation): void {
    const a = A.op;
    const b = B.op;
    if (a.operationId !== b.operationId) {
      this.log.breaking(
        "operation-renamed",
        `${loc} › operationId`,
        `operationId ${show(a.operationId)} → ${show(b.operationId)}: generated method and type names change`,
      );
    }
    this.docChanges(loc, a, b, ["summary", "description", "tags", "externalDocs", "x-quirk"]);
    if (a.deprecated !== b.deprecated)
      this.log.nonBreaking(
        "deprecated-changed",
        loc,
        `deprecated ${show(a.deprecated)} → ${show(b.deprecated)}`,
      );
    if (a["x-idempotent"] !== b["x-idempotent"]) {
      this.log.nonBreaking(
        "idempotency-changed",
        `${loc} › x-idempotent`,
        `x-idempotent ${show(a["x-idempotent"])} → ${show(b["x-idempotent"])}: automatic retry behaviour changes, the types do not`,
      );
    }
    if (!equal(a.security, b.security)) {
      this.log.breaking(
        "security-changed",
        `${loc} › security`,
        `security ${show(a.security)} → ${show(b.security)}`,
      );
    }
    if (a.servers !== undefined || b.servers !== undefined)
      this.compareServers(`${loc} › servers`, a.servers, b.servers);
    this.compareResultCodes(`${loc} › x-result-codes`, a["x-result-codes"], b["x-result-codes"]);
    this.compareParameters(loc, A.parameters, B.parameters);
    this.compareRequestBody(
      `${loc} › request body`,
      this.deref(this.a, a.requestBody),
      this.deref(this.b, b.requestBody),
    );
    this.compareResponses(`${loc} › responses`, a.responses, b.responses);
    const known = new Set([
      "operationId",
      "summary",
      "description",
      "tags",
      "externalDocs",
      "deprecated",
      "security",
      "servers",
      "parameters",
      "requestBody",
      "responses",
    ]);
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (known.has(k) || k.startsWith("x-") || equal(a[k], b[k])) continue;
      this.log.breaking(
        "keyword-changed",
        `${loc} › ${k}`,
        `${k} changed; not analysed, so treated as breaking`,
      );
    }
  }

  private compareResultCodes(loc: string, a: unknown, b: unknown): void {
    const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
    const ca = list(a);
    const cb = list(b);
    for (const x of ca) {
      const y = cb.find((c) => c.code === x.code);
      const at = `${loc} › ${String(x.code)}`;
      if (!y) {
        this.log.breaking(
          "result-code-removed",
          at,
          `code ${show(x.code)} was removed: typed unions, catalogs and callers matching on it break`,
        );
        continue;
      }
      if (x.retryable !== y.retryable) {
        this.log.nonBreaking(
          "result-code-retryable-changed",
          at,
          `retryable ${show(x.retryable)} → ${show(y.retryable)}: retry behaviour changes, the types do not`,
        );
      }
      if (normalizeText(String(x.meaning ?? "")) !== normalizeText(String(y.meaning ?? ""))) {
        this.log.nonBreaking("description-changed", at, "the code's meaning text changed");
      }
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
        if (k === "code" || k === "retryable" || k === "meaning" || equal(x[k], y[k])) continue;
        this.log.breaking(
          "result-code-changed",
          `${at} › ${k}`,
          `${k} ${show(x[k])} → ${show(y[k])}; not analysed, so treated as breaking`,
        );
      }
    }
    for (const y of cb) {
      if (!ca.some((c) => c.code === y.code)) {
        this.log.nonBreaking(
          "result-code-added",
          `${loc} › ${String(y.code)}`,
          `code ${show(y.code)} was added (clients already tolerate unlisted codes)`,
        );
      }
    }
  }

  private compareParameters(loc: string, a: Obj[], b: Obj[]): void {
    const id = (p: Obj): string => `${String(p.in)} ${String(p.name)}`;
    for (const pa of a) {
      const pb = b.find((p) => id(p) === id(pa));
      const at = `${loc} › parameter ${id(pa)}`;
      if (!pb) {
        this.log.breaking("parameter-removed", at, "the parameter was removed: callers that send it break");
        continue;
      }
      if (pa.required !== true && pb.required === true)
        this.log.breaking("parameter-became-required", at, "the parameter is now required");
      if (pa.required === true && pb.required !== true)
        this.log.nonBreaking("parameter-became-optional", at, "the parameter is now optional");
      for (const k of ["style", "explode", "allowReserved", "allowEmptyValue"]) {
        if (!equal(pa[k], pb[k]))
          this.log.breaking(
            "parameter-serialization-changed",
            `${at} › ${k}`,
            `${k} ${show(pa[k])} → ${show(pb[k])}: the value is written differently`,
          );
      }
      this.docChanges(at, pa, pb);
      this.schema(pa.schema ?? {}, pb.schema ?? {}, `${at} › schema`, REQUEST);
    }
    for (const pb of b) {
      if (a.some((p) => id(p) === id(pb))) continue;
      const at = `${loc} › parameter ${id(pb)}`;
      if (pb.required === true)
        this.log.breaking(
          "parameter-added-required",
          at,
          "a new required parameter: calls without it are rejected",
        );
      else this.log.nonBreaking("parameter-added-optional", at, "a new optional parameter");
    }
  }

  private content(v: unknown): Obj {
    return isObj(v) && isObj(v.content) ? v.content : {};
  }

  private compareRequestBody(loc: string, a: unknown, b: unknown): void {
    if (a === undefined && b === undefined) return;
    if (!isObj(a)) {
      if (isObj(b) && b.required === true)
        this.log.breaking("request-body-added", loc, "a required request body was added");
      else this.log.nonBreaking("request-body-added", loc, "an optional request body was added");
      return;
    }
    if (!isObj(b)) {
      this.log.breaking("request-body-removed", loc, "the request body was removed");
      return;
    }
    if (a.required !== true && b.required === true)
      this.log.breaking("request-body-became-required", loc, "the request body is now required");
    if (a.required === true && b.required !== true)
      this.log.nonBreaking("request-body-became-optional", loc, "the request body is now optional");
    this.docChanges(loc, a, b);
    this.compareContent(loc, this.content(a), this.content(b), REQUEST);
  }

  private compareContent(loc: string, a: Obj, b: Obj, dirs: Directions): void {
    for (const [mt, ma] of Object.entries(a)) {
      const mb = b[mt];
      const at = `${loc} (${mt})`;
      if (!isObj(mb)) {
        this.log.breaking("media-type-removed", at, `media type ${mt} was removed`);
        continue;
      }
      if (!isObj(ma)) continue;
      this.docChanges(at, ma, mb, ["examples", "example"]);
      this.schema(ma.schema ?? {}, mb.schema ?? {}, at, dirs);
    }
    for (const mt of Object.keys(b)) {
      if (!(mt in a))
        this.log.nonBreaking("media-type-added", `${loc} (${mt})`, `media type ${mt} was added`);
    }
  }

  private compareResponses(loc: string, a: unknown, b: unknown): void {
    const ra = isObj(a) ? a : {};
    const rb = isObj(b) ? b : {};
    for (const [status, va] of Object.entries(ra)) {
      const at = `${loc} › ${status}`;
      if (!(status in rb)) {
        const success = status.startsWith("2") || status === "default";
        this.log.add(
          "response-removed",
          at,
          success ? "breaking" : "non-breaking",
          RESPONSE,
          success
            ? `response ${status} was removed: clients expecting it break`
            : `response ${status} is no longer documented`,
        );
        continue;
      }
      const x = this.deref(this.a, va);
      const y = this.deref(this.b, rb[status]);
      if (!isObj(x) || !isObj(y)) continue;
      this.docChanges(at, x, y);
      if (!equal(x.headers, y.headers))
        this.log.nonBreaking("response-headers-changed", `${at} › headers`, "response headers changed");
      this.compareContent(at, this.content(x), this.content(y), RESPONSE);
    }
    for (const status of Object.keys(rb)) {
      if (!(status in ra))
        this.log.nonBreaking("response-added", `${loc} › ${status}`, `response ${status} is now documented`);
    }
  }

  // ------------------------------------------------------------------------------------------------ components

  private compareComponents(): void {
    const ca = isObj(this.a.components) ? this.a.components : {};
    const cb = isObj(this.b.components) ? this.b.components : {};
    const sa = isObj(ca.schemas) ? ca.schemas : {};
    const sb = isObj(cb.schemas) ? cb.schemas : {};
    for (const name of Object.keys(sa).sort()) {
      const at = `schema ${name}`;
      if (!(name in sb)) {
        this.log.breaking(
          "schema-removed",
          at,
          "the component schema was removed: references to it and the types generated from it break",
        );
        continue;
      }
      this.schema(sa[name], sb[name], at, this.dirsOf(name), true);
    }
    for (const name of Object.keys(sb).sort()) {
      if (!(name in sa)) this.log.nonBreaking("schema-added", `schema ${name}`, "a new component schema");
    }
    if (!equal(ca.securitySchemes, cb.securitySchemes)) {
      this.log.breaking("security-changed", "components › securitySchemes", "security schemes changed");
    }
  }

  // ------------------------------------------------------------------------------------------------ schemas

  /** Normalizes a schema: boolean schemas, OAS 3.0 nullable, const, and a one-member allOf merged into its parent. */
  private normalize(raw: unknown): { s: Obj; merged: boolean } {
    if (raw === true || raw === undefined) return { s: {}, merged: false };
    if (raw === false) return { s: { not: {} }, merged: false };
    if (!isObj(raw)) return { s: {}, merged: false };
    let s: Obj = { ...raw };
    let merged = false;
    if (
      Array.isArray(s.allOf) &&
      s.allOf.length === 1 &&
      isObj(s.allOf[0]) &&
      s.allOf[0].$ref === undefined
    ) {
      const member = s.allOf[0];
      const overlap = Object.keys(member).some((k) => k in s && k !== "allOf" && !DOC_KEYS.has(k));
      if (!overlap) {
        const { allOf: _drop, ...rest } = s;
        s = { ...member, ...rest };
        merged = true;
      }
    }
    if (s.nullable === true) {
      const types = typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? s.type : undefined;
      if (types && !types.includes("null")) s.type = [...types, "null"];
      delete s.nullable;
    } else if (s.nullable === false) delete s.nullable;
    if ("const" in s) {
      s.enum = [s.const];
      delete s.const;
    }
    return { s, merged };
  }

  private schema(rawA: unknown, rawB: unknown, loc: string, dirs: Directions, top = false): void {
    const refA = isObj(rawA) ? rawA.$ref : undefined;
    const refB = isObj(rawB) ? rawB.$ref : undefined;
    if (!top && typeof refA === "string" && typeof refB === "string") {
      const na = schemaName(refA);
      const nb = schemaName(refB);
      if (na !== undefined && na === nb) return; // compared once, as a component
      if (refA !== refB) {
        this.log.nonBreaking(
          "type-reference-changed",
          loc,
          `$ref ${refA} → ${refB}; what that changes for the values is listed separately`,
        );
      }
    } else if (!top && (typeof refA === "string") !== (typeof refB === "string")) {
      this.log.nonBreaking(
        "type-reference-changed",
        loc,
        `${typeof refA === "string" ? `$ref ${refA}` : "inline schema"} → ${typeof refB === "string" ? `$ref ${refB}` : "inline schema"}; differences are listed separately`,
      );
    }
    const pair = `${loc}|${String(refA)}|${String(refB)}`;
    if (typeof refA === "string" || typeof refB === "string") {
      if (this.seen.has(pair)) return;
      this.seen.add(pair);
    }
    const na = this.normalize(this.deref(this.a, rawA));
    const nb = this.normalize(this.deref(this.b, rawB));
    if (na.merged !== nb.merged) {
      this.log.nonBreaking(
        "schema-restructured",
        loc,
        "a one-member allOf was added or removed around the same subschema: validation is identical (the generated types may differ; the API surface check shows how)",
      );
    }
    this.compareSchema(na.s, nb.s, loc, dirs);
  }

  private types(s: Obj): string[] | undefined {
    if (typeof s.type === "string") return [s.type];
    if (Array.isArray(s.type)) return s.type.map(String);
    return undefined;
  }

  private facets(s: Obj): FacetSet {
    const limits: Record<string, number> = {};
    const other: Record<string, string> = {};
    for (const k of LIMIT_KEYS) {
      const v = s[k];
      if (typeof v === "number") limits[k] = v;
      else if (v !== undefined) other[k] = JSON.stringify(v);
    }
    if (s.format !== undefined) other.format = String(s.format);
    if (s.uniqueItems !== undefined) other.uniqueItems = String(s.uniqueItems);
    return {
      limits,
      patterns: typeof s.pattern === "string" ? [s.pattern] : [],
      enumeration: Array.isArray(s.enum) ? s.enum.map((v) => stable(v)) : undefined,
      other,
    };
  }

  private compareSchema(a: Obj, b: Obj, loc: string, dirs: Directions): void {
    this.docChanges(loc, a, b);
    this.compareTypes(a, b, loc, dirs);
    compareFacets(this.log, loc, dirs, this.facets(a), this.facets(b));
    this.compareObject(a, b, loc, dirs);

    if (a.items !== undefined || b.items !== undefined) this.schema(a.items, b.items, `${loc}[]`, dirs);
    const pa = Array.isArray(a.prefixItems) ? a.prefixItems : [];
    const pb = Array.isArray(b.prefixItems) ? b.prefixItems : [];
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) this.schema(pa[i], pb[i], `${loc}[${i}]`, dirs);

    this.compareUnions(a, b, loc, dirs);

    if (!equal(a.not, b.not))
      this.log.breaking("not-changed", `${loc} › not`, "the excluded schema (not) changed");
    if (!equal(a.default, b.default))
      this.log.nonBreaking(
        "default-changed",
        `${loc} › default`,
        `default ${show(a.default)} → ${show(b.default)}`,
      );
    if (a.deprecated !== b.deprecated)
      this.log.nonBreaking(
        "deprecated-changed",
        loc,
        `deprecated ${show(a.deprecated)} → ${show(b.deprecated)}`,
      );
    for (const k of ["readOnly", "writeOnly", "discriminator"]) {
      if (!equal(a[k], b[k]))
        this.log.breaking(
          `${k}-changed`,
          `${loc} › ${k}`,
          `${k} ${show(a[k])} → ${show(b[k])}: the generated types change`,
        );
    }
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (SCHEMA_KEYS.has(k) || DOC_KEYS.has(k) || k.startsWith("x-") || equal(a[k], b[k])) continue;
      this.log.breaking(
        "keyword-changed",
        `${loc} › ${k}`,
        `${k} ${show(a[k])} → ${show(b[k])}; not analysed, so treated as breaking`,
      );
    }
  }

  private compareTypes(a: Obj, b: Obj, loc: string, dirs: Directions): void {
    const ta = this.types(a);
    const tb = this.types(b);
    if (!ta && !tb) return;
    const at = `${loc} › type`;
    const values = `type ${show(ta?.length === 1 ? ta[0] : ta)} → ${show(tb?.length === 1 ? tb[0] : tb)}`;
    if (!ta) {
      this.log.breaking("type-narrowed", at, `${values}: values of other types are now rejected`);
      return;
    }
    if (!tb) {
      this.log.add(
        "type-widened",
        at,
        BREAKING_IN_RESPONSE,
        dirs,
        `${values}: any type is now valid; readers may get values they cannot handle`,
      );
      return;
    }
    const covers = (set: string[], t: string): boolean =>
      set.includes(t) || (t === "integer" && set.includes("number"));
    const bInA = tb.every((t) => covers(ta, t));
    const aInB = ta.every((t) => covers(tb, t));
    if (bInA && aInB) return;
    if (bInA) this.log.breaking("type-narrowed", at, `${values}: values that were valid are now rejected`);
    else if (aInB)
      this.log.add(
        "type-widened",
        at,
        BREAKING_IN_RESPONSE,
        dirs,
        `${values}: readers may get values of a type they do not handle`,
      );
    else this.log.breaking("type-changed", at, `${values}: incompatible types`);
  }

  private compareObject(a: Obj, b: Obj, loc: string, dirs: Directions): void {
    const propsA = isObj(a.properties) ? a.properties : {};
    const propsB = isObj(b.properties) ? b.properties : {};
    const reqA = new Set(Array.isArray(a.required) ? a.required.map(String) : []);
    const reqB = new Set(Array.isArray(b.required) ? b.required.map(String) : []);
    const namesA = Object.keys(propsA);
    const namesB = Object.keys(propsB);

    const removed = namesA.filter((n) => !(n in propsB));
    const added = namesB.filter((n) => !(n in propsA));
    const renamed = new Map<string, string>();
    for (const r of removed) {
      const match = added.find(
        (n) =>
          ![...renamed.values()].includes(n) && reqA.has(r) === reqB.has(n) && equal(propsA[r], propsB[n]),
      );
      if (match !== undefined) renamed.set(r, match);
    }
    for (const r of removed) {
      const to = renamed.get(r);
      if (to !== undefined) {
        this.log.breaking(
          "field-renamed",
          `${loc}.${r}`,
          `field ${show(r)} → ${show(to)}: senders and readers of ${show(r)} break`,
        );
      } else {
        this.log.breaking(
          "field-removed",
          `${loc}.${r}`,
          `field ${show(r)} was removed: senders of it are rejected (closed objects) and readers of it get nothing`,
        );
      }
    }
    for (const n of added) {
      if ([...renamed.values()].includes(n)) continue;
      if (reqB.has(n)) {
        this.log.add(
          "field-added-required",
          `${loc}.${n}`,
          BREAKING_IN_REQUEST,
          dirs,
          `new required field ${show(n)}: requests without it are rejected`,
        );
      } else {
        this.log.nonBreaking("field-added-optional", `${loc}.${n}`, `new optional field ${show(n)}`);
      }
    }
    const names = [...new Set([...reqA, ...reqB, ...namesA.filter((n) => n in propsB)])].filter(
      (n) => !added.includes(n) && !removed.includes(n),
    );
    for (const n of names.sort()) {
      if (!reqA.has(n) && reqB.has(n)) {
        this.log.add(
          "field-became-required",
          `${loc}.${n}`,
          BREAKING_IN_REQUEST,
          dirs,
          `field ${show(n)} is now required: requests without it are rejected`,
        );
      } else if (reqA.has(n) && !reqB.has(n)) {
        this.log.add(
          "field-became-optional",
          `${loc}.${n}`,
          BREAKING_IN_RESPONSE,
          dirs,
          `field ${show(n)} is no longer required: readers may not get it`,
        );
      }
    }
    for (const n of namesA) {
      const to = n in propsB ? n : renamed.get(n);
      if (to !== undefined) this.schema(propsA[n], propsB[to], `${loc}.${to}`, dirs);
    }

    const apA = a.additionalProperties;
    const apB = b.additionalProperties;
    if (apA !== false && apB === false) {
      this.log.add(
        "additional-properties-narrowed",
        `${loc} › additionalProperties`,
        BREAKING_IN_REQUEST,
        dirs,
        "the object is now closed: unknown fields are rejected",
      );
    } else if (apA === false && apB !== false) {
      this.log.add(
        "additional-properties-widened",
        `${loc} › additionalProperties`,
        NON_BREAKING,
        dirs,
        "the object is now open: unknown fields are accepted",
      );
    } else if (isObj(apA) || isObj(apB)) {
      this.schema(apA, apB, `${loc}.*`, dirs);
    }
  }

  private compareUnions(a: Obj, b: Obj, loc: string, dirs: Directions): void {
    for (const k of ["anyOf", "oneOf"] as const) {
      const other = k === "anyOf" ? "oneOf" : "anyOf";
      if (Array.isArray(a[k]) && !Array.isArray(b[k]) && Array.isArray(b[other])) {
        this.log.breaking(
          "composition-changed",
          `${loc} › ${k}`,
          `${k} → ${other}: a different combination rule`,
        );
      }
    }
    for (const k of ["anyOf", "oneOf", "allOf"] as const) {
      const la = Array.isArray(a[k]) ? (a[k] as unknown[]) : [];
      const lb = Array.isArray(b[k]) ? (b[k] as unknown[]) : [];
      if (la.length === 0 && lb.length === 0) continue;
      // Equal members pair up first; the rest pair up in order.
      const pairs: [number | undefined, number | undefined][] = [];
      const usedB = new Set<number>();
      const unmatchedA: number[] = [];
      la.forEach((m, i) => {
        const j = lb.findIndex((n, jj) => !usedB.has(jj) && equal(m, n));
        if (j >= 0) usedB.add(j);
        else unmatchedA.push(i);
      });
      const unmatchedB = lb.map((_, j) => j).filter((j) => !usedB.has(j));
      for (let i = 0; i < Math.max(unmatchedA.length, unmatchedB.length); i++)
        pairs.push([unmatchedA[i], unmatchedB[i]]);
      for (const [i, j] of pairs) {
        const at = `${loc}.${k}[${j ?? i}]`;
        if (i !== undefined && j !== undefined) this.schema(la[i], lb[j], at, dirs);
        else if (i !== undefined) {
          if (k === "allOf")
            this.log.add(
              "all-of-member-removed",
              at,
              BREAKING_IN_RESPONSE,
              dirs,
              "a constraint (allOf member) was removed: more values are valid",
            );
          else
            this.log.breaking(
              "union-member-removed",
              at,
              `a ${k} alternative was removed: values matching only it are rejected`,
            );
        } else if (j !== undefined) {
          if (k === "allOf")
            this.log.breaking(
              "all-of-member-added",
              at,
              "a constraint (allOf member) was added: fewer values are valid",
            );
          else
            this.log.add(
              "union-member-added",
              at,
              BREAKING_IN_RESPONSE,
              dirs,
              `a ${k} alternative was added: readers may get a shape they do not know`,
            );
        }
      }
    }
  }
}
