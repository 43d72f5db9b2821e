/**
 * The shared filter bar of the story pages: teller role, domain, period, one choice question with
 * its options, and words to find in the stories. Built from Observable Inputs (labelled, usable by
 * keyboard). Its `value` is a FilterState (story-engine.ts applies it in SQL); it fires `input`
 * when that changes.
 *
 * The state lives in the query string so a view can be shared: `rol` (repeatable), `domein`,
 * `van`, `tot` (yyyy-mm-dd), `vraag` (signifier id), `optie` (repeatable option id), `zoek`.
 * Changes are written with history.replaceState; the bar reads the URL on load and again on
 * `popstate`, which is how a script changes it programmatically:
 *   history.replaceState(null, "", "?rol=inwoner"); dispatchEvent(new PopStateEvent("popstate"));
 */
// @ts-expect-error: @observablehq/inputs ships no type declarations
import * as Inputs from "@observablehq/inputs";
import {NO_FILTER, type FilterState, type SignifierInfo, type StoryMeta} from "./story-engine.js";

export const FILTER_PARAMS = ["rol", "domein", "van", "tot", "vraag", "optie", "zoek"] as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter state in a query string, checked against what the data holds (unknown values are ignored). */
export function filterFromParams(params: URLSearchParams, meta: StoryMeta): FilterState {
  const date = (v: string | null) => (v !== null && ISO_DATE.test(v) ? v : null);
  const question = listQuestions(meta).find((q) => q.signifier_id === params.get("vraag")) ?? null;
  const roles = params.getAll("rol").filter((r) => meta.roles.includes(r));
  const domain = params.get("domein");
  return {
    // Every role ticked is the same as no filter.
    roles: roles.length === meta.roles.length ? [] : roles,
    domain: domain !== null && meta.domains.includes(domain) ? domain : null,
    from: date(params.get("van")),
    to: date(params.get("tot")),
    question: question?.signifier_id ?? null,
    options: question ? params.getAll("optie").filter((o) => question.options.some((x) => x.option_id === o)) : [],
    search: (params.get("zoek") ?? "").trim()
  };
}

/** Writes the filter into `params`, leaving other parameters (the page's own) alone. */
export function filterToParams(f: FilterState, params: URLSearchParams): URLSearchParams {
  for (const name of FILTER_PARAMS) params.delete(name);
  for (const r of f.roles) params.append("rol", r);
  if (f.domain) params.set("domein", f.domain);
  if (f.from) params.set("van", f.from);
  if (f.to) params.set("tot", f.to);
  if (f.question) {
    params.set("vraag", f.question);
    for (const o of f.options) params.append("optie", o);
  }
  if (f.search) params.set("zoek", f.search);
  return params;
}

/** The filter in plain Dutch, for the line above the charts. */
export function describeFilter(f: FilterState, meta: StoryMeta): string {
  const parts: string[] = [];
  if (f.roles.length) parts.push(`verteller: ${f.roles.join(" of ")}`);
  if (f.domain) parts.push(`domein: ${f.domain}`);
  if (f.from || f.to) parts.push(`periode: ${f.from ?? "begin"} tot en met ${f.to ?? "eind"}`);
  if (f.question && f.options.length) {
    const q = meta.signifiers.find((s) => s.signifier_id === f.question);
    const labels = f.options.map((o) => q?.options.find((x) => x.option_id === o)?.label ?? o);
    parts.push(`${q?.title ?? f.question}: ${labels.join(" of ")}`);
  }
  if (f.search) parts.push(`met de woorden “${f.search}”`);
  return parts.length ? `Filter: ${parts.join("; ")}.` : "Geen filter: alle verhalen.";
}

export function listQuestions(meta: StoryMeta): SignifierInfo[] {
  return meta.signifiers.filter((s) => s.type === "list" && s.options.length > 0);
}

// ---------------------------------------------------------------------------------------------
// URL helpers (also for a page's own controls, e.g. which triad is shown)

export function urlParams(): URLSearchParams {
  return new URLSearchParams(location.search);
}

/**
 * True when the query string asks for nothing but the given settings: the page opens with its
 * default view (no filter, default colours and methods), which a preview can draw early.
 */
