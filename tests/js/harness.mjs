// Starts the kintone-emulator binary for a test file and builds clients of
// the official @kintone/rest-api-client pointed at it.
//
// The binary is $KINTONE_EMULATOR_BIN, or target/debug/kintone-emulator of
// this repository (honouring $CARGO_TARGET_DIR). The client accepts a plain
// http:// base URL only for the host "localhost" (facts §1).

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { KintoneRestAPIClient } from "@kintone/rest-api-client";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function emulatorBinary() {
  if (process.env.KINTONE_EMULATOR_BIN) return process.env.KINTONE_EMULATOR_BIN;
  const targetDir = process.env.CARGO_TARGET_DIR
    ? path.resolve(repoRoot, process.env.CARGO_TARGET_DIR)
    : path.join(repoRoot, "target");
  return path.join(targetDir, "debug", "kintone-emulator");
}

/** Demo credentials (see README): users, tokens, the guest space. */
export const demo = {
  admin: { username: "demo-admin", password: "demo-password" },
  sato: { username: "sato", password: "sato-password" },
  tokens: {
    customersReadOnly: "DemoCustomersReadOnlyToken00000000000RO",
    customersReadWrite: "DemoCustomersReadWriteToken0000000000RW",
    deals: "DemoDealsToken000000000000000000000000RW",
    tasks: "DemoTasksToken000000000000000000000000RW",
    partner: "DemoPartnerToken0000000000000000000000RW",
  },
  apps: { customers: 1, deals: 2, tasks: 3, partners: 4 },
  guestSpaceId: 2,
  counts: { customers: 25, deals: 60, tasks: 30, partners: 8 },
};

/**
 * Starts the emulator with the given extra arguments (default: the demo
 * dataset) and resolves to { port, baseUrl, client(options), stop() }.
 */
export async function startEmulator(args = ["--dataset", "demo"]) {
  const bin = emulatorBinary();
  if (!existsSync(bin)) {
    throw new Error(`emulator binary not found at ${bin}: run cargo build -p kintone-emulator or set KINTONE_EMULATOR_BIN`);
  }
  const child = spawn(bin, ["--listen", "127.0.0.1:0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start in 30 s: ${stderr}`)), 30_000);
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      const match = /^listening on http:\/\/127\.0\.0\.1:(\d+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with ${code} before listening: ${stderr}`));
    });
  });
  const baseUrl = `http://localhost:${port}`;
  return {
    port,
    baseUrl,
    /** A client of the official library; `options` as for KintoneRestAPIClient. */
    client(options) {
      return new KintoneRestAPIClient({ baseUrl, ...options });
    },
    stop() {
      child.kill("SIGTERM");
    },
  };
}

/** Runs `fn` and returns the KintoneRestAPIError it throws (fails otherwise). */
export async function rejection(fn) {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error("the call succeeded but an error was expected");
}
