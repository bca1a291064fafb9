/**
 * The client's methods come from the contract (generated `EduixOperations`); these checks keep them exactly the
 * signatures the client had when they were written by hand, and check that every operation has its method.
 */
import {
  type CreateKeyRequest,
  type DeleteKeyRequest,
  type GetKeyRequest,
  type Key,
  operations,
} from "@integrations/eduix-types";
import type { CallOptions } from "@integrations/runtime";
import { describe, expect, it } from "vitest";
import { createEduixClient, type EduixClient } from "./client.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <T extends true>(value: T): T => value;

same<Equal<EduixClient["login"], (options?: CallOptions) => Promise<string>>>(true);
same<Equal<EduixClient["createKey"], (input: CreateKeyRequest, options?: CallOptions) => Promise<undefined>>>(
  true,
);
same<Equal<EduixClient["deleteKey"], (input: DeleteKeyRequest, options?: CallOptions) => Promise<undefined>>>(
  true,
);
same<Equal<EduixClient["getKey"], (input: GetKeyRequest, options?: CallOptions) => Promise<Key[]>>>(true);

describe("the client's methods", () => {
  it("has one method per contract operation", () => {
    const client = createEduixClient({ username: "u", password: "p" });
    expect(Object.keys(client).sort()).toEqual(Object.keys(operations).sort());
  });
});