export function opensWithDefaultView(params: URLSearchParams, allowed: readonly string[] = []): boolean {
  return [...params.keys()].every((k) => allowed.includes(k));
}

/** Milliseconds of quiet before the filter bar writes its state into the URL. */
const URL_DELAY = 250;

/**
 * The filter bar's URL write, waiting for the clicking to pause (replacing the URL costs the
 * browser a few milliseconds that would otherwise come before every redraw). It is written at once
 * when the page is left or a link followed (a same-page link adds a history entry). Going back or
 * forward sets the bar from the URL, which replaces a pending write with that same filter.
 */
let pendingUrl: {timer: ReturnType<typeof setTimeout>; write: () => void} | null = null;
let watchingLinks = false;

function writeUrlSoon(write: () => void): void {
  if (pendingUrl) clearTimeout(pendingUrl.timer);
  pendingUrl = {timer: setTimeout(flushUrl, URL_DELAY), write};
  if (watchingLinks) return;
  watchingLinks = true;
  addEventListener("pagehide", flushUrl);
  document.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a[href]")) flushUrl();
  }, true);
}

function flushUrl(): void {
  const pending = pendingUrl;
  pendingUrl = null;
  if (!pending) return;
  clearTimeout(pending.timer);
  pending.write();
}

/** Replaces the query string without a new history entry. */
export function writeUrl(params: URLSearchParams): void {
  const query = params.toString();
  history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
}

/** One page parameter: null removes it. */
export function setUrlParam(name: string, value: string | null): void {
  const params = urlParams();
  if (value === null || value === "") params.delete(name);
  else params.set(name, value);
  writeUrl(params);
}

/** Keeps a page control's value in the URL under `name`; returns the control. */
export function syncToUrl<T extends HTMLElement & {value: unknown}>(input: T, name: string, toText: (v: never) => string | null): T {
  input.addEventListener("input", () => setUrlParam(name, toText(input.value as never)));
  return input;
}

/** Counts full re-renders for the benchmark: the page calls this after every chart is drawn. */
export function markRendered(doc: Document = document): number {
  const next = Number(doc.body.dataset.renderCount ?? 0) + 1;
  doc.body.dataset.renderCount = String(next);
  return next;
}

// ---------------------------------------------------------------------------------------------
// The bar

export type FilterBar = HTMLElement & {value: FilterState; setFilter(f: FilterState): void};

interface Controls {
  roles?: HTMLElement & {value: string[]};
  domain?: HTMLElement & {value: string | null};
  from?: HTMLElement & {value: Date | null};
  to?: HTMLElement & {value: Date | null};
  question?: HTMLElement & {value: SignifierInfo | null};
  options?: HTMLElement & {value: {option_id: string}[]};
  search?: HTMLElement & {value: string};
}

const STYLE = `
.wk-filters { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; align-items: flex-start; padding: 0.5rem 0.75rem;
  border: 1px solid #ddd; border-radius: 4px; margin: 0.5rem 0 1rem; }
.wk-filters form { margin: 0; }
.wk-filters .wk-filter-actions { display: flex; gap: 0.5rem; align-items: center; }
.wk-filters .wk-filter-count { font-size: 0.9em; }
`;

/**
 * The filter bar for the stories in `meta`; starts from the URL. Put it on the page with
 * `const filter = view(filterBar(se.meta))`.
 */
