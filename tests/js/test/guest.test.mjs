// A guest-space app through the official client (option guestSpaceId):
// the client sends /k/guest/{id}/v1/... paths.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator, demo, rejection } from "../harness.mjs";

let emu;
before(async () => {
  emu = await startEmulator();
});
after(() => emu?.stop());

const app = demo.apps.partners;
const guest = (auth) => emu.client({ auth, guestSpaceId: demo.guestSpaceId });

test("getApps and getFormFields in the guest space", async () => {
  const client = guest(demo.admin);
  const { apps } = await client.app.getApps({});
  const partner = apps.find((a) => a.appId === String(app));
  assert.ok(partner, "the guest app is listed");
  assert.equal(partner.code, "PARTNER");
  assert.equal(partner.name, "Partner Contacts");
  assert.equal(partner.spaceId, String(demo.guestSpaceId));
  const { properties } = await client.app.getFormFields({ app });
  assert.equal(properties.contact_name.label, "氏名");
  assert.equal(properties.email.protocol, "MAIL");
});

test("reading guest records with each strategy, password and token", async () => {
  for (const auth of [demo.admin, { apiToken: demo.tokens.partner }]) {
    const client = guest(auth);
    const byCursor = await client.record.getAllRecordsWithCursor({ app });
    const byId = await client.record.getAllRecordsWithId({ app });
    const byOffset = await client.record.getAllRecordsWithOffset({ app, orderBy: "$id asc" });
    for (const records of [byCursor, byId, byOffset]) {
      assert.equal(records.length, demo.counts.partners);
    }
    // An app with an app code numbers its records CODE-<id>.
    for (const r of byId) {
      assert.equal(r.Record_number.value, `PARTNER-${r.$id.value}`);
    }
  }
});

test("bulk writes in the guest space", async () => {
  const client = guest({ apiToken: demo.tokens.partner });
  const added = await client.record.addAllRecords({
    app,
    records: Array.from({ length: 130 }, (_, i) => ({
      contact_name: { value: `ゲスト ${i}` },
      role: { value: "Consultant" },
    })),
  });
  assert.equal(added.records.length, 130);
  await client.record.updateAllRecords({
    app,
    records: added.records.map(({ id }) => ({ id, record: { company: { value: "Guest Co." } } })),
  });
  const updated = await client.record.getAllRecordsWithCursor({ app, query: 'company = "Guest Co."' });
  assert.equal(updated.length, 130);
  await client.record.deleteAllRecords({ app, records: added.records.map(({ id }) => ({ id })) });
  const left = await client.record.getAllRecordsWithId({ app });
  assert.equal(left.length, demo.counts.partners);
});

test("a guest app through the normal path is refused (GAIA_IL23)", async () => {
  const client = emu.client({ auth: demo.admin });
  const error = await rejection(() => client.record.getRecords({ app }));
  assert.equal(error.code, "GAIA_IL23");
});

test("a normal app through the guest path is refused (CB_NO02)", async () => {
  const client = guest(demo.admin);
  const error = await rejection(() => client.record.getRecords({ app: demo.apps.customers }));
  assert.equal(error.status, 403);
  assert.equal(error.code, "CB_NO02");
});
