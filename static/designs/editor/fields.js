// The fields of the editor's forms: what each one edits, its label, unit, default and help.
import {
  DEFAULTS, DEFAULT_TEXTS, componentLabel, components, kindLabel, refKey, state,
} from "./state.js";
import { lookup } from "./util.js";

// A replica names a primary: another component of its kind that is not itself a replica.
const isReplica = (c) => c.replica_of !== undefined && c.replica_of !== null;
const replicaCandidates = (c) => (c ? components().filter((o) =>
  o !== c && o.key && o.kind === c.kind && !isReplica(o)) : []);
const replicasOf = (c) => components().filter((o) => o !== c && o.replica_of === refKey(c));

// The possible primaries, and the one named when it is not one (its error says why).
function replicaOptions(c) {
  const options = [["", "none: a primary, or on its own"],
    ...replicaCandidates(c).map((o) => [refKey(o), `${componentLabel(o)} (${refKey(o)})`])];
  const named = c && typeof c.replica_of === "string" ? c.replica_of : "";
  if (named && !options.some(([value]) => value === named)) {
    options.push([named, `${named} (not a possible primary)`]);
  }
  return options;
}

function replicaNote(c) {
  if (!c) return "";
  const replicas = replicasOf(c);
  if (replicas.length) {
    return `the primary of ${replicas.map(refKey).join(", ")}: a primary cannot also be a replica`;
  }
  if (!replicaCandidates(c).length && !isReplica(c)) {
    return `a replica names a primary: another ${kindLabel(c.kind)} that is not itself a replica (none yet)`;
  }
  return "the reads spread over the primary and its replicas by capacity; the writes go to the primary";
}

const kindDefault = (table, c, fallback) =>
  c && c.kind in table ? table[c.kind] : fallback;

export const COMPONENT_FIELDS = [
  { name: "key", label: "Key", type: "text", required: true,
    help: "Letters, digits, _ and -: routes and links name the component by it." },
  { name: "kind", label: "Kind", type: "select", required: true,
    options: () => DEFAULTS.kinds.map((kind) => [kind, kindLabel(kind)]) },
  { name: "name", label: "Name", type: "text", placeholder: (c) => c.key || "",
    help: "Shown on the diagram; empty: the key." },
  { name: "instances", label: "Instances", type: "number", placeholder: () => "1" },
  { name: "capacity_rps", label: "Capacity", type: "number", unit: "req/s per instance",
    placeholder: (c) => kindDefault(DEFAULT_TEXTS.capacity_rps, c, "") },
  { name: "availability", label: "Availability", type: "number",
    unit: "fraction per instance (0.999 = three nines)",
    placeholder: (c) => kindDefault(DEFAULT_TEXTS.availability, c, "") },
  { name: "redundancy", label: "Redundancy", type: "select",
    options: () => [["", `default (${DEFAULTS.redundancy})`],
      ...DEFAULTS.redundancy_kinds.map((r) => [r, r])] },
  { name: "k", label: "k", type: "number",
    unit: "instances that must be up: required for k-of-n, 1 to the instances" },
  { name: "replica_of", label: "Replica of", type: "select",
    options: (c) => replicaOptions(c),
    note: (c) => replicaNote(c) },
  { name: "latency_ms", label: "Latency", type: "number", unit: "ms per request",
    placeholder: (c) => kindDefault(DEFAULT_TEXTS.latency_ms, c, "") },
  { name: "hit_ratio", label: "Hit ratio", type: "number", unit: "fraction of reads answered",
    placeholder: (c) => kindDefault(DEFAULT_TEXTS.hit_ratio, c, "0") },
  { name: "memory_bytes", label: "Memory", type: "bytes", unit: "bytes per instance",
    placeholder: () => "none" },
  { name: "storage_bytes", label: "Storage", type: "bytes", unit: "bytes",
    placeholder: () => "none" },
  { name: "managed", label: "Managed service", type: "checkbox",
    help: "Its availability includes its own redundancy: never a single point of failure." },
  { name: "zone", label: "Zone", type: "text", placeholder: () => "none" },
  { name: "notes", label: "Notes", type: "textarea" },
];

// The design's peak factor as the server wrote it, its default when it sets none, and
// nothing while it is being checked or wrong.
const peakDefault = () => {
  const value = lookup(state.doc, ["assumptions", "peak_factor"]);
  if (value === undefined) return DEFAULT_TEXTS.assumptions.peak_factor;
  return state.echo["assumptions.peak_factor"] || "";
};

const usersNote = () => {
  if (lookup(state.doc, ["assumptions", "daily_active_users"]) === undefined) {
    return "daily active users: 0 (set them in Assumptions)";
  }
  return `daily active users: ${state.echo["assumptions.daily_active_users"] || "see Assumptions"}`;
};

