/**
 * Story reader: the stories behind a selection, with their count, paged, readable by keyboard
 * (arrow keys move between stories, buttons page). Everything a teller wrote goes into the page
 * through textContent only: a story holding `<script>` or `<b>` shows those characters literally.
 * For the analyst workspace only; the public report shows no story text (privacy.md).
 */
import {storyCount} from "./chart-text.js";

export interface Story {
  readonly story_id: string;
  readonly title?: string | null;
  readonly text?: string | null;
  readonly collected_on?: Date | string | number | null;
  readonly teller_role?: string | null;
  /** Signifier values: a list of label/value pairs, or an object of label -> value. */
  readonly values?: readonly StoryValue[] | Readonly<Record<string, unknown>> | null;
}

export interface StoryValue {
  readonly label: string;
  readonly value: string;
}

export interface StoryReaderOptions {
  /** Stories per page (default 10). */
  limit?: number;
  /** Page to open, from 0. */
  page?: number;
  /** Shown when there are no stories. */
  empty?: string;
  /**
   * Completes a page's stories before they are shown (e.g. fetches their texts), so a reader of
   * thousands of stories needs the texts of one page only. Without it the stories are shown as given.
   */
  load?: (page: readonly Story[]) => Promise<readonly Story[]>;
  document?: Document;
}

export interface StoryPage<T> {
  readonly items: readonly T[];
  /** Page index from 0, clamped to the pages that exist. */
  readonly page: number;
  readonly pages: number;
  /** Index of the first story on the page, from 0. */
  readonly start: number;
  readonly total: number;
}

/** One page of a list. */
export function storyPage<T>(stories: readonly T[], page: number, limit: number): StoryPage<T> {
  if (!(Number.isInteger(limit) && limit > 0)) throw new RangeError(`page size must be a positive integer, got ${limit}`);
  const pages = Math.max(1, Math.ceil(stories.length / limit));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  return {items: stories.slice(p * limit, (p + 1) * limit), page: p, pages, start: p * limit, total: stories.length};
}

