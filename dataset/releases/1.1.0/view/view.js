// kyrgyz-events viewer. Everything is already in the page (rendered and escaped by Python); this script
// only shows, hides, moves focus and clones prepared cards. It never parses data into markup.
(function () {
  "use strict";
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

  // spans in reading order (data-e numbers follow the text), across the stacked layers
  const spans = $$(".ev").sort((a, b) => Number(a.dataset.e.slice(1)) - Number(b.dataset.e.slice(1)));
  const spanByKey = new Map(spans.map((s) => [s.dataset.e, s]));
  const panel = $("#panel");
  const panelBody = $("#panel-body");
  const tip = $("#tip");
  let opener = null;

  function cardOf(key) {
    return key ? document.getElementById("card-" + key) : null;
  }
  function titleOf(key) {
    const c = cardOf(key);
    return c ? c.dataset.tip : "";
  }
  function kindOf(key) {
    const c = cardOf(key);
    return c ? $(".kind", c).firstChild.textContent.trim() : "record";
  }

  // ---- tabs
  function showTab(name) {
    $$(".tabs [data-tab]").forEach((b) => b.setAttribute("aria-selected", String(b.dataset.tab === name)));
    $$(".view").forEach((v) => { v.hidden = v.dataset.view !== name; });
  }
  $$(".tabs [data-tab]").forEach((b) => b.addEventListener("click", () => showTab(b.dataset.tab)));

  // ---- hover / focus label
  function label(span) {
    tip.replaceChildren();
    const keys = [span.dataset.e].concat((span.dataset.with || "").split(" ").filter(Boolean));
    keys.forEach((k, i) => {
      const s = spanByKey.get(k);
      if (!s || s.classList.contains("off")) return;
      const line = document.createElement("span");
      line.className = "tt " + Array.from(s.classList).filter((c) => c.startsWith("t-")).join(" ");
      line.textContent = (i === 0 ? "" : "also here · ") + titleOf(s.dataset.r);
      tip.appendChild(line);
    });
    const r = span.getBoundingClientRect();
    tip.hidden = false;
    tip.style.left = Math.max(4, r.left + window.scrollX) + "px";
    tip.style.top = r.bottom + window.scrollY + 6 + "px";
  }
  function unlabel() { tip.hidden = true; }

  // ---- the card
  function openCard(key, from) {
    const c = cardOf(key);
    if (!c) return;
    opener = from || document.activeElement;
    panelBody.replaceChildren(c.cloneNode(true));
    $("#panel-title").textContent = kindOf(key) + " card";
    panel.hidden = false;
    spans.forEach((s) => s.classList.toggle("current", s.dataset.r === key));
    $("#panel-close").focus();
  }
  function closeCard() {
    if (panel.hidden) return;
    panel.hidden = true;
    spans.forEach((s) => s.classList.remove("current"));
    if (opener && document.contains(opener)) opener.focus();
  }
  $("#panel-close").addEventListener("click", closeCard);

  function gotoSpan(key) {
    const s = spanByKey.get(key);
    if (!s) return;
    showTab("article");
    s.scrollIntoView({ block: "center" });
    s.focus();
    s.classList.remove("flash");
    void s.offsetWidth;
    s.classList.add("flash");
  }

  // ---- keyboard: next / previous visible span in reading order
  function visible() { return spans.filter((s) => !s.classList.contains("off")); }
  function step(from, delta) {
    const list = visible();
    const i = list.indexOf(from);
    const next = list[i + delta];
    if (next) { next.focus(); return true; }
    return false;
  }

  document.addEventListener("click", (e) => {
    const t = e.target.closest("button.rec, button.goto, .ev, svg .row.claim");
    if (!t) return;
    if (t.classList.contains("goto")) { gotoSpan(t.dataset.e); return; }
    if (t.dataset.r) openCard(t.dataset.r, t);
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { closeCard(); unlabel(); return; }
    const t = e.target;
    if (!(t instanceof Element)) return;
    if (t.matches("svg .row.claim") && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); openCard(t.dataset.r, t); return; }
    if (!t.classList.contains("ev")) return;
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); openCard(t.dataset.r, t); }
    else if (e.key === "j" || e.key === "ArrowRight" || e.key === "ArrowDown") { if (step(t, 1)) e.preventDefault(); }
    else if (e.key === "k" || e.key === "ArrowLeft" || e.key === "ArrowUp") { if (step(t, -1)) e.preventDefault(); }
    else if (e.key === "Tab" && !e.altKey && !e.ctrlKey && !e.metaKey) {
      if (step(t, e.shiftKey ? -1 : 1)) e.preventDefault(); // Tab follows the text, not the layers
    }
  });
  document.addEventListener("mouseover", (e) => {
    const s = e.target instanceof Element && e.target.closest(".ev");
    if (s && !s.classList.contains("off")) label(s); else if (!(e.target instanceof Element && e.target.closest("#tip"))) unlabel();
  });
  document.addEventListener("focusin", (e) => {
    const s = e.target instanceof Element && e.target.closest(".ev");
    if (s) label(s); else unlabel();
  });

  // ---- filters
  const form = $("#filters");
  function applyFilters() {
    const tables = new Set($$("input[name=table]:checked", form).map((i) => i.value));
    const et = form.elements.event_type.value;
    const f = form.elements.factuality.value;
    const keep = (el) => {
      const t = el.dataset.t;
      if (t && !tables.has(t)) return false;
      if (et && (t === "events" || t === "claims") && el.dataset.et !== et) return false;
      if (f && (t === "events" || t === "claims") && el.dataset.f && el.dataset.f !== f) return false;
      return true;
    };
    let shown = 0;
    spans.forEach((s) => {
      const on = keep(s);
      s.classList.toggle("off", !on);
      s.tabIndex = on ? 0 : -1;
      if (on) shown += 1;
    });
    $$(".tl-row, .conflict").forEach((el) => el.classList.toggle("off", !keep(el)));
    // the sentence view: a record's button follows its card's table, event type and factuality
    $$("#view-sentences button.rec").forEach((b) => b.classList.toggle("off", !keep(cardOf(b.dataset.r) || b)));
    $("#shown").textContent = shown + " of " + spans.length + " spans shown";
  }
  form.addEventListener("change", applyFilters);
  applyFilters();
})();
