/**
 * Throw-away workspaces for the tests: a pnpm-workspace layout with the contract-affected packages and a git
 * repository made with `git init` in os.tmpdir(). Nothing here touches the real repository.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const CORPUS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "corpus");

export function corpusFile(format: "openapi" | "wsdl", name: string, file: string): string {
  return readFileSync(join(CORPUS, format, name, file), "utf8");
}

const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: "gate test",
  GIT_AUTHOR_EMAIL: "gate@test.invalid",
  GIT_COMMITTER_NAME: "gate test",
  GIT_COMMITTER_EMAIL: "gate@test.invalid",
  GIT_CONFIG_NOSYSTEM: "1",
};
delete GIT_ENV.GIT_DIR;
delete GIT_ENV.GIT_WORK_TREE;
delete GIT_ENV.GIT_INDEX_FILE;

export interface TempRepo {
  readonly root: string;
  git(...args: string[]): string;
  write(path: string, text: string): void;
  read(path: string): string;
  remove(path: string): void;
  commit(message: string): string;
  cleanup(): void;
}

export function tempRepo(branch = "main"): TempRepo {
  const root = mkdtempSync(join(tmpdir(), "contract-gate-test-"));
  const git = (...args: string[]): string =>
    execFileSync("git", ["-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", ...args], {
      cwd: root,
      env: GIT_ENV,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
  git("init", "-q", "-b", branch);
  const repo: TempRepo = {
    root,
    git,
    write(path, text) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    },
    read(path) {
      return readFileSync(join(root, path), "utf8");
    },
    remove(path) {
      rmSync(join(root, path), { recursive: true, force: true });
    },
    commit(message) {
      git("add", "-A");
      git("commit", "-q", "--allow-empty", "-m", message);
      return git("rev-parse", "HEAD");
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
  return repo;
}

const pkg = (name: string, extra: Record<string, unknown> = {}): string =>
  `${JSON.stringify({ name, version: "1.0.0", type: "module", ...extra }, null, 2)}\n`;

/**
 * A workspace like the real one, reduced: the moka and easysecure contracts (from the corpus bases) and their
 * packages, plus a private package; one commit on `branch`.
 */
export function tempWorkspace(branch = "main"): TempRepo {
  const repo = tempRepo(branch);
  repo.write("pnpm-workspace.yaml", "packages:\n  - packages/*\n");
  repo.write("package.json", pkg("workspace-root", { private: true }));
  for (const name of [
    "moka-types",
    "moka-client",
    "easysecure-types",
    "easysecure-client",
    "eduix-types",
    "eduix-client",
  ]) {
    repo.write(`packages/${name}/package.json`, pkg(`@integrations/${name}`));
  }
  repo.write("packages/tooling/package.json", pkg("@integrations/tooling", { private: true }));
  repo.write("contracts/moka/openapi.yaml", corpusFile("openapi", "narrowed-maxlength", "old.yaml"));
  repo.write("contracts/easysecure/esws.wsdl", corpusFile("wsdl", "rpc-reordered-parts", "old.wsdl"));
  repo.write(".changeset/config.json", '{ "baseBranch": "main" }\n');
  repo.write(".changeset/README.md", "# Changesets\n");
  repo.commit("initial");
  return repo;
}

export function changeset(
  repo: TempRepo,
  file: string,
  releases: Record<string, string>,
  summary = "A change.",
): void {
  const lines = Object.entries(releases).map(([p, b]) => `"${p}": ${b}`);
  repo.write(`.changeset/${file}`, `---\n${lines.join("\n")}\n---\n\n${summary}\n`);
}
