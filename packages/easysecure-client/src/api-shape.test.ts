/**
 * The client's methods come from the contract (generated `EasySecureOperations`); these checks keep them exactly
 * the signatures the client had when they were written by hand, and check that every operation has its method.
 */
import { operations } from "@integrations/easysecure-types";
import type { CallOptions } from "@integrations/runtime";
import { describe, expect, it } from "vitest";
import {
  createEasySecureClient,
  type EasySecureClient,
  type SyncMOCAInput,
  type SyncMOCAResult,
  type UpdateUserDotwebInput,
  type UpdateUserDotwebResult,
} from "./client.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Each assignable to the other: the same values are accepted (an intersection and an interface can be). */
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <T extends true>(value: T): T => value;

same<Mutual<Parameters<EasySecureClient["syncMOCA"]>[0], SyncMOCAInput>>(true);
same<Equal<ReturnType<EasySecureClient["syncMOCA"]>, Promise<SyncMOCAResult>>>(true);
same<Equal<Parameters<EasySecureClient["syncMOCA"]>[1], CallOptions | undefined>>(true);
same<
  Equal<
    EasySecureClient["updateUserDotweb"],
    (input: UpdateUserDotwebInput, options?: CallOptions) => Promise<UpdateUserDotwebResult>
  >
>(true);

describe("the client's methods", () => {
  it("has one method per contract operation, named by the operation without its service prefix", () => {
    const client = createEasySecureClient({ companyId: "c" });
    expect(Object.keys(client).sort()).toEqual(Object.keys(operations).sort());
  });
});
