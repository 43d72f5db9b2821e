// @vitest-environment jsdom
// The filter bar keeps its state in the URL, written once the clicking pauses (filters.ts): never
// lost when a link is followed, never written over a history entry the browser went back to.
import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {filterBar} from "../src/components/filters.js";
import type {StoryMeta} from "../src/components/story-engine.js";

// The filter bar needs none of the browser's DuckDB (which jsdom cannot load).
vi.mock("../src/components/engine.js", () => ({Engine: class {}}));

const META: StoryMeta = {total: 3, signifiers: [], roles: ["inwoner", "medewerker"], domains: [], firstDate: null, lastDate: null};

/** Unchecks the role box `name` as a user would: the Inputs checkbox fires input, which bubbles to the bar. */
function uncheck(bar: HTMLElement, name: string): void {
  const box = [...bar.querySelectorAll<HTMLInputElement>("input[type=checkbox]")].find((b) => b.value === name || b.labels?.[0]?.textContent?.includes(name));
  if (!box) throw new Error(`no checkbox ${name}`);
  box.checked = false;
  box.dispatchEvent(new Event("input", {bubbles: true}));
}

const roles = () => new URLSearchParams(location.search).getAll("rol");

describe("filter bar URL", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    history.replaceState(null, "", "/verhalen/triaden");
  });
  afterEach(() => {
    vi.runOnlyPendingTimers();
    vi.useRealTimers();
    document.body.replaceChildren();
  });

  it("writes the filter once the clicking pauses", () => {
    const bar = filterBar(META);
    document.body.append(bar);
    uncheck(bar, "medewerker");
    expect(bar.value.roles).toEqual(["inwoner"]); // the page redraws at once
    expect(roles()).toEqual([]); // the URL follows later
    vi.advanceTimersByTime(250);
    expect(roles()).toEqual(["inwoner"]);
  });

  it("writes it at once when a link is followed", () => {
    const bar = filterBar(META);
    const link = document.createElement("a");
    link.href = "#elders";
    document.body.append(bar, link);
    uncheck(bar, "medewerker");
    link.click();
    expect(roles()).toEqual(["inwoner"]);
  });

  it("shows, and leaves in the URL, the filter of the history entry gone back to", () => {
    const bar = filterBar(META);
    document.body.append(bar);
    uncheck(bar, "medewerker");
    dispatchEvent(new PopStateEvent("popstate"));
    vi.advanceTimersByTime(1000);
    expect(roles()).toEqual([]); // the entry gone back to keeps its own filter: none
    expect(bar.value.roles).toEqual([]);
  });
});
