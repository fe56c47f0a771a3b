/* The design editor: a Cytoscape canvas and a side panel over one design document.
 *
 * The in-memory document (state.doc) is the source of truth: every input writes into it at
 * once (an unparseable number is kept as typed, so the engine can name it), the canvas and
 * the lists are drawn from it, POST /api/validate/ checks it as the user types, and a draft
 * of it stays in localStorage until it is saved. Saving goes through the REST API
 * (docs/api.md), then the page follows the new version's estimate until it is done. A moment
 * after each change the draft is estimated too (POST /api/estimate/live/, nothing saved):
 * the nodes show their load and the live strip the headline figures, as the server writes them.
 *
 * Links and routes name components by key. A component being renamed keeps the key they use
 * (refKeys) until its new key is valid and unique, then they follow it.
 */
(function () {
  "use strict";

  // ---- page data ---------------------------------------------------------------------------

  const root = document.getElementById("editor");
  if (!root || typeof window.cytoscape !== "function") return;

  function readJSON(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  const DEFAULTS = readJSON("editor-defaults");
  // The defaults as text, written by the server: the hints show them as they are.
  const DEFAULT_TEXTS = readJSON("editor-default-texts");
  const initial = readJSON("editor-design");
  const $ = (id) => document.getElementById(id);
  const KEY_PATTERN = /^[A-Za-z0-9_-]+$/;
  const SHORT_KEYS = { load_balancer: "lb", api_gateway: "gateway", object_store: "objects" };

  const state = {
    doc: readJSON("editor-document"),
    design: initial && {
      id: initial.id, slug: initial.slug, version: initial.version, url: initial.url,
      html: initial.html,
    },
    isPublic: initial ? initial.is_public : false,
    selected: null, // a component object of state.doc
    selectedLink: null, // a link object of state.doc
    workload: null, // a workload object of state.doc
    picking: false, // clicks on the canvas add route steps
    tab: "component",
    revision: 0,
    validated: -1, // the revision the errors belong to
    errors: [],
    // The numbers typed as the server writes them ("64 GB"), by path: POST /api/validate/.
    echo: {},
    echoStale: [], // the paths changed since the last check was sent: their echo is old
    checkProblem: "",
    validateSeq: 0,
    validateTimer: null,
    baseline: "",
    saving: false,
    estimateWatch: 0,
    jsonEdited: false,
    pendingDraft: null,
    conflicted: false, // a save met a newer version; the next save asks again
    live: new Map(), // the live estimate's components by key: what the nodes show
    liveBody: null, // the last live estimate applied
    liveSeq: 0,
    liveTimer: null,
    liveAbort: null, // the live request on its way: a newer one aborts it
  };

  // ---- small helpers -----------------------------------------------------------------------

  const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
  const uids = new WeakMap();
  let nextUid = 1;
  function uid(object) {
    if (!uids.has(object)) uids.set(object, "e" + nextUid++);
    return uids.get(object);
  }
  const refKeys = new WeakMap();
  const refKey = (component) => (refKeys.has(component) ? refKeys.get(component) : component.key);

  function list(name) {
    if (!Array.isArray(state.doc[name])) state.doc[name] = [];
    return state.doc[name];
  }
  const components = () => list("components").filter(isObject);
  const stepKey = (step) => (isObject(step) ? step.key : step);
  const kindLabel = (kind) => DEFAULTS.kind_labels[kind] || kind || "no kind";
  const componentLabel = (c) => (c.name || c.key || "(no key)");

  function el(tag, attributes, children) {
    const element = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value === undefined || value === null || value === false) return;
      if (name === "text") element.textContent = value;
      else if (name === "class") element.className = value;
      else element.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach((child) => child && element.append(child));
    return element;
  }

  // What a number field holds: a number, nothing (the default), or the text as typed when it
  // is no number, for the engine to name. Bytes accept decimal units: 64GB, 1.5 TB, 2KiB.
  const BYTE_FACTORS = { k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15, e: 1e18 };
  function parseNumber(text, bytes) {
    const clean = text.replace(/[,_\s]/g, "");
    const match = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(?:([kmgtpe])(i)?)?(b)?$/i.exec(clean);
    if (!match || ((match[2] || match[4]) && !bytes)) return null;
    let value = Number(match[1]);
    if (match[2]) {
      const factor = match[3] ? 1024 ** ("kmgtpe".indexOf(match[2].toLowerCase()) + 1)
        : BYTE_FACTORS[match[2].toLowerCase()];
      value = Math.round(value * factor);
    }
    return Number.isFinite(value) ? value : null;
  }

  // ---- field specifications ----------------------------------------------------------------

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

  const COMPONENT_FIELDS = [
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

  const WORKLOAD_FIELDS = [
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

  const ASSUMPTION_FIELDS = [
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

  const DESIGN_FIELDS = [
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
  const SLO_FIELDS = [
    { name: "slo-availability", path: ["slos", "availability"], label: "Availability",
      type: "number", placeholder: () => "none",
      unit: "fraction of the requests served, at least (0.999: three nines)" },
  ];
  const BUDGET_FIELDS = [
    { name: "slo-monthly_budget", path: ["slos", "monthly_budget"], label: "Monthly budget",
      type: "number", placeholder: () => "none",
      unit: "the most the design may cost a month, in the cost's currency (US dollars)" },
  ];

  // ---- forms: built once from the specifications, filled from the document -------------------

  const formFields = []; // every field of every form, for renderHints

  function buildForm(container, specs, prefix, testPrefix) {
    const fields = {};
    specs.forEach((spec) => {
      const id = `${prefix}-${spec.name}`;
      const attributes = { id, name: spec.name, "data-testid": `${testPrefix}${spec.name}` };
      let input;
      if (spec.type === "select") input = el("select", attributes);
      else if (spec.type === "textarea") input = el("textarea", { ...attributes, rows: 3 });
      else if (spec.type === "checkbox") input = el("input", { ...attributes, type: "checkbox" });
      else {
        const numeric = spec.type === "number" || spec.type === "bytes";
        input = el("input", { ...attributes, type: "text", autocomplete: "off",
          inputmode: numeric && spec.type === "number" ? "decimal" : null,
          spellcheck: numeric ? "false" : null });
      }
      if (spec.required) input.setAttribute("aria-required", "true");
      const hint = el("span", { class: "hint", id: `${id}-hint` });
      input.setAttribute("aria-describedby", hint.id);
      const label = el("label", { for: id, text: spec.label });
      const wrap = spec.type === "checkbox"
        ? el("div", { class: "field checkbox" }, [input, label, hint])
        : el("div", { class: "field" }, [label, input, hint]);
      container.append(wrap);
      fields[spec.name] = { spec, input, hint, wrap };
      formFields.push(fields[spec.name]);
    });
    return fields;
  }

  function setOptions(select, options) {
    const signature = JSON.stringify(options);
    if (select.dataset.options === signature) return;
    const value = select.value;
    select.replaceChildren(...options.map(([v, text]) => el("option", { value: v, text })));
    select.dataset.options = signature;
    select.value = value;
  }

  function showValue(field, value) {
    const { spec, input } = field;
    if (document.activeElement === input) return; // never overwrite what is being typed
    if (spec.type === "checkbox") {
      input.checked = value === true;
      return;
    }
    let text = value === undefined || value === null ? "" : value;
    if (typeof text !== "string") text = typeof text === "object" ? JSON.stringify(text) : String(text);
    if (spec.type === "select" && ![...input.options].some((o) => o.value === text)) {
      const option = el("option", { value: text, text: text ? `${text} (unknown)` : "choose…" });
      if (text) input.append(option);
      else input.prepend(option);
    }
    if (input.value !== text) input.value = text;
  }

  // The server's echo of the number in a field ("= 64 GB"), when it says more than the field.
  function echoOf(field) {
    const text = field.wrap.dataset.paths ? state.echo[field.wrap.dataset.paths] : undefined;
    return text && text !== field.input.value.trim() ? `= ${text}` : "";
  }

  function showHint(field, target) {
    const { spec, input, hint } = field;
    field.target = target;
    const parts = [];
    if (spec.unit) parts.push(spec.unit);
    const echo = echoOf(field);
    if (echo) parts.push(echo);
    const placeholder = spec.placeholder ? spec.placeholder(target || {}) : "";
    if (spec.type !== "select" && spec.type !== "checkbox") {
      input.placeholder = placeholder === "" ? "" : String(placeholder);
      if (placeholder !== "" && placeholder !== "none" && spec.type !== "text") {
        parts.push(`default: ${placeholder}`);
      }
    }
    if (spec.help) parts.push(spec.help);
    if (spec.note) parts.push(spec.note(target));
    hint.textContent = parts.filter(Boolean).join(" · ");
  }

  // The hints again, for the same objects, once a check brought new echoes.
  function renderHints() {
    formFields.filter((field) => field.target !== undefined)
      .forEach((field) => showHint(field, field.target));
  }

  function readInput(spec, input) {
    if (spec.type === "checkbox") return input.checked ? true : undefined;
    if (spec.type === "select" || spec.type === "text" || spec.type === "textarea") {
      return input.value === "" ? undefined : input.value;
    }
    const text = input.value.trim();
    if (text === "") return undefined;
    const value = parseNumber(text, spec.type === "bytes");
    return value === null ? input.value : value;
  }

  function assign(target, path, value) {
    const [head, ...rest] = path;
    if (!rest.length) {
      if (value === undefined) delete target[head];
      else target[head] = value;
      return;
    }
    if (!isObject(target[head])) {
      if (value === undefined) return;
      target[head] = {};
    }
    assign(target[head], rest, value);
    if (!Object.keys(target[head]).length) delete target[head];
  }

  function lookup(target, path) {
    return path.reduce((value, key) => (isObject(value) ? value[key] : undefined), target);
  }

  function setPaths(field, base) {
    const path = field.spec.path || [field.spec.name];
    if (base === null) {
      delete field.wrap.dataset.paths;
      delete field.wrap.dataset.fallbackPaths;
      return;
    }
    if (!field.spec.virtual) field.wrap.dataset.paths = join(base, path.join("."));
    const fallback = (field.spec.fallback || []).map((name) => join(base, name));
    if (fallback.length) field.wrap.dataset.fallbackPaths = fallback.join(" ");
  }
  const join = (base, name) => (base ? `${base}.${name}` : name);

  // ---- the canvas --------------------------------------------------------------------------

  const canvas = $("canvas");
  const KIND_COLOURS = {
    client: "#e9eef5", dns: "#e6f0fb", cdn: "#e6f0fb", load_balancer: "#efe9fb",
    api_gateway: "#efe9fb", service: "#e3efff", worker: "#e3efff", cache: "#fff0dc",
    queue: "#fbf6d8", database: "#e2f4e7", object_store: "#e2f4e7", search: "#e2f4e7",
    external: "#eeeeee",
  };
  const LIVE_BANDS = {
    ok: ["#e3f4e8", "#1c7c3c"], warm: ["#fdf0d3", "#9a6200"], hot: ["#fbe0de", "#b3261e"],
    none: ["#eef0f4", "#8a93a3"],
  };
  const STYLE = [
    { selector: "node", style: {
      shape: "round-rectangle", width: 120, height: 46, "background-color": "#f3f5f9",
      "border-width": 2, "border-color": "#8aa0bf", "font-size": 12, color: "#1d2330",
      "text-wrap": "wrap", "text-valign": "center", "text-halign": "center",
      "font-family": "system-ui, sans-serif" } },
    // Only the document's nodes carry these; edgehandles' ghost node does not.
    { selector: "node[label]", style: { label: "data(label)" } },
    { selector: "node[width]", style: { width: "data(width)", height: "data(height)",
      "text-max-width": "data(textWidth)" } },
    ...Object.entries(KIND_COLOURS).map(([kind, colour]) => (
      { selector: `node.k-${kind}`, style: { "background-color": colour } })),
    // The live estimate: fill and border by peak utilisation (as the design page's diagram),
    // a double border on a single point of failure, an outline on the first to saturate.
    ...Object.entries(LIVE_BANDS).map(([band, [fill, stroke]]) => ({ selector: `node.live-${band}`,
      style: { "background-color": fill, "border-color": stroke } })),
    { selector: "node.live-spof", style: { "border-style": "double", "border-width": 6 } },
    { selector: "node.live-first", style: { "outline-color": "#c2410c", "outline-width": 4,
      "outline-offset": 2, "outline-opacity": 1 } },
    { selector: "node.on-route", style: { "border-color": "#b7791f", "border-width": 4 } },
    { selector: "node.has-error", style: {
      "border-color": "#b3261e", "border-style": "dashed", "border-width": 3 } },
    { selector: "node:selected", style: { "border-color": "#1f5fbf", "border-width": 4,
      "border-style": "solid" } },
    { selector: "edge", style: {
      width: 2, "line-color": "#8a94a6", "target-arrow-color": "#8a94a6",
      "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 1.2 } },
    { selector: "edge.has-error", style: { "line-color": "#b3261e", "target-arrow-color": "#b3261e",
      "line-style": "dashed" } },
    { selector: "edge:selected", style: { "line-color": "#1f5fbf",
      "target-arrow-color": "#1f5fbf", width: 4 } },
    { selector: ".eh-hover", style: { "border-color": "#1f5fbf", "border-width": 4 } },
    { selector: ".eh-source", style: { "border-color": "#1f5fbf", "border-width": 4 } },
    { selector: ".eh-target", style: { "border-color": "#1f5fbf", "border-width": 4 } },
    { selector: ".eh-preview, .eh-ghost-edge", style: { "line-color": "#1f5fbf",
      "target-arrow-color": "#1f5fbf", "line-style": "dashed" } },
    { selector: ".eh-ghost-edge.eh-preview-active", style: { opacity: 0 } },
    { selector: ".eh-ghost-node", style: { width: 1, height: 1, opacity: 0 } },
  ];

  const cy = window.cytoscape({
    container: canvas, elements: [], style: STYLE, minZoom: 0.15, maxZoom: 3,
    boxSelectionEnabled: false, selectionType: "single",
  });
  const byUid = new Map();

  function nodeLabel(c) {
    const instances = typeof c.instances === "number" && c.instances > 1 ? ` x${c.instances}` : "";
    const replica = typeof c.replica_of === "string" && c.replica_of ? `\nreplica of ${c.replica_of}` : "";
    return `${componentLabel(c)}\n${kindLabel(c.kind)}${instances}${replica}${liveLines(c)}`;
  }
  // Wide enough for the longest line of the label (about 7 px a character at 12 px) up to a
  // limit, then tall enough for the lines it wraps into.
  function nodeSize(label) {
    const lines = label.split("\n").map((line) => line.length * 7);
    const width = Math.max(84, Math.min(160, 16 + Math.max(...lines)));
    const rows = lines.reduce((sum, length) => sum + Math.max(1, Math.ceil(length / (width - 12))), 0);
    return { width, textWidth: width - 12, height: Math.max(46, 14 + 16 * rows) };
  }
  const validPosition = (p) => isObject(p) && Number.isFinite(p.x) && Number.isFinite(p.y);

  function syncGraph() {
    const seen = new Set();
    byUid.clear();
    cy.batch(() => {
      components().forEach((c) => {
        const id = uid(c);
        seen.add(id);
        byUid.set(id, c);
        let node = cy.getElementById(id);
        const label = nodeLabel(c);
        const data = { id, label, doc: true, ...nodeSize(label) };
        if (node.empty()) {
          if (!validPosition(c.position)) c.position = roundPosition(freeSpot());
          node = cy.add({ group: "nodes", data, position: { ...c.position } });
        } else {
          node.data(data);
          if (validPosition(c.position) && !node.grabbed()) node.position({ ...c.position });
        }
        node.classes(`k-${c.kind}`);
      });
      const ids = new Map(components().map((c) => [refKey(c), uid(c)]));
      list("links").filter(isObject).forEach((link) => {
        const source = ids.get(link.from);
        const target = ids.get(link.to);
        if (!source || !target || source === target) return;
        const id = uid(link);
        seen.add(id);
        byUid.set(id, link);
        const edge = cy.getElementById(id);
        if (edge.empty()) cy.add({ group: "edges", data: { id, source, target, doc: true } });
        else if (edge.source().id() !== source || edge.target().id() !== target) {
          edge.move({ source, target });
        }
      });
      cy.elements("[?doc]").forEach((element) => {
        if (!seen.has(element.id())) element.remove();
      });
      paintLive();
    });
    $("canvas-empty").hidden = components().length > 0;
    markCanvas();
  }

  function markCanvas() {
    cy.elements().unselect();
    if (state.selected && !state.picking) cy.getElementById(uid(state.selected)).select();
    if (state.selectedLink) cy.getElementById(uid(state.selectedLink)).select();
    const route = isObject(state.workload) && Array.isArray(state.workload.route)
      ? new Set(state.workload.route.map(stepKey)) : new Set();
    const onRoute = state.tab === "workloads";
    components().forEach((c) => {
      cy.getElementById(uid(c)).toggleClass("on-route", onRoute && route.has(refKey(c)));
    });
    $("delete-selected").disabled = !state.selected && !state.selectedLink;
  }

  const roundPosition = (p) => ({ x: Math.round(p.x), y: Math.round(p.y) });

  function freeSpot(near) {
    const extent = cy.extent();
    const centre = near || { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 };
    const taken = (p) => cy.nodes("[?doc]").some((n) =>
      Math.abs(n.position("x") - p.x) < 175 && Math.abs(n.position("y") - p.y) < 62);
    for (let ring = 0; ring < 12; ring += 1) {
      for (let dy = -ring; dy <= ring; dy += 1) {
        for (let dx = -ring; dx <= ring; dx += 1) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
          const spot = { x: centre.x + dx * 190, y: centre.y + dy * 70 };
          if (!taken(spot)) return spot;
        }
      }
    }
    return centre;
  }

  // Whether the user moved the view since the last fit: until then, a resized canvas refits.
  let viewMoved = false;
  let fitting = false;
  function fit() {
    if (cy.nodes().empty()) return;
    fitting = true;
    cy.fit(undefined, 40);
    if (cy.zoom() > 1.25) {
      cy.zoom(1.25);
      cy.center();
    }
    fitting = false;
    viewMoved = false;
  }
  cy.on("viewport", () => {
    if (!fitting) viewMoved = true;
  });

  function autoLayout() {
    if (cy.nodes("[?doc]").empty()) return;
    cy.elements("[?doc]").layout({
      name: "dagre", rankDir: "LR", nodeSep: 22, rankSep: 55, edgeSep: 10, fit: false,
      animate: false,
    }).run();
    components().forEach((c) => {
      c.position = roundPosition(cy.getElementById(uid(c)).position());
    });
    fit();
  }

  // edgehandles: drag from a component's handle (or from the component in connect mode) to another
  const handles = cy.edgehandles({
    canConnect: (source, target) => {
      const from = byUid.get(source.id());
      const to = byUid.get(target.id());
      return !source.same(target) && Boolean(from && to) && !linkBetween(from, to);
    },
    edgeParams: () => ({ data: {} }),
    hoverDelay: 100, snap: true, snapThreshold: 30, snapFrequency: 15,
    noEdgeEventsInDraw: true, disableBrowserGestures: true,
  });
  cy.on("ehcomplete", (event, source, target, added) => {
    added.remove();
    connect(byUid.get(source.id()), byUid.get(target.id()));
  });

  const handle = $("link-handle");
  let handleNode = null;
  let handleTimer = null;
  function placeHandle(node) {
    const box = node.renderedBoundingBox({ includeLabels: false });
    handle.style.left = `${box.x2 - 8}px`;
    handle.style.top = `${(box.y1 + box.y2) / 2 - 8}px`;
  }
  function showHandle(node) {
    if (state.picking || cy.nodes(".eh-source").nonempty()) return;
    clearTimeout(handleTimer);
    handleNode = node;
    placeHandle(node);
    handle.hidden = false;
  }
  function hideHandle(later) {
    clearTimeout(handleTimer);
    if (later) handleTimer = setTimeout(() => hideHandle(false), 400);
    else {
      handle.hidden = true;
      handleNode = null;
    }
  }
  cy.on("mouseover", "node[?doc]", (event) => showHandle(event.target));
  cy.on("mouseout", "node[?doc]", () => hideHandle(true));
  cy.on("grab pan zoom", () => hideHandle(false));
  handle.addEventListener("mouseenter", () => clearTimeout(handleTimer));
  handle.addEventListener("mouseleave", () => hideHandle(true));
  handle.addEventListener("mousedown", (event) => {
    if (!handleNode) return;
    event.preventDefault();
    const node = handleNode;
    hideHandle(false);
    handles.start(node);
  });
  window.addEventListener("mouseup", () => handles.stop());

  cy.on("tap", "node[?doc]", (event) => {
    const c = byUid.get(event.target.id());
    if (!c) return;
    if (state.picking) addRouteStep(refKey(c));
    else select(c);
  });
  cy.on("tap", "edge[?doc]", (event) => {
    const link = byUid.get(event.target.id());
    if (link && !state.picking) selectLink(link);
  });
  cy.on("tap", (event) => {
    if (event.target === cy && !state.picking) select(null);
  });
  cy.on("dragfree", "node[?doc]", (event) => {
    const c = byUid.get(event.target.id());
    if (!c) return;
    c.position = roundPosition(event.target.position());
    changed();
  });
  // Links bent round the boxes they would cross (edge_routes.js), once per frame after a
  // change of the graph, a layout or a drag's end (not during it), boxes left in place.
  cy.style().selector("edge[dists]").style({ "curve-style": "round-segments",
    "edge-distances": "node-position", "segment-distances": "data(dists)",
    "segment-weights": "data(weights)", "segment-radii": 6 }).update();
  const edgeRoutes = import("./edge_routes.js"); // resolved against this script's URL
  let routesPending = false;
  function routeEdges() {
    if (routesPending || cy.nodes(":grabbed").nonempty()) return;
    routesPending = true;
    Promise.all([edgeRoutes, new Promise(requestAnimationFrame)]).then(([{ route, segmentData }]) => {
      routesPending = false;
      const box = (n) => { // as drawn: border and outline (the first to saturate) included
        const b = n.boundingBox({ includeLabels: false, includeOverlays: false });
        return { id: n.id(), x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2, w: b.w, h: b.h };
      };
      const edges = cy.edges("[?doc]");
      const routes = route(cy.nodes("[?doc]").map(box), edges.map((e) => (
        { id: e.id(), source: e.source().id(), target: e.target().id() })));
      cy.batch(() => edges.forEach((e) => {
        const data = segmentData(e.source().position(), e.target().position(), routes[e.id()]);
        if (data) e.data(data);
        else e.removeData("dists weights");
      }));
    });
  }
  cy.on("add remove", "[?doc]", routeEdges);
  cy.on("data position dragfree", "node[?doc]", routeEdges);
  // Cytoscape selects on its own; the panel's selection decides.
  cy.on("select unselect", () => setTimeout(() => {
    const wanted = new Set([state.selected, state.selectedLink]
      .filter((o) => o && !state.picking).map(uid));
    const actual = new Set(cy.$(":selected").map((e) => e.id()));
    if ([...wanted].some((id) => !actual.has(id)) || [...actual].some((id) => !wanted.has(id))) {
      markCanvas();
    }
  }, 0));

  // ---- editing the document ----------------------------------------------------------------

  function newKey(kind) {
    const base = SHORT_KEYS[kind] || kind || "component";
    const taken = (key) => components().some((c) => c.key === key || refKey(c) === key);
    if (!taken(base)) return base;
    let number = 2;
    while (taken(`${base}${number}`)) number += 1;
    return `${base}${number}`;
  }

  function keyTaken(key, except) {
    return components().some((c) => c !== except && (c.key === key || refKey(c) === key));
  }

  function addComponent(kind, key, x, y) {
    const c = { key: key || newKey(kind), kind };
    const spot = Number.isFinite(x) && Number.isFinite(y) ? { x, y } : freeSpot();
    c.position = roundPosition(spot);
    list("components").push(c);
    refKeys.set(c, c.key);
    state.selected = c;
    state.selectedLink = null;
    showTab("component");
    changed();
    return c;
  }

  function renameReferences(from, to) {
    components().forEach((c) => {
      if (c.replica_of === from) c.replica_of = to;
    });
    list("links").filter(isObject).forEach((link) => {
      if (link.from === from) link.from = to;
      if (link.to === from) link.to = to;
    });
    list("workloads").filter(isObject).forEach((w) => {
      if (Array.isArray(w.route)) {
        w.route = w.route.map((step) => {
          if (step === from) return to;
          if (isObject(step) && step.key === from) step.key = to;
          return step;
        });
      }
      if (w.store === from) w.store = to;
    });
  }

  function setKey(c, value) {
    const old = refKey(c);
    if (value === undefined) delete c.key;
    else c.key = value;
    if (value && value !== old && KEY_PATTERN.test(value) && !keyTaken(value, c)) {
      renameReferences(old, value);
      refKeys.set(c, value);
    }
  }

  function deleteComponent(c) {
    const index = state.doc.components.indexOf(c);
    if (index < 0) return;
    state.doc.components.splice(index, 1);
    const key = refKey(c);
    if (!keyTaken(key, null)) {
      state.doc.links = list("links").filter((l) => !isObject(l) || (l.from !== key && l.to !== key));
      list("workloads").filter(isObject).forEach((w) => {
        if (Array.isArray(w.route)) w.route = w.route.filter((step) => stepKey(step) !== key);
        if (w.store === key) delete w.store;
      });
      components().forEach((o) => {
        if (o.replica_of === key) delete o.replica_of;
      });
    }
    if (state.selected === c) state.selected = null;
    state.selectedLink = null;
    clearErrorMarks();
    changed();
  }

  function linkBetween(a, b) {
    return list("links").find((l) => isObject(l) && l.from === refKey(a) && l.to === refKey(b));
  }

  function connect(a, b) {
    if (!a || !b || a === b || linkBetween(a, b)) return false;
    list("links").push({ from: refKey(a), to: refKey(b) });
    changed();
    return true;
  }

  function deleteLink(link) {
    const index = list("links").indexOf(link);
    if (index < 0) return;
    state.doc.links.splice(index, 1);
    if (state.selectedLink === link) state.selectedLink = null;
    clearErrorMarks();
    changed();
  }

  function deleteSelection() {
    if (state.selectedLink) deleteLink(state.selectedLink);
    else if (state.selected) deleteComponent(state.selected);
  }

  function select(c) {
    state.selected = c;
    state.selectedLink = null;
    if (c) showTab("component");
    refresh();
  }

  function selectLink(link) {
    state.selectedLink = link;
    state.selected = null;
    showTab("component");
    refresh();
  }

  // ---- tabs --------------------------------------------------------------------------------

  const TABS = ["component", "workloads", "assumptions", "design", "json"];
  function showTab(name, focus) {
    state.tab = name;
    TABS.forEach((tab) => {
      const button = $(`tab-${tab}`);
      const active = tab === name;
      button.setAttribute("aria-selected", active ? "true" : "false");
      button.tabIndex = active ? 0 : -1;
      $(`panel-${tab}`).hidden = !active;
    });
    if (name !== "workloads") stopPicking();
    if (name === "json") refreshJSON();
    if (focus) $(`tab-${name}`).focus();
    markCanvas();
  }
  TABS.forEach((tab) => $(`tab-${tab}`).addEventListener("click", () => showTab(tab)));
  document.querySelector(".tabs").addEventListener("keydown", (event) => {
    const index = TABS.indexOf(state.tab);
    const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    showTab(TABS[(moves[event.key] + TABS.length) % TABS.length], true);
  });

  // ---- the component panel -----------------------------------------------------------------

  const componentFields = buildForm($("component-fields"), COMPONENT_FIELDS, "component", "field-");

  Object.values(componentFields).forEach((field) => {
    const event = field.spec.type === "select" || field.spec.type === "checkbox" ? "change" : "input";
    field.input.addEventListener(event, () => {
      const c = state.selected;
      if (!c) return;
      const value = readInput(field.spec, field.input);
      if (field.spec.name === "key") setKey(c, value);
      else assign(c, [field.spec.name], value);
      touched(field.wrap.dataset.paths);
      changed();
    });
  });

  // Replaces a list's items when what they show changed, keeping the keyboard focus on the
  // item it was on (items are found again by their data-testid).
  function replaceItems(container, items) {
    const signature = items.map((item) => item.outerHTML).join("");
    if (container.dataset.signature === signature) return false;
    const focused = container.contains(document.activeElement)
      ? document.activeElement.getAttribute("data-testid") : null;
    container.dataset.signature = signature;
    container.replaceChildren(...items);
    if (focused) {
      const again = container.querySelector(`[data-testid="${focused}"]`);
      if (again) again.focus();
    }
    return true;
  }

  function renderComponentList() {
    const items = list("components").map((c, index) => {
      if (!isObject(c)) {
        return el("li", {}, [el("span", { class: "item", "data-count-path": `components[${index}]`,
          text: `#${index + 1} (not an object)` })]);
      }
      const button = el("button", {
        type: "button", class: "item", "data-testid": `component-item-${index}`,
        "data-count-path": `components[${index}]`,
        "aria-current": c === state.selected ? "true" : null,
      }, [el("span", { class: "item-name", text: componentLabel(c) }),
        el("span", { class: "item-meta", text: `${c.key || "no key"} · ${kindLabel(c.kind)}${
          typeof c.replica_of === "string" && c.replica_of ? ` · replica of ${c.replica_of}` : ""}` })]);
      button.addEventListener("click", () => select(c));
      return el("li", {}, [button]);
    });
    replaceItems($("component-list"), items);
  }

  function renderComponentPanel() {
    const c = state.selected;
    const index = c ? state.doc.components.indexOf(c) : -1;
    const form = $("component-form");
    form.hidden = index < 0;
    $("link-panel").hidden = !state.selectedLink;
    $("component-none").hidden = index >= 0 || Boolean(state.selectedLink);
    const base = index < 0 ? null : `components[${index}]`;
    Object.values(componentFields).forEach((field) => setPaths(field, base));
    if (base === null) delete $("component-heading").dataset.paths;
    else $("component-heading").dataset.paths = base;
    if (state.selectedLink) renderLinkPanel();
    if (index < 0) return;
    $("component-heading").textContent = `${componentLabel(c)} (${kindLabel(c.kind)})`;
    Object.values(componentFields).forEach((field) => {
      if (field.spec.options) setOptions(field.input, field.spec.options(c));
      showValue(field, c[field.spec.name]);
      showHint(field, c);
    });
    componentFields.k.wrap.classList.toggle("dim", c.redundancy !== "k-of-n" && c.k === undefined);
    renderLinks(c);
  }

  function renderLinks(c) {
    const key = refKey(c);
    const items = [];
    list("links").forEach((link, index) => {
      if (!isObject(link) || (link.from !== key && link.to !== key)) return;
      const outgoing = link.from === key;
      const other = outgoing ? link.to : link.from;
      const text = outgoing ? `→ ${other}` : `← ${other}`;
      const remove = el("button", { type: "button", class: "chip-remove",
        "aria-label": `Remove the link ${link.from} to ${link.to}`, "data-testid": `link-remove-${index}`,
        text: "×" });
      remove.addEventListener("click", () => deleteLink(link));
      items.push(el("li", { class: "chip", "data-paths": `links[${index}]`,
        "data-testid": `link-${index}` }, [el("span", { text }), remove]));
    });
    replaceItems($("link-list"), items);
    const targets = components().filter((o) => o !== c && o.key && !linkBetween(c, o));
    setOptions($("link-target"), targets.map((o) => [refKey(o), `${componentLabel(o)} (${refKey(o)})`]));
    $("link-add").disabled = targets.length === 0;
  }

  $("link-add").addEventListener("click", () => {
    const target = components().find((o) => refKey(o) === $("link-target").value);
    if (state.selected && target) connect(state.selected, target);
  });
  $("delete-component").addEventListener("click", () => state.selected && deleteComponent(state.selected));
  $("delete-link").addEventListener("click", () => state.selectedLink && deleteLink(state.selectedLink));
  $("delete-selected").addEventListener("click", deleteSelection);

  function renderLinkPanel() {
    const link = state.selectedLink;
    const index = list("links").indexOf(link);
    $("link-heading").textContent = `Link ${link.from} → ${link.to}`;
    $("link-panel").dataset.paths = `links[${index}]`;
  }

  // ---- the workloads panel -----------------------------------------------------------------

  const workloadFields = buildForm($("workload-fields"), WORKLOAD_FIELDS, "workload", "workload-field-");
  const stashes = new WeakMap(); // a workload's rate fields while the other mode is chosen

  const modes = new WeakMap(); // the mode chosen for a workload that has no rate yet
  function rateMode(w) {
    if (w.rate !== undefined) return "rate";
    if (w.per_user_per_day !== undefined) return "per_user";
    return modes.get(w) || "rate";
  }

  function switchRateMode(w, mode) {
    const stash = stashes.get(w) || {};
    const leaving = mode === "rate" ? ["per_user_per_day"] : ["rate", "per"];
    const coming = mode === "rate" ? ["rate", "per"] : ["per_user_per_day"];
    leaving.forEach((name) => {
      if (w[name] !== undefined) stash[name] = w[name];
      delete w[name];
    });
    coming.forEach((name) => {
      if (stash[name] !== undefined && w[name] === undefined) w[name] = stash[name];
    });
    stashes.set(w, stash);
    modes.set(w, mode);
  }

  Object.values(workloadFields).forEach((field) => {
    const event = field.spec.type === "select" ? "change" : "input";
    field.input.addEventListener(event, () => {
      const w = state.workload;
      if (!w) return;
      if (field.spec.name === "rate_mode") switchRateMode(w, field.input.value);
      else if (field.spec.name === "name") setWorkloadName(w, readInput(field.spec, field.input));
      else assign(w, field.spec.path || [field.spec.name], readInput(field.spec, field.input));
      touched(field.wrap.dataset.paths);
      changed();
    });
  });

  // The name the SLOs' p99 target of a workload is kept under: it follows a rename once the
  // new name is no other workload's (as a component's key does for links and routes).
  const sloNames = new WeakMap();
  const sloName = (w) => (sloNames.has(w) ? sloNames.get(w) : w.name);
  const p99Targets = () => lookup(state.doc, ["slos", "p99_ms"]);

  function setWorkloadName(w, value) {
    const old = sloName(w);
    if (value === undefined) delete w.name;
    else w.name = value;
    const others = list("workloads").filter((o) => isObject(o) && o !== w);
    if (!value || value === old || others.some((o) => o.name === value || sloName(o) === value)) return;
    sloNames.set(w, value);
    const targets = p99Targets();
    if (!isObject(targets) || !(old in targets) || value in targets) return;
    state.doc.slos.p99_ms = Object.fromEntries(Object.entries(targets)
      .map(([name, target]) => [name === old ? value : name, target]));
  }

  function uniqueWorkloadName() {
    const names = new Set(list("workloads").filter(isObject).map((w) => w.name));
    let number = names.size + 1;
    while (names.has(`workload ${number}`)) number += 1;
    return `workload ${number}`;
  }

  function addWorkload(name) {
    const w = { name: name || uniqueWorkloadName(), kind: "read", route: [] };
    list("workloads").push(w);
    selectWorkload(w);
    changed();
    workloadFields.name.input.focus();
    return w;
  }
  $("add-workload").addEventListener("click", () => addWorkload());

  function selectWorkload(w) {
    if (w !== state.workload) stopPicking();
    state.workload = w;
    showTab("workloads");
    refresh();
  }

  $("delete-workload").addEventListener("click", () => {
    const index = list("workloads").indexOf(state.workload);
    if (index < 0) return;
    const name = sloName(state.workload);
    state.doc.workloads.splice(index, 1);
    if (typeof name === "string" && isObject(p99Targets())
        && !list("workloads").some((o) => isObject(o) && o.name === name)) {
      assign(state.doc, ["slos", "p99_ms", name], undefined);
    }
    state.workload = null;
    stopPicking();
    clearErrorMarks();
    changed();
  });

  function renderWorkloadList() {
    const items = list("workloads").map((w, index) => {
      const label = isObject(w)
        ? [el("span", { class: "item-name", text: w.name || "(no name)" }),
          el("span", { class: "item-meta",
            text: `${w.kind || "no kind"} · ${Array.isArray(w.route) ? w.route.length : 0} steps` })]
        : [el("span", { text: `#${index + 1} (not an object)` })];
      const button = el("button", { type: "button", class: "item", "data-testid": `workload-${index}`,
        "data-count-path": `workloads[${index}]`,
        "aria-current": w === state.workload ? "true" : null }, label);
      if (isObject(w)) button.addEventListener("click", () => selectWorkload(w));
      return el("li", {}, [button]);
    });
    replaceItems($("workload-list"), items);
    $("workload-empty").hidden = items.length > 0;
  }

  function renderWorkloadPanel() {
    const w = state.workload;
    const index = w ? list("workloads").indexOf(w) : -1;
    if (index < 0) state.workload = null;
    $("workload-form").hidden = index < 0;
    const base = index < 0 ? null : `workloads[${index}]`;
    Object.values(workloadFields).forEach((field) => setPaths(field, base));
    if (base === null) {
      delete $("workload-heading").dataset.paths;
      delete $("route-box").dataset.paths;
      return;
    }
    $("workload-heading").dataset.paths = base;
    $("route-box").dataset.paths = `${base}.route`;
    $("workload-heading").textContent = `${w.name || "(no name)"} (${w.kind || "no kind"})`;
    const mode = rateMode(w);
    Object.values(workloadFields).forEach((field) => {
      const { spec } = field;
      if (spec.options) setOptions(field.input, spec.options());
      if (spec.name === "rate_mode") showValue(field, mode);
      else if (spec.name === "per") showValue(field, w.per === "second" ? "" : w.per);
      else showValue(field, lookup(w, spec.path || [spec.name]));
      showHint(field, w);
      field.wrap.hidden = Boolean(spec.mode) && spec.mode !== mode;
    });
    renderRoute(w, base);
  }

  function renderRoute(w, base) {
    const route = Array.isArray(w.route) ? w.route : [];
    const routeList = $("route-list");
    const signature = JSON.stringify([base, route.map(stepKey), route.map((step) => kindOf(stepKey(step)))]);
    if (routeList.dataset.signature !== signature || !routeList.contains(document.activeElement)) {
      routeList.dataset.signature = signature;
      routeList.replaceChildren(...route.map((step, j) => routeChip(w, step, j, base)));
    }
    $("route-empty").hidden = route.length > 0;
    setOptions($("route-add-key"), components().filter((c) => c.key)
      .map((c) => [refKey(c), `${componentLabel(c)} (${refKey(c)})`]));
    $("route-add").disabled = components().length === 0;
    $("route-pick").setAttribute("aria-pressed", state.picking ? "true" : "false");
    $("route-pick").textContent = state.picking ? "Done picking" : "Pick on the canvas";
  }

  // A step's options, each with its own field so that the engine's message lands beside it.
  const STEP_OPTIONS = [
    { name: "fan_out", id: "fanout", label: "fan-out", placeholder: "1" },
    { name: "timeout_ms", id: "timeout", label: "timeout ms", placeholder: "none" },
    { name: "retries", id: "retries", label: "retries", placeholder: "0" },
  ];
  const kindOf = (key) => {
    const c = components().find((o) => refKey(o) === key);
    return c ? c.kind : undefined;
  };

  // Sets one option of route step j; a step left with no option is written as its key.
  function setStepOption(w, j, name, value) {
    const current = w.route[j];
    const step = isObject(current) ? current : { key: stepKey(current) };
    if (value === undefined) delete step[name];
    else step[name] = value;
    w.route[j] = Object.keys(step).length === 1 && "key" in step ? step.key : step;
  }

  // Which step a label belongs to, for screen readers (the chip shows it to the eye).
  const stepName = (step, j) => el("span", { class: "visually-hidden", text: ` (step ${j + 1}, ${stepKey(step)})` });

  function stepOption(w, step, j, base, option) {
    const id = `route-${option.id}-${j}`;
    const value = isObject(step) ? step[option.name] : undefined;
    const input = el("input", { id, type: "text", inputmode: "decimal", class: "step-input",
      "data-testid": id, placeholder: option.placeholder, autocomplete: "off", spellcheck: "false",
      "aria-describedby": "route-help",
      value: value === undefined || value === null ? ""
        : typeof value === "object" ? JSON.stringify(value) : String(value) });
    input.addEventListener("input", () => {
      setStepOption(w, j, option.name, readInput({ type: "number" }, input));
      touched(`${base}.route[${j}]`);
      changed();
    });
    return el("span", { class: "step-option", "data-paths": `${base}.route[${j}].${option.name}` }, [
      el("label", { for: id }, [document.createTextNode(option.label), stepName(step, j)]), input]);
  }

  // Only a queue step may say the user waits; a wrong one stays shown, to be unticked.
  function waitsOption(w, step, j, base) {
    const waits = isObject(step) ? step.waits : undefined;
    if (kindOf(stepKey(step)) !== "queue" && waits === undefined) return null;
    const id = `route-waits-${j}`;
    const input = el("input", { id, type: "checkbox", "data-testid": id,
      "aria-describedby": "route-help", checked: waits === true });
    input.addEventListener("change", () => {
      setStepOption(w, j, "waits", input.checked ? true : undefined);
      touched(`${base}.route[${j}]`);
      changed();
    });
    return el("span", { class: "step-option step-waits", "data-paths": `${base}.route[${j}].waits` }, [
      input, el("label", { for: id }, [document.createTextNode("the user waits for what follows"),
        stepName(step, j)])]);
  }

  function routeChip(w, step, j, base) {
    const key = stepKey(step);
    const remove = el("button", { type: "button", class: "chip-remove", text: "×",
      "aria-label": `Remove step ${j + 1} (${key})`, "data-testid": `route-remove-${j}` });
    remove.addEventListener("click", () => {
      w.route.splice(j, 1);
      clearErrorMarks();
      changed();
    });
    const alternatives = isObject(step) && "any_of" in step;
    const options = alternatives ? [el("span", { class: "muted", text: "(edit in the JSON tab)" })]
      : [...STEP_OPTIONS.map((option) => stepOption(w, step, j, base, option)),
        waitsOption(w, step, j, base)];
    return el("li", { class: "chip", "data-paths": `${base}.route[${j}]`, "data-testid": `route-step-${j}` }, [
      el("span", { class: "chip-key", text: `${j + 1}. ${alternatives ? "alternatives" : key}` }), remove,
      el("span", { class: "step-options" }, options)]);
  }

  function addRouteStep(key) {
    const w = state.workload;
    if (!w || !key) return;
    if (!Array.isArray(w.route)) w.route = [];
    w.route.push(key);
    changed();
  }
  $("route-add").addEventListener("click", () => addRouteStep($("route-add-key").value));

  function startPicking() {
    if (!state.workload) return;
    state.picking = true;
    state.selected = null;
    state.selectedLink = null;
    cy.autounselectify(true);
    canvas.classList.add("picking");
    const banner = $("route-banner");
    banner.textContent = `Click components in order to add them to the route of "${state.workload.name || "this workload"}". Press Escape or "Done picking" when done.`;
    banner.hidden = false;
    hideHandle(false);
    refresh();
  }
  function stopPicking() {
    if (!state.picking) return;
    state.picking = false;
    cy.autounselectify(false);
    canvas.classList.remove("picking");
    $("route-banner").hidden = true;
    $("route-pick").setAttribute("aria-pressed", "false");
    $("route-pick").textContent = "Pick on the canvas";
  }
  $("route-pick").addEventListener("click", () => {
    if (state.picking) {
      stopPicking();
      refresh();
    } else startPicking();
  });

  // ---- assumptions, design ------------------------------------------------------------------

  const assumptionFields = buildForm($("assumption-fields"), ASSUMPTION_FIELDS, "assumption", "assumption-");
  Object.values(assumptionFields).forEach((field) => {
    setPaths(field, "assumptions");
    field.input.addEventListener("input", () => {
      assign(state.doc, ["assumptions", field.spec.name], readInput(field.spec, field.input));
      touched(field.wrap.dataset.paths);
      changed();
    });
  });

  const designFields = buildForm($("design-fields"), DESIGN_FIELDS, "design", "design-");
  Object.values(designFields).forEach((field) => {
    setPaths(field, "");
    const event = field.spec.type === "checkbox" ? "change" : "input";
    field.input.addEventListener(event, () => {
      if (field.spec.name === "is_public") state.isPublic = field.input.checked;
      else assign(state.doc, field.spec.path || [field.spec.name], readInput(field.spec, field.input));
      touched(field.wrap.dataset.paths);
      changed();
    });
  });
  designFields.is_public.wrap.dataset.paths = "is_public";

  const sloFields = [
    ...Object.values(buildForm($("slo-fields"), SLO_FIELDS, "design", "")),
    ...Object.values(buildForm($("slo-budget-fields"), BUDGET_FIELDS, "design", "")),
  ];
  sloFields.forEach((field) => {
    setPaths(field, "");
    field.input.addEventListener("input", () => {
      assign(state.doc, field.spec.path, readInput(field.spec, field.input));
      touched(field.wrap.dataset.paths);
      changed();
    });
  });

  // One p99 target per workload name, and one per target naming no workload (its error
  // shows there, with a button to remove it).
  function p99Rows() {
    const targets = isObject(p99Targets()) ? p99Targets() : {};
    const names = [];
    list("workloads").filter(isObject).forEach((w) => {
      const name = sloName(w);
      if (typeof name === "string" && name && !names.includes(name)) names.push(name);
    });
    const orphans = Object.keys(targets).filter((name) => !names.includes(name));
    return [...names.map((name) => ({ name, orphan: false })),
      ...orphans.map((name) => ({ name, orphan: true }))]
      .map((row) => ({ ...row, value: targets[row.name] }));
  }

  function p99Row({ name, orphan, value }, index) {
    const id = `slo-p99-${index}`;
    const path = `slos.p99_ms.${name}`;
    const input = el("input", { id, type: "text", inputmode: "decimal", autocomplete: "off",
      spellcheck: "false", "data-testid": `slo-p99-${name}`, placeholder: "none",
      "aria-describedby": `${id}-hint`,
      value: value === undefined || value === null ? ""
        : typeof value === "object" ? JSON.stringify(value) : String(value) });
    input.addEventListener("input", () => {
      assign(state.doc, ["slos", "p99_ms", name], readInput({ type: "number" }, input));
      touched(path);
      changed();
    });
    const hint = el("span", { class: "hint", id: `${id}-hint`, text: orphan
      ? "ms · no workload has this name: rename one to it, or remove the target"
      : "ms · the route's 99th percentile at peak, at most" });
    const parts = [el("label", { for: id, text: `p99 of “${name}”` }), input, hint];
    if (orphan) {
      const remove = el("button", { type: "button", class: "button quiet",
        "data-testid": `slo-p99-remove-${name}`, text: `Remove the target of “${name}”` });
      remove.addEventListener("click", () => {
        assign(state.doc, ["slos", "p99_ms", name], undefined);
        clearErrorMarks();
        changed();
      });
      parts.push(remove);
    }
    return el("div", { class: "field", "data-paths": path }, parts);
  }

  function renderP99() {
    const rows = p99Rows();
    const box = $("slo-p99-list");
    const signature = JSON.stringify(rows.map(({ name, orphan }) => [name, orphan]));
    if (box.dataset.signature !== signature || !box.contains(document.activeElement)) {
      box.dataset.signature = signature;
      box.replaceChildren(...rows.map(p99Row));
    }
    $("slo-p99-empty").hidden = rows.length > 0;
  }

  function fillSettings() {
    const assumptions = isObject(state.doc.assumptions) ? state.doc.assumptions : {};
    Object.values(assumptionFields).forEach((field) => {
      showValue(field, assumptions[field.spec.name]);
      showHint(field, assumptions);
    });
    Object.values(designFields).forEach((field) => {
      showValue(field, field.spec.name === "is_public" ? state.isPublic
        : lookup(state.doc, field.spec.path || [field.spec.name]));
      showHint(field, state.doc);
    });
    sloFields.forEach((field) => {
      showValue(field, lookup(state.doc, field.spec.path));
      showHint(field, state.doc);
    });
    renderP99();
  }

  // ---- the JSON tab ------------------------------------------------------------------------

  const jsonText = $("json-text");
  const pretty = () => JSON.stringify(state.doc, null, 2);
  function refreshJSON() {
    if (!state.jsonEdited && document.activeElement !== jsonText) jsonText.value = pretty();
  }
  function jsonNote(text) {
    $("json-note").textContent = text;
  }
  function showJSONErrors(errors) {
    const box = $("json-errors");
    box.replaceChildren(...errors.map((e) => el("li", { "data-testid": "json-error" }, [
      e.field ? el("code", { text: e.field }) : null, document.createTextNode(`${e.field ? ": " : ""}${e.message}`)])));
    box.hidden = errors.length === 0;
  }
  jsonText.addEventListener("input", () => {
    state.jsonEdited = true;
    jsonNote("Edited here: apply it to the editor, or reset to the editor's document.");
  });

  function parseJSONText() {
    try {
      const value = JSON.parse(jsonText.value);
      if (!isObject(value)) return { error: "The document must be a JSON object: { ... }." };
      return { value };
    } catch (error) {
      return { error: `Not valid JSON: ${error.message}` };
    }
  }

  $("json-validate").addEventListener("click", async () => {
    const parsed = parseJSONText();
    if (parsed.error) {
      showJSONErrors([{ field: "", message: parsed.error }]);
      return;
    }
    jsonNote("Checking…");
    const result = await check(jsonText.value);
    if (!result) {
      jsonNote("Could not reach the server to check it.");
      return;
    }
    showJSONErrors(result.errors);
    jsonNote(result.errors.length ? `${result.errors.length} problem(s): see below.` : "No problems: it can be applied and saved.");
  });

  $("json-apply").addEventListener("click", () => {
    const parsed = parseJSONText();
    if (parsed.error) {
      showJSONErrors([{ field: "", message: parsed.error }]);
      jsonNote("Not applied: nothing in the editor changed.");
      return;
    }
    showJSONErrors([]);
    state.jsonEdited = false;
    loadDocument(parsed.value);
    changed();
    jsonNote("Applied to the editor. Problems, if any, are listed at the top of the page.");
  });

  $("json-reset").addEventListener("click", () => {
    state.jsonEdited = false;
    showJSONErrors([]);
    jsonText.value = pretty();
    jsonNote("The editor's document.");
  });

  $("json-copy").addEventListener("click", async () => {
    const text = state.jsonEdited ? jsonText.value : pretty();
    try {
      await navigator.clipboard.writeText(text);
      jsonNote("Copied to the clipboard.");
    } catch {
      jsonText.focus();
      jsonText.select();
      jsonNote(document.execCommand && document.execCommand("copy")
        ? "Copied to the clipboard." : "Selected: copy it with Ctrl+C.");
    }
  });

  $("json-download").addEventListener("click", () => {
    const text = state.jsonEdited ? jsonText.value : pretty();
    const name = (state.design && state.design.slug)
      || String(state.doc.name || "design").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")
      || "design";
    const url = URL.createObjectURL(new Blob([text + "\n"], { type: "application/json" }));
    const link = el("a", { href: url, download: `${name}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });

  // ---- validation and errors ---------------------------------------------------------------

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  function request(url, method, body) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET") headers["X-CSRFToken"] = csrfToken();
    return fetch(url, { method, headers, body, credentials: "same-origin" });
  }
  async function readBody(response) {
    try {
      return await response.json();
    } catch {
      return {};
    }
  }

  // The engine's errors for a document (as text) and the echo of its numbers; null when the
  // server could not answer.
  async function check(text) {
    try {
      const response = await request(root.dataset.validateUrl, "POST", text);
      const body = await readBody(response);
      if (response.ok) return { errors: body.errors || [], echo: body.echo || {} };
      if (response.status === 400 || response.status === 413) return { errors: body.errors || [], echo: {} };
      return null;
    } catch {
      return null;
    }
  }

  // Checked 350 ms after typing stops, and at least every 1.2 s while it goes on.
  function scheduleValidation() {
    clearTimeout(state.validateTimer);
    if (!state.pendingSince) state.pendingSince = Date.now();
    const wait = Math.max(0, Math.min(350, state.pendingSince + 1200 - Date.now()));
    state.validateTimer = setTimeout(validateNow, wait);
  }

  // A field just changed: its old errors no longer describe it. The check puts them back if
  // they still hold.
  function touched(path) {
    if (!path) return;
    state.errors = state.errors.filter((error) => !under(error.field || "", path));
    state.echoStale.push(path);
    state.echo = withoutStale(state.echo);
  }

  // The echoes but those of the fields changed since the check was sent.
  function withoutStale(echo) {
    return Object.fromEntries(Object.entries(echo)
      .filter(([path]) => !state.echoStale.some((stale) => under(path, stale))));
  }

  async function validateNow() {
    clearTimeout(state.validateTimer);
    state.pendingSince = 0;
    const revision = state.revision;
    const sequence = ++state.validateSeq;
    state.echoStale = [];
    const result = await check(JSON.stringify(state.doc));
    if (sequence !== state.validateSeq) return; // a newer check is on its way
    state.validated = revision;
    if (result) {
      state.errors = result.errors;
      state.echo = withoutStale(result.echo);
      state.checkProblem = "";
    } else {
      state.checkProblem = "Could not check the design with the server just now: it is checked again when you save.";
    }
    showErrors();
    renderHints();
    updateSave();
  }

  function flushValidation() {
    if (state.validated === state.revision) return Promise.resolve();
    return validateNow();
  }

  function parentPath(path) {
    const match = /^(.*)(?:\.[^.[\]]+|\[\d+\])$/.exec(path);
    return match ? match[1] : "";
  }
  const under = (path, base) => path === base || path.startsWith(`${base}.`) || path.startsWith(`${base}[`);
  const usable = (element) => !element.closest("[hidden]:not([role=tabpanel])");
  let errorNumber = 0;

  function clearErrorMarks() {
    root.querySelectorAll(".field-error").forEach((node) => node.remove());
    root.querySelectorAll("[aria-invalid]").forEach((node) => {
      node.removeAttribute("aria-invalid");
      const describedBy = (node.getAttribute("aria-describedby") || "").split(" ")
        .filter((id) => id && !id.startsWith("error-")).join(" ");
      if (describedBy) node.setAttribute("aria-describedby", describedBy);
      else node.removeAttribute("aria-describedby");
    });
    root.querySelectorAll(".has-error").forEach((node) => node.classList.remove("has-error"));
    root.querySelectorAll(".error-count, .tab-count").forEach((node) => node.remove());
    cy.elements().removeClass("has-error");
  }

  function targetsFor(path) {
    const all = [...root.querySelectorAll("[data-paths], [data-fallback-paths]")].filter(usable);
    // A list of paths, or one path holding spaces (a p99 target's workload name).
    const has = (element, attribute) => {
      const paths = element.getAttribute(attribute) || "";
      return paths === path || paths.split(" ").includes(path);
    };
    const primary = all.filter((element) => has(element, "data-paths"));
    return primary.length ? primary : all.filter((element) => has(element, "data-fallback-paths"));
  }

  function addMessage(target, error) {
    const id = `error-${++errorNumber}`;
    target.append(el("p", { class: "field-error", id, "data-testid": "field-error", text: error.message }));
    target.classList.add("has-error");
    const input = target.matches("input, select, textarea") ? target
      : target.querySelector(":scope > input, :scope > select, :scope > textarea");
    if (input) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") || ""} ${id}`.trim());
    }
  }

  function showErrors() {
    clearErrorMarks();
    const errors = state.errors;
    errors.forEach((error) => {
      for (let path = error.field || ""; ; path = parentPath(path)) {
        const targets = path ? targetsFor(path) : [];
        if (targets.length) {
          targets.forEach((target) => addMessage(target, error));
          break;
        }
        if (!path) break;
      }
    });
    root.querySelectorAll("[data-count-path]").forEach((item) => {
      const count = errors.filter((e) => under(e.field || "", item.dataset.countPath)).length;
      if (!count) return;
      item.classList.add("has-error");
      item.append(el("span", { class: "error-count", text: `${count} problem${count > 1 ? "s" : ""}` }));
    });
    errors.forEach((error) => {
      const match = /^(components|links)\[(\d+)\]/.exec(error.field || "");
      if (!match) return;
      const object = list(match[1])[Number(match[2])];
      if (isObject(object) && uids.has(object)) cy.getElementById(uid(object)).addClass("has-error");
    });
    countTabs(errors);
    renderSummary(errors);
  }

  function areaOf(path) {
    if (/^(components|links)/.test(path)) return "component";
    if (path.startsWith("workloads")) return "workloads";
    if (path.startsWith("assumptions")) return "assumptions";
    return "design";
  }

  function countTabs(errors) {
    const counts = {};
    errors.forEach((e) => { counts[areaOf(e.field || "")] = (counts[areaOf(e.field || "")] || 0) + 1; });
    Object.entries(counts).forEach(([tab, count]) => {
      $(`tab-${tab}`).append(el("span", { class: "tab-count", text: String(count),
        "aria-label": `${count} problem${count > 1 ? "s" : ""}` }));
    });
  }

  function describePath(path) {
    const match = /^(components|workloads|links)\[(\d+)\]\.?(.*)$/.exec(path);
    if (!match) {
      if (path.startsWith("assumptions")) return `Assumptions${path.length > 11 ? ": " + path.slice(12) : ""}`;
      if (path.startsWith("slos")) return `SLOs${path.length > 4 ? ": " + path.slice(5) : ""}`;
      return path ? `Design: ${path}` : "The document";
    }
    const object = list(match[1])[Number(match[2])];
    const rest = match[3] ? `: ${match[3]}` : "";
    if (!isObject(object)) return path;
    if (match[1] === "components") return `Component ${object.key || "#" + (Number(match[2]) + 1)}${rest}`;
    if (match[1] === "workloads") return `Workload "${object.name || "#" + (Number(match[2]) + 1)}"${rest}`;
    return `Link ${object.from} → ${object.to}${rest}`;
  }

  function renderSummary(errors) {
    const summary = $("error-summary");
    const shown = state.checkProblem ? [{ field: "", message: state.checkProblem, problem: true }] : [];
    const items = [...shown, ...errors].map((error) => {
      if (error.problem) return el("li", { class: "muted", text: error.message });
      const button = el("button", { type: "button", class: "link-button" }, [
        el("strong", { text: describePath(error.field || "") }),
        document.createTextNode(` ${error.message} `),
        error.field ? el("code", { text: error.field }) : null]);
      button.addEventListener("click", () => goToError(error.field || ""));
      return el("li", {}, [button]);
    });
    $("error-list").replaceChildren(...items);
    $("error-summary-title").textContent = errors.length
      ? `${errors.length} problem${errors.length > 1 ? "s" : ""} to fix before saving`
      : "Checking";
    summary.hidden = items.length === 0;
  }

  function goToError(path) {
    const match = /^(components|workloads|links)\[(\d+)\]/.exec(path);
    if (match) {
      const object = list(match[1])[Number(match[2])];
      if (match[1] === "components" && isObject(object)) select(object);
      else if (match[1] === "workloads" && isObject(object)) selectWorkload(object);
      else if (match[1] === "links" && isObject(object)) {
        const from = components().find((c) => refKey(c) === object.from);
        if (from) select(from);
        else showTab("component");
      }
    } else showTab(areaOf(path));
    showErrors();
    for (let p = path; p; p = parentPath(p)) {
      const target = targetsFor(p)[0];
      if (target) {
        const focusable = target.querySelector("input, select, textarea, button") || target;
        focusable.focus({ preventScroll: false });
        return;
      }
    }
  }

  // ---- saving, conflicts, the estimate ------------------------------------------------------

  const saveButton = $("save");
  const snapshot = () => JSON.stringify({ document: state.doc, is_public: state.isPublic });
  const isDirty = () => snapshot() !== state.baseline;

  function setStatus(text, tone) {
    const status = $("save-status");
    status.textContent = text;
    status.dataset.tone = tone || "";
  }

  function updateSave() {
    const blocked = state.errors.length > 0;
    saveButton.disabled = blocked || state.saving;
    saveButton.textContent = state.saving ? "Saving…" : "Save";
    const hint = $("save-hint");
    hint.hidden = !blocked;
    hint.textContent = blocked
      ? `Saving is blocked until the ${state.errors.length === 1 ? "problem" : `${state.errors.length} problems`} listed above ${state.errors.length === 1 ? "is" : "are"} fixed. Nothing you typed is lost.`
      : "";
  }

  function updateDirty() {
    if (state.saving) return;
    const status = $("save-status");
    if (isDirty()) {
      setStatus(state.conflicted
        ? "Unsaved changes; a newer version exists (saving asks what to do)."
        : "Unsaved changes (a draft is kept in this browser).", "dirty");
    } else if (status.dataset.tone === "dirty") {
      setStatus(state.design ? `Version ${state.design.version}, saved.` : "Not saved yet.");
    }
  }

  function apiErrors(body) {
    return (body.errors || []).map((error) => {
      let field = error.field || "";
      if (field === "document") field = "";
      else if (field.startsWith("document.") || field.startsWith("document[")) {
        field = field.slice(field[8] === "." ? 9 : 8);
      }
      return { field, message: error.message };
    });
  }

  async function save(version) {
    if (state.saving) return;
    await flushValidation();
    if (state.errors.length) {
      updateSave();
      $("error-summary").focus();
      return;
    }
    state.saving = true;
    updateSave();
    setStatus("Saving…", "busy");
    const sent = snapshot();
    const payload = { document: state.doc, is_public: state.isPublic };
    let url = root.dataset.designsUrl;
    let method = "POST";
    if (state.design) {
      url = state.design.url;
      method = "PUT";
      payload.version = version || state.design.version;
      if (!version && await newerVersionExists()) {
        state.saving = false;
        updateSave();
        showConflict();
        return;
      }
    }
    let response;
    let body;
    try {
      response = await request(url, method, JSON.stringify(payload));
      body = await readBody(response);
    } catch {
      state.saving = false;
      updateSave();
      setStatus("Not saved: the server could not be reached. Your changes are kept in this browser; save again when it is back.", "error");
      return;
    }
    state.saving = false;
    updateSave();
    if (response.status === 200 || response.status === 201) saved(body, sent);
    else if (response.status === 409) showConflict();
    else if (response.status === 400) {
      state.errors = apiErrors(body);
      state.validated = state.revision;
      showErrors();
      updateSave();
      setStatus("Not saved: the server found the problems listed above.", "error");
    } else if (response.status === 401 || response.status === 403) {
      setStatus("Not saved: you are signed out, or may not change this design. Sign in again in another tab, then save: your changes are kept in this browser.", "error");
    } else {
      setStatus(`Not saved: ${body.detail || `the server answered ${response.status}`}. Your changes are kept in this browser.`, "error");
    }
  }
  saveButton.addEventListener("click", () => save());

  // Asked before a PUT, so that the usual conflict is found by reading; the PUT's version
  // check (409) still guards the moment between the two.
  async function newerVersionExists() {
    try {
      return (await latest()).version !== state.design.version;
    } catch {
      return false; // the PUT answers for itself
    }
  }

  // The answer is the version this save wrote, with that version's estimate (never a later
  // read, which could carry another writer's save): its version is what the next save sends,
  // so a save made since by someone else answers 409 instead of being overwritten.
  function saved(body, sent) {
    const wasNew = !state.design;
    state.conflicted = false;
    if (wasNew) removeDraft();
    state.design = { id: body.id, slug: body.slug, version: body.version, url: body.links.self,
      html: body.links.html };
    state.baseline = sent;
    if (wasNew) {
      const editUrl = root.dataset.editUrl.replace("__slug__", body.slug);
      history.replaceState(null, "", editUrl);
    }
    $("editor-title").textContent = `Edit ${body.name}`;
    document.title = `Edit ${body.name} · Design estimator`;
    setStatus(`Saved: version ${body.version}.`, "saved");
    storeDraft();
    updateDirty();
    watchEstimate(body.estimate);
  }

  function showConflict() {
    const box = $("conflict");
    $("conflict-text").textContent = `You started from version ${state.design.version}; a newer version was saved since (in another tab or by another session). Reload the latest to see it (your changes here are dropped), overwrite it with your version, or keep editing (your changes stay here; saving will ask again).`;
    box.hidden = false;
    state.conflicted = true;
    setStatus("Not saved: a newer version exists.", "error");
    $("conflict-reload").focus();
  }
  const hideConflict = () => { $("conflict").hidden = true; };

  async function latest() {
    const response = await request(state.design.url, "GET");
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    return response.json();
  }

  $("conflict-reload").addEventListener("click", async () => {
    try {
      const body = await latest();
      hideConflict();
      state.design.version = body.version;
      state.conflicted = false;
      state.isPublic = body.is_public;
      loadDocument(body.document);
      state.baseline = snapshot();
      removeDraft();
      changed();
      setStatus(`Reloaded version ${body.version}.`, "saved");
      watchEstimate(body.estimate);
    } catch (error) {
      setStatus(`Could not reload: ${error.message}.`, "error");
    }
  });
  $("conflict-overwrite").addEventListener("click", async () => {
    try {
      const body = await latest();
      hideConflict();
      await save(body.version);
    } catch (error) {
      setStatus(`Could not read the latest version: ${error.message}.`, "error");
    }
  });
  $("conflict-keep").addEventListener("click", () => {
    hideConflict();
    setStatus("Not saved: a newer version exists. Saving again lets you reload it or overwrite it.", "error");
    saveButton.focus();
  });

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function watchEstimate(summary) {
    const watch = ++state.estimateWatch;
    const box = $("estimate-box");
    const status = $("estimate-status");
    const figures = $("estimate-figures");
    box.hidden = false;
    figures.hidden = true;
    $("estimate-link").href = state.design.html;
    $("estimate-link").hidden = false;
    if (!summary) {
      status.textContent = "No estimate was requested.";
      return;
    }
    const started = Date.now();
    let delay = 400;
    status.textContent = `Estimate of version ${state.design.version}: ${summary.status}…`;
    while (watch === state.estimateWatch) {
      let estimate;
      try {
        const response = await request(summary.url, "GET");
        if (!response.ok) throw new Error(String(response.status));
        estimate = await response.json();
      } catch {
        status.textContent = "Could not read the estimate: see the design page.";
        return;
      }
      if (watch !== state.estimateWatch) return;
      if (estimate.status === "done") {
        status.textContent = `Estimate of version ${estimate.design_version}: done.`;
        showFigures(estimate.headline);
        return;
      }
      if (estimate.status === "failed") {
        status.textContent = `Estimate of version ${estimate.design_version} failed: ${estimate.error}`;
        return;
      }
      status.textContent = `Estimate of version ${estimate.design_version}: ${estimate.status}…`;
      if (Date.now() - started > 180000) {
        status.textContent += " (still waiting: the design page shows it when done)";
        return;
      }
      await sleep(delay);
      delay = Math.min(delay * 1.5, 3000);
    }
  }

  // The estimate's headline rows, written by the server (estimator.present.tables).
  function showFigures(rows) {
    const figures = $("estimate-figures");
    figures.replaceChildren(...rows.map(({ key, label, text }) => el("div", {}, [
      el("dt", { text: label }), el("dd", { text, "data-figure": key })])));
    figures.hidden = false;
  }

  // ---- the live estimate: the draft's load on the canvas, its figures in the strip ------------

  const LIVE_DELAY = 200; // ms after the last change: the canvas follows within 300 ms

  function scheduleLive() {
    clearTimeout(state.liveTimer);
    state.liveTimer = setTimeout(liveNow, LIVE_DELAY);
  }

  // One request: POST /api/validate/?live=1 answers a valid draft with the live estimate
  // (as POST /api/estimate/live/) and an invalid one with 200 and its errors, so that typing
  // costs no 400 in the console. A newer request aborts the one on its way; only the newest
  // answer is applied.
  async function liveNow() {
    clearTimeout(state.liveTimer);
    if (state.liveAbort) state.liveAbort.abort();
    const sequence = ++state.liveSeq;
    const revision = state.revision;
    if (!list("workloads").length) {
      showLive(null, "No workloads yet: add one (Workloads tab) and the canvas shows its load.", "empty");
      return;
    }
    const controller = new AbortController();
    state.liveAbort = controller;
    const answer = await liveRequest(JSON.stringify(state.doc), controller.signal);
    if (sequence !== state.liveSeq || answer === "aborted") return;
    state.liveAbort = null;
    const problems = answer && answer.ok && Array.isArray(answer.body.errors) ? answer.body.errors.length : 0;
    if (problems) {
      showLive(null, `Live estimate paused: the draft has ${problems} problem${problems > 1 ? "s" : ""} (shown at the fields).`, "invalid");
    } else if (answer && answer.ok && answer.body.live) showLive(answer.body.live, "", "done", revision);
    else if (answer && answer.status === 429) showLive(state.liveBody, "Live estimate paused: too many requests just now; the next change tries again.", "failed");
    else showLive(state.liveBody, "Could not estimate the draft just now: the next change tries again.", "failed");
  }

  async function liveRequest(text, signal) {
    try {
      const response = await fetch(`${root.dataset.validateUrl}?live=1`, {
        method: "POST", body: text, signal, credentials: "same-origin",
        headers: { Accept: "application/json", "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      });
      return { ok: response.ok, status: response.status, body: await readBody(response) };
    } catch (error) {
      return error && error.name === "AbortError" ? "aborted" : null;
    }
  }

  // Apply an answer (or none: the nodes lose their load) to the nodes and the strip.
  function showLive(body, message, tone, revision) {
    state.liveBody = body;
    state.live = new Map(body ? body.components.map((c) => [c.key, c]) : []);
    relabel();
    const strip = $("live-strip");
    strip.dataset.state = tone === "done" && body.components.some((c) => c.band === "hot") ? "over" : tone;
    if (revision !== undefined) strip.dataset.revision = String(revision);
    $("live-status").textContent = message || liveSummary(body);
    $("live-figures").replaceChildren(...(body ? liveFigures(body) : []));
    $("live-slos").replaceChildren(...(body ? body.slos.map((slo) => el("li", {
      class: slo.met ? "met" : "missed", "data-testid": "live-slo",
      text: `${slo.label}: ${slo.verdict} (${slo.text})` })) : []));
    root.dispatchEvent(new CustomEvent("editor:live", { detail: { tone } }));
  }

  function liveSummary(body) {
    const first = body.first_saturating;
    const over = body.components.filter((c) => c.band === "hot").map((c) => c.name);
    const parts = [over.length ? `Past capacity: ${over.join(", ")}.` : "Nothing past capacity."];
    if (first) parts.push(`First to saturate: ${first.name} (headroom ${first.headroom_text}).`);
    return `Live estimate of the draft (not saved). ${parts.join(" ")}`;
  }

  function liveFigures(body) {
    const rows = [...body.figures.map((f) => [f.key, f.label, f.text]),
      ...body.workloads.map((w, i) => [`p99-${i}`, `p99 of ${w.name}`, w.p99_text])];
    return rows.map(([key, label, text]) => el("div", {}, [
      el("dt", { text: label }), el("dd", { text, "data-live": key })]));
  }

  // The lines a node's label gains from the live estimate: its peak utilisation and markers.
  function liveLines(c) {
    const live = state.live.get(refKey(c));
    if (!live) return "";
    const marks = [live.spof && "SPOF", live.first_saturating && "first to saturate",
      live.bottleneck && "bottleneck"].filter(Boolean);
    const load = live.utilization === null ? "" : `\n${live.utilization_text} at peak`;
    return load + (marks.length ? `\n${marks.join(" · ")}` : "");
  }

  const LIVE_CLASSES = [...Object.keys(LIVE_BANDS).map((band) => `live-${band}`), "live-spof", "live-first"];
  function paintLive() {
    components().forEach((c) => {
      const node = cy.getElementById(uid(c));
      const live = state.live.get(refKey(c));
      const marks = live ? [`live-${live.band}`, live.spof && "live-spof", live.first_saturating && "live-first"] : [];
      LIVE_CLASSES.forEach((name) => {
        const on = marks.includes(name);
        if (node.hasClass(name) !== on) node.toggleClass(name, on);
      });
      if (node.data("live") !== (live ? live.band : "")) node.data("live", live ? live.band : "");
    });
  }

  // The nodes' labels and live marks anew, leaving the rest of the canvas (errors, selection).
  function relabel() {
    cy.batch(() => {
      components().forEach((c) => {
        const node = cy.getElementById(uid(c));
        if (node.empty()) return;
        const label = nodeLabel(c);
        if (node.data("label") !== label) node.data({ label, ...nodeSize(label) });
      });
      paintLive();
    });
  }

  // ---- drafts in localStorage ---------------------------------------------------------------

  const draftKey = (slug) =>
    `design-estimator:draft:${root.dataset.user}:${slug || (state.design ? state.design.slug : "new")}`;
  let draftTimer = null;

  function readDraft() {
    try {
      const text = window.localStorage.getItem(draftKey());
      return text ? JSON.parse(text) : null;
    } catch {
      return null;
    }
  }
  function storeDraft() {
    try {
      if (!isDirty()) {
        window.localStorage.removeItem(draftKey());
        return;
      }
      window.localStorage.setItem(draftKey(), JSON.stringify({
        document: state.doc, is_public: state.isPublic,
        version: state.design ? state.design.version : null, saved_at: new Date().toISOString(),
      }));
    } catch {
      // Storage full or disabled: the document is still in the page.
    }
  }
  function removeDraft() {
    try {
      window.localStorage.removeItem(draftKey());
    } catch {
      // nothing to remove
    }
  }
  function scheduleDraft() {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(storeDraft, 300);
  }

  function offerDraft() {
    const draft = readDraft();
    if (!draft || !isObject(draft.document)) return;
    const same = JSON.stringify({ document: draft.document, is_public: draft.is_public }) === state.baseline;
    if (same) {
      removeDraft();
      return;
    }
    state.pendingDraft = draft;
    const when = new Date(draft.saved_at);
    const since = state.design && draft.version && draft.version !== state.design.version
      ? ` It was made on version ${draft.version}; the design is now at version ${state.design.version}.` : "";
    $("draft-text").textContent = `This browser kept unsaved changes from ${isNaN(when) ? "earlier" : when.toLocaleString()}.${since}`;
    $("draft-banner").hidden = false;
  }
  $("draft-restore").addEventListener("click", () => {
    const draft = state.pendingDraft;
    $("draft-banner").hidden = true;
    if (!draft) return;
    state.pendingDraft = null;
    state.isPublic = Boolean(draft.is_public);
    loadDocument(draft.document);
    changed();
    setStatus("Draft restored: not saved yet.", "dirty");
  });
  $("draft-discard").addEventListener("click", () => {
    $("draft-banner").hidden = true;
    state.pendingDraft = null;
    if (!isDirty()) removeDraft();
  });

  // ---- the change loop ----------------------------------------------------------------------

  function refresh() {
    syncGraph();
    renderComponentList();
    renderComponentPanel();
    renderWorkloadList();
    renderWorkloadPanel();
    fillSettings();
    refreshJSON();
    showErrors();
  }

  function changed() {
    state.revision += 1;
    refresh();
    scheduleValidation();
    scheduleLive();
    scheduleDraft();
    updateDirty();
  }

  function loadDocument(doc) {
    state.doc = isObject(doc) ? doc : { name: "" };
    components().forEach((c) => refKeys.set(c, c.key));
    state.selected = null;
    state.selectedLink = null;
    state.workload = null;
    stopPicking();
    const placed = components().filter((c) => validPosition(c.position));
    syncGraph();
    if (placed.length === 0) autoLayout();
    else fit();
  }

  // ---- palette, keyboard ---------------------------------------------------------------------

  document.querySelectorAll(".palette-item").forEach((item) => {
    item.addEventListener("click", () => addComponent(item.dataset.kind));
    item.addEventListener("dragstart", (event) => {
      event.dataTransfer.setData("application/x-design-kind", item.dataset.kind);
      event.dataTransfer.setData("text/plain", item.dataset.kind);
      event.dataTransfer.effectAllowed = "copy";
    });
  });
  const canvasWrap = canvas.parentElement;
  canvasWrap.addEventListener("dragover", (event) => {
    if (![...event.dataTransfer.types].includes("application/x-design-kind")) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  });
  canvasWrap.addEventListener("drop", (event) => {
    const kind = event.dataTransfer.getData("application/x-design-kind");
    if (!DEFAULTS.kinds.includes(kind)) return;
    event.preventDefault();
    const box = canvas.getBoundingClientRect();
    const pan = cy.pan();
    const zoom = cy.zoom();
    addComponent(kind, null, (event.clientX - box.left - pan.x) / zoom, (event.clientY - box.top - pan.y) / zoom);
  });

  $("auto-layout").addEventListener("click", () => {
    autoLayout();
    changed();
  });
  $("fit").addEventListener("click", fit);
  $("connect-mode").addEventListener("click", () => {
    const on = $("connect-mode").getAttribute("aria-pressed") !== "true";
    if (on) handles.enableDrawMode();
    else handles.disableDrawMode();
    $("connect-mode").setAttribute("aria-pressed", on ? "true" : "false");
    canvas.classList.toggle("connecting", on);
  });

  const typing = (target) => target instanceof Element
    && Boolean(target.closest("input, textarea, select, [contenteditable]"));

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && state.picking) {
      stopPicking();
      refresh();
      return;
    }
    if (typing(event.target) || !$("conflict").hidden || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Delete" || event.key === "Backspace") {
      if (!state.selected && !state.selectedLink) return;
      event.preventDefault();
      deleteSelection();
      return;
    }
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    if (event.target === canvas && state.selected && event.key in moves) {
      event.preventDefault();
      const step = event.shiftKey ? 50 : 10;
      const [dx, dy] = moves[event.key];
      const p = validPosition(state.selected.position) ? state.selected.position : { x: 0, y: 0 };
      state.selected.position = { x: p.x + dx * step, y: p.y + dy * step };
      changed();
    }
  });

  // Cytoscape caches where its container is on the page: when a banner or the error summary
  // above the canvas appears or goes, the canvas moves and clicks must be mapped anew.
  let canvasBox = "";
  const checkCanvasBox = () => {
    const box = canvas.getBoundingClientRect();
    const now = `${box.left},${box.top},${box.width},${box.height}`;
    if (now !== canvasBox) {
      canvasBox = now;
      cy.resize();
    }
  };
  ["pointerdown", "pointermove", "dragover", "wheel"].forEach((type) =>
    canvasWrap.addEventListener(type, checkCanvasBox, { capture: true, passive: true }));
  if (window.ResizeObserver) {
    new ResizeObserver(() => {
      cy.resize();
      if (!viewMoved) fit();
    }).observe(canvas);
    const moved = new ResizeObserver(() => cy.resize());
    root.querySelectorAll(".editor-bar, .banner, .error-summary, .canvas-tools, .live-strip, .route-banner")
      .forEach((element) => moved.observe(element));
  }
  // Enter in a field must not submit (and reload) the page: every change is applied as typed.
  root.querySelectorAll("form").forEach((form) => form.addEventListener("submit", (event) => event.preventDefault()));

  // ---- start ----------------------------------------------------------------------------------

  loadDocument(state.doc);
  state.baseline = snapshot();
  refresh();
  updateSave();
  offerDraft();
  validateNow();
  liveNow();

  // Small helpers for scripts and end-to-end tests.
  window.editor = {
    addComponent(kind, key, x, y) {
      return addComponent(kind, key, x, y).key;
    },
    connect(fromKey, toKey) {
      const find = (key) => components().find((c) => refKey(c) === key || c.key === key);
      return connect(find(fromKey), find(toKey));
    },
    select(key) {
      const c = components().find((o) => o.key === key || refKey(o) === key) || null;
      select(c);
      return Boolean(c);
    },
    selectWorkload(index) {
      const w = list("workloads")[index];
      if (isObject(w)) selectWorkload(w);
      return isObject(w);
    },
    document: () => JSON.parse(JSON.stringify(state.doc)),
    live: () => JSON.parse(JSON.stringify(state.liveBody)),
    errors: () => JSON.parse(JSON.stringify(state.errors)),
    validate: () => validateNow().then(() => JSON.parse(JSON.stringify(state.errors))),
    save: () => save(),
    layout: () => {
      autoLayout();
      changed();
    },
    get version() {
      return state.design ? state.design.version : null;
    },
    cy,
  };
})();
