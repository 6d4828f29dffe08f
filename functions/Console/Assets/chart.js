// A small line chart of the latest samples, drawn as SVG elements (no library, nothing inline the CSP would refuse).
const svgNs = 'http://www.w3.org/2000/svg';
const width = 320;
const height = 80;
const pad = 14;

export class LineChart {
  constructor(svg, { unit, keep = 40 }) {
    this.svg = svg;
    this.unit = unit;
    this.keep = keep;
    this.values = [];
    this.draw();
  }

  add(value) {
    this.values.push(Number.isFinite(value) ? Math.max(0, value) : 0);
    if (this.values.length > this.keep) this.values.shift();
    this.draw();
  }

  clear() {
    this.values = [];
    this.draw();
  }

  draw() {
    this.svg.replaceChildren();
    const max = Math.max(1, ...this.values);
    this.element('line', { class: 'axis', x1: pad, y1: height - pad, x2: width - 4, y2: height - pad });
    this.element('text', { x: 2, y: 10 }).textContent = format(max);
    const last = this.values.at(-1);
    if (this.values.length > 1) {
      const step = (width - pad - 4) / (this.keep - 1);
      const points = this.values.map((value, i) =>
        `${(pad + i * step).toFixed(1)},${(height - pad - (value / max) * (height - 2 * pad)).toFixed(1)}`);
      this.element('polyline', { class: 'line', points: points.join(' ') });
    }
    const now = last === undefined ? 'no samples yet' : `${format(last)} ${this.unit}`;
    this.element('text', { x: width - 4, y: height - 2, 'text-anchor': 'end' }).textContent = `now ${now}`;
    // The name (aria-label) stays fixed so the chart can be found; its reading is its title, the accessible description.
    this.element('title', {}).textContent = `now ${now}`;
  }

  element(name, attributes) {
    const node = document.createElementNS(svgNs, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    this.svg.append(node);
    return node;
  }
}

function format(value) {
  return value >= 100 ? Math.round(value).toString() : (Math.round(value * 10) / 10).toString();
}
