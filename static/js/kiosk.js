// The exhibition show (served at / by `belladonna serve --kiosk`, previewed at /show). It plays
// /show/playlist.json full-screen and unattended, for days:
//  - memory stays flat: the two <img> layers in the page are reused for every frame (the hidden one loads
//    and decodes the next image while the visible one is on screen), one timer drives everything, and each
//    animation is cancelled as soon as its end state is committed to classes;
//  - network blips and server restarts are ridden out: requests time out, failures back off, and the
//    current image stays on screen meanwhile;
//  - changes made on /kiosk/settings show up by themselves: the (small) playlist is reloaded before each
//    slide change, at most once a second, so an item taken out of the show is skipped within one dwell and
//    its images are never asked for; an image that fails to load reloads the playlist at once.
// For tests and previews: ?dwell=MS sets how long each image stays (never below the server's
// fastestDwellMs) and ?refresh=MS how often the playlist is reloaded (at least 200 ms). The page reports
// its progress in data-* attributes of #show (state, online, slides, transitions, playlist-loads).
(function () {
  "use strict";

  var root = document.getElementById("show");
  if (!root) {
    return;
  }
  var params = new URLSearchParams(location.search);
  var dwellOverride = positiveInt(params.get("dwell"));
  var refreshOverride = positiveInt(params.get("refresh"));
  var REFRESH_MS = refreshOverride ? Math.max(200, refreshOverride) : 60000;
  var EMPTY_POLL_MS = refreshOverride ? Math.max(200, refreshOverride) : 10000;
  var BACKOFF_BASE_MS = Math.min(1000, REFRESH_MS);
  var BACKOFF_MAX_MS = refreshOverride ? 4 * REFRESH_MS : 60000;
  var FETCH_TIMEOUT_MS = 8000;
  var MIN_REFRESH_MS = 1000; // very short dwells (tests, previews) do not reload the playlist every frame
  var LONGEST_ANIMATION_MS = 1400;
  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  var layers = Array.prototype.map.call(root.querySelectorAll(".layer"), function (figure) {
    return { figure: figure, img: figure.querySelector("img") };
  });
  var caption = {
    text: root.querySelector(".caption-text"),
    heading: root.querySelector(".heading"),
    title: root.querySelector(".title"),
    tag: root.querySelector(".tag"),
    note: root.querySelector(".note"),
    scores: root.querySelector(".scores"),
    steps: Array.prototype.map.call(root.querySelectorAll(".steps li"), function (li) {
      return { li: li, label: li.querySelector(".step-label"), score: li.querySelector(".step-score") };
    })
  };

  var playlist = null;      // the last playlist that loaded
  var playlistText = "";    // its JSON, to notice changes
  var order = [];           // slide indices in this round's play order
  var upcomingOrder = null; // the next round's order, made once when first needed
  var pos = -1;             // index into order of the slide on screen (-1: none yet)
  var frame = -1;           // its frame on screen
  var shown = null;         // the target on screen: {slide, frame, key}
  var prepared = null;      // the target loading into the hidden layer: {key, target, ready}
  var visible = 0;          // which layer is on screen
  var timer = 0;            // the one timer
  var nextRefreshAt = 0;
  var refreshFailures = 0;
  var imageFailures = 0;
  var transitions = 0;
  var loads = 0;

  schedule(0);

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(tick, ms);
  }

  function tick() {
    timer = 0;
    var refreshing = Date.now() >= nextRefreshAt ? refresh() : Promise.resolve();
    refreshing.then(function () {
      if (!playlist) {
        return schedule(backoff(refreshFailures));
      }
      if (playlist.slides.length === 0) {
        showEmpty();
        return schedule(Math.max(0, nextRefreshAt - Date.now()));
      }
      var target = nextTarget();
      if (!prepared || prepared.key !== target.key) {
        prepare(target);
      } else {
        // The same image, but its place may be in a newer playlist's order: keep the image, take the place.
        prepared.target = target;
      }
      var loading = prepared;
      return loading.ready.then(function (ok) {
        prepared = null;
        if (!ok) {
          // Skip an image that will not load (gone, or the server is away and it is not cached) and try
          // the next one later; the current image stays on screen meanwhile.
          imageFailures++;
          commit(loading.target);
          // Most likely it was taken out of the show: ask for the playlist again before the next try.
          nextRefreshAt = 0;
          return schedule(backoff(imageFailures));
        }
        imageFailures = 0;
        return reveal(loading.target).then(function () {
          prepare(nextTarget());
          schedule(dwell());
        });
      });
    }).catch(function () {
      // Anything unexpected (an interrupted animation, a bad playlist): stay on the current image, retry.
      prepared = null;
      schedule(backoff(1));
    });
  }

  // ---- playlist -----------------------------------------------------------------------------------

  function refresh() {
    return fetchWithTimeout("/show/playlist.json").then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.text();
    }).then(function (text) {
      if (text !== playlistText) {
        adopt(JSON.parse(text));
        playlistText = text;
      }
      refreshFailures = 0;
      loads++;
      root.dataset.playlistLoads = String(loads);
      root.dataset.online = "yes";
      nextRefreshAt = Date.now() + (playlist.slides.length ? Math.min(REFRESH_MS, Math.max(MIN_REFRESH_MS, dwell())) : EMPTY_POLL_MS);
    }).catch(function () {
      refreshFailures++;
      root.dataset.online = "no";
      nextRefreshAt = Date.now() + backoff(refreshFailures);
    });
  }

  function fetchWithTimeout(url) {
    var options = { cache: "no-store", credentials: "same-origin" };
    if (window.AbortSignal && AbortSignal.timeout) {
      options.signal = AbortSignal.timeout(FETCH_TIMEOUT_MS);
    }
    return fetch(url, options);
  }

  /** Takes a new playlist, continuing from the slide on screen when it is still in it. */
  function adopt(next) {
    if (!next || !Array.isArray(next.slides)) {
      throw new Error("not a playlist");
    }
    playlist = next;
    order = roundOrder(-1);
    upcomingOrder = null;
    pos = -1;
    frame = -1;
    if (shown) {
      for (var i = 0; i < order.length; i++) {
        var slide = next.slides[order[i]];
        if (slide.key === shown.slide.key) {
          pos = i;
          frame = Math.min(shown.frame, slide.frames.length - 1);
        }
      }
    }
    root.dataset.slides = String(next.slides.length);
  }

  /** Slide indices for one round; shuffled rounds never start with the slide that ended the last one. */
  function roundOrder(lastSlide) {
    var n = playlist.slides.length;
    var indices = [];
    for (var i = 0; i < n; i++) {
      indices.push(i);
    }
    if (playlist.order !== "shuffled") {
      return indices;
    }
    for (var j = n - 1; j > 0; j--) {
      var k = Math.floor(Math.random() * (j + 1));
      var t = indices[j];
      indices[j] = indices[k];
      indices[k] = t;
    }
    if (n > 1 && indices[0] === lastSlide) {
      indices.push(indices.shift());
    }
    return indices;
  }

  /** The frame after the one on screen: the slide's next frame, else the next slide, else a new round. */
  function nextTarget() {
    var nextOrder = order;
    var nextPos = pos;
    var nextFrame = frame + 1;
    if (pos < 0) {
      nextPos = 0;
      nextFrame = 0;
    } else if (nextFrame >= playlist.slides[order[pos]].frames.length) {
      nextFrame = 0;
      nextPos = pos + 1;
      if (nextPos >= order.length) {
        upcomingOrder = upcomingOrder || roundOrder(order[pos]);
        nextOrder = upcomingOrder;
        nextPos = 0;
      }
    }
    var slide = playlist.slides[nextOrder[nextPos]];
    return { order: nextOrder, pos: nextPos, frame: nextFrame, slide: slide,
      key: slide.key + "#" + nextFrame + "@" + slide.frames[nextFrame].src };
  }

  function commit(target) {
    if (target.order !== order) {
      order = target.order;
      upcomingOrder = null;
    }
    pos = target.pos;
    frame = target.frame;
  }

  function dwell() {
    return dwellOverride ? Math.max(playlist.fastestDwellMs, dwellOverride) : playlist.dwellMs;
  }

  function backoff(failures) {
    return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * Math.pow(2, Math.max(0, failures - 1)));
  }

  // ---- images and transitions --------------------------------------------------------------------

  /** Loads and decodes the target into the hidden layer, replacing (and so releasing) its old image. */
  function prepare(target) {
    var img = layers[1 - visible].img;
    img.removeAttribute("src");
    img.alt = target.slide.frames[target.frame].label + ": " + target.slide.title;
    img.src = target.slide.frames[target.frame].src;
    prepared = {
      key: target.key,
      target: target,
      ready: img.decode().then(function () { return true; }, function () { return false; })
    };
  }

  /** Brings the hidden layer in: a wipe between frames of one slide, a cross-fade between slides. */
  function reveal(target) {
    var incoming = layers[1 - visible];
    var outgoing = layers[visible];
    var wipe = !reducedMotion && shown !== null && shown.slide.key === target.slide.key && target.frame > shown.frame;
    var newSlide = shown === null || shown.slide.key !== target.slide.key;
    var timing = { duration: Math.min(LONGEST_ANIMATION_MS, dwell() / 4), easing: "cubic-bezier(0.65, 0, 0.35, 1)", fill: "forwards" };
    var animations;
    if (wipe) {
      incoming.figure.classList.add("wiping");
      animations = [
        incoming.figure.animate([{ opacity: 1, transform: "translateX(-100%)" }, { opacity: 1, transform: "translateX(0)" }], timing),
        // The image moves against its layer, so it stays put while the layer's edge sweeps across it.
        incoming.img.animate([{ transform: "translateX(100%)" }, { transform: "translateX(0)" }], timing)
      ];
    } else {
      animations = [incoming.figure.animate([{ opacity: 0 }, { opacity: 1 }], timing)];
    }
    if (newSlide) {
      animations.push(caption.text.animate([{ opacity: 0 }, { opacity: 1 }], timing));
    }
    showCaption(target, newSlide);
    root.dataset.state = "showing";
    return Promise.all(animations.map(function (a) { return a.finished; })).then(function () {
      incoming.figure.classList.add("on");
      incoming.figure.classList.remove("wiping");
      outgoing.figure.classList.remove("on");
      animations.forEach(function (a) { a.cancel(); });
      visible = 1 - visible;
      shown = { slide: target.slide, frame: target.frame, key: target.key };
      commit(target);
      transitions++;
      root.dataset.transitions = String(transitions);
    }, function (error) {
      incoming.figure.classList.remove("wiping");
      animations.forEach(function (a) { a.cancel(); });
      throw error;
    });
  }

  function showCaption(target, newSlide) {
    var slide = target.slide;
    if (newSlide) {
      caption.heading.textContent = slide.heading;
      caption.title.textContent = slide.title;
      caption.tag.textContent = slide.tag || "";
      caption.scores.textContent = slide.scoreModel
        ? "Mean aesthetic score of all the prompt's images, by " + slide.scoreModel : "";
    }
    caption.steps.forEach(function (step, i) {
      var f = slide.frames[i];
      step.li.hidden = !f;
      step.li.classList.toggle("current", i === target.frame);
      if (newSlide) {
        step.label.textContent = f ? f.label : "";
        step.score.textContent = f && f.score != null ? f.score.toFixed(2) : "";
      }
    });
    caption.note.textContent = slide.frames[target.frame].note || "";
  }

  function showEmpty() {
    root.dataset.state = "empty";
    layers.forEach(function (layer) {
      layer.figure.classList.remove("on");
      layer.img.removeAttribute("src");
    });
    shown = null;
    prepared = null;
    pos = -1;
    frame = -1;
  }

  function positiveInt(value) {
    var n = parseInt(value, 10);
    return n > 0 ? n : 0;
  }
})();
