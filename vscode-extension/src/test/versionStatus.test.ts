import { strict as assert } from "node:assert";
import { test } from "node:test";
import { statusText, VersionInfo, versionPicks } from "../versionStatus";

const AVAILABLE = ["2.3.13", "2.3.12", "2.3.11"];

test("status text names the version and where it comes from", () => {
  const d: VersionInfo = { version: "2.3.13", source: "default", available: AVAILABLE, default: "2.3.13" };
  assert.equal(statusText(d).text, "SeaTunnel 2.3.13");
  assert.match(statusText(d).tooltip, /newest catalog \(2\.3\.13\).*not set/);
  const f: VersionInfo = { ...d, version: "2.3.11", source: "file" };
  assert.equal(statusText(f).text, "SeaTunnel 2.3.11 (file)");
  assert.match(statusText(f).tooltip, /seatunnel-version=/);
  assert.match(statusText({ ...d, version: "2.3.12", source: "settings" }).tooltip, /by the settings/);
});

test("quick pick lists newest and every catalog, marking the setting and the active one", () => {
  const info: VersionInfo = { version: "2.3.11", source: "file", available: AVAILABLE, default: "2.3.13" };
  const picks = versionPicks(info, "2.3.12");
  assert.deepEqual(picks.map((p) => p.value), ["", "2.3.13", "2.3.12", "2.3.11"]);
  assert.equal(picks[0].description, "clear stlint.seatunnelVersion");
  assert.equal(picks[2].description, "current setting");
  assert.equal(picks[3].description, "active for this file");
  assert.equal(picks[1].description, undefined);
  assert.equal(versionPicks(info, "")[0].description, "current setting");
});
