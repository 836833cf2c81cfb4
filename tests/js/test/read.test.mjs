// Reading through the official client with password authentication:
// getApps, getFormFields and the three getAllRecords* strategies.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator, demo } from "../harness.mjs";

let emu;
let client;
before(async () => {
  emu = await startEmulator();
  client = emu.client({ auth: demo.admin });
});
after(() => emu?.stop());

const ids = (records) => records.map((r) => Number(r.$id.value));

test("getApps lists the demo apps with ids as strings", async () => {
  const { apps } = await client.app.getApps({});
  const byId = new Map(apps.map((a) => [a.appId, a]));
  assert.equal(byId.get("1")?.name, "Customers");
  assert.equal(byId.get("2")?.name, "Deals");
  assert.equal(byId.get("3")?.name, "Tasks");
  assert.equal(byId.get("3")?.code, "TASK");
  for (const app of apps) {
    assert.equal(typeof app.appId, "string");
    assert.match(app.createdAt, /^\d{4}-\d\d-\d\dT/);
  }
  const { apps: byCode } = await client.app.getApps({ codes: ["TASK"] });
  assert.deepEqual(byCode.map((a) => a.appId), ["3"]);
});

test("getFormFields returns the lookup, the table and the Japanese labels", async () => {
  const { properties, revision } = await client.app.getFormFields({ app: demo.apps.deals });
  assert.match(revision, /^\d+$/);
  assert.equal(properties.amount.type, "NUMBER");
  assert.equal(properties.amount.label, "金額");
  assert.equal(properties.customer.label, "顧客名");
  assert.equal(properties.customer.lookup.relatedApp.app, "1");
  assert.equal(properties.customer.lookup.relatedKeyField, "company_name");
  assert.equal(properties.line_items.type, "SUBTABLE");
  assert.equal(properties.line_items.fields.subtotal.type, "CALC");
  assert.deepEqual(Object.keys(properties.stage.options).sort(), [
    "Lead", "Lost", "Negotiation", "Proposal", "Qualified", "Won",
  ]);
});

test("getAllRecordsWithCursor reads every deal once, with its table", async () => {
  const records = await client.record.getAllRecordsWithCursor({ app: demo.apps.deals });
  assert.equal(records.length, demo.counts.deals);
  assert.equal(new Set(ids(records)).size, demo.counts.deals);
  for (const r of records) {
    assert.equal(r.line_items.type, "SUBTABLE");
    assert.ok(Array.isArray(r.line_items.value));
    assert.equal(r.amount.type, "NUMBER");
    assert.equal(typeof r.amount.value, "string");
  }
  const lines = records.flatMap((r) => r.line_items.value);
  assert.ok(lines.length > 0, "some deals have line items");
  for (const line of lines) {
    assert.match(line.id, /^\d+$/);
    const q = Number(line.value.quantity.value);
    const p = Number(line.value.unit_price.value);
    assert.equal(Number(line.value.subtotal.value), q * p, "subtotal is quantity * unit_price");
  }
});

test("the three strategies agree on a filtered set", async () => {
  const all = await client.record.getAllRecordsWithCursor({ app: demo.apps.deals });
  const won = all.filter((r) => r.stage.value === "Won").map((r) => Number(r.$id.value)).sort((a, b) => a - b);
  assert.ok(won.length > 0);

  const byCursor = await client.record.getAllRecordsWithCursor({
    app: demo.apps.deals,
    query: 'stage in ("Won")',
  });
  const byId = await client.record.getAllRecordsWithId({
    app: demo.apps.deals,
    condition: 'stage in ("Won")',
    fields: ["title", "amount", "stage"],
  });
  const byOffset = await client.record.getAllRecordsWithOffset({
    app: demo.apps.deals,
    condition: 'stage in ("Won")',
    orderBy: "$id asc",
  });
  assert.deepEqual(ids(byCursor).sort((a, b) => a - b), won);
  assert.deepEqual(ids(byId), won, "getAllRecordsWithId returns $id ascending");
  assert.deepEqual(ids(byOffset), won);
  for (const r of byId) {
    assert.deepEqual(Object.keys(r).sort(), ["$id", "amount", "stage", "title"]);
  }
});

test("getAllRecordsWithOffset sorts customers by code point order", async () => {
  const records = await client.record.getAllRecordsWithOffset({
    app: demo.apps.customers,
    orderBy: "company_name asc",
  });
  assert.equal(records.length, demo.counts.customers);
  const names = records.map((r) => r.company_name.value);
  const expected = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  assert.deepEqual(names, expected);
  assert.ok(names.some((n) => /[\u3040-\u9fff]/.test(n)), "Japanese company names");
});

test("lookup values in deals match the customers they point to", async () => {
  const customers = await client.record.getAllRecordsWithId({ app: demo.apps.customers });
  const byName = new Map(customers.map((c) => [c.company_name.value, c]));
  const deals = await client.record.getAllRecordsWithId({ app: demo.apps.deals });
  for (const deal of deals) {
    const customer = byName.get(deal.customer.value);
    assert.ok(customer, `customer ${deal.customer.value} exists`);
    assert.equal(deal.customer_country.value, customer.country.value);
    assert.equal(deal.customer_industry.value, customer.industry.value ?? "");
  }
});

test("process management: task states, status field and assignees", async () => {
  const tasks = await client.record.getAllRecordsWithCursor({ app: demo.apps.tasks });
  assert.equal(tasks.length, demo.counts.tasks);
  const states = new Set(tasks.map((t) => t.Status.value));
  assert.deepEqual([...states].sort(), ["Done", "In progress", "Not started"]);
  for (const t of tasks) {
    assert.equal(t.Status.type, "STATUS");
    assert.equal(t.Assignee.type, "STATUS_ASSIGNEE");
    if (t.Status.value === "Done") assert.deepEqual(t.Assignee.value, []);
    else assert.equal(t.Assignee.value.length, 1);
  }
  const { enable, states: defined, actions } = await client.app.getProcessManagement({ app: demo.apps.tasks });
  assert.equal(enable, true);
  assert.deepEqual(Object.keys(defined), ["Not started", "In progress", "Done"]);
  assert.ok(actions.some((a) => a.name === "Start" && a.from === "Not started" && a.to === "In progress"));
});

test("a wrong password is refused with CB_WA01", async () => {
  const bad = emu.client({ auth: { username: "demo-admin", password: "wrong" } });
  await assert.rejects(bad.app.getApps({}), (error) => {
    assert.equal(error.status, 401);
    assert.equal(error.code, "CB_WA01");
    return true;
  });
});
