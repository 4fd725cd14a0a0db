/* A lesson deck: reveal.js set up for a classroom, the step timers and the video slide.
   Keys (also listed in reveal.js's help, "?"): arrows or space move on and reveal a quiz
   answer, T starts or pauses the current step's timer, R resets it, S opens the speaker
   notes. */
(function () {
  "use strict";

  // The deck's words in its language (written by the page into #deck-labels).
  var words = {};
  var wordsNode = document.getElementById("deck-labels");
  if (wordsNode) {
    try { words = JSON.parse(wordsNode.textContent); } catch (e) { words = {}; }
  }
  function word(text, time) {
    var out = Object.prototype.hasOwnProperty.call(words, text) ? words[text] : text;
    return time === undefined ? out : out.replace("{time}", time);
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function show(seconds) { return pad(Math.floor(seconds / 60)) + ":" + pad(seconds % 60); }

  // One countdown per step slide; it runs on when the teacher moves to another slide.
  function Timer(box) {
    this.box = box;
    this.total = parseInt(box.dataset.seconds, 10) || 0;
    this.left = this.total;
    this.handle = null;
    this.time = box.querySelector(".timer-time");
    this.toggle = box.querySelector(".timer-toggle");
    this.status = box.querySelector(".timer-status");
    var self = this;
    this.toggle.addEventListener("click", function () { self.startOrPause(); });
    box.querySelector(".timer-reset").addEventListener("click", function () { self.reset(); });
    // Space or Enter on a focused button is the button's, not a slide change.
    box.addEventListener("keydown", function (event) {
      if (event.target.tagName === "BUTTON") { event.stopPropagation(); }
    });
  }
  Timer.prototype.render = function () {
    this.time.textContent = show(this.left);
    this.box.classList.toggle("timer-running", this.handle !== null);
    this.box.classList.toggle("timer-done", this.left === 0);
    this.toggle.textContent = word(this.handle !== null ? "Pause timer" : "Start timer");
  };
  Timer.prototype.say = function (text) { this.status.textContent = text; };
  Timer.prototype.startOrPause = function () {
    var self = this;
    if (this.handle !== null) {
      clearInterval(this.handle);
      this.handle = null;
      this.say(word("Timer paused at {time}", show(this.left)));
    } else {
      if (this.left === 0) { this.left = this.total; }
      this.handle = setInterval(function () {
        self.left = Math.max(0, self.left - 1);
        if (self.left === 0) {
          clearInterval(self.handle);
          self.handle = null;
          self.say(word("Time is up"));
        }
        self.render();
      }, 1000);
      this.say(word("Timer started"));
    }
    this.render();
  };
  Timer.prototype.reset = function () {
    if (this.handle !== null) { clearInterval(this.handle); this.handle = null; }
    this.left = this.total;
    this.say(word("Timer reset to {time}", show(this.total)));
    this.render();
  };

  var timers = new Map();
  document.querySelectorAll(".timer").forEach(function (box) {
    timers.set(box, new Timer(box));
  });
  function currentTimer() {
    var slide = Reveal.getCurrentSlide();
    var box = slide && slide.querySelector(".timer");
    return box ? timers.get(box) : null;
  }

  // The video loads only on a click (privacy, and no request while offline).
  document.querySelectorAll("button.video-play").forEach(function (button) {
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = button.dataset.embed;
      frame.title = word("Video");
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.className = "video-frame";
      button.replaceWith(frame);
    });
  });

  // A revealed quiz answer also marks the correct options.
  function answerShown(event, shown) {
    var fragment = event.fragment;
    if (fragment && fragment.hasAttribute("data-answer")) {
      fragment.closest("section").classList.toggle("answer-shown", shown);
    }
  }

  Reveal.initialize({
    width: 1280,
    height: 720,
    margin: 0,
    hash: true,
    controls: true,
    progress: true,
    slideNumber: "c/t",
    center: false,
    transition: "none",
    backgroundTransition: "none",
    help: true,
    plugins: [RevealNotes]
  }).then(function () {
    Reveal.addKeyBinding({ keyCode: 84, key: "T", description: word("Start or pause the step timer") },
      function () { var t = currentTimer(); if (t) { t.startOrPause(); } });
    Reveal.addKeyBinding({ keyCode: 82, key: "R", description: word("Reset the step timer") },
      function () { var t = currentTimer(); if (t) { t.reset(); } });
    Reveal.on("fragmentshown", function (e) { answerShown(e, true); });
    Reveal.on("fragmenthidden", function (e) { answerShown(e, false); });
    document.documentElement.classList.add("deck-ready");
  });
})();
