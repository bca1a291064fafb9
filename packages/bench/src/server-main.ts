/**
 * The server process: starts the loopback servers and reports their URLs to the parent over IPC (or on
 * stdout when run by hand: `node dist/server-main.js`). It stops when the parent disconnects.
 */
import { startServers } from "./server.js";

const servers = await startServers();
const { close: _close, ...urls } = servers;
if (process.send) {
  process.send({ ready: true, urls });
  process.on("disconnect", () => {
    void servers.close().then(() => process.exit(0));
  });
} else {
  console.log(JSON.stringify(urls));
}
