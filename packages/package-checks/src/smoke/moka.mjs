// Runs in an empty folder outside the workspace, where only the packed tarballs were installed with npm.
import { createServer } from "node:http";
import { computeCheckKey, createMokaClient } from "@integrations/moka-client";

const creds = { dealerCode: "D1", username: "u", password: "p" };
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    const auth = JSON.parse(body).DealerCustomerAuthentication;
    const ok = auth.CheckKey === computeCheckKey(creds.dealerCode, creds.username, creds.password);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        Data: ok
          ? {
              DealerCustomer: { DealerCustomerId: 1, CustomerCode: "Customer1" },
              CardListCount: 0,
              CardList: [],
            }
          : null,
        ResultCode: ok ? "Success" : "DealerCustomer.GetCardList.InvalidRequest",
        ResultMessage: "",
        Exception: null,
      }),
    );
  });
});
server.listen(0, "127.0.0.1", async () => {
  const client = createMokaClient({ ...creds, baseUrl: `http://127.0.0.1:${server.address().port}` });
  try {
    const data = await client.getCardList({ CustomerCode: "Customer1" });
    console.log(JSON.stringify({ ok: true, customerCode: data.DealerCustomer.CustomerCode }));
  } catch (error) {
    console.log(JSON.stringify({ ok: false, error: String(error) }));
  } finally {
    server.close();
  }
});
