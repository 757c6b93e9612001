// The few things a page must do in place: follow processing progress, filter findings, mark a jump.
(function () {
  "use strict";

  function followUploads() {
    var rows = document.querySelectorAll("tr.upload[data-status='queued'], tr.upload[data-status='running']");
    rows.forEach(function (row) {
      var id = row.getAttribute("data-upload");
      function poll() {
        fetch("/uploads/" + encodeURIComponent(id) + "/status", {headers: {"Accept": "application/json"}, credentials: "same-origin"})
          .then(function (r) { return r.json(); })
          .then(function (s) {
            var bar = row.querySelector("progress"), stage = row.querySelector(".stage");
            if (bar) { bar.value = s.progress; }
            if (stage) { stage.textContent = s.stage; }
            if (s.status === "done" || s.status === "failed") { window.location.reload(); }
            else { setTimeout(poll, 1000); }
          })
          .catch(function () { setTimeout(poll, 3000); });
      }
      poll();
    });
  }

  function filterFindings() {
    var selects = ["severity", "family", "status"].map(function (k) { return document.getElementById("filter-" + k); });
    if (!selects[0]) { return; }
    function apply() {
      document.querySelectorAll("li.finding").forEach(function (item) {
        var shown = selects.every(function (select) {
          var key = select.id.replace("filter-", "");
          return !select.value || item.getAttribute("data-" + key) === select.value;
        });
        item.classList.toggle("hidden", !shown);
        var id = item.id.replace("f-", "");
        document.querySelectorAll("[data-finding='" + id + "'].box, [data-finding='" + id + "'].tag").forEach(function (mark) {
          mark.classList.toggle("hidden", !shown);
        });
      });
    }
    selects.forEach(function (select) { select.addEventListener("change", apply); });
  }

  // A finding and its marks on the page are highlighted together (from the list or from a box).
  function mark(id) {
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    document.querySelectorAll("[data-finding='" + id + "'].box, [data-finding='" + id + "'].tag, #f-" + id)
      .forEach(function (el) { el.classList.add("current"); });
  }

  function markCurrent() {
    var hash = window.location.hash;
    if (/^#f-\d+$/.test(hash)) { mark(hash.slice(3)); }
  }

  document.addEventListener("click", function (event) {
    var jump = event.target.closest("a.jump");
    if (jump) { mark(jump.getAttribute("data-finding")); }
  });
  window.addEventListener("hashchange", markCurrent);
  document.addEventListener("DOMContentLoaded", function () { followUploads(); filterFindings(); markCurrent(); });
})();
