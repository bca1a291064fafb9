/**
 * What an OpenAPI operation sends and receives, in the diff: parameters and the request body (requests),
 * responses by status (responses), each media type's schema compared by the JSON Schema walker.
 */
import type { OpenApiModel } from "@integrations/contract-model";
import { type ChangeLog, show } from "../diff/change.js";
import { BREAKING, type Directions, NON_BREAKING, REQUEST, RESPONSE } from "../diff/policy.js";
import { docChanges, equal, isObj, type Obj } from "./json.js";
import type { JsonSchemaDiff } from "./schema-diff.js";

export class OperationIoDiff {
  constructor(
    private readonly log: ChangeLog,
    private readonly modelA: OpenApiModel,
    private readonly modelB: OpenApiModel,
    private readonly schemas: JsonSchemaDiff,
  ) {}

  compareParameters(loc: string, a: readonly Obj[], b: readonly Obj[]): void {
    const id = (p: Obj): string => `${String(p.in)} ${String(p.name)}`;
    for (const pa of a) {
      const pb = b.find((p) => id(p) === id(pa));
      const at = `${loc} › parameter ${id(pa)}`;
      if (!pb) {
        this.log.record(
          "parameter-removed",
          at,
          REQUEST,
          "the parameter was removed: callers that send it break",
        );
        continue;
      }
      if (pa.required !== true && pb.required === true) {
        this.log.record("parameter-became-required", at, REQUEST, "the parameter is now required");
      }
      if (pa.required === true && pb.required !== true) {
        this.log.record("parameter-became-optional", at, REQUEST, "the parameter is now optional");
      }
      for (const k of ["style", "explode", "allowReserved", "allowEmptyValue"]) {
        if (!equal(pa[k], pb[k])) {
          this.log.record(
            "parameter-serialization-changed",
            `${at} › ${k}`,
            REQUEST,
            `${k} ${show(pa[k])} → ${show(pb[k])}: the value is written differently`,
          );
        }
      }
      docChanges(this.log, at, pa, pb);
      this.schemas.schema(pa.schema ?? {}, pb.schema ?? {}, `${at} › schema`, REQUEST);
    }
    for (const pb of b) {
      if (a.some((p) => id(p) === id(pb))) continue;
      const at = `${loc} › parameter ${id(pb)}`;
      if (pb.required === true) {
        this.log.record(
          "parameter-added-required",
          at,
          REQUEST,
          "a new required parameter: calls without it are rejected",
        );
      } else this.log.record("parameter-added-optional", at, REQUEST, "a new optional parameter");
    }
  }

  compareRequestBody(loc: string, a: Obj | undefined, b: Obj | undefined): void {
    if (a === undefined && b === undefined) return;
    if (!a) {
      const required = b?.required === true;
      this.log.add(
        "request-body-added",
        loc,
        required ? BREAKING : NON_BREAKING,
        REQUEST,
        required ? "a required request body was added" : "an optional request body was added",
      );
      return;
    }
    if (!b) {
      this.log.record("request-body-removed", loc, REQUEST, "the request body was removed");
      return;
    }
    if (a.required !== true && b.required === true) {
      this.log.record("request-body-became-required", loc, REQUEST, "the request body is now required");
    }
    if (a.required === true && b.required !== true) {
      this.log.record("request-body-became-optional", loc, REQUEST, "the request body is now optional");
    }
    docChanges(this.log, loc, a, b);
    this.compareContent(loc, content(a), content(b), REQUEST);
  }

  private compareContent(loc: string, a: Obj, b: Obj, dirs: Directions): void {
    for (const [mt, ma] of Object.entries(a)) {
      const mb = b[mt];
      const at = `${loc} (${mt})`;
      if (!isObj(mb)) {
        this.log.record("media-type-removed", at, dirs, `media type ${mt} was removed`);
        continue;
      }
      if (!isObj(ma)) continue;
      docChanges(this.log, at, ma, mb, ["examples", "example"]);
      this.schemas.schema(ma.schema ?? {}, mb.schema ?? {}, at, dirs);
    }
    for (const mt of Object.keys(b)) {
      if (!(mt in a))
        this.log.record("media-type-added", `${loc} (${mt})`, dirs, `media type ${mt} was added`);
    }
  }

  compareResponses(loc: string, a: unknown, b: unknown): void {
    const ra = isObj(a) ? a : {};
    const rb = isObj(b) ? b : {};
    for (const [status, va] of Object.entries(ra)) {
      const at = `${loc} › ${status}`;
      if (!(status in rb)) {
        // Only a success response is something a client relies on; an error one just stops being documented.
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
      const x = this.modelA.deref(va);
      const y = this.modelB.deref(rb[status]);
      if (!isObj(x) || !isObj(y)) continue;
      docChanges(this.log, at, x, y);
      if (!equal(x.headers, y.headers)) {
        this.log.record("response-headers-changed", `${at} › headers`, RESPONSE, "response headers changed");
      }
      this.compareContent(at, content(x), content(y), RESPONSE);
    }
    for (const status of Object.keys(rb)) {
      if (!(status in ra)) {
        this.log.record(
          "response-added",
          `${loc} › ${status}`,
          RESPONSE,
          `response ${status} is now documented`,
        );
      }
    }
  }
}

function content(v: unknown): Obj {
  return isObj(v) && isObj(v.content) ? v.content : {};
}