export const WORKLOAD_FIELDS = [
  { name: "name", label: "Name", type: "text", required: true },
  { name: "kind", label: "Kind", type: "select", required: true,
    options: () => [["read", "read"], ["write", "write"]] },
  { name: "rate_mode", label: "Rate given as", type: "select", virtual: true,
    fallback: ["rate", "per"],
    options: () => [["rate", "events per period"], ["per_user", "per user per day"]] },
  { name: "rate", label: "Rate", type: "number", unit: "events per period", mode: "rate" },
  { name: "per", label: "Period", type: "select", mode: "rate",
    options: () => [["", "second (default)"], ["day", "day"], ["month", "month (30 days)"],
      ["year", "year (365 days)"]] },
  { name: "per_user_per_day", label: "Per user per day", type: "number", mode: "per_user",
    unit: "events per user per day, times the daily active users", note: usersNote },
  { name: "request_bytes", label: "Request size", type: "bytes", unit: "bytes (ingress)",
    placeholder: () => "0" },
  { name: "response_bytes", label: "Response size", type: "bytes", unit: "bytes (egress)",
    placeholder: () => "0" },
  { name: "stored_bytes", label: "Stored per write", type: "bytes", unit: "bytes",
    placeholder: (w) => (w.kind === "write" ? "the request size" : "0") },
  { name: "media_fraction", path: ["media", "fraction"], label: "Media share", type: "number",
    unit: "fraction of writes with a media file", placeholder: () => "0", fallback: ["media"] },
  { name: "media_bytes", path: ["media", "bytes"], label: "Media size", type: "bytes",
    unit: "bytes per media file", placeholder: () => "0" },
  { name: "peak_factor", label: "Peak factor", type: "number", unit: "peak / average",
    placeholder: () => (peakDefault() ? `${peakDefault()} (the assumption)` : "the assumption") },
  { name: "store", label: "Stored in", type: "select",
    options: () => [["", "default: the last database, object store or search on the route"],
      ...components().filter((c) => c.key).map((c) => [refKey(c), refKey(c)])] },
];

export const ASSUMPTION_FIELDS = [
  { name: "daily_active_users", label: "Daily active users", type: "number", unit: "users a day" },
  { name: "retention_years", label: "Retention", type: "number", unit: "years" },
  { name: "peak_factor", label: "Peak factor", type: "number", unit: "peak / average traffic" },
  { name: "replication_factor", label: "Replication", type: "number",
    unit: "copies of every stored byte" },
  { name: "cache_fraction", label: "Cache share", type: "number",
    unit: "fraction of the daily reads kept in cache" },
  { name: "target_utilization", label: "Target utilisation", type: "number",
    unit: "fraction of capacity at peak" },
].map((spec) => ({ ...spec, placeholder: () => DEFAULT_TEXTS.assumptions[spec.name] }));

export const DESIGN_FIELDS = [
  { name: "name", label: "Name", type: "text", required: true },
  { name: "description", label: "Description", type: "textarea",
    help: "What the system does, notes: free text." },
  // Free text for the interview report; an empty one is left out of the document.
  { name: "requirements-functional", path: ["requirements", "functional"],
    label: "Functional requirements", type: "textarea", fallback: ["requirements"],
    help: "What users can do: shorten a URL, redirect to it…" },
  { name: "requirements-non_functional", path: ["requirements", "non_functional"],
    label: "Non-functional requirements", type: "textarea",
    help: "Availability, latency, scale, durability…" },
  { name: "requirements-extended", path: ["requirements", "extended"],
    label: "Extended requirements", type: "textarea", help: "Nice to have: analytics, expiry…" },
  { name: "data_model", label: "Data model", type: "textarea",
    help: "Tables or collections, their fields and keys." },
  { name: "api_design", label: "API design", type: "textarea",
    help: "Endpoints, their parameters and answers." },
  { name: "is_public", label: "Public: anyone with the link may read it (only you change it)",
    type: "checkbox", virtual: true },
];

// The design's targets (its SLOs); the p99 targets, one per workload, are drawn by renderP99.
export const SLO_FIELDS = [
  { name: "slo-availability", path: ["slos", "availability"], label: "Availability",
    type: "number", placeholder: () => "none",
    unit: "fraction of the requests served, at least (0.999: three nines)" },
];
export const BUDGET_FIELDS = [
  { name: "slo-monthly_budget", path: ["slos", "monthly_budget"], label: "Monthly budget",
    type: "number", placeholder: () => "none",
    unit: "the most the design may cost a month, in the cost's currency (US dollars)" },
];
