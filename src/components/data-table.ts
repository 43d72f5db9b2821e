/**
 * The one small data table of the site: a caption, column heads (scope col) and a row head per
 * row (scope row). It is the text alternative beside charts and the list under figures, on the
 * analyst pages and in the public report. Text goes in through textContent, never as HTML; a cell
 * may also be a node (a link built the same way).
 */

export type TableCell = string | number | Node;

export interface DataTableOptions {
  className?: string;
  /** The document to build in (tests pass their own). */
  document?: Document;
}

export function dataTable(
  caption: string, head: readonly string[], rows: readonly (readonly TableCell[])[], options: DataTableOptions = {}
): HTMLTableElement {
  const doc = options.document ?? document;
  const table = doc.createElement("table");
  if (options.className) table.className = options.className;
  table.createCaption().textContent = caption;
  const headRow = table.createTHead().insertRow();
  for (const h of head) {
    const th = doc.createElement("th");
    th.scope = "col";
    th.textContent = h;
    headRow.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    row.forEach((cell, i) => {
      const td = doc.createElement(i === 0 ? "th" : "td");
      if (i === 0) td.setAttribute("scope", "row");
      if (typeof cell === "object") td.append(cell);
      else td.textContent = String(cell);
      tr.append(td);
    });
  }
  return table;
}
