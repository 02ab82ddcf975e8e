// The term explorer (explorer.html): reads the JSON that antcorpus.project.explorer
// embeds and draws one term at a time. Corpus text is only ever inserted as text
// (textContent, setAttribute), never parsed as markup; nothing is fetched.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("explorer-data").textContent);
  const rows = new Map(Object.entries(data.terms));
  const terms = [...rows.keys()].sort(
    (a, b) => rows.get(b).n - rows.get(a).n || (a < b ? -1 : a > b ? 1 : 0));
  const pieces = data.pieces;
  const byEra = new Map(data.eras.map((e) => [e, []]));
  pieces.forEach((p, i) => { if (byEra.has(p.era)) byEra.get(p.era).push(i); });
  const SVG = "http://www.w3.org/2000/svg";
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, text, ns) {
    const node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  const svg = (tag, attrs, text) => el(tag, attrs, text, SVG);
  const add = (parent, ...kids) => { kids.forEach((k) => parent.appendChild(k)); return parent; };
  const fixed = (x, d) => (x === null || !isFinite(x) ? "–" : x.toFixed(d));
  const int = (n) => n.toLocaleString("en-US");
  const small = (x) => (x < 0.0001 ? x.toExponential(1) : String(Number(x.toPrecision(2))));
  const plural = (n, word) => `${int(n)} ${word}${n === 1 ? "" : "s"}`;

  function counts(row) {
    const c = new Array(pieces.length).fill(0);
    row.counts.forEach(([i, n]) => { c[i] = n; });
    return c;
  }
  const rate = (count, tokens) => (tokens ? (10000 * count) / tokens : null);
  function pooled(c, ids) {
    const n = ids.reduce((s, i) => s + c[i], 0);
    const tokens = ids.reduce((s, i) => s + pieces[i].tokens, 0);
    return { n, tokens, rate: rate(n, tokens) };
  }

  function summary() {
    const tokens = pieces.reduce((s, p) => s + p.tokens, 0);
    const c = data.contrast;
    const contrast = c.none
      ? `No contrast for keyness: ${c.none}.`
      : `Keyness: ${c.target} (target) against ${c.reference} (reference).`;
    $("summary").textContent =
      `${data.corpus || "The corpus"}: ${plural(pieces.length, "piece")}, ` +
      `${int(tokens)} content tokens, eras ${data.eras.join(", ")}. ` +
      (data.max_terms
        ? `the ${int(terms.length)} most frequent of the terms that occur at least ` +
          `${data.min_term} times are offered; `
        : `${int(terms.length)} terms occur at least ${data.min_term} times; `) +
      `type one or pick it from the list. ${contrast}`;
  }

  function ticks(max) {
    const raw = max / 4, base = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * base).find((s) => s >= raw);
    const out = [];
    for (let t = 0; t <= max + step * 0.999; t += step) out.push(Number(t.toPrecision(6)));
    return out;
  }

  // Points and bars say what they are in a readout line, not in SVG <title>s (a tooltip
  // text is never drawn, so no font could be checked for it).
  function point(node, text) {
    const say = () => { $("readout").textContent = text; };
    node.setAttribute("tabindex", "0");
    node.setAttribute("aria-label", text);
    ["mouseenter", "focus", "click"].forEach((ev) => node.addEventListener(ev, say));
    return node;
  }

  function plot(term, c) {
    const W = 760, left = 140, right = 24, top = 12, band = 36, bottom = 40;
    const H = top + band * data.eras.length + bottom;
    const rates = pieces.map((p, i) => rate(c[i], p.tokens)).filter((r) => r !== null);
    const tk = ticks(Math.max(...rates, 1e-9));
    const sx = (r) => left + ((W - left - right) * r) / tk[tk.length - 1];
    const g = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img",
      "aria-label": `${term}: rate per 10,000 content tokens in each piece` });
    tk.forEach((t) => add(g,
      svg("line", { x1: sx(t), x2: sx(t), y1: top, y2: H - bottom, stroke: "#eee" }),
      svg("text", { x: sx(t), y: H - bottom + 16, "text-anchor": "middle" }, t)));
    add(g, svg("text", { x: (left + W - right) / 2, y: H - 6, "text-anchor": "middle" },
      "per 10,000 content tokens of the piece"));
    data.eras.forEach((era, k) => {
      const y = top + band * k + band / 2, ids = byEra.get(era);
      const chars = Array.from(era), label = chars.length > 16 ? chars.slice(0, 15).join("") + "…" : era;
      add(g, svg("text", { x: left - 10, y: y + 4, "text-anchor": "end", class: "era-label" }, label),
        svg("line", { x1: left, x2: W - right, y1: y, y2: y, stroke: "#ccc" }));
      const all = pooled(c, ids);
      if (all.rate !== null) {
        add(g, point(svg("line", { x1: sx(all.rate), x2: sx(all.rate), y1: y - 13,
          y2: y + 13, stroke: "#b33", "stroke-width": 3, class: "pooled" }),
        `${era}, all ${plural(ids.length, "piece")}: ${all.n} / ${int(all.tokens)} ` +
          `tokens = ${fixed(all.rate, 1)} per 10,000`));
      }
      ids.forEach((i, j) => {
        const r = rate(c[i], pieces[i].tokens);
        if (r === null) return;
        add(g, point(svg("circle", { cx: sx(r), cy: y + ((j % 3) - 1) * 7, r: 5,
          fill: c[i] ? "#1f6fb4" : "#fff", stroke: "#1f6fb4", "fill-opacity": 0.75,
          class: "dot", "data-piece": i }), `${pieces[i].id} (${era}): ${c[i]} / ` +
          `${int(pieces[i].tokens)} tokens = ${fixed(r, 1)} per 10,000`));
      });
    });
    $("plot").replaceChildren(g, el("p", { id: "readout", class: "note" },
      "Point at a dot or a bar for its counts."), el("p", { class: "note" },
      "Each dot is a piece (filled: the piece uses the term; open: it does not); the " +
      "red bar is the era's pooled rate. The table below gives every count."));
  }

  function rateTable(c) {
    const head = add(el("tr"), ...["Era", "Piece", "Term count", "Piece tokens",
      "Per 10,000 tokens"].map((h, k) => el("th", k > 1 ? { class: "num" } : {}, h)));
    const body = el("tbody");
    const line = (attrs, era, name, n, tokens, title) => add(el("tr", attrs),
      el("td", {}, era), el("td", title ? { title } : {}, name),
      el("td", { class: "num count" }, n), el("td", { class: "num tokens" }, int(tokens)),
      el("td", { class: "num rate" }, fixed(rate(n, tokens), 1)));
    data.eras.forEach((era) => {
      const ids = byEra.get(era);
      ids.forEach((i) => add(body, line({ "data-doc": pieces[i].id }, era,
        pieces[i].id, c[i], pieces[i].tokens, pieces[i].title)));
      const all = pooled(c, ids);
      add(body, line({ class: "pooled" }, era, `all ${plural(ids.length, "piece")}`,
        all.n, all.tokens));
    });
    $("rates").replaceChildren(add(el("thead"), head), body);
  }

  function keyness(term, row, c) {
    const k = data.contrast, box = $("keyness");
    if (k.none) {
      box.replaceChildren(el("p", {}, `No contrast: ${k.none}, so there is no target ` +
        "and reference era to compare and no keyness."));
      return;
    }
    const side = (era) => pooled(c, byEra.get(era) || []);
    if (!row.key) {
      const t = side(k.target).n, r = side(k.reference).n;
      box.replaceChildren(el("p", { class: "untested" }, `Not tested (below min count): ` +
        `${term} occurs ${t} times in ${k.target} and ${r} in ${k.reference}; keyness ` +
        `needs at least ${k.min_count} over both.`));
      return;
    }
    const v = Object.fromEntries(data.key_fields.map((f, i) => [f, row.key[i]]));
    const cells = [
      ["target", `${k.target} (target)`, `${v.target} in ${int(k.target_tokens)} tokens ` +
        `(${fixed(v.target_per_10k, 1)} per 10,000), in ${plural(v.target_pieces, "piece")}`],
      ["reference", `${k.reference} (reference)`, `${v.reference} in ${int(k.reference_tokens)} ` +
        `tokens (${fixed(v.reference_per_10k, 1)} per 10,000), in ` +
        plural(v.reference_pieces, "piece")],
      ["g2", "G² (signed: + more frequent in the target)", fixed(v.g2, 2)],
      ["log_ratio", "Log ratio (log₂ of the ratio of rates)", fixed(v.log_ratio, 2)],
      ["p", "p", small(v.p)],
      ["q", `q (Benjamini–Hochberg over ${int(k.tested)} tested terms)`, small(v.q)],
    ];
    const table = add(el("tbody"), ...cells.map(([field, name, value]) => add(
      el("tr"), el("th", {}, name), el("td", { "data-field": field }, value))));
    const way = v.g2 >= 0 ? "more" : "less";
    const call = v.q < 0.05 ? "key at q < 0.05" : "not key (q ≥ 0.05)";
    box.replaceChildren(el("p", {}, `${term} is relatively ${way} frequent in ` +
      `${k.target} than in ${k.reference}: ${call}.`), add(el("table", { class: "key" }), table),
      el("p", { class: "note" }, "Token-level statistics (tokens of one piece are not " +
        "independent); the notebooks test the strongest terms with pieces as the unit."));
  }

  function dispersion(row, c) {
    const used = c.filter((n) => n > 0).length;
    $("dispersion").textContent = `DP = ${fixed(row.dp, 3)}, DP_norm = ` +
      `${fixed(row.dp_norm, 3)}; in ${used} of ${plural(pieces.length, "piece")}. ` +
      "Gries' deviation of proportions over all pieces: 0 when the term is spread " +
      "over the pieces in proportion to their sizes, towards 1 when it sits in few.";
  }

  function contexts(term, row, c) {
    const box = $("contexts");
    box.replaceChildren(el("p", { class: "note" }, `The first ${data.kwic.lines} ` +
      `lines per era in text order, ${data.kwic.window} tokens each side; a line ` +
      "shows any token containing the term."));
    data.eras.forEach((era) => {
      const ids = byEra.get(era), n = pooled(c, ids).n;
      add(box, el("h3", {}, `${era} (${plural(n, "occurrence")})`));
      const found = row.lines.filter((l) => pieces[l[0]].era === era);
      if (!found.length) {
        add(box, el("p", { class: "note" }, n ? "No concordance line found." : "Not in this era."));
        return;
      }
      add(box, add(el("table", { class: "kwic" }), ...found.map(([i, l, kw, r]) => add(
        el("tr"), el("td", { class: "left" }, l), el("td", { class: "keyword" }, kw),
        el("td", { class: "right" }, r),
        el("td", { class: "piece", title: pieces[i].title }, pieces[i].id)))));
    });
  }

  function show(wanted) {
    const raw = (wanted || "").trim();
    const term = rows.has(raw) ? raw : raw.toLowerCase();
    if (!rows.has(term)) {
      $("status").textContent = raw ? `“${raw}” is not among the ${int(terms.length)} ` +
        `terms ${data.max_terms ? "offered (the most frequent of those occurring" : "that occur"} ` +
        `at least ${data.min_term} times${data.max_terms ? ")" : ""} (content tokens: no stopwords, ` +
        "numbers or punctuation)." : "";
      return;
    }
    const row = rows.get(term), c = counts(row);
    $("term").value = term;
    $("status").textContent = `${term}: ${plural(row.n, "occurrence")} in ` +
      `${c.filter((n) => n > 0).length} of ${plural(pieces.length, "piece")}.`;
    plot(term, c);
    rateTable(c);
    keyness(term, row, c);
    dispersion(row, c);
    contexts(term, row, c);
    $("panels").hidden = false;
    try { history.replaceState(null, "", "#" + encodeURIComponent(term)); } catch (e) { /* file: */ }
  }

  summary();
  add($("terms"), ...terms.map((t) => el("option", { value: t })));
  add($("picks"), el("span", {}, "Try: "), ...data.picks.map((t) => {
    const b = el("button", { type: "button" }, t);
    b.addEventListener("click", () => show(t));
    return b;
  }));
  $("pick").addEventListener("submit", (e) => { e.preventDefault(); show($("term").value); });
  $("term").addEventListener("input", () => {
    const v = $("term").value.trim();
    if (rows.has(v)) show(v);
  });
  let start = "";
  try { start = decodeURIComponent(location.hash.slice(1)); } catch (e) { start = ""; }
  show(rows.has(start) ? start : data.picks[0] || terms[0]);
})();
