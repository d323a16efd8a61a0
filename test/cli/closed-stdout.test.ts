/**
 * A reader that stops early (`authsim validate --json | head -c 10`) closes the pipe: the command
 * must stop writing to it and end normally, not die on EPIPE with a stack trace. The test closes
 * the pipe before the command writes anything, so every write it makes meets EPIPE.
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("a closed stdout", () => {
  it("ends the command normally, with no stack trace", async () => {
    const proc = spawn(
      process.execPath,
      ["bin/authsim.js", "validate", "scenarios/quickstart.yaml", "--json"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    proc.stdout.destroy();
    let stderr = "";
    proc.stderr.on("data", (d) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((resolve) => proc.on("close", resolve));
    expect(stderr).not.toContain("EPIPE");
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(0);
  }, 60_000);
});
