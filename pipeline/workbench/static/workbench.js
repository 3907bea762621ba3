// The workbench page: saving, live checks, side panel, keyboard. Plain JS, no build step.
"use strict";
(function () {
  var root = document.getElementById("workbench");
  if (!root) { return; }
  var lang = root.dataset.lang, doc = root.dataset.doc;
  var current = null, suggestionsShown = [], checkTimer = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  var UNREACHABLE = "not saved: the workbench does not answer (has `serve` stopped? start it again, " +
    "open its new address, and save: your text stays in this page until then)";
  function post(path, body) {
    // Never a rejected promise: a server that stopped (status 0) or an answer that is not JSON is an error record.
    return fetch(path, {method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify(body), credentials: "same-origin"}).then(function (r) {
      return r.json().then(function (data) { return {status: r.status, data: data}; }, function () {
        return {status: r.status, data: {error: "not saved: the workbench answered " + r.status + " " + r.statusText}};
      });
    }, function () { return {status: 0, data: {error: UNREACHABLE}}; });
  }
  function get(path, params) {
    var q = new URLSearchParams(params);
    return fetch(path + "?" + q.toString(), {credentials: "same-origin"}).then(function (r) { return r.json(); });
  }
  function segments() { return Array.prototype.slice.call(document.querySelectorAll("article.seg")); }
  function target(seg) { return seg.querySelector("textarea.target"); }

  function showFindings(seg, findings) {
    var list = seg.querySelector(".findings");
    list.textContent = "";
    var error = false;
    findings.forEach(function (f) {
      list.appendChild(el("li", f.severity, f.severity + " [" + f.check + "] " + f.message));
      if (f.severity === "error") { error = true; }
    });
    seg.classList.toggle("has-error", error);
  }
  function setState(seg, state, fuzzy) {
    seg.dataset.state = state;
    seg.dataset.fuzzy = fuzzy ? "true" : "false";
    seg.className = seg.className.replace(/state-\w+/, "state-" + state);
    seg.querySelector(".state").textContent = state;
    seg.querySelector("input.fuzzy").checked = fuzzy;
  }

  function save(seg, resolved) {
    var body = {lang: lang, doc: doc, msgid: seg.dataset.msgid, base: seg.dataset.version,
      msgstr: target(seg).value, comment: seg.querySelector("textarea.comment").value,
      fuzzy: seg.querySelector("input.fuzzy").checked};
    return post("/api/save", body).then(function (res) {
      var saved = seg.querySelector(".saved");
      saved.classList.remove("error");
      if (res.status === 200) {
        seg.dataset.version = res.data.version;
        setState(seg, res.data.state, res.data.fuzzy);
        showFindings(seg, res.data.findings);
        saved.textContent = "saved";
        settled(seg, body.msgstr, body.comment);
        seg.querySelector(".conflict").hidden = true;
        return true;
      }
      if (res.status === 409) { showConflict(seg, res.data); return false; }
      saved.textContent = res.data.error || "not saved";
      saved.classList.add("error");
      return false;
    });
  }

  // What is on disk now for this segment: its fields are no longer a draft (leaving the page asks nothing for them).
  function settled(seg, msgstr, comment) {
    target(seg).value = target(seg).defaultValue = msgstr;
    var area = seg.querySelector("textarea.comment");
    area.value = area.defaultValue = comment;
  }
  function dirty() {
    return Array.prototype.some.call(document.querySelectorAll("article.seg textarea"), function (a) {
      return a.value !== a.defaultValue;
    });
  }
  window.addEventListener("beforeunload", function (e) {
    if (dirty()) { e.preventDefault(); e.returnValue = ""; }  // unsaved text: the browser asks before leaving
  });

  function showConflict(seg, data) {
    var box = seg.querySelector(".conflict");
    box.textContent = "";
    box.appendChild(el("p", "error", data.error));
    var theirs = data.theirs;
    function choice(label, text, comment, apply) {
      var row = el("div", "choice");
      row.appendChild(el("div", "label", label));
      var texts = el("div", "text", text);
      if (comment) { texts.appendChild(el("div", "comment", "comment: " + comment)); }
      row.appendChild(texts);
      var button = el("button", "choose", "Keep this");
      button.type = "button";
      button.addEventListener("click", apply);
      row.appendChild(button);
      box.appendChild(row);
    }
    var commentArea = seg.querySelector("textarea.comment");
    choice("On disk now:", theirs ? theirs.msgstr : "(the entry is gone: run update)", theirs && theirs.comment, function () {
      if (!theirs) { return; }
      settled(seg, theirs.msgstr, theirs.comment);
      seg.dataset.version = theirs.version;
      setState(seg, theirs.state, theirs.fuzzy);
      box.hidden = true;
    });
    choice("Yours:", data.yours.msgstr, data.yours.comment, function () {
      if (!theirs) { return; }
      // A comment this page did not change is theirs to keep: only what you edited replaces what is on disk.
      if (commentArea.value === commentArea.defaultValue) { commentArea.value = theirs.comment; }
      seg.dataset.version = theirs.version;
      save(seg);
    });
    box.hidden = false;
  }

  function focusSeg(seg) {
    if (!seg) { return; }
    if (current && current !== seg) { current.classList.remove("current"); }
    current = seg;
    seg.classList.add("current");
    var area = target(seg);
    area.focus();
    seg.scrollIntoView({block: "center"});
    loadPanel(seg);
  }
  function move(step) {
    var all = segments(), at = all.indexOf(current);
    var next = all[at + step];
    if (next) { focusSeg(next); return; }
    var link = document.getElementById(step > 0 ? "next-page" : "prev-page");
    if (link) { window.location.href = link.href + (step > 0 ? "" : "&focus=last"); }  // Ctrl+Up: its last row
  }
  function nextOpen() {
    var all = segments(), at = all.indexOf(current);
    for (var i = at + 1; i < all.length; i++) {
      if (all[i].dataset.state !== "translated") { focusSeg(all[i]); return; }
    }
    // None left on this page: the server finds the next one in the whole document (wrapping round), on its page.
    var q = new URLSearchParams({filter: root.dataset.filter, after: current.dataset.index});
    window.location.href = window.location.pathname + "?" + q.toString();
  }

  function loadPanel(seg) {
    get("/api/suggest", {lang: lang, doc: doc, msgid: seg.dataset.msgid}).then(function (data) {
      if (current !== seg) { return; }
      suggestionsShown = data.suggestions;
      var list = document.getElementById("suggestions");
      list.textContent = "";
      data.suggestions.forEach(function (s, i) {
        var item = el("li", "suggestion");
        item.appendChild(el("span", "score", (s.similarity === 100 ? "exact" : s.similarity + "%") + " · Alt+" + (i + 1)));
        item.appendChild(el("div", "t", s.target));
        item.appendChild(el("div", "s", s.source));
        item.appendChild(el("div", "origin", s.origin));
        item.addEventListener("click", function () { insertSuggestion(i); });
        list.appendChild(item);
      });
      if (!data.suggestions.length) { list.appendChild(el("li", "muted", "no match in the memory")); }
      var glossary = document.getElementById("glossary");
      glossary.textContent = "";
      data.glossary.forEach(function (t) {
        glossary.appendChild(el("li", "", t.source + " = " + t.target + (t.note ? " — " + t.note : "")));
      });
      var dict = document.getElementById("dictionary");
      dict.textContent = "";
      data.dictionary.forEach(function (g) {
        dict.appendChild(el("dt", "", g.word + (g.simplified !== g.word ? " (" + g.simplified + ")" : "") + " " + g.pinyin));
        dict.appendChild(el("dd", "", g.meanings.join("; ")));
      });
    }).catch(function () {});  // a server that stopped: the banner of poll() says so
    preview(seg);
  }
  function insertSuggestion(i) {
    if (!current || !suggestionsShown[i]) { return; }
    var area = target(current);
    area.value = suggestionsShown[i].target;
    area.focus();
    scheduleCheck(current);
  }
  function concordance(word) {
    var q = document.getElementById("concordance-q");
    q.value = word;
    get("/api/concordance", {lang: lang, q: word}).then(function (data) {
      var list = document.getElementById("concordance");
      list.textContent = "";
      data.hits.forEach(function (h) {
        var item = el("li");
        item.appendChild(el("div", "s", h.source));
        item.appendChild(el("div", "t", h.target));
        item.appendChild(el("div", "origin", h.origin));
        list.appendChild(item);
      });
      if (!data.hits.length) { list.appendChild(el("li", "muted", "nothing found")); }
    }).catch(function () {});
  }
  function preview(seg) {
    post("/api/preview", {lang: lang, doc: doc, msgid: seg.dataset.msgid, msgstr: target(seg).value}).then(function (res) {
      var box = seg.querySelector(".preview");
      if (res.status !== 200) { return; }
      // The server renders the Markdown as the HTML edition does, every text escaped.
      box.innerHTML = res.data.html;
      box.hidden = false;
    });
  }
  function scheduleCheck(seg) {
    seg.querySelector(".saved").textContent = "";
    clearTimeout(checkTimer);
    checkTimer = setTimeout(function () {
      post("/api/check", {lang: lang, doc: doc, msgid: seg.dataset.msgid, msgstr: target(seg).value}).then(function (res) {
        if (res.status === 200) { showFindings(seg, res.data.findings); }
      });
      preview(seg);
    }, 300);
  }

  segments().forEach(function (seg) {
    target(seg).addEventListener("focus", function () { if (current !== seg) { focusSeg(seg); } });
    target(seg).addEventListener("input", function () { scheduleCheck(seg); });
    seg.querySelector("button.save").addEventListener("click", function () { save(seg); });
  });
  document.getElementById("concordance-form").addEventListener("submit", function (e) {
    e.preventDefault();
    concordance(document.getElementById("concordance-q").value);
  });
  var editionLink = document.getElementById("edition-link"), editionBase = editionLink.getAttribute("href");
  editionLink.addEventListener("click", function () {
    // The edition shows saved work; an unsaved text of the open segment goes along, marked so on the page.
    var area = current ? target(current) : null;
    var dirty = area && area.value && area.value !== area.defaultValue;
    editionLink.href = dirty ? editionBase + "?" + new URLSearchParams({msgid: current.dataset.msgid, draft: area.value}) : editionBase;
  });
  var help = document.getElementById("help");
  document.getElementById("help-button").addEventListener("click", function () { help.hidden = !help.hidden; });

  document.addEventListener("keydown", function (e) {
    var inField = e.target && (e.target.tagName === "TEXTAREA" || e.target.tagName === "INPUT");
    if (e.key === "Escape") { help.hidden = true; return; }
    if (e.key === "?" && !inField) { help.hidden = !help.hidden; e.preventDefault(); return; }
    // a field focused before this script ran (a fast typist, a restored tab) still makes its segment the current one
    var host = e.target && e.target.closest ? e.target.closest("article.seg") : null;
    if (host && host !== current) { focusSeg(host); }
    if (!current) { if (e.ctrlKey && (e.key === "ArrowDown" || e.key === "Enter")) { focusSeg(segments()[0]); e.preventDefault(); } return; }
    if (e.ctrlKey && e.shiftKey && e.key === "Enter") {
      var box = current.querySelector("input.fuzzy");
      box.checked = !box.checked;
      e.preventDefault();
    } else if (e.ctrlKey && e.key === "Enter") {
      var seg = current;
      save(seg).then(function (ok) { if (ok) { nextOpen(); } });
      e.preventDefault();
    } else if (e.ctrlKey && e.key === "ArrowDown") {
      move(1); e.preventDefault();
    } else if (e.ctrlKey && e.key === "ArrowUp") {
      move(-1); e.preventDefault();
    } else if (e.ctrlKey && (e.key === "b" || e.key === "B")) {
      target(current).value = current.dataset.msgid;
      scheduleCheck(current);
      e.preventDefault();
    } else if (e.altKey && /^[1-9]$/.test(e.key)) {
      insertSuggestion(parseInt(e.key, 10) - 1); e.preventDefault();
    } else if (e.altKey && /^Digit[1-9]$/.test(e.code)) {
      insertSuggestion(parseInt(e.code.slice(5), 10) - 1); e.preventDefault();
    } else if (e.ctrlKey && (e.key === "f" || e.key === "F")) {
      var word = String(window.getSelection() || "").trim();
      if (!word) { var a = target(current); word = a.value.substring(a.selectionStart, a.selectionEnd).trim(); }
      if (word) { concordance(word); } else { document.getElementById("concordance-q").focus(); }
      e.preventDefault();
    }
  });

  function poll() {
    var banner = document.getElementById("banner"), text = document.getElementById("banner-text");
    var button = document.getElementById("run-update");
    get("/api/state", {lang: lang, doc: doc}).then(function (data) {
      if (data.source && data.source !== root.dataset.source) {
        text.textContent = "The source article changed since this page was opened: run update to refresh the catalog.";
        banner.hidden = button.hidden = false;
      } else if (banner.dataset.gone) {
        banner.hidden = true;
      }
      delete banner.dataset.gone;
    }).catch(function () {
      banner.dataset.gone = "true";
      text.textContent = "The workbench does not answer: has `serve` stopped? Nothing typed here is saved " +
        "until it runs again; keep this page open.";
      button.hidden = true;
      banner.hidden = false;
    });
  }
  document.getElementById("run-update").addEventListener("click", function () {
    post("/api/update", {lang: lang}).then(function () { window.location.reload(); });
  });
  setInterval(poll, 5000);
  // The segment to start on: ?at=N (a search result, Ctrl+Enter across pages) or the page's last (Ctrl+Up).
  // Not a #fragment: the browser moves the focus to a fragment's target after this script has run.
  var query = new URLSearchParams(window.location.search), at = query.get("at");
  var start = query.get("focus") === "last" ? segments()[segments().length - 1] : at ? document.getElementById("s" + at) : null;
  focusSeg(start || segments()[0]);
})();
