/**
 * The sandbox process of the bulk bench: the real `@integrations/sandbox` on free loopback ports, silent,
 * reporting its URLs to the parent over IPC. It runs apart from the bulk process so that the bulk run's peak
 * memory is its own. It stops when the parent disconnects.
 */
import { startSandbox } from "@integrations/sandbox";

const sandbox = await startSandbox({ ports: { easysecure: 0, moka: 0, eduix: 0 }, log: false });
process.send?.({ urls: sandbox.urls });
process.on("disconnect", () => {
  void sandbox.close().then(() => process.exit(0));
});
