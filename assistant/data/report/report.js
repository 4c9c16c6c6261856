(function () {
  "use strict";
  var transcripts = document.querySelectorAll(".transcript[data-audio]");
  Array.prototype.forEach.call(transcripts, function (tr) {
    var audio = document.getElementById(tr.getAttribute("data-audio"));
    if (!audio) { return; }
    var words = Array.prototype.slice.call(tr.querySelectorAll(".w"));
    var current = null;
    tr.addEventListener("click", function (ev) {
      var w = ev.target.closest(".w");
      if (!w) { return; }
      audio.currentTime = parseFloat(w.getAttribute("data-s"));
      var played = audio.play();
      if (played && played.catch) { played.catch(function () {}); }
    });
    audio.addEventListener("timeupdate", function () {
      var t = audio.currentTime, found = null;
      for (var i = 0; i < words.length; i++) {
        if (parseFloat(words[i].getAttribute("data-s")) <= t + 0.05) { found = words[i]; } else { break; }
      }
      if (found && t > parseFloat(found.getAttribute("data-e")) + 0.6) { found = null; }
      if (found !== current) {
        if (current) { current.classList.remove("now"); }
        if (found) { found.classList.add("now"); }
        current = found;
      }
    });
  });
})();
