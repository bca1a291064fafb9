// Runs in an empty folder outside the workspace, where only the packed tarballs were installed with npm.
import { createServer } from "node:http";
import { createEasySecureClient } from "@integrations/easysecure-client";

const response = (op, code) =>
  `<?xml version="1.0" encoding="ISO-8859-1"?><SOAP-ENV:Envelope SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><SOAP-ENV:Body><ns1:${op}Response xmlns:ns1="uen:esws"><return xsi:type="xsd:string">${code}</return></ns1:${op}Response></SOAP-ENV:Body></SOAP-ENV:Envelope>`;

const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    res.writeHead(200, { "content-type": "text/xml; charset=ISO-8859-1" });
    res.end(
      body.includes("Esws.syncMOCA")
        ? response("Esws.syncMOCA", "OK")
        : response("Esws.updateUserDotweb", "INSERTED"),
    );
  });
});
server.listen(0, "127.0.0.1", async () => {
  const client = createEasySecureClient({
    endpoint: `http://127.0.0.1:${server.address().port}/webservicesesws`,
    companyId: "smoke-company-code",
  });
  try {
    const sync = await client.syncMOCA({ p_wsAltUserId: "6666" });
    const upsert = await client.updateUserDotweb({
      p_ws_StoreId: 1,
      p_wsAltUserId: "EMP-1",
      p_PIN: "",
      p_Achternaam: "Müller",
      p_Voornaam: "Zoë",
      p_Admin: 0,
      p_Security: 0,
      p_infoFields: { info1: "x" },
    });
    console.log(JSON.stringify({ ok: sync === "OK" && upsert === "INSERTED" }));
  } catch (error) {
    console.log(JSON.stringify({ ok: false, error: String(error) }));
  } finally {
    server.close();
  }
});
