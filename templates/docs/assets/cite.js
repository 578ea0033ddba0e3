// "Copy the citation": a button beside each quote's citation line, which copies the line's text.
// Our own script, served with the site; without it the line is still there to select and copy.
(function () {
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Served over plain http (a preview), the clipboard API is not there: copy a selection.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand("copy");
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  document.querySelectorAll(".fs-citation").forEach(function (line) {
    var text = line.querySelector(".fs-citation__text");
    if (!text) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "fs-copy";
    button.textContent = line.getAttribute("data-copy");
    var status = document.createElement("span");
    status.className = "fs-copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      copy(text.textContent).then(function () {
        status.textContent = line.getAttribute("data-copied");
      }, function () {
        // Nothing copied: select the line, so that the reader can copy it with the keyboard.
        var range = document.createRange();
        range.selectNodeContents(text);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      });
    });
    line.appendChild(document.createTextNode(" "));
    line.appendChild(button);
    line.appendChild(status);
  });
})();
