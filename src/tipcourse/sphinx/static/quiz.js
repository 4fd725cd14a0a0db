/* Self-check quizzes (tipcourse): grades answers in the browser, no server, no kernel.
 * The questions are ordinary form controls in the page; the answers, feedback and
 * explanations come from the JSON block of each quiz and are written with textContent only,
 * so quiz text can never become markup. */
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

  function showFeedback(box, data, answer, right) {
    box.textContent = "";
    if (answer === null) {
      box.appendChild(el("p", "tc-verdict", data.type === "matching"
        ? "Choose a match for every item first." : "Give an answer first."));
      return;
    }
    if (data.type === "numeric" && parseNumber(answer) === null) {
      box.appendChild(el("p", "tc-verdict", "Type a number, using digits only."));
      return;
    }
    box.appendChild(el("p", "tc-verdict " + (right ? "tc-verdict-right" : "tc-verdict-wrong"),
      right ? "Correct." : "Not quite."));
    if (data.feedback) {
      answer.forEach(function (index) {
        if (data.feedback[index]) box.appendChild(el("p", "tc-option-feedback", data.feedback[index]));
      });
    }
    box.appendChild(el("p", "tc-explanation", data.explanation));
    if (data.source) {
      var p = el("p", "tc-source", "Source: ");
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
    var items = section.querySelectorAll("li.tc-question");
    var results = {};
    var score = section.querySelector(".tc-score");
    var retry = section.querySelector(".tc-retry");
    var nojs = section.querySelector(".tc-quiz-nojs");
    if (nojs) nojs.hidden = true;

    function updateScore() {
      var answered = 0, right = 0;
      Object.keys(results).forEach(function (k) { answered++; if (results[k]) right++; });
      score.textContent = answered === 0 ? "" : "Score: " + right + " of " + items.length +
        " correct (" + answered + " checked).";
      retry.hidden = answered === 0;
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
        showFeedback(box, q, answer, right);
        item.classList.remove("tc-right", "tc-wrong");
        if (valid) {
          item.classList.add(right ? "tc-right" : "tc-wrong");
          results[q.id] = right;
        }
        updateScore();
      });
    });

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
      updateScore();
      score.textContent = "The quiz has been cleared. Start again from question 1.";
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
