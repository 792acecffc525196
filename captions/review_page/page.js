"use strict";
// The review page: plain DOM and one canvas, no library, no network. Everything it needs is in
// the JSON of #review-data (captions.review.page_data); the recording is played from its
// relative path. `window.review` is the page's state and functions, for the tests.
(function () {
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const rules = data.rules;
  const HARD = ["chars_per_line", "lines", "too_long", "gap", "order", "empty"];
  const BINDING = new Set(data.binding_words);
  const DASHES = ["-", "\u2013", "\u2014"];
  const LABEL = /^[\p{L}][\p{L}\p{N}_.'\u2019 -]{0,40}:(?:\s|$)/u;
  const $ = (id) => document.getElementById(id);

  // --- caption rules: a faithful port of captions/check.py -----------------------------------
  const chars = (s) => [...s].length;          // code points, as Python's len()

  function endsOnBindingWord(line) {
    const words = line.split(/\s+/).filter(Boolean);
    if (!words.length) return false;
    const last = words[words.length - 1].toLowerCase().replace(/[^\p{L}\p{N}_']/gu, "");
    return BINDING.has(last) && !/[,.;:?!]$/.test(line);
  }

  function isDialogue(lines) {
    const dashes = DASHES.concat(rules.dialogue_dash ? [rules.dialogue_dash] : []);
    return lines.length > 1 && lines.every((l) => dashes.some((d) => l.startsWith(d)) || LABEL.test(l));
  }

  function breachesOf(caps, k) {
    const c = caps[k], out = [], tol = rules.tolerance_ms;
    const add = (rule, message) => out.push({ rule, message, hard: HARD.includes(rule) });
    const long = c.lines.map((l, n) => [chars(l), n + 1, l])
      .filter(([size, , l]) => size > rules.max_chars_per_line && l.trim().includes(" "));
    if (long.length) {
      const [size, n] = long.reduce((a, b) => (b[0] > a[0] || (b[0] === a[0] && b[1] > a[1]) ? b : a));
      add("chars_per_line", `line ${n} has ${size} characters (at most ${rules.max_chars_per_line})`);
    }
    if (c.lines.length > rules.max_lines) add("lines", `${c.lines.length} lines (at most ${rules.max_lines})`);
    const duration = c.end_ms - c.start_ms;
    const count = chars(c.lines.join(" "));
    if (duration <= 0) add("reading_speed", "no time on screen");
    else if (count * 1000 > rules.max_chars_per_second * duration) {
      add("reading_speed", `${(count * 1000 / duration).toFixed(1)} characters a second (at most ${rules.max_chars_per_second})`);
    }
    if (duration > rules.max_duration_ms) add("too_long", `on screen ${duration} ms (at most ${rules.max_duration_ms})`);
    if (k) {
      const before = caps[k - 1], gap = c.start_ms - before.end_ms;
      if (gap < 0) add("gap", `overlaps cue ${k} by ${-gap} ms`);
      else if (gap < rules.min_gap_ms - tol) add("gap", `starts ${gap} ms after cue ${k} ends (at least ${rules.min_gap_ms})`);
      if (c.start_ms < before.start_ms) add("order", `starts before cue ${k} starts`);
    }
    if (!c.lines.length) add("empty", "no text");
    if (duration < rules.min_duration_ms - tol) add("too_short", `on screen ${duration} ms (at least ${rules.min_duration_ms})`);
    if (!isDialogue(c.lines)) {
      const bad = c.lines.slice(0, -1).map((l, n) => [n + 1, l]).filter(([, l]) => endsOnBindingWord(l));
      if (bad.length) {
        const [n, l] = bad[0], words = l.split(/\s+/).filter(Boolean);
        add("bad_break", `line ${n} ends on '${words[words.length - 1]}', which belongs with the next line`);
      }
    }
    return out;
  }

  function check(caps) { return caps.map((_, k) => breachesOf(caps, k)); }

  // --- writers: the same text as captions/writers/srt.py and vtt.py ---------------------------
  const pad = (n, w) => String(n).padStart(w, "0");
  function clock(ms, sep) {
    const h = Math.floor(ms / 3600000), m = Math.floor(ms / 60000) % 60, s = Math.floor(ms / 1000) % 60;
    return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${sep}${pad(ms % 1000, 3)}`;
  }
  const escapeVtt = (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

  function formatSrt(caps) {
    return caps.map((c, n) => `${n + 1}\n${clock(c.start_ms, ",")} --> ${clock(c.end_ms, ",")}\n${c.lines.join("\n")}\n\n`).join("");
  }

  function vttLines(c) {
    const lines = [];
    let current = null;
    c.lines.forEach((line, n) => {
      const voice = n < c.voices.length ? c.voices[n] : null;
      let text = escapeVtt(line);
      if (voice !== current) {
        if (current !== null) lines[lines.length - 1] += "</v>";
        if (voice !== null) text = `<v ${escapeVtt(voice)}>${text}`;
        current = voice;
      }
      lines.push(text);
    });
    if (current !== null) lines[lines.length - 1] += "</v>";
    return lines;
  }

  function formatVtt(caps) {
    if (!caps.length) return "WEBVTT\n";
    return "WEBVTT\n\n" + caps.map((c) => `${clock(c.start_ms, ".")} --> ${clock(c.end_ms, ".")}\n${vttLines(c).join("\n")}`).join("\n\n") + "\n";
  }

  function formatJson(caps) {
    const items = caps.map((c, n) => {
      const item = { index: n + 1, start: Math.round(c.start_ms) / 1000, end: Math.round(c.end_ms) / 1000,
                     start_ms: c.start_ms, end_ms: c.end_ms, lines: c.lines };
      const speakers = new Set(c.voices.length ? c.voices : c.words.map((w) => w.speaker));
      if (speakers.size === 1 && [...speakers][0]) item.speaker = [...speakers][0];
      if (c.words.length) {
        const by = new Set(c.words.map((w) => w.timed_by));
        item.timed_by = by.size === 1 ? [...by][0] : "mixed";
      }
      if (c.voices.length) item.voices = c.voices;
      item.confidence = c.confidence;
      if (c.reviewed) item.reviewed = true;
      return "    " + JSON.stringify({ ...item, words: c.words });
    });
    const tail = [`  "rules": ${JSON.stringify(rules)}`];
    if (data.report) tail.push(`  "report": ${JSON.stringify(data.report)}`);
    return `{\n  "version": 1,\n  "captions": [\n${items.join(",\n")}\n  ],\n${tail.join(",\n")}\n}\n`;
  }

  // --- frames: the grid of captions/timecode.py (frame n starts at ceil(n * 1000 / rate) ms) ---
  const nominal = Math.round(rules.fps);
  const ntsc = nominal !== rules.fps && Math.abs(rules.fps - nominal * 1000 / 1001) < 0.005;
  const [rateNum, rateDen] = ntsc ? [nominal * 1000, 1001] : [rules.fps, 1];
  const frameMs = (n) => Math.ceil(n * 1000 * rateDen / rateNum - 1e-9);
  function nudge(ms, frames) {
    let n = Math.floor(ms * rateNum / (1000 * rateDen));
    if (frames > 0) { while (frameMs(n) <= ms) n++; return frameMs(n + frames - 1); }
    while (frameMs(n) >= ms) n--;
    return Math.max(0, frameMs(n + frames + 1));
  }

  // --- state --------------------------------------------------------------------------------
  const caps = data.captions.map((c) => ({
    start_ms: c.start_ms, end_ms: c.end_ms, lines: c.lines.slice(), voices: (c.voices || []).slice(),
    words: c.words, confidence: c.confidence, reviewed: !!c.reviewed, id: c.index,
  }));
  let breaches = check(caps);
  let order = "queue";
  let listIndex = [];           // positions in caps, in the list's order
  let selected = -1;            // position in caps
  let playing = -1;
  const player = $("player");
  const hasMedia = !!data.media;
  let virtualTime = 0;          // the time without a recording
  let viewSeconds = 20;

  function queueOrder() {
    return caps.map((c, k) => k).sort((a, b) => caps[a].confidence.score - caps[b].confidence.score || a - b);
  }

  function currentTime() { return hasMedia ? Math.round(player.currentTime * 1000) : virtualTime; }
  function seek(ms) {
    ms = Math.max(0, ms);
    if (hasMedia) player.currentTime = ms / 1000; else virtualTime = ms;
    showTime();
  }

  function captionAt(ms) {
    let lo = 0, hi = caps.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (caps[mid].start_ms <= ms) lo = mid + 1; else hi = mid; }
    const k = lo - 1;
    return k >= 0 && ms < caps[k].end_ms ? k : -1;
  }

  // --- the list -------------------------------------------------------------------------------
  const list = $("list");
  function rowHtml(k) {
    const c = caps[k], b = breaches[k];
    const flags = b.map((x) => x.rule).concat(c.confidence.unmatched.length ? ["unmatched"] : []);
    return `<span class="idx">#${k + 1}</span><span class="score">${c.confidence.score.toFixed(2)}</span>` +
      `<span class="flags">${c.confidence.timing}${flags.length ? " " + flags.join(" ") : ""}</span>` +
      `<span class="text"></span>`;
  }
  function fillRow(li, k) {
    li.innerHTML = rowHtml(k);
    li.querySelector(".text").textContent = caps[k].lines.join(" / ");
    li.dataset.k = k;
    li.classList.toggle("selected", k === selected);
    li.classList.toggle("playing", k === playing);
    li.classList.toggle("reviewed", caps[k].reviewed);
  }
  function renderList() {
    listIndex = order === "queue" ? queueOrder() : caps.map((c, k) => k);
    const frag = document.createDocumentFragment();
    for (const k of listIndex) { const li = document.createElement("li"); fillRow(li, k); frag.appendChild(li); }
    list.replaceChildren(frag);
    rows = new Map([...list.children].map((li) => [Number(li.dataset.k), li]));
    $("summary").textContent = summaryText();
  }
  let rows = new Map();
  function refreshRow(k) { const li = rows.get(k); if (li) fillRow(li, k); }
  function summaryText() {
    const hard = breaches.filter((b) => b.some((x) => x.hard)).length;
    const reviewed = caps.filter((c) => c.reviewed).length;
    return `${caps.length} captions, ${hard} with a hard breach, ${reviewed} reviewed`;
  }
  list.addEventListener("click", (e) => {
    const li = e.target.closest("li");
    if (li) select(Number(li.dataset.k), true);
  });
  $("order").addEventListener("change", (e) => { order = e.target.value; renderList(); scrollTo(selected); });

  function scrollTo(k) {
    const li = rows.get(k);
    if (!li) return;
    const top = li.offsetTop - list.offsetTop, bottom = top + li.offsetHeight;
    if (top < list.scrollTop || bottom > list.scrollTop + list.clientHeight) list.scrollTop = top - list.clientHeight / 3;
  }

  // --- the editor -----------------------------------------------------------------------------
  function select(k, seekTo) {
    const before = selected;
    selected = k;
    refreshRow(before);
    refreshRow(k);
    if (k < 0) { $("editor").hidden = true; return; }
    $("editor").hidden = false;
    scrollTo(k);
    const pos = listIndex.indexOf(k);
    $("position").textContent = `${pos + 1} of ${listIndex.length}`;
    fillEditor();
    if (seekTo) seek(caps[k].start_ms);
    draw();
  }

  function fillEditor() {
    const c = caps[selected], conf = c.confidence;
    $("ed-index").textContent = `#${selected + 1}`;
    $("ed-start").textContent = clock(c.start_ms, ".");
    $("ed-end").textContent = clock(c.end_ms, ".");
    $("ed-reviewed").checked = c.reviewed;
    const text = $("ed-text");
    if (document.activeElement !== text) text.value = c.lines.join("\n");
    const timing = { audio: "heard in the recording", words: "from the source's word times", text: "by the text timing model", none: "read from a file" }[conf.timing];
    const where = { "beside-unheard": " (next to words the recording could not time)",
                    unheard: " (the recording could not be followed here)" }[conf.recording] || "";
    $("ed-conf").textContent = `confidence ${conf.score.toFixed(2)}: timed ${timing}${where}` +
      (conf.stamp_distance_ms !== null ? `, ${(conf.stamp_distance_ms / 1000).toFixed(1)} s from the nearest stamp` : "") +
      `, expected error ${(conf.expected_error_ms / 1000).toFixed(2)} s, on time ${Math.round(conf.on_time * 100)}% of the time`;
    const ul = $("ed-breaches");
    ul.replaceChildren(...(breaches[selected].length ? breaches[selected].map((b) => {
      const li = document.createElement("li");
      li.className = b.hard ? "hard" : "soft";
      li.textContent = `${b.rule.replace(/_/g, " ")}: ${b.message}`;
      return li;
    }) : [Object.assign(document.createElement("li"), { className: "ok", textContent: "breaks no caption rule" })]));
    const words = $("ed-words");
    words.replaceChildren(...c.words.map((w) => Object.assign(document.createElement("span"), {
      textContent: w.text + " ", className: w.matched ? "" : "unmatched",
      title: `${clock(w.start_ms, ".")} ${w.matched ? "" : "not found in the transcript"}`,
    })));
  }

  function changed(k) {
    breaches = check(caps);
    for (const j of [k - 1, k, k + 1]) if (j >= 0 && j < caps.length) refreshRow(j);
    $("summary").textContent = summaryText();
    if (selected >= 0) fillEditor();
    draw();
    showTime();
  }

  const cleanLines = (text) => text.split("\n").map((l) => l.split(/\s+/).filter(Boolean).join(" ")).filter(Boolean);
  const shownWords = (c) => c.lines.map((l, n) => {
    const voice = c.voices[n];
    if (voice && l.startsWith(`${voice}: `)) l = l.slice(voice.length + 2);
    return l.replace(/^[-\u2013\u2014]\s*/, "");
  }).join(" ").split(/\s+/).filter(Boolean);
  const wordsAgree = (c) => shownWords(c).join(" ") === c.words.map((w) => w.text).join(" ");

  function setText(k, text) {
    const c = caps[k];
    c.lines = cleanLines(text);
    c.voices = c.voices.slice(0, c.lines.length);
    // Words are what the caption shows, timed: text that no longer says them keeps no words.
    if (c.words.length && !wordsAgree(c)) c.words = [];
    changed(k);
  }
  $("ed-text").addEventListener("input", (e) => setText(selected, e.target.value));

  function setEdge(k, edge, ms) {
    caps[k][edge === "start" ? "start_ms" : "end_ms"] = Math.max(0, Math.round(ms));
    changed(k);
  }
  document.querySelectorAll("[data-nudge]").forEach((b) => b.addEventListener("click", () => {
    const [edge, by] = b.dataset.nudge.split(",");
    nudgeEdge(edge, Number(by));
  }));
  function nudgeEdge(edge, frames) {
    if (selected < 0) return;
    const c = caps[selected];
    setEdge(selected, edge, nudge(edge === "start" ? c.start_ms : c.end_ms, frames));
  }

  function split(k, at) {
    const c = caps[k], text = c.lines.join("\n");
    const first = cleanLines(text.slice(0, at)), second = cleanLines(text.slice(at));
    if (!first.length || !second.length) return false;
    const agree = c.words.length && wordsAgree(c);
    const n = agree ? shownWords({ lines: first, voices: c.voices }).length : 0;
    let cut;
    if (agree && n > 0 && n < c.words.length) cut = c.words[n].start_ms;
    else cut = c.start_ms + Math.round((c.end_ms - c.start_ms) * chars(first.join(" ")) / Math.max(1, chars(text.replace(/\n/g, " "))));
    const a = { ...c, lines: first, voices: c.voices.slice(0, first.length), words: agree ? c.words.slice(0, n) : [],
                end_ms: Math.max(c.start_ms + 1, cut - rules.min_gap_ms) };
    const b = { ...c, lines: second, voices: c.voices.slice(first.length), words: agree ? c.words.slice(n) : [], start_ms: cut };
    caps.splice(k, 1, a, b);
    afterRestructure(k);
    return true;
  }

  function merge(k) {
    if (k < 0 || k + 1 >= caps.length) return false;
    const a = caps[k], b = caps[k + 1];
    const conf = a.confidence.score <= b.confidence.score ? a.confidence : b.confidence;
    caps.splice(k, 2, { ...a, end_ms: b.end_ms, lines: a.lines.concat(b.lines), voices: a.voices.concat(b.voices),
                        words: a.words.concat(b.words), confidence: conf, reviewed: a.reviewed && b.reviewed });
    afterRestructure(k);
    return true;
  }

  function afterRestructure(k) {
    breaches = check(caps);
    renderList();
    select(k, false);
  }

  $("ed-split").addEventListener("click", () => { if (selected >= 0) split(selected, $("ed-text").selectionStart); });
  $("ed-merge").addEventListener("click", () => merge(selected));
  $("ed-reviewed").addEventListener("change", (e) => { caps[selected].reviewed = e.target.checked; refreshRow(selected); $("summary").textContent = summaryText(); });

  // --- keys -----------------------------------------------------------------------------------
  function step(by) {
    if (!listIndex.length) return;
    const pos = listIndex.indexOf(selected);
    const next = pos < 0 ? 0 : Math.min(listIndex.length - 1, Math.max(0, pos + by));
    select(listIndex[next], true);
  }
  document.addEventListener("keydown", (e) => {
    const typing = e.target.matches("textarea, input, select");
    if (typing) { if (e.key === "Escape") e.target.blur(); return; }
    // A focused player answers space and the arrows itself, and Chromium's controls do so before
    // this handler can prevent them: acting here too would play and pause at once.
    if (e.target === player && (e.key === " " || e.key.startsWith("Arrow"))) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const actions = {
      j: () => step(1), ArrowDown: () => step(1), k: () => step(-1), ArrowUp: () => step(-1),
      " ": () => { if (hasMedia) { if (player.paused) player.play(); else player.pause(); } },
      "[": () => nudgeEdge("start", -1), "]": () => nudgeEdge("start", 1),
      ",": () => nudgeEdge("end", -1), ".": () => nudgeEdge("end", 1),
      Enter: () => { if (selected >= 0) $("ed-text").focus(); },
      r: () => { if (selected >= 0) { $("ed-reviewed").click(); } },
      m: () => merge(selected),
    };
    if (actions[e.key]) { e.preventDefault(); actions[e.key](); }
  });

  // --- player overlay and clock ---------------------------------------------------------------
  const overlay = $("overlay");
  let shown = null;
  function showTime() {
    const t = currentTime();
    $("now").textContent = clock(t, ".");
    const k = captionAt(t);
    const key = k < 0 ? null : `${k}:${caps[k].lines.join("\n")}`;
    if (key !== shown) {
      shown = key;
      overlay.replaceChildren(...(k < 0 ? [] : [Object.assign(document.createElement("span"), { textContent: caps[k].lines.join("\n") })]));
    }
    if (k !== playing) {
      const before = playing;
      playing = k;
      refreshRow(before);
      refreshRow(k);
      if (k >= 0 && hasMedia && !player.paused && order === "time") scrollTo(k);
    }
    draw();
  }
  if (hasMedia) {
    player.src = data.media;
    player.addEventListener("timeupdate", showTime);
    player.addEventListener("seeked", showTime);
    const frame = () => { if (!player.paused) { showTime(); requestAnimationFrame(frame); } };
    player.addEventListener("play", () => requestAnimationFrame(frame));
  } else {
    player.remove();
    $("nomedia").hidden = false;
  }

  // --- waveform and caption spans -------------------------------------------------------------
  const canvas = $("wave"), ctx = canvas.getContext("2d");
  const peaks = data.waveform ? Uint8Array.from(atob(data.waveform.peaks), (ch) => ch.charCodeAt(0)) : null;
  const peakRate = data.waveform ? data.waveform.rate : 50;
  let drawPending = false;
  function draw() {
    if (drawPending) return;
    drawPending = true;
    requestAnimationFrame(paint);
  }
  function view() {
    const t = currentTime(), span = viewSeconds * 1000;
    const from = Math.max(0, t - span / 3);
    return { from, to: from + span };
  }
  function paint() {
    drawPending = false;
    const w = canvas.clientWidth, h = canvas.clientHeight, dpr = window.devicePixelRatio || 1;
    if (canvas.width !== w * dpr) { canvas.width = w * dpr; canvas.height = h * dpr; }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const { from, to } = view(), x = (ms) => (ms - from) / (to - from) * w;
    let k = Math.max(0, captionAt(from) < 0 ? lowerBound(from) - 1 : captionAt(from));
    for (; k < caps.length && caps[k].start_ms < to; k++) {
      const c = caps[k], x0 = x(c.start_ms), x1 = x(c.end_ms);
      const hard = breaches[k].some((b) => b.hard);
      ctx.fillStyle = k === selected ? "rgba(110,160,255,.45)" : hard ? "rgba(229,72,77,.35)" : "rgba(140,150,200,.22)";
      ctx.fillRect(x0, 0, x1 - x0, h);
      ctx.fillStyle = k === selected ? "#9cc0ff" : "#6f7ab0";
      ctx.fillRect(x0, 0, 2, h);
      ctx.fillRect(x1 - 2, 0, 2, h);
      ctx.fillStyle = "#cfd6ff";
      ctx.font = "11px system-ui";
      ctx.fillText(`#${k + 1}`, x0 + 4, 12);
    }
    if (peaks) {
      ctx.fillStyle = "#7fe0b0";
      const mid = h / 2 + 6;
      const first = Math.floor(from / 1000 * peakRate), last = Math.min(peaks.length, Math.ceil(to / 1000 * peakRate));
      const per = (last - first) / w;
      for (let px = 0; px < w; px++) {
        let top = 0;
        const a = first + Math.floor(px * per), b = Math.max(a + 1, first + Math.floor((px + 1) * per));
        for (let i = a; i < b && i < last; i++) if (peaks[i] > top) top = peaks[i];
        const y = top / 255 * (h / 2 - 10);
        ctx.fillRect(px, mid - y, 1, Math.max(1, 2 * y));
      }
    }
    // The picture's cuts (make --shots), where caption edges should meet them.
    ctx.fillStyle = "#ffd166";
    for (let i = lowerCut(from); i < cuts.length && cuts[i] < to; i++) ctx.fillRect(x(cuts[i]) - 1, 0, 2, h);
    ctx.fillStyle = "#ff5a5f";
    ctx.fillRect(x(currentTime()), 0, 1.5, h);
  }
  const cuts = ((data.report || {}).shots || {}).cut_times_ms || [];
  function lowerCut(ms) {
    let lo = 0, hi = cuts.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cuts[mid] < ms) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function lowerBound(ms) {
    let lo = 0, hi = caps.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (caps[mid].start_ms < ms) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function edgeNear(px) {
    const { from, to } = view(), w = canvas.clientWidth, x = (ms) => (ms - from) / (to - from) * w;
    let best = null;
    for (let k = Math.max(0, lowerBound(from) - 1); k < caps.length && caps[k].start_ms < to; k++) {
      for (const edge of ["start", "end"]) {
        const d = Math.abs(x(caps[k][edge + "_ms"]) - px);
        if (d <= 6 && (!best || d < best.d)) best = { k, edge, d };
      }
    }
    return best;
  }
  let dragging = null;
  const timeAt = (e) => { const { from, to } = view(), r = canvas.getBoundingClientRect(); return from + (e.clientX - r.left) / r.width * (to - from); };
  canvas.addEventListener("mousedown", (e) => {
    const r = canvas.getBoundingClientRect(), near = edgeNear(e.clientX - r.left);
    if (near) { dragging = { ...near, view: view() }; select(near.k, false); e.preventDefault(); return; }
    const t = timeAt(e), k = captionAt(t);
    if (k >= 0) select(k, false);
    seek(t);
  });
  window.addEventListener("mousemove", (e) => {
    if (!dragging) {
      const r = canvas.getBoundingClientRect();
      if (e.target === canvas) canvas.style.cursor = edgeNear(e.clientX - r.left) ? "ew-resize" : "crosshair";
      return;
    }
    const r = canvas.getBoundingClientRect(), v = dragging.view;
    setEdge(dragging.k, dragging.edge, v.from + (e.clientX - r.left) / r.width * (v.to - v.from));
  });
  window.addEventListener("mouseup", () => { dragging = null; });
  canvas.addEventListener("wheel", (e) => {
    e.preventDefault();
    viewSeconds = Math.min(600, Math.max(2, viewSeconds * (e.deltaY > 0 ? 1.25 : 0.8)));
    draw();
  }, { passive: false });
  window.addEventListener("resize", draw);

  // --- what is not in the captions ------------------------------------------------------------
  function table(title, rowsOf, cols) {
    const div = document.createElement("div");
    const h = Object.assign(document.createElement("h3"), { textContent: `${title} (${rowsOf.length})` });
    const t = document.createElement("table");
    for (const r of rowsOf) {
      const tr = t.insertRow();
      cols(r).forEach((v) => { tr.insertCell().textContent = v; });
    }
    div.append(h, rowsOf.length ? t : Object.assign(document.createElement("p"), { textContent: "none" }));
    return div;
  }
  const report = data.report || {};
  $("dropped").replaceWith(table("Clean-text lines dropped (no counterpart in the transcript: page furniture, titles, comments)",
    report.dropped_lines || [], (r) => [`line ${r.line}`, r.text]));
  $("unaligned").replaceWith(table("Clean-text lines in the captions with no word found in the transcript",
    data.unaligned_lines, (r) => [`line ${r.line}`, r.text]));
  $("warnings").replaceWith(table("Warnings of the run", report.warnings || [], (w) => [w]));

  // --- export ---------------------------------------------------------------------------------
  function download(text, ext, type) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type }));
    a.download = `${data.name}.${ext}`;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  $("export-srt").addEventListener("click", () => download(formatSrt(caps), "srt", "application/x-subrip"));
  $("export-vtt").addEventListener("click", () => download(formatVtt(caps), "vtt", "text/vtt"));
  $("export-json").addEventListener("click", () => download(formatJson(caps), "json", "application/json"));

  $("title").textContent = data.name;
  renderList();
  if (listIndex.length) select(listIndex[0], true);
  showTime();
  window.review = { caps, rules, check, breachesOf, formatSrt, formatVtt, formatJson, nudge, split, merge, setText,
                    setEdge, select, step, seek, captionAt, queue: () => listIndex.slice(), get selected() { return selected; },
                    readyAt: performance.now(), ready: true };
})();
