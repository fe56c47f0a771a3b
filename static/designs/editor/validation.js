// The engine's errors on the draft: at their fields, counted on the tabs and the lists, on
// the canvas, and in the summary at the top.
import { element as el } from "../../lib/dom.js";
import { request } from "../../lib/http.js";
import { componentLabel, components, list, refKey, state } from "./state.js";
import { $, hasUid, isObject, parentPath, readBody, uid, under } from "./util.js";
import { renderHints } from "./forms.js";

// Sets up this part of the page; what the other modules call goes into `ctx` (main.js): touched,
// clearErrorMarks, showErrors, check, applyCheck.
export function setupValidation(ctx) {
  const { root, cy } = ctx;

  // The engine's errors for a document (as text) and the echo of its numbers; null when the
  // server could not answer.
  async function check(text) {
    try {
      const response = await request(root.dataset.validateUrl, { method: "POST", body: text });
      const body = await readBody(response);
      if (response.ok) return { errors: body.errors || [], echo: body.echo || {} };
      if (response.status === 400 || response.status === 413) return { errors: body.errors || [], echo: {} };
      return null;
    } catch {
      return null;
    }
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

  // The check's answer (check.js): the errors and echoes of the revision it was sent for.
  function applyCheck(answer, revision) {
    state.validated = revision;
    if (answer && (answer.ok || answer.status === 400 || answer.status === 413)) {
      state.errors = answer.body.errors || [];
      state.echo = withoutStale(answer.ok ? answer.body.echo || {} : {});
      state.checkProblem = "";
    } else {
      state.checkProblem = "Could not check the design with the server just now: it is checked again when you save.";
    }
    showErrors();
    renderHints();
    ctx.updateSave();
  }

  const usable = (element) => !element.closest("[hidden]:not([role=tabpanel])");
  let errorNumber = 0;

  let marked = false; // whether showErrors marked anything: clearing asks the whole page
  function clearErrorMarks() {
    if (!marked) return;
    marked = false;
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
    cy.$(".has-error").removeClass("has-error");
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
    marked = errors.length > 0;
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
    // Hundreds of list items: asked only when there is something to count.
    if (errors.length) root.querySelectorAll("[data-count-path]").forEach((item) => {
      const count = errors.filter((e) => under(e.field || "", item.dataset.countPath)).length;
      if (!count) return;
      item.classList.add("has-error");
      item.append(el("span", { class: "error-count", text: `${count} problem${count > 1 ? "s" : ""}` }));
    });
    errors.forEach((error) => {
      const match = /^(components|links)\[(\d+)\]/.exec(error.field || "");
      if (!match) return;
      const object = list(match[1])[Number(match[2])];
      if (isObject(object) && hasUid(object)) cy.getElementById(uid(object)).addClass("has-error");
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
    // Names, as the canvas shows them, not the keys routes and links use.
    if (match[1] === "components") {
      return `Component ${object.name || object.key ? componentLabel(object) : "#" + (Number(match[2]) + 1)}${rest}`;
    }
    if (match[1] === "workloads") return `Workload "${object.name || "#" + (Number(match[2]) + 1)}"${rest}`;
    const named = (key) => {
      const c = components().find((candidate) => refKey(candidate) === key);
      return c ? componentLabel(c) : key;
    };
    return `Link ${named(object.from)} → ${named(object.to)}${rest}`;
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
      if (match[1] === "components" && isObject(object)) ctx.select(object);
      else if (match[1] === "workloads" && isObject(object)) ctx.selectWorkload(object);
      else if (match[1] === "links" && isObject(object)) {
        const from = components().find((c) => refKey(c) === object.from);
        if (from) ctx.select(from);
        else ctx.showTab("component");
      }
    } else ctx.showTab(areaOf(path));
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

  Object.assign(ctx, { touched, clearErrorMarks, showErrors, check, applyCheck });
}
