// ghostproof serve: a little help on top of pages that work without it — files dropped on the drop zone go into
// its file input (the form is still sent the normal way).
(function () {
  "use strict";
  var zone = document.getElementById("drop");
  var input = document.getElementById("files");
  if (!zone || !input || typeof DataTransfer === "undefined") return;
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (e) {
    e.preventDefault();
    if (!e.dataTransfer || !e.dataTransfer.files.length) return;
    var files = new DataTransfer();
    Array.prototype.forEach.call(e.dataTransfer.files, function (f) { files.items.add(f); });
    input.files = files.files;
  });
})();
