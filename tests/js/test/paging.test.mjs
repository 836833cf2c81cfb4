// Paging past one page: a generated app with 1,234 records
// (--dataset bench:1234:5) read with each strategy of the official client.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator } from "../harness.mjs";

const N = 1234;
const app = 1000;
let emu;
let client;
before(async () => {
  emu = await startEmulator(["--dataset", `bench:${N}:5`]);
  client = emu.client({ auth: { username: "bench-admin", password: "bench-password" } });
});
after(() => emu?.stop());

const ids = (records) => records.map((r) => Number(r.$id.value));
const range = (n) => Array.from({ length: n }, (_, i) => i + 1);

test("getAllRecordsWithCursor reads all records in pages of 500", async () => {
  const records = await client.record.getAllRecordsWithCursor({ app, fields: ["$id", "title", "items"] });
  assert.equal(records.length, N);
  assert.deepEqual(ids(records).sort((a, b) => a - b), range(N));
  assert.ok(records.every((r) => r.items.type === "SUBTABLE" && r.items.value.length <= 5));
});

test("getAllRecordsWithId reads all records in $id order", async () => {
  const records = await client.record.getAllRecordsWithId({ app, fields: ["title"] });
  assert.deepEqual(ids(records), range(N));
});

test("getAllRecordsWithOffset reads all records with offsets", async () => {
  const records = await client.record.getAllRecordsWithOffset({ app, orderBy: "$id desc", fields: ["$id"] });
  assert.deepEqual(ids(records), range(N).reverse());
});

test("a filter gives the same records by cursor and by id", async () => {
  const condition = 'priority in ("High", "Urgent") and amount >= 1000';
  const byCursor = await client.record.getAllRecordsWithCursor({ app, query: condition, fields: ["$id", "priority", "amount"] });
  const byId = await client.record.getAllRecordsWithId({ app, condition, fields: ["priority", "amount"] });
  assert.ok(byCursor.length > 100);
  assert.deepEqual(ids(byCursor).sort((a, b) => a - b), ids(byId));
  for (const r of byId) {
    assert.ok(["High", "Urgent"].includes(r.priority.value));
    assert.ok(Number(r.amount.value) >= 1000);
  }
});
