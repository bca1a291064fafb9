import * as stable from "@opentelemetry/semantic-conventions";
import * as incubating from "@opentelemetry/semantic-conventions/incubating";
import { describe, expect, it } from "vitest";
import * as ours from "./semconv.js";

describe("our names are the semantic conventions' (1.45)", () => {
  it("stable attributes and metrics", () => {
    expect(ours.RPC_SYSTEM_NAME).toBe(stable.ATTR_RPC_SYSTEM_NAME);
    expect(ours.RPC_METHOD).toBe(stable.ATTR_RPC_METHOD);
    expect(ours.RPC_STATUS_CODE).toBe(stable.ATTR_RPC_STATUS_CODE);
    expect(ours.ERROR_TYPE).toBe(stable.ATTR_ERROR_TYPE);
    expect(ours.HTTP_REQUEST_METHOD).toBe(stable.ATTR_HTTP_REQUEST_METHOD);
    expect(ours.HTTP_RESPONSE_STATUS_CODE).toBe(stable.ATTR_HTTP_RESPONSE_STATUS_CODE);
    expect(ours.HTTP_REQUEST_RESEND_COUNT).toBe(stable.ATTR_HTTP_REQUEST_RESEND_COUNT);
    expect(ours.SERVER_ADDRESS).toBe(stable.ATTR_SERVER_ADDRESS);
    expect(ours.SERVER_PORT).toBe(stable.ATTR_SERVER_PORT);
    expect(ours.URL_FULL).toBe(stable.ATTR_URL_FULL);
    expect(ours.URL_SCHEME).toBe(stable.ATTR_URL_SCHEME);
    expect(ours.HTTP_CLIENT_REQUEST_DURATION).toBe(stable.METRIC_HTTP_CLIENT_REQUEST_DURATION);
  });

  it("the pre-1.38 RPC names we also emit", () => {
    expect(ours.RPC_SYSTEM).toBe(incubating.ATTR_RPC_SYSTEM);
    expect(ours.RPC_SERVICE).toBe(incubating.ATTR_RPC_SERVICE);
  });
});