/** A date as dd-mm-jjjj (the form Dutch readers expect); text that is no date is shown as is. */
export function formatStoryDate(value: Story["collected_on"]): string {
  if (value === null || value === undefined || value === "") return "";
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCDate())}-${pad(date.getUTCMonth() + 1)}-${date.getUTCFullYear()}`;
}

/** Signifier values as label/value text pairs, in their given order; empty values left out. */
export function storyValues(story: Story): StoryValue[] {
  const values = story.values;
  if (!values) return [];
  const pairs = Array.isArray(values)
    ? (values as readonly StoryValue[]).map((v) => [v.label, v.value] as const)
    : Object.entries(values as Record<string, unknown>);
  return pairs
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([label, v]) => ({label: String(label), value: formatValue(v)}));
}

function formatValue(v: unknown): string {
  if (Array.isArray(v)) return v.map(formatValue).join(", ");
  if (v instanceof Date) return formatStoryDate(v);
  return String(v);
}

/** "verhalen 11-20 van 35". */
export function pageLabel(page: StoryPage<unknown>): string {
  if (page.total === 0) return "";
  return `verhalen ${page.start + 1}-${page.start + page.items.length} van ${page.total} (pagina ${page.page + 1} van ${page.pages})`;
}

const STYLE = `
.wk-story-reader ol { list-style: none; padding: 0; margin: 0; }
.wk-story-reader article { border-top: 1px solid #ddd; padding: 0.5rem 0.25rem; }
.wk-story-reader article:focus { outline: 2px solid #0072B2; outline-offset: 2px; }
.wk-story-reader h3 { font-size: 1em; margin: 0; }
.wk-story-meta, .wk-story-values { font-size: 0.85em; color: #444; margin: 0.2rem 0; }
.wk-story-text { white-space: pre-wrap; margin: 0.3rem 0; max-width: 70ch; }
.wk-story-values { display: grid; grid-template-columns: max-content 1fr; gap: 0 0.75rem; }
.wk-story-values dd { margin: 0; }
.wk-story-nav[hidden] { display: none; }
.wk-story-nav { display: flex; gap: 0.5rem; align-items: center; margin: 0.5rem 0; }
`;

/** The reader: a section element; re-create it when the selection changes. */
export function storyReader(stories: readonly Story[], options: StoryReaderOptions = {}): HTMLElement {
  const doc = options.document ?? document;
  const limit = options.limit ?? 10;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] => {
    const node = doc.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };
  if (!doc.getElementById("wk-story-style")) {
    const style = el("style", STYLE);
    style.id = "wk-story-style";
    doc.head.append(style);
  }
  const root = el("section", undefined, "wk-story-reader");
  root.setAttribute("aria-label", "Verhalen");
  const count = el("p", storyCount(stories.length), "wk-story-count");
  count.setAttribute("aria-live", "polite");
  const list = el("ol");
  const nav = el("div", undefined, "wk-story-nav");
  const previous = el("button", "Vorige");
  const next = el("button", "Volgende");
  const where = el("span");
  previous.type = next.type = "button";
  nav.append(previous, where, next);
  root.append(count, list, nav);

  let current = storyPage(stories, options.page ?? 0, limit);
  const show = (items: readonly Story[], focus: boolean) => {
    list.replaceChildren(...items.map((story, i) => storyItem(el, story, i === 0)));
    if (focus) list.querySelector("article")?.focus();
  };
  const render = (page: number, focus: boolean) => {
    current = storyPage(stories, page, limit);
    where.textContent = pageLabel(current);
    previous.disabled = current.page === 0;
    next.disabled = current.page >= current.pages - 1;
    nav.hidden = current.pages <= 1;
    if (!options.load) return show(current.items, focus);
    // Only the latest page asked for is shown, should an earlier one arrive later.
    const asked = current;
    root.setAttribute("aria-busy", "true");
    options.load(asked.items).then((items) => {
      if (current !== asked) return;
      root.removeAttribute("aria-busy");
      show(items, focus);
    }, (error) => {
      root.removeAttribute("aria-busy");
      list.replaceChildren(el("li", `De verhalen konden niet worden geladen: ${error instanceof Error ? error.message : String(error)}`));
    });
  };
  if (stories.length === 0) {
    list.append(el("li", options.empty ?? "Geen verhalen om te tonen."));
    nav.hidden = true;
  } else {
    render(current.page, false);
  }
  root.setAttribute("data-page", String(current.page));
  previous.addEventListener("click", () => render(current.page - 1, true));
  next.addEventListener("click", () => render(current.page + 1, true));
  list.addEventListener("keydown", (event) => moveFocus(list, event));
  return root;
}

function storyItem(
  el: <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) => HTMLElementTagNameMap[K],
  story: Story, first: boolean
): HTMLLIElement {
  const item = el("li");
  const article = el("article");
  // Roving tabindex: Tab enters the list once, the arrow keys move inside it.
  article.tabIndex = first ? 0 : -1;
  article.setAttribute("data-story-id", story.story_id);
  const title = el("h3", story.title?.trim() ? story.title : "(zonder titel)");
  const meta = [formatStoryDate(story.collected_on), story.teller_role ?? "", `verhaal ${story.story_id}`].filter(Boolean).join(" · ");
  article.append(title, el("p", meta, "wk-story-meta"), el("p", story.text ?? "", "wk-story-text"));
  const values = storyValues(story);
  if (values.length > 0) {
    const dl = el("dl", undefined, "wk-story-values");
    for (const v of values) dl.append(el("dt", v.label), el("dd", v.value));
    article.append(dl);
  }
  item.append(article);
  return item;
}

function moveFocus(list: HTMLElement, event: KeyboardEvent): void {
  const articles = [...list.querySelectorAll<HTMLElement>("article")];
  const at = articles.indexOf(event.target as HTMLElement);
  if (at < 0) return;
  const to = {ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: articles.length - 1}[event.key];
  if (to === undefined || to < 0 || to >= articles.length) return;
  event.preventDefault();
  articles[at].tabIndex = -1;
  articles[to].tabIndex = 0;
  articles[to].focus();
}
