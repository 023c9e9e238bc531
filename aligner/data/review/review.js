/* aligner review: filters, keyboard navigation, copy buttons. No network, no storage. */
(function () {
  "use strict";
  var doc = document;
  var all = function (sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); };
  var nav = doc.getElementById("controls");
  var shown = doc.getElementById("shown");
  var ruleSelect = doc.getElementById("filter-rule");
  var suspectBox = doc.getElementById("filter-suspect");
  var current = -1;
  var currentLang = null;

  function setNavHeight() {
    if (nav) { doc.documentElement.style.setProperty("--nav-height", nav.offsetHeight + "px"); }
  }

  function hiddenLangs() {
    var out = {};
    all("input[data-filter-lang]").forEach(function (box) { if (!box.checked) { out[box.getAttribute("data-filter-lang")] = true; } });
    return out;
  }

  var filterStyle = doc.createElement("style");
  doc.head.appendChild(filterStyle);
  var rowData = all("tr.row").map(function (tr) {
    return {
      tr: tr,
      findings: all(".finding", tr).map(function (f) {
        return [f.getAttribute("data-lang"), f.getAttribute("data-rule"), f.getAttribute("data-severity")];
      }),
      faulty: all("td.c:not(.blank)", tr).filter(function (td) { return !td.classList.contains("st-ok"); })
        .map(function (td) { return td.getAttribute("data-lang"); })
    };
  });
  var hiddenRows = [];

  function cssString(value) { return '"' + String(value).replace(/["\\]/g, "\\$&") + '"'; }

  /* Languages, severities and rules are hidden by one generated style sheet (fast over
     thousands of cells); rows are hidden one by one only while a row filter is on. */
  function apply() {
    var off = hiddenLangs();
    var severities = {};
    all("input[data-filter-severity]").forEach(function (box) { severities[box.getAttribute("data-filter-severity")] = box.checked; });
    var rule = ruleSelect ? ruleSelect.value : "";
    var css = [];
    Object.keys(off).forEach(function (lang) {
      var q = cssString(lang);
      css.push("table [data-lang=" + q + "], .finding[data-lang=" + q + "]");
    });
    Object.keys(severities).forEach(function (sev) {
      if (!severities[sev]) { css.push(".finding[data-severity=" + cssString(sev) + "]"); }
    });
    if (rule !== "") { css.push(".finding:not([data-rule=" + cssString(rule) + "])"); }
    filterStyle.textContent = css.length ? css.join(",\n") + " { display: none !important; }" : "";
    var suspectOnly = !!(suspectBox && suspectBox.checked);
    hiddenRows.forEach(function (tr) { tr.classList.remove("hidden"); });
    hiddenRows = [];
    var total = rowData.length, rows = total;
    if (suspectOnly || rule !== "") {
      rowData.forEach(function (row) {
        var hasFinding = row.findings.some(function (f) {
          return !off[f[0]] && (rule === "" || f[1] === rule) && severities[f[2]] !== false;
        });
        var faulty = row.faulty.some(function (lang) { return !off[lang]; });
        if ((rule !== "" && !hasFinding) || (suspectOnly && !hasFinding && !faulty)) {
          row.tr.classList.add("hidden");
          hiddenRows.push(row.tr);
          rows -= 1;
        }
      });
    }
    if (shown) { shown.textContent = rows + " of " + total + " rows shown"; }
    current = -1;
    setNavHeight();
  }

  function findings() {
    return all(".finding").filter(function (f) { return f.offsetParent !== null; });
  }

  function mark(el) {
    all(".current").forEach(function (x) { x.classList.remove("current"); });
    el.classList.add("current");
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "center" });
  }

  function step(delta) {
    var list = findings();
    if (!list.length) { return; }
    current = (current + delta + list.length) % list.length;
    if (delta < 0 && current < 0) { current = list.length - 1; }
    mark(list[current]);
    currentLang = list[current].getAttribute("data-lang");
  }

  function languages() {
    var off = hiddenLangs();
    var seen = [];
    all("table.sbs thead th[data-lang]").forEach(function (th) {
      var lang = th.getAttribute("data-lang");
      if (lang && !off[lang] && seen.indexOf(lang) < 0) { seen.push(lang); }
    });
    return seen;
  }

  function currentRow() {
    var active = doc.activeElement;
    var row = active && active.closest ? active.closest("tr.row") : null;
    if (!row) {
      var list = all("tr.row").filter(function (tr) { return tr.offsetParent !== null; });
      var top = nav ? nav.offsetHeight : 0;
      row = list.filter(function (tr) { return tr.getBoundingClientRect().bottom > top; })[0] || list[0] || null;
    }
    return row;
  }

  function stepLang(delta) {
    var langs = languages();
    if (!langs.length) { return; }
    var at = langs.indexOf(currentLang);
    currentLang = langs[(at + delta + langs.length) % langs.length];
    var row = currentRow();
    if (!row) { return; }
    var cell = row.querySelector('td[data-lang="' + currentLang + '"]');
    if (cell) { mark(cell); }
  }

  doc.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (target && target.matches && target.matches("input, select, textarea, button")) {
      if (event.key !== "Escape") { return; }
    }
    switch (event.key) {
      case "j": case "n": step(1); break;
      case "k": case "p": step(-1); break;
      case "l": case "]": stepLang(1); break;
      case "h": case "[": stepLang(-1); break;
      case "Escape":
        all("input[data-filter-lang], input[data-filter-severity]").forEach(function (b) { b.checked = true; });
        if (ruleSelect) { ruleSelect.value = ""; }
        if (suspectBox) { suspectBox.checked = false; }
        apply();
        break;
      default: return;
    }
    event.preventDefault();
  });

  all("#filters input, #filters select").forEach(function (el) { el.addEventListener("change", apply); });
  var form = doc.getElementById("filters");
  if (form) { form.addEventListener("submit", function (e) { e.preventDefault(); }); }

  all("button.copy").forEach(function (button) {
    button.addEventListener("click", function () {
      var code = button.previousElementSibling;
      var text = code ? code.textContent : "";
      var range = doc.createRange();
      range.selectNodeContents(code);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var done = function () { button.textContent = "Copied"; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () {
          try { if (doc.execCommand("copy")) { done(); } } catch (e) { button.textContent = "Press Ctrl+C"; }
        });
      } else {
        try { if (doc.execCommand("copy")) { done(); } } catch (e) { button.textContent = "Press Ctrl+C"; }
      }
    });
  });

  window.addEventListener("resize", setNavHeight);
  apply();
}());
