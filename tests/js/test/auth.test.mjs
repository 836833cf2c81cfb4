// API token authentication through the official client: per-app tokens,
// permissions (facts §2), several tokens for a lookup.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator, demo, rejection } from "../harness.mjs";

let emu;
before(async () => {
  emu = await startEmulator();
});
after(() => emu?.stop());

const withToken = (...tokens) => emu.client({ auth: { apiToken: tokens.length === 1 ? tokens[0] : tokens } });

test("a read-only token reads every customer with each strategy", async () => {
  const client = withToken(demo.tokens.customersReadOnly);
  const app = demo.apps.customers;
  const byCursor = await client.record.getAllRecordsWithCursor({ app });
  const byId = await client.record.getAllRecordsWithId({ app });
  const byOffset = await client.record.getAllRecordsWithOffset({ app, orderBy: "$id asc" });
  for (const records of [byCursor, byId, byOffset]) {
    assert.equal(records.length, demo.counts.customers);
  }
  const { properties } = await client.app.getFormFields({ app });
  assert.equal(properties.company_name.label, "顧客名");
});

test("a read-only token may not add records (403 GAIA_NO01)", async () => {
  const client = withToken(demo.tokens.customersReadOnly);
  const error = await rejection(() =>
    client.record.addRecord({ app: demo.apps.customers, record: { company_name: { value: "Read-only Ltd." } } }),
  );
  assert.equal(error.status, 403);
  assert.equal(error.code, "GAIA_NO01");
});

test("a read-write token adds, updates and deletes in bulk; the creator is Administrator", async () => {
  const client = withToken(demo.tokens.customersReadWrite);
  const app = demo.apps.customers;
  const added = await client.record.addAllRecords({
    app,
    records: Array.from({ length: 120 }, (_, i) => ({ company_name: { value: `Token company ${i}` } })),
  });
  assert.equal(added.records.length, 120);
  const { record } = await client.record.getRecord({ app, id: added.records[0].id });
  assert.equal(record.Created_by.value.code, "Administrator");
  const updated = await client.record.updateAllRecords({
    app,
    records: added.records.map(({ id }) => ({ id, record: { country: { value: "Japan" } } })),
  });
  assert.ok(updated.records.every((r) => r.revision === "2"));
  await client.record.deleteAllRecords({ app, records: added.records.map(({ id }) => ({ id })) });
  const left = await client.record.getAllRecordsWithId({ app, fields: ["$id"] });
  assert.equal(left.length, demo.counts.customers);
});

test("a token of another app is refused", async () => {
  const client = withToken(demo.tokens.tasks);
  const error = await rejection(() => client.record.getAllRecordsWithId({ app: demo.apps.deals }));
  assert.ok([400, 403].includes(error.status), `status ${error.status}`);
  assert.ok(["GAIA_IA02", "GAIA_NO01"].includes(error.code), error.code);
});

test("a deal with a lookup needs the Customers token as well", async () => {
  const record = { title: { value: "Token deal" }, customer: { value: "Initech" } };
  const dealsOnly = withToken(demo.tokens.deals);
  const error = await rejection(() => dealsOnly.record.addRecord({ app: demo.apps.deals, record }));
  assert.equal(error.status, 403);
  assert.equal(error.code, "GAIA_NO01");

  const both = withToken(demo.tokens.deals, demo.tokens.customersReadOnly);
  const { id } = await both.record.addRecord({ app: demo.apps.deals, record });
  const { record: stored } = await both.record.getRecord({ app: demo.apps.deals, id });
  assert.equal(stored.customer_country.value, "United States");
});

test("the Deals token reads deals with every strategy", async () => {
  const client = withToken(demo.tokens.deals);
  const app = demo.apps.deals;
  const byCursor = await client.record.getAllRecordsWithCursor({ app, query: 'stage in ("Lost")' });
  const byId = await client.record.getAllRecordsWithId({ app, condition: 'stage in ("Lost")' });
  assert.ok(byCursor.length > 0);
  assert.deepEqual(
    byCursor.map((r) => r.$id.value).sort(),
    byId.map((r) => r.$id.value).sort(),
  );
});
