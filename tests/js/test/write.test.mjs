// Writing through the official client with password authentication:
// addAllRecords, updateAllRecords and deleteAllRecords (which go through
// bulkRequest.json for more than 100 records), all-or-nothing batches.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator, demo, rejection } from "../harness.mjs";

let emu;
let client;
before(async () => {
  emu = await startEmulator();
  client = emu.client({ auth: demo.admin });
});
after(() => emu?.stop());

const customers = demo.apps.customers;
const countCustomers = async () =>
  (await client.record.getAllRecordsWithId({ app: customers, fields: ["$id"] })).length;

const newCustomer = (i) => ({
  company_name: { value: `Test company ${String(i).padStart(3, "0")}` },
  industry: { value: i % 2 ? "IT" : "建設" },
  employees: { value: String(i * 10) },
  annual_revenue: { value: `${i}.25` },
  notes: { value: `added by the JS client, 行 ${i}` },
});

test("addAllRecords, updateAllRecords and deleteAllRecords round-trip 250 customers", async () => {
  assert.equal(await countCustomers(), demo.counts.customers);

  const added = await client.record.addAllRecords({
    app: customers,
    records: Array.from({ length: 250 }, (_, i) => newCustomer(i)),
  });
  assert.equal(added.records.length, 250);
  assert.ok(added.records.every((r) => r.revision === "1" && /^\d+$/.test(r.id)));
  assert.equal(new Set(added.records.map((r) => r.id)).size, 250);
  assert.equal(await countCustomers(), demo.counts.customers + 250);

  const one = await client.record.getRecord({ app: customers, id: added.records[7].id });
  assert.equal(one.record.company_name.value, "Test company 007");
  assert.equal(one.record.industry.value, "IT");
  assert.equal(one.record.notes.value, "added by the JS client, 行 7");
  assert.equal(one.record.Created_by.value.code, "demo-admin");

  const updated = await client.record.updateAllRecords({
    app: customers,
    records: added.records.map(({ id }) => ({ id, record: { notes: { value: `updated ${id}` } } })),
  });
  assert.equal(updated.records.length, 250);
  assert.ok(updated.records.every((r) => r.revision === "2"));
  const after = await client.record.getAllRecordsWithCursor({
    app: customers,
    query: 'notes like "updated"',
    fields: ["$id", "notes", "$revision"],
  });
  assert.equal(after.length, 250);
  for (const r of after) {
    assert.equal(r.notes.value, `updated ${r.$id.value}`);
    assert.equal(r.$revision.value, "2");
  }

  await client.record.deleteAllRecords({
    app: customers,
    records: added.records.map(({ id }) => ({ id })),
  });
  assert.equal(await countCustomers(), demo.counts.customers);
  const error = await rejection(() => client.record.getRecord({ app: customers, id: added.records[0].id }));
  assert.equal(error.code, "GAIA_RE01");
  assert.equal(error.status, 404);
});

test("addAllRecords is all-or-nothing: one invalid record stores none", async () => {
  const records = Array.from({ length: 150 }, (_, i) => newCustomer(500 + i));
  // company_name is required: record 120 (in the second records.json call
  // of the bulk request) lacks it.
  delete records[120].company_name;
  const error = await rejection(() => client.record.addAllRecords({ app: customers, records }));
  assert.equal(error.numOfProcessedRecords, 0);
  assert.equal(error.numOfAllRecords, 150);
  assert.equal(error.error.code, "CB_VA01");
  assert.equal(error.error.bulkRequestIndex, 1, "the second request of the bulk failed");
  assert.equal(error.errorIndex, 120, "the error key names records[20] of that request");
  assert.equal(await countCustomers(), demo.counts.customers);
});

test("updateAllRecords with a stale revision changes nothing (GAIA_CO02)", async () => {
  const [first, second] = await client.record.getAllRecordsWithId({ app: customers, fields: ["$id", "$revision", "notes"] });
  const error = await rejection(() =>
    client.record.updateAllRecords({
      app: customers,
      records: [
        { id: first.$id.value, revision: first.$revision.value, record: { notes: { value: "changed" } } },
        { id: second.$id.value, revision: String(Number(second.$revision.value) + 5), record: { notes: { value: "changed" } } },
      ],
    }),
  );
  assert.equal(error.error.code, "GAIA_CO02");
  const again = await client.record.getRecord({ app: customers, id: first.$id.value });
  assert.equal(again.record.notes.value, first.notes.value);
  assert.equal(again.record.$revision.value, first.$revision.value);
});

test("a deal added with a lookup key gets the customer's mapped fields", async () => {
  const { id } = await client.record.addRecord({
    app: demo.apps.deals,
    record: {
      title: { value: "JS client deal" },
      customer: { value: "Globex" },
      stage: { value: "Proposal" },
      line_items: {
        value: [{ value: { product: { value: "API add-on" }, quantity: { value: "3" }, unit_price: { value: "30000" } } }],
      },
    },
  });
  const { record } = await client.record.getRecord({ app: demo.apps.deals, id });
  assert.equal(record.customer.value, "Globex");
  assert.equal(record.customer_country.value, "United States");
  assert.equal(record.customer_industry.value, "IT");
  assert.equal(record.line_items.value[0].value.subtotal.value, "90000");
});
