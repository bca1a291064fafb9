// Runs in an empty folder outside the workspace, where only the packed tarballs were installed with npm.
import { mkdirSync, writeFileSync } from "node:fs";
import { createReplay } from "@integrations/replay";

const dir = "recordings/moka/GetCardList/20261204T000000000Z-1-0001-success";
mkdirSync(dir, { recursive: true });
const request = {
  DealerCustomerAuthentication: {
    DealerCode: "D1",
    Username: "u",
    Password: "REDACTED-Password",
    CheckKey: "x",
  },
  DealerCustomerRequest: { CustomerCode: "Customer1" },
};
writeFileSync(`${dir}/request.json`, JSON.stringify(request));
writeFileSync(
  `${dir}/response.json`,
  JSON.stringify({ Data: null, ResultCode: "EX", ResultMessage: "", Exception: null }),
);
const replay = createReplay({ from: "recordings" });
// The request as a client sends it, with its own secrets: they are not compared.
request.DealerCustomerAuthentication.Password = "real-password";
const chunks = [];
replay.dispatcher.dispatch(
  {
    origin: "https://service.refmokaunited.com",
    path: "/DealerCustomer/GetCardList",
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(request),
  },
  {
    onResponseStart: (_c, status) => chunks.push(`status ${status}`),
    onResponseData: (_c, chunk) => chunks.push(chunk.toString()),
    onResponseEnd: () =>
      console.log(
        JSON.stringify({ ok: chunks[0] === "status 200" && chunks[1].includes('"EX"'), size: replay.size }),
      ),
    onResponseError: (_c, error) => console.log(JSON.stringify({ ok: false, error: error.message })),
  },
);
