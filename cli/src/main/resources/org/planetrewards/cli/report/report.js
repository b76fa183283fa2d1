
"use strict";
// Draws the report from the JSON blob above. Every member-provided string (member ids, post ids, the
// history's name) reaches the page through textContent or an SVG <title>'s textContent, never as markup.
window.onerror = function (message, source, line, column) {
  var box = document.getElementById("script-error");
  if (!box) {
    box = document.createElement("div");
    box.id = "script-error";
    document.body.insertBefore(box, document.body.firstChild);
  }
  box.textContent += "script error: " + message + " (line " + line + ":" + column + ")\n";
  document.body.setAttribute("data-rendered", "error");
};

(function () {
  var SVG = "http://www.w3.org/2000/svg";
  var PAGE = 50;
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var DAY_MS = 86400000;
  var startMs = data.start ? Date.parse(data.start + "T00:00:00Z") : 0;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    setAll(e, attrs);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    setAll(e, attrs);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function setAll(e, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
  }
  function tip(node, text) {
    node.appendChild(svg("title", null, text));
    return node;
  }
  function dayString(offset) {
    return new Date(startMs + offset * DAY_MS).toISOString().slice(0, 10);
  }
  // Text with ids and timestamps in it ("streak-15: won chatgpt-account at 2026-03-15T21:00:00+08:00"):
  // each word that holds a digit, a dash or a colon is kept on one line, so a narrow screen breaks
  // between words and never inside "2026-03-15T21:00" or "window-15-of-30".
  function words(parent, text) {
    String(text).split(/( +)/).forEach(function (w) {
      if (/[-:0-9]/.test(w)) parent.appendChild(el("span", {"class": "nw"}, w));
      else if (w) parent.appendChild(document.createTextNode(w));
    });
    return parent;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  // ---- the pack's words ------------------------------------------------------------------------
  // The page's fixed texts in the language the report was made in (the rule pack's message files,
  // keys report.*): put in as text, like everything else from the blob.
  var MSG = data.messages || {};
  function msg(key, fallback) { return Object.prototype.hasOwnProperty.call(MSG, key) ? MSG[key] : fallback; }
  if (data.language) document.documentElement.setAttribute("lang", data.language);
  document.querySelectorAll("[data-msg]").forEach(function (n) {
    n.textContent = msg(n.getAttribute("data-msg"), n.textContent);
  });
  document.querySelectorAll("[data-msg-placeholder]").forEach(function (n) {
    var text = msg(n.getAttribute("data-msg-placeholder"), n.getAttribute("placeholder"));
    n.setAttribute("placeholder", text);
    n.setAttribute("aria-label", text);
  });

  // ---- header and summary -------------------------------------------------------------------
  // {name} in a sentence of the pack replaced by its value (the result is only ever used as text).
  function fill(pattern, args) {
    return String(pattern).replace(/\{([A-Za-z][A-Za-z0-9_-]*)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(args, k) ? String(args[k]) : m;
    });
  }
  function plural(n, word) {
    var key = "report.count." + word.replace(/ /g, "-");
    var pattern = n === 1 && msg(key + ".one", null) !== null ? msg(key + ".one", null) : msg(key + ".other", null);
    return pattern !== null ? fill(pattern, {n: n}) : n + " " + word + (n === 1 ? "" : "s");
  }
  words(document.getElementById("subtitle"), fill(msg("report.subtitle", "{title} — {members}, {period} (days in {zone})"), {
    title: data.title || "", members: plural(data.members.length, "member"), zone: data.zone,
    period: data.start ? data.start + " … " + data.end : msg("report.no-activity-period", "no activity")}));
  var stats = document.getElementById("stats");
  data.stats.forEach(function (s) {
    var d = el("div", {"class": "stat"});
    d.appendChild(el("b", null, s.value));
    d.appendChild(el("span", null, s.label));
    stats.appendChild(d);
  });

  // ---- the community over time ----------------------------------------------------------------
  // One column a day: the light bar is the members active, the dark bar inside it those whose day counted,
  // and a gold bar below the axis the decisions. Scaled to the page's width (viewBox), so a phone sees
  // the whole history at once; every column's numbers are in its tooltip.
  function timelineChart(t, days) {
    var W = 960, H = 220, LEFT = 34, BOTTOM = 20, DEC = 40, plotH = H - BOTTOM - DEC - 8;
    var chart = svg("svg", {viewBox: "0 0 " + W + " " + H, width: W, height: H, "class": "fit timeline", role: "img",
        preserveAspectRatio: "xMinYMin meet"});
    var maxActive = Math.max(1, Math.max.apply(null, t.active.concat([0])));
    var maxDecided = Math.max(1, Math.max.apply(null, t.decisions.concat([0])));
    var colW = (W - LEFT) / Math.max(1, days);
    var base = 4 + plotH;
    [0, Math.ceil(maxActive / 2), maxActive].forEach(function (v) {
      var y = base - plotH * v / maxActive;
      chart.appendChild(svg("line", {x1: LEFT, x2: W, y1: y, y2: y, stroke: "#eaeef2"}));
      chart.appendChild(svg("text", {x: LEFT - 4, y: y + 3, "text-anchor": "end"}, v));
    });
    for (var d = 0; d < days; d++) {
      var x = LEFT + d * colW, w = Math.max(1, colW - 1);
      var label = fill(msg("report.timeline.tip", "{day}: {active} active, {counted} counted, {decisions}"), {day: dayString(d),
          active: plural(t.active[d], "member"), counted: plural(t.counted[d], "day"), decisions: plural(t.decisions[d], "decision")});
      var g = tip(svg("g", {"class": "tday"}), label);
      var ha = plotH * t.active[d] / maxActive, hc = plotH * t.counted[d] / maxActive;
      g.appendChild(svg("rect", {x: x, y: base - ha, width: w, height: ha, fill: COLOURS_T.active, "class": "t-active"}));
      g.appendChild(svg("rect", {x: x, y: base - hc, width: w, height: hc, fill: COLOURS_T.counted, "class": "t-counted"}));
      if (t.decisions[d] > 0) {
        var hd = (DEC - 4) * t.decisions[d] / maxDecided;
        g.appendChild(svg("rect", {x: x, y: base + 4, width: w, height: hd, fill: COLOURS_T.decided, "class": "t-decided"}));
      }
      // a bar the width of the day catches the pointer for the tooltip, whatever the heights
      g.appendChild(svg("rect", {x: x, y: 4, width: w, height: base + DEC, fill: "transparent"}));
      chart.appendChild(g);
      if (d === 0 || dayString(d).slice(8) === "01" || d === days - 1) {
        chart.appendChild(svg("text", {x: Math.min(x, W - 60), y: H - 4}, dayString(d)));
      }
    }
    chart.appendChild(svg("line", {x1: LEFT, x2: W, y1: base, y2: base, stroke: "#8c959f"}));
    chart.appendChild(svg("text", {x: LEFT - 4, y: base + 16, "text-anchor": "end"}, maxDecided));
    return chart;
  }
  var COLOURS_T = {active: "#9be9a8", counted: "#216e39", decided: "#d4a017"};
  var timeline = document.getElementById("timeline");
  if (data.days > 0) {
    timeline.appendChild(timelineChart(data.timeline, data.days));
  } else {
    timeline.appendChild(el("p", {"class": "empty"}, msg("report.no-activity", "No activity.")));
  }

  // ---- horizontal bar charts -----------------------------------------------------------------
  function barChart(rows, total, barClass, colour) {
    var labelW = 170, barW = 260, rowH = 20;
    var chart = svg("svg", {width: labelW + barW + 60, height: rows.length * rowH + 4, role: "img", "class": "fit",
        viewBox: "0 0 " + (labelW + barW + 60) + " " + (rows.length * rowH + 4)});
    rows.forEach(function (r, i) {
      var y = i * rowH + 2;
      chart.appendChild(svg("text", {x: labelW - 6, y: y + 13, "text-anchor": "end", "class": "label"}, r.label));
      chart.appendChild(svg("rect", {x: labelW, y: y, width: barW, height: rowH - 5, fill: "#f6f8fa", rx: 2}));
      var w = total > 0 ? Math.max(r.count > 0 ? 1 : 0, Math.round(barW * r.count / total)) : 0;
      chart.appendChild(tip(svg("rect", {x: labelW, y: y, width: w, height: rowH - 5, fill: colour, rx: 2,
          "class": barClass}), r.label + ": " + r.count));
      chart.appendChild(svg("text", {x: labelW + w + 4, y: y + 12}, r.count));
    });
    return chart;
  }

  var funnel = document.getElementById("funnel");
  data.campaigns.forEach(function (c) {
    var box = el("div", {"class": "chart"});
    box.appendChild(words(el("h3"), c.id + " → " + c.reward));
    box.appendChild(el("div", {"class": "note"}, c.measure));
    box.appendChild(barChart(c.funnel, data.members.length, "funnel-bar", "#2da44e"));
    funnel.appendChild(box);
  });
  if (!data.campaigns.length) funnel.appendChild(el("p", {"class": "empty"}, msg("report.no-campaigns", "No campaigns.")));

  var leaderboards = document.getElementById("leaderboards");
  (data.leaderboards || []).forEach(function (r) {
    var box = el("div", {"class": "chart leaderboard"});
    box.appendChild(words(el("h3"), r.campaign + " → " + r.reward));
    box.appendChild(el("div", {"class": "note"}, r.measure === null ? msg("rankings.no-measure", "") : r.measure));
    var table = el("table");
    var head = el("tr");
    ["#", msg("report.column.member", "member"), msg("report.column.count", "count"), msg("report.column.completion", "completion")]
        .forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(head);
    r.entries.forEach(function (e) {
      var tr = el("tr", {"class": "leader"});
      tr.appendChild(el("td", null, e.place));
      tr.appendChild(el("td", {"class": "mono"}, e.member));
      tr.appendChild(el("td", {"class": "nw"}, e.count + "/" + e.target));
      tr.appendChild(el("td", {"class": "nw"}, Math.floor(e.completion * 100 + 1e-9) + "%" + (e.decided ? " ★" : "")));
      table.appendChild(tr);
    });
    box.appendChild(table);
    if (!r.entries.length) box.appendChild(el("p", {"class": "empty"}, msg("rankings.empty", "")));
    leaderboards.appendChild(box);
  });
  document.body.setAttribute("data-leaderboard-rows", leaderboards.querySelectorAll("tr.leader").length);

  var reasons = document.getElementById("reasons");
  var reasonMax = data.reasons.reduce(function (m, r) { return Math.max(m, r.count); }, 0);
  if (data.reasons.length) {
    reasons.appendChild(barChart(data.reasons, reasonMax, "reason-bar", "#cf222e"));
  } else {
    reasons.appendChild(el("p", {"class": "empty"}, msg("report.no-failed-post", "No post failed quality.")));
  }

  // ---- members: heatmaps, filtered and paged --------------------------------------------------
  var totalDays = data.days;
  var firstWeekday = data.start ? (new Date(startMs).getUTCDay() + 6) % 7 : 0; // Monday = 0
  var weeks = Math.ceil((firstWeekday + totalDays) / 7);
  var CELL = 12, GAP = 2, TOP = 14, LEFT = 26;
  var COLOURS = {counted: "#216e39", active: "#9be9a8", none: "#ebedf0"};
  var MONTHS = msg("report.months", "Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec").split(",");

  function heatmap(m) {
    var status = {};
    m.active.forEach(function (d) { status[d] = "active"; });
    m.counted.forEach(function (d) { status[d] = "counted"; });
    var rewards = {};
    m.rewards.forEach(function (r) { (rewards[r.day] = rewards[r.day] || []).push(r); });
    var width = LEFT + weeks * (CELL + GAP), height = TOP + 7 * (CELL + GAP);
    var chart = svg("svg", {width: width, height: height, "class": "heatmap", role: "img"});
    msg("report.weekdays", "Mon,,Wed,,Fri,,").split(",").forEach(function (name, row) {
      if (name) chart.appendChild(svg("text", {x: 0, y: TOP + row * (CELL + GAP) + 9}, name));
    });
    var lastMonth = null;
    for (var d = 0; d < totalDays; d++) {
      var slot = firstWeekday + d, col = Math.floor(slot / 7), row = slot % 7;
      var date = dayString(d), x = LEFT + col * (CELL + GAP), y = TOP + row * (CELL + GAP);
      if (date.slice(0, 7) !== lastMonth && (row === 0 || d === 0)) {
        lastMonth = date.slice(0, 7);
        chart.appendChild(svg("text", {x: x, y: 9}, MONTHS[Number(date.slice(5, 7)) - 1]));
      }
      var s = status[d];
      var label = date + ": " + (s === "counted" ? msg("report.cell.counted", "counted") : s === "active" ? msg("report.cell.active", "activity, not counted") : msg("report.cell.nothing", "nothing"));
      var cell = svg("rect", {x: x, y: y, width: CELL, height: CELL, rx: 2, "class": "day " + (s || "none"),
          fill: COLOURS[s || "none"]});
      chart.appendChild(tip(cell, label));
      if (rewards[d]) {
        var text = rewards[d].map(function (r) { return r.campaign + " → " + r.reward + " at " + r.at; }).join("\n");
        cell.setAttribute("stroke", "#bf8700");
        cell.setAttribute("stroke-width", "1.5");
        chart.appendChild(tip(svg("text", {x: x + CELL / 2, y: y + CELL - 2, "text-anchor": "middle", "class": "star"}, "★"),
            date + ": " + text));
      }
    }
    return chart;
  }

  function memberRow(m) {
    var row = el("div", {"class": "member"});
    var who = el("div");
    who.appendChild(el("div", {"class": "id mono"}, m.id));
    who.appendChild(el("div", {"class": "sub"}, fill(msg("report.member.days", "{counted}, {active}"), {counted: plural(m.countedDays, "counted day"), active: plural(m.activeDays, "active day")})));
    m.rewards.forEach(function (r) { who.appendChild(el("span", {"class": "badge nw"}, "★ " + r.reward)); });
    row.appendChild(who);
    var map = el("div", {"class": "table-wrap"}); // a year of weeks scrolls sideways on a phone, the page does not
    map.appendChild(heatmap(m));
    row.appendChild(map);
    var list = el("ul");
    m.progress.forEach(function (p) { list.appendChild(words(el("li", p.won ? {"class": "won"} : null), p.summary)); });
    row.appendChild(list);
    return row;
  }

  var search = document.getElementById("search"), show = document.getElementById("show");
  var page = 0, dpage = 0;

  function matches(m) {
    var q = search.value.trim().toLowerCase();
    if (q && m.id.toLowerCase().indexOf(q) < 0) return false;
    if (show.value === "won") return m.rewards.length > 0;
    if (show.value === "none") return m.rewards.length === 0;
    if (show.value === "counted") return m.countedDays > 0;
    return true;
  }

  function pager(prefix, current, pages, count, what) {
    document.getElementById(prefix + "page").textContent = count === 0 ? msg("report.page.none." + what, "no " + what + "s")
        : fill(msg("report.page", "page {page} of {pages} ({count})"), {page: current + 1, pages: pages, count: plural(count, what)});
    document.getElementById(prefix + "prev").disabled = current <= 0;
    document.getElementById(prefix + "next").disabled = current >= pages - 1;
  }

  function renderMembers() {
    var shown = data.members.filter(matches);
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    page = Math.min(page, pages - 1);
    var box = document.getElementById("members");
    clear(box);
    var slice = shown.slice(page * PAGE, page * PAGE + PAGE);
    slice.forEach(function (m) { box.appendChild(memberRow(m)); });
    if (!slice.length) box.appendChild(el("p", {"class": "empty"}, msg("report.no-member-matches", "No member matches.")));
    pager("", page, pages, shown.length, "member");
    document.body.setAttribute("data-members-shown", slice.length);
    document.body.setAttribute("data-members-matching", shown.length);
    document.body.setAttribute("data-heatmap-rects", box.querySelectorAll("svg.heatmap rect").length);
    document.body.setAttribute("data-reward-stars", box.querySelectorAll("svg.heatmap text.star").length);
  }

  function renderDecisions() {
    var q = search.value.trim().toLowerCase();
    var shown = data.decisions.filter(function (d) { return !q || d.member.toLowerCase().indexOf(q) >= 0; });
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    dpage = Math.min(dpage, pages - 1);
    var body = document.getElementById("decisions");
    clear(body);
    shown.slice(dpage * PAGE, dpage * PAGE + PAGE).forEach(function (d) {
      var tr = el("tr");
      [d.n, d.member, d.campaign, d.reward, d.decidedAt, d.days].forEach(function (v, i) {
        // the member id may wrap (ids can be long); the campaign, reward and time stay whole
        tr.appendChild(el("td", i === 1 ? {"class": "mono"} : i === 4 ? {"class": "mono nw"} : i === 2 || i === 3 ? {"class": "nw"} : null, v));
      });
      body.appendChild(tr);
    });
    if (!shown.length) {
      var tr = el("tr"), td = el("td", {colspan: 6, "class": "empty"}, msg("report.no-decision", "No decision."));
      tr.appendChild(td);
      body.appendChild(tr);
    }
    pager("d", dpage, pages, shown.length, "decision");
    document.body.setAttribute("data-decisions-shown", body.querySelectorAll("tr").length);
  }

  search.addEventListener("input", function () { page = 0; dpage = 0; renderMembers(); renderDecisions(); });
  show.addEventListener("change", function () { page = 0; renderMembers(); });
  document.getElementById("prev").addEventListener("click", function () { page--; renderMembers(); });
  document.getElementById("next").addEventListener("click", function () { page++; renderMembers(); });
  document.getElementById("dprev").addEventListener("click", function () { dpage--; renderDecisions(); });
  document.getElementById("dnext").addEventListener("click", function () { dpage++; renderDecisions(); });

  // A link may carry a filter: report.html#q=mei
  if (location.hash.indexOf("#q=") === 0) {
    try { search.value = decodeURIComponent(location.hash.slice(3)); } catch (e) { search.value = location.hash.slice(3); }
  }
  renderMembers();
  renderDecisions();
  document.body.setAttribute("data-members-total", data.members.length);
  document.body.setAttribute("data-days", totalDays);
  document.body.setAttribute("data-funnel-bars", funnel.querySelectorAll("rect.funnel-bar").length);
  document.body.setAttribute("data-reason-bars", reasons.querySelectorAll("rect.reason-bar").length);
  document.body.setAttribute("data-timeline-days", timeline.querySelectorAll("g.tday").length);
  document.body.setAttribute("data-timeline-decisions", data.timeline.decisions.reduce(function (a, b) { return a + b; }, 0));
  // What the browser laid out, for the browser test: words kept whole that still broke across lines
  // (should be none), and how far the page is wider than the window (should be 0, at any width).
  var broken = 0;
  document.querySelectorAll(".nw").forEach(function (n) { if (n.getClientRects().length > 1) broken++; });
  document.body.setAttribute("data-nowrap-words", document.querySelectorAll(".nw").length);
  document.body.setAttribute("data-broken-words", broken);
  document.body.setAttribute("data-page-overflow",
      Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth));
  if (document.body.getAttribute("data-rendered") === "no") {
    document.body.setAttribute("data-rendered", "ok");
  }
})();
