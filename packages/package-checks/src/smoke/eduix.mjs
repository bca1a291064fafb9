// Runs in an empty folder outside the workspace, where only the packed tarballs were installed with npm.
import { createServer } from "node:http";
import { createEduixClient } from "@integrations/eduix-client";

const envelope = (body) =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:edu-ix:account:4.3"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
const login = envelope(
  "<urn:loginResponse><urn:sessionID>smoke-session-0001</urn:sessionID></urn:loginResponse>",
);
const keys = envelope(
  "<urn:getKeyResponse><urn:key><urn:profileID>48213976</urn:profileID><urn:userID>eck-1</urn:userID></urn:key></urn:getKeyResponse>",
);

let logins = 0;
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    res.writeHead(200, { "content-type": "text/xml; charset=utf-8" });
    if (body.includes("loginRequest")) logins++;
    res.end(body.includes("loginRequest") ? login : keys);
  });
});
server.listen(0, "127.0.0.1", async () => {
  const client = createEduixClient({
    endpoint: `http://127.0.0.1:${server.address().port}/soap/4.3/account`,
    username: "smoke-user",
    password: "smoke-password",
  });
  try {
    const [a, b] = await Promise.all([
      client.getKey({ profileID: 48213976 }),
      client.getKey({ userID: "eck-1" }),
    ]);
    console.log(JSON.stringify({ ok: a[0]?.profileID === 48213976 && b.length === 1 && logins === 1 }));
  } catch (error) {
    console.log(JSON.stringify({ ok: false, error: String(error) }));
  } finally {
    server.close();
  }
});
