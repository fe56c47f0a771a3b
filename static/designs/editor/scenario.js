// The failure what-if on the live canvas: components failed, instances lost, zones down.
// It lives here, apart from the design document and its undo history: a what-if is not an
// edit, so it is never saved, never in a draft, never undone, and the design stays clean.
// While it is not empty, check.js sends it with each check as the envelope
// {"document": ..., "failures": scenarioBody()} (POST /api/validate/?live=1, docs/api.md).
import { componentLabel, components, refKey } from "./state.js";

// One entry a component: the object, so that a rename follows it, and its key, so that an
// undo (which brings back new objects) finds it again. `lost` counts instances lost; at
// least all of them is the same as `failed`.
let entries = [];
const zonesDown = new Set();

// Entries of components still in the document, with their current keys; zones still named
// by some component. Called before every read: the document may have changed since.
function current() {
  const present = components();
  entries = entries.filter((entry) => {
    if (!present.includes(entry.component)) {
      entry.component = present.find((c) => refKey(c) === entry.key);
      if (!entry.component) return false;
    }
    entry.key = refKey(entry.component);
    return entry.failed || entry.lost > 0;
  });
  const zones = new Set(designZones());
  [...zonesDown].forEach((zone) => zones.has(zone) || zonesDown.delete(zone));
  return entries;
}

function entryOf(component, create) {
  let entry = current().find((e) => e.component === component);
  if (!entry && create) {
    entry = { component, key: refKey(component), failed: false, lost: 0 };
    entries.push(entry);
  }
  return entry;
}

// A component's instances as the engine reads them (1 when left out or not yet valid).
export const instancesOf = (c) => (Number.isInteger(c.instances) && c.instances > 0 ? c.instances : 1);

// The zones the components name, sorted: what the Failures menu offers.
export function designZones() {
  const names = components().map((c) => c.zone).filter((zone) => typeof zone === "string" && zone);
  return [...new Set(names)].sort();
}

export function zoneIsDown(zone) {
  current(); // a zone no component names any more is no longer down
  return zonesDown.has(zone);
}
const zoneOf = (c) => (typeof c.zone === "string" && c.zone ? c.zone : null);
export const downWithZone = (c) => (zoneOf(c) && zoneIsDown(zoneOf(c)) ? zoneOf(c) : null);

export function isFailed(c) {
  const entry = entryOf(c, false);
  return Boolean(entry && (entry.failed || entry.lost >= instancesOf(c)));
}
export function lostInstances(c) {
  const entry = entryOf(c, false);
  return entry ? entry.lost : 0;
}

export function setFailed(c, on) {
  const entry = entryOf(c, true);
  entry.failed = on;
  if (!on && entry.lost >= instancesOf(c)) entry.lost = 0;
}
// `count` of the component's instances lost (0 to instances; all of them fails it).
export function setLost(c, count) {
  const entry = entryOf(c, true);
  entry.lost = Math.max(0, Math.min(instancesOf(c), Math.floor(count) || 0));
}
export function setZoneDown(zone, on) {
  if (on) zonesDown.add(zone);
  else zonesDown.delete(zone);
}

export function clearFailures() {
  entries = [];
  zonesDown.clear();
}

export const hasFailures = () => current().length > 0 || zonesDown.size > 0;

// What POST /api/validate/ takes as `failures` (keys the check sends), or null for none.
export function scenarioBody() {
  if (!hasFailures()) return null;
  const failed = entries.filter((e) => isFailed(e.component)).map((e) => e.key);
  const lost = entries.filter((e) => !isFailed(e.component) && e.lost > 0)
    .map((e) => [e.key, e.lost]);
  return { failed, lost_instances: Object.fromEntries(lost), zones: [...zonesDown] };
}

// The scenario in words, for the what-if banner: ["URL database down", "Redirection
// service: 6 of 12 instances lost", "zone eu-1 down"].
export function describeFailures() {
  const named = current().map((e) => (isFailed(e.component)
    ? `${componentLabel(e.component)} down`
    : `${componentLabel(e.component)}: ${e.lost} of ${instancesOf(e.component)} instances lost`));
  return [...named, ...[...zonesDown].map((zone) => `zone ${zone} down`)];
}
