/**
 * The main job (`pnpm start`): start the sandbox, run the tour through the real clients, print the table,
 * then keep serving (or exit with `--exit-after-tour`: exit code 1 when a step missed its expected outcome).
 */
import { banner, usageExample } from "./banner.js";
import { CliError, parseCli, USAGE } from "./cli.js";
import { type Sandbox, startSandbox } from "./server.js";
import { runTour } from "./tour.js";
import { formatSpans, startTourTracing } from "./tour-trace.js";

async function main(): Promise<number> {
  let config: ReturnType<typeof parseCli>;
  try {
    config = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`sandbox: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (config.help) {
    console.log(USAGE);
    return 0;
  }

  // Request log lines are held back while the tour prints its table, then shown when serving.
  let muted = false;
  const log = config.quiet
    ? false
    : (line: string) => {
        if (!muted) console.log(line);
      };

  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ ...config.options, log });
  } catch (error) {
    console.error(`sandbox: could not start: ${(error as Error).message}`);
    return 1;
  }
  console.log(banner(sandbox));
  console.log("");

  let exitCode = 0;
  if (config.tour) {
    console.log("Tour: every operation of every vendor through the client packages\n");
    muted = true;
    const tracing = config.trace ? await startTourTracing() : undefined;
    const result = await runTour({
      urls: sandbox.urls,
      seed: sandbox.seed,
      ...(tracing === undefined ? {} : { telemetry: tracing.telemetry }),
    });
    muted = false;
    console.log(result.table);
    if (tracing !== undefined) {
      console.log("\nThe tour's spans (OpenTelemetry, as a service would export them):\n");
      console.log(formatSpans(tracing.spans()));
    }
    const ran = result.rows.length - result.skipped;
    console.log(
      `\n${ran - result.failed}/${ran} steps had their expected outcome` +
        (result.skipped > 0 ? `, ${result.skipped} skipped (the seed lacks the data)` : "") +
        (result.failed > 0 ? ` - ${result.failed} FAILED:` : "."),
    );
    for (const row of result.rows.filter((r) => !r.ok)) {
      console.log(
        `  ${row.vendor} ${row.operation} (${row.case}): expected ${row.expected}, got ${row.outcome} ${row.code}: ${row.note}`,
      );
    }
    console.log("");
    if (!result.ok) exitCode = 1;
    if (config.exitAfterTour) {
      await sandbox.close();
      return exitCode;
    }
    // The tour changed the state (a user, a card); start serving from the seed.
    sandbox.reset();
  } else if (config.exitAfterTour) {
    await sandbox.close();
    return 0;
  }

  console.log(usageExample(sandbox));
  console.log("\nThe sandbox keeps running; Ctrl-C stops it.\n");
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await sandbox.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
