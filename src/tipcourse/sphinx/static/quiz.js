/* Self-check quizzes (tipcourse): grades answers in the browser, no server, no kernel.
 * The questions are ordinary form controls in the page; the answers, feedback and
 * explanations come from the JSON block of each quiz and are written with textContent only,
 * so quiz text can never become markup. Every word the script adds comes from the quiz's
 * labels (translatable at build time). Progress and the end-of-quiz summary are announced
 * through aria-live regions. */
(function () {
  "use strict";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function parseNumber(text) {
    var clean = String(text).trim().replace(/\s/g, "").replace(",", ".");
    if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(clean)) return null;
    return parseFloat(clean);
  }

  // What the student chose, or null when nothing has been chosen yet.
  function response(item, data) {
    if (data.type === "matching") {
      var picks = [];
      var selects = item.querySelectorAll("select");
      for (var i = 0; i < selects.length; i++) {
        if (selects[i].value === "") return null;
        picks.push(parseInt(selects[i].value, 10));
      }
      return picks;
    }
    if (data.type === "numeric") {
      var box = item.querySelector("input[type=text]");
      return box.value.trim() === "" ? null : box.value;
    }
    var chosen = [];
    var inputs = item.querySelectorAll("input");
    for (var j = 0; j < inputs.length; j++) {
      if (inputs[j].checked) chosen.push(parseInt(inputs[j].value, 10));
    }
    return chosen.length ? chosen : null;
  }

  function isRight(data, answer) {
    if (data.type === "numeric") {
      var value = parseNumber(answer);
      return value !== null && Math.abs(value - data.answer) <= data.tolerance + 1e-9;
    }
    if (answer.length !== data.correct.length) return false;
    var got = answer.slice(), want = data.correct.slice();
    if (data.type !== "matching") { got.sort(); want.sort(); }
    for (var i = 0; i < want.length; i++) if (got[i] !== want[i]) return false;
    return true;
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, key) {
      return key in values ? String(values[key]) : m;
    });
  }

  function showFeedback(box, data, answer, right, L) {
    box.textContent = "";
    if (answer === null) {
      box.appendChild(el("p", "tc-verdict", data.type === "matching"
        ? L.match_first : L.answer_first));
      return;
    }
    if (data.type === "numeric" && parseNumber(answer) === null) {
      box.appendChild(el("p", "tc-verdict", L.number_only));
      return;
    }
    box.appendChild(el("p", "tc-verdict " + (right ? "tc-verdict-right" : "tc-verdict-wrong"),
      right ? L.correct : L.not_quite));
    if (data.feedback) {
      answer.forEach(function (index) {
        if (data.feedback[index]) box.appendChild(el("p", "tc-option-feedback", data.feedback[index]));
      });
    }
    box.appendChild(el("p", "tc-explanation", data.explanation));
    if (data.source) {
      var p = el("p", "tc-source", L.source);
      if (/^https?:\/\//.test(data.source.url)) {
        var a = el("a", null, data.source.title);
        a.href = data.source.url;
        p.appendChild(a);
      } else {
        p.appendChild(document.createTextNode(data.source.title));
      }
      box.appendChild(p);
    }
  }

  function setup(section) {
    var data;
    try {
      data = JSON.parse(section.querySelector("script.tc-quiz-data").textContent);
    } catch (e) {
      return;
    }
    var L = data.labels;
    var items = section.querySelectorAll("li.tc-question");
    var results = {};
    var progress = section.querySelector(".tc-progress");
    var summary = section.querySelector(".tc-summary");
    var retry = section.querySelector(".tc-retry");
    var nojs = section.querySelector(".tc-quiz-nojs");
    if (nojs) nojs.hidden = true;

    function answeredCount() {
      return Object.keys(results).length;
    }

    function updateProgress() {
      var answered = answeredCount();
      progress.hidden = false;
      progress.textContent = fill(L.progress, {answered: answered, total: items.length});
      retry.hidden = answered === 0;
      summary.textContent = "";
      if (answered < items.length) return;
      // Every question checked: the score, and links back to what to reread.
      var right = 0;
      var reread = [];
      data.questions.forEach(function (q, i) {
        if (results[q.id]) { right++; return; }
        reread.push({n: i + 1, q: q});
      });
      summary.appendChild(el("p", "tc-score",
        fill(L.summary, {right: right, total: items.length})));
      var withSections = reread.filter(function (r) { return r.q.section; });
      if (withSections.length) {
        summary.appendChild(el("p", "tc-reread-title", L.reread));
        // One link per section, naming every missed question that sends the student there.
        var list = el("ul", "tc-reread");
        var bySection = {};
        withSections.forEach(function (r) {
          var id = r.q.section.id;
          if (!bySection[id]) {
            var li = el("li");
            var a = el("a", null, r.q.section.title);
            a.href = "#" + id;
            li.appendChild(a);
            bySection[id] = {li: li, numbers: []};
            list.appendChild(li);
          }
          bySection[id].numbers.push(fill(L.question_link, {n: r.n}));
        });
        Object.keys(bySection).forEach(function (id) {
          var entry = bySection[id];
          entry.li.appendChild(document.createTextNode(" (" + entry.numbers.join(", ") + ")"));
        });
        summary.appendChild(list);
      }
    }

    Array.prototype.forEach.call(items, function (item, index) {
      var q = data.questions[index];
      var button = item.querySelector(".tc-check");
      var box = item.querySelector(".tc-feedback");
      button.hidden = false;
      button.addEventListener("click", function () {
        var answer = response(item, q);
        var valid = answer !== null && !(q.type === "numeric" && parseNumber(answer) === null);
        var right = valid && isRight(q, answer);
        showFeedback(box, q, answer, right, L);
        item.classList.remove("tc-right", "tc-wrong");
        if (valid) {
          item.classList.add(right ? "tc-right" : "tc-wrong");
          results[q.id] = right;
        }
        updateProgress();
      });
    });
    progress.hidden = false;
    progress.textContent = fill(L.progress, {answered: 0, total: items.length});

    retry.addEventListener("click", function () {
      Array.prototype.forEach.call(items, function (item) {
        item.classList.remove("tc-right", "tc-wrong");
        item.querySelector(".tc-feedback").textContent = "";
        item.querySelectorAll("input").forEach(function (input) {
          if (input.type === "text") input.value = ""; else input.checked = false;
        });
        item.querySelectorAll("select").forEach(function (select) { select.value = ""; });
      });
      results = {};
      updateProgress();
      summary.textContent = L.cleared;
      var first = section.querySelector("li.tc-question input, li.tc-question select");
      if (first) first.focus();
    });
  }

  function start() {
    document.querySelectorAll("section.tc-quiz").forEach(setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
