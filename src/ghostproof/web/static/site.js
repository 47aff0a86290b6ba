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
// the plan's messages: a copy button under each (the text stays selectable without it)
(function () {
  "use strict";
  var plan = document.querySelector(".plan[data-copy]");
  if (!plan || !navigator.clipboard) return;
  Array.prototype.forEach.call(plan.querySelectorAll("pre[data-message]"), function (pre) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = plan.getAttribute("data-copy");
    button.setAttribute("aria-label", plan.getAttribute("data-copy") + ": " + (pre.previousElementSibling ? pre.previousElementSibling.textContent : ""));
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(pre.textContent).then(function () {
        button.textContent = plan.getAttribute("data-copied");
      });
    });
    pre.parentNode.insertBefore(button, pre.nextSibling);
  });
})();
