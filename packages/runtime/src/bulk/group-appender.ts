/**
 * Appends lines to a file with group commit: lines appended while a write is under way go out together in the
 * next write, followed by one fdatasync, and each `append` resolves only once its line is on disk. With N calls
 * in flight this costs about one sync per N rows instead of one per row, and nothing is acknowledged before
 * it is durable.
 */
import type { FileHandle } from "node:fs/promises";

export type Durability = "fsync" | "write";

export class GroupAppender {
  private pending: string[] = [];
  private waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private flushing = false;

  constructor(
    private readonly file: FileHandle,
    /**
     * `fsync` (default): each batch is synced to the device, so a power cut loses nothing acknowledged.
     * `write`: handed to the operating system only, which survives the process being killed (SIGKILL) but not
     * the machine going down.
     */
    private readonly durability: Durability = "fsync",
  ) {}

  /** Resolves when `line` (one line, no newline) is durable. */
  append(line: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push(`${line}\n`);
      this.waiters.push({ resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        void this.flush();
      }
    });
  }

  private async flush(): Promise<void> {
    // Lets the calls of the same turn of the event loop join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const text = this.pending.join("");
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        await this.file.appendFile(text, "utf8");
        if (this.durability === "fsync") await this.file.datasync();
        for (const w of waiters) w.resolve();
      } catch (error) {
        for (const w of waiters) w.reject(error);
      }
    }
    this.flushing = false;
  }

  /** Waits for every append made so far. */
  async drain(): Promise<void> {
    while (this.flushing) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