export function filterBar(meta: StoryMeta, {url = true} = {}): FilterBar {
  const doc = document;
  if (!doc.getElementById("wk-filter-style")) {
    const style = doc.createElement("style");
    style.id = "wk-filter-style";
    style.textContent = STYLE;
    doc.head.append(style);
  }
  const bar = doc.createElement("div") as unknown as FilterBar;
  bar.className = "wk-filters";
  bar.setAttribute("role", "search");
  bar.setAttribute("aria-label", "Filter de verhalen");
  bar.dataset.filter = "verhalen"; // the benchmark flips the first checkbox of a [data-filter]
  const questions = listQuestions(meta);
  let controls: Controls = {};
  const optionsSlot = doc.createElement("div");

  const readState = (): FilterState => {
    const iso = (d: Date | null | undefined) => (d instanceof Date && !Number.isNaN(d.getTime()) ? isoDate(d) : null);
    const roles = controls.roles?.value ?? [];
    const question = controls.question?.value ?? null;
    return {
      roles: roles.length === meta.roles.length ? [] : [...roles],
      domain: controls.domain?.value ?? null,
      from: iso(controls.from?.value),
      to: iso(controls.to?.value),
      question: question?.signifier_id ?? null,
      options: question ? (controls.options?.value ?? []).map((o) => o.option_id) : [],
      search: (controls.search?.value ?? "").trim()
    };
  };

  const optionsControl = (q: SignifierInfo | null, chosen: readonly string[]) => {
    controls.options = undefined;
    if (!q) return optionsSlot.replaceChildren();
    controls.options = Inputs.checkbox(q.options, {
      label: "Antwoorden", format: (o: SignifierInfo["options"][number]) => o.label,
      value: q.options.filter((o) => chosen.includes(o.option_id))
    });
    optionsSlot.replaceChildren(controls.options!);
  };

  const build = (f: FilterState) => {
    controls = {};
    const parts: HTMLElement[] = [];
    if (meta.roles.length > 1) {
      controls.roles = Inputs.checkbox(meta.roles, {label: "Verteller", value: f.roles.length ? f.roles : meta.roles});
      parts.push(controls.roles!);
    }
    if (meta.domains.length > 0) {
      controls.domain = Inputs.select([null, ...meta.domains], {label: "Domein", value: f.domain, format: (d: string | null) => d ?? "alle domeinen"});
      parts.push(controls.domain!);
    }
    if (meta.firstDate) {
      const range = {min: meta.firstDate, max: meta.lastDate ?? undefined};
      controls.from = Inputs.date({label: "Van", value: f.from ?? undefined, ...range});
      controls.to = Inputs.date({label: "Tot en met", value: f.to ?? undefined, ...range});
      parts.push(controls.from!, controls.to!);
    }
    if (questions.length > 0) {
      const q = questions.find((x) => x.signifier_id === f.question) ?? null;
      controls.question = Inputs.select([null, ...questions], {label: "Vraag", value: q, format: (s: SignifierInfo | null) => s?.title ?? "geen vraag gekozen"});
      controls.question!.addEventListener("input", () => optionsControl(controls.question!.value, []));
      parts.push(controls.question!, optionsSlot);
      optionsControl(q, f.options);
    }
    controls.search = Inputs.text({label: "Zoek in de verhalen", value: f.search, placeholder: "woorden", submit: "Zoek"});
    parts.push(controls.search!);
    const reset = doc.createElement("button");
    reset.type = "button";
    reset.textContent = "Wis alle filters";
    reset.addEventListener("click", () => bar.setFilter(NO_FILTER));
    const actions = doc.createElement("div");
    actions.className = "wk-filter-actions";
    actions.append(reset);
    parts.push(actions);
    bar.replaceChildren(...parts);
  };

  let last = "";
  const publish = (state: FilterState, force = false) => {
    const key = JSON.stringify(state);
    if (!force && key === last) return;
    last = key;
    bar.value = state;
    if (url) writeUrlSoon(() => writeUrl(filterToParams(state, urlParams())));
    bar.dispatchEvent(new Event("input"));
  };

  // The Inputs inside fire their own input events; the bar answers with one event of its own
  // (only when the filter really changed).
  bar.addEventListener("input", (event) => {
    if (event.target === bar) return;
    event.stopPropagation();
    publish(readState());
  });
  bar.setFilter = (f: FilterState) => {
    build(f);
    publish(readState());
  };

  const initial = url ? filterFromParams(urlParams(), meta) : NO_FILTER;
  build(initial);
  bar.value = readState();
  last = JSON.stringify(bar.value);
  if (url) {
    addEventListener("popstate", () => {
      if (bar.isConnected) bar.setFilter(filterFromParams(urlParams(), meta));
    });
  }
  return bar;
}

function isoDate(d: Date): string {
  // Inputs.date gives midnight UTC of the chosen day.
  return d.toISOString().slice(0, 10);
}
