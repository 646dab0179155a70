// Report tables built with the DOM (text only, never HTML from the server), and how their figures read.

const numberFormats = new Map();

/** A number with at most the given decimals (en-GB grouping), or '–' when there is none. */
export function figure(value, decimals = 0) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (!numberFormats.has(decimals)) {
    numberFormats.set(decimals, new Intl.NumberFormat('en-GB', { maximumFractionDigits: decimals, minimumFractionDigits: 0 }));
  }
  return numberFormats.get(decimals).format(value);
}

/** A change in percent as a supervisor reads it: +266%, −12%, 0%; '–' when there was nothing before. */
export function change(percent) {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '–';
  const rounded = Math.round(percent);
  if (rounded === 0) return '0%';
  return `${rounded > 0 ? '+' : '−'}${figure(Math.abs(rounded))}%`;
}

/** A share (0–1) in whole percent. */
export function share(value) {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : `${Math.round(value * 100)}%`;
}

const statusNames = { red: 'Red', amber: 'Amber', green: 'Green', none: 'No target' };

/** Fills a cell with a red/amber/green status: coloured, and named in words for those who cannot tell the colours apart. */
export function statusCell(cell, status) {
  const name = status ?? 'none';
  cell.classList.add('status', `status-${name}`);
  cell.dataset.status = name;
  cell.textContent = statusNames[name] ?? name;
}

/**
 * A table. Each column is { title, value(row) → text or number } with optional `decimals` (numbers are right-aligned),
 * `key` (the column's data-column name) and `cell(td, row)` to fill the cell itself; `rowData(row)` gives each row's
 * data-* attributes.
 */
export function table({ caption, columns, rows, rowData, empty = 'Nothing in this period.', id }) {
  const element = document.createElement('table');
  element.className = 'report-table';
  if (id) element.id = id;
  if (caption) element.createCaption().textContent = caption;
  const head = element.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = column.title;
    if (column.decimals !== undefined) th.classList.add('number');
    head.append(th);
  }

  const body = element.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const [name, value] of Object.entries(rowData?.(row) ?? {})) {
      if (value !== null && value !== undefined) tr.dataset[name] = String(value);
    }
    for (const column of columns) {
      const td = tr.insertCell();
      if (column.key) td.dataset.column = column.key;
      if (column.cell) {
        column.cell(td, row);
      } else if (column.decimals !== undefined) {
        td.classList.add('number');
        td.textContent = figure(column.value(row), column.decimals);
      } else {
        td.textContent = column.value(row) ?? '–';
      }
    }
  }

  if (rows.length === 0) {
    const td = body.insertRow().insertCell();
    td.colSpan = columns.length;
    td.className = 'empty';
    td.textContent = empty;
  }
  return element;
}

/** A heading over a table or list. */
export function heading(text) {
  const h = document.createElement('h2');
  h.textContent = text;
  return h;
}

/** A "Download CSV" link to a report's CSV (the same query with format=csv). */
export function csvLink(href, text = 'Download CSV') {
  const a = document.createElement('a');
  a.className = 'csv';
  a.href = href;
  a.download = '';
  a.textContent = text;
  return a;
}
