/** Summaries of a V8 .cpuprofile: self and inclusive time per function, and self time per package. */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  name: string;
  where: string;
  selfMs: number;
  totalMs: number;
}

export interface ProfileSummary {
  totalMs: number;
  functions: FunctionTime[];
  /** Self time per package (`undici`, `@integrations/runtime`, `node:internal`, `(gc)` …). */
  packages: { name: string; selfMs: number }[];
}

/** `node_modules/.pnpm/x@1/node_modules/undici/lib/a.js` → `undici`; workspace `packages/runtime/dist` → `@integrations/runtime`. */
export function packageOf(url: string, functionName = ""): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return url.startsWith("node:internal") ? "node:internal" : url;
  const nm = url.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 14).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const ws = /\/packages\/([^/]+)\//.exec(url);
  if (ws) return `@integrations/${ws[1]}`;
  return url;
}

function shortWhere(url: string, line: number): string {
  const nm = url.lastIndexOf("/node_modules/");
  const tail = nm >= 0 ? url.slice(nm + 14) : url.replace(/^.*\/packages\//, "");
  return `${tail.replace(/^file:\/\//, "")}:${line + 1}`;
}

export function summarize(profile: CpuProfile): ProfileSummary {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const key = (f: CallFrame) => `${f.functionName || "(anonymous)"}\u0000${f.url}\u0000${f.lineNumber}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const packages = new Map<string, number>();
  const frames = new Map<string, CallFrame>();
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    totalUs += dt;
    let id: number | undefined = profile.samples[i]!;
    const leaf = byId.get(id);
    if (!leaf) continue;
    const leafKey = key(leaf.callFrame);
    frames.set(leafKey, leaf.callFrame);
    self.set(leafKey, (self.get(leafKey) ?? 0) + dt);
    const pkg = packageOf(leaf.callFrame.url, leaf.callFrame.functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + dt);
    const seen = new Set<string>();
    while (id !== undefined) {
      const node = byId.get(id);
      if (!node) break;
      const k = key(node.callFrame);
      if (!seen.has(k)) {
        seen.add(k);
        frames.set(k, node.callFrame);
        total.set(k, (total.get(k) ?? 0) + dt);
      }
      id = parent.get(id);
    }
  }
  const functions = [...frames].map(([k, f]) => ({
    name: f.functionName || "(anonymous)",
    where: f.url ? shortWhere(f.url, f.lineNumber) : "",
    selfMs: (self.get(k) ?? 0) / 1000,
    totalMs: (total.get(k) ?? 0) / 1000,
  }));
  return {
    totalMs: totalUs / 1000,
    functions,
    packages: [...packages]
      .map(([name, us]) => ({ name, selfMs: us / 1000 }))
      .sort((a, b) => b.selfMs - a.selfMs),
  };
}
