// Helpline console. Everything a person wrote is set with textContent: never parsed as HTML.
(function () {
  "use strict";
  var csrf = document.body.dataset.csrf;
  var labels = JSON.parse(document.getElementById("labels").textContent);
  var queue = document.getElementById("queue");
  var pane = document.getElementById("case");
  var summary = document.getElementById("summary");
  var lines = document.getElementById("lines");
  var reply = document.getElementById("reply");
  var text = document.getElementById("text");
  var canned = document.getElementById("canned");
  var current = null;

  function label(key) { return labels[key] || key; }

  function api(method, path, body) {
    return fetch(path, {
      method: method, credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: body ? JSON.stringify(body) : undefined
    }).then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
  }

  function item(parent, content, className) {
    var li = document.createElement("li");
    if (className) { li.className = className; }
    li.textContent = content;
    parent.appendChild(li);
    return li;
  }

  function showQueue(cases) {
    queue.textContent = "";
    if (!cases.length) { item(queue, label("console.no_cases")); return; }
    cases.forEach(function (c) {
      var li = document.createElement("li");
      var open = document.createElement("button");
      open.type = "button";
      var minutes = Math.floor(c.waiting_seconds / 60);
      open.textContent = [c.level || "–", c.language, c.want, minutes + " " + label("console.minutes"),
        c.claimed_by ? label("console.claimed") + " " + c.claimed_by : label("console.waiting"),
        c.person_left ? label("console.person_left") : ""].join(" · ");
      open.addEventListener("click", function () { openCase(c.id); });
      li.appendChild(open);
      queue.appendChild(li);
    });
  }

  function refreshQueue() { api("GET", "/console/api/cases").then(showQueue); }

  function openCase(id) {
    current = id;
    api("GET", "/console/api/cases/" + encodeURIComponent(id)).then(function (c) {
      pane.hidden = false;
      summary.textContent = "";
      c.summary.forEach(function (line) { item(summary, line); });
      lines.textContent = "";
      lines.dir = c.dir || "auto";
      (c.lines || []).forEach(function (l) {
        item(lines, (l.author === "staff" ? label("console.you") : label("console.person")) + ": " + l.text, l.author);
      });
      if (c.person_left) { item(lines, label("console.person_left"), "system"); }
      reply.hidden = !c.mine;
      document.getElementById("claim").hidden = !!c.claimed_by;
      canned.textContent = "";
      canned.appendChild(document.createElement("option"));
      (c.canned || []).forEach(function (t) {
        var option = document.createElement("option");
        option.textContent = t;
        option.value = t;
        canned.appendChild(option);
      });
    }).catch(function () { pane.hidden = true; current = null; });
  }

  canned.addEventListener("change", function () { if (canned.value) { text.value = canned.value; text.focus(); } });
  document.getElementById("claim").addEventListener("click", function () {
    if (current) { api("POST", "/console/api/cases/" + encodeURIComponent(current) + "/claim").then(function () { openCase(current); }); }
  });
  document.getElementById("close").addEventListener("click", function () {
    if (current) { api("POST", "/console/api/cases/" + encodeURIComponent(current) + "/close").then(function () { pane.hidden = true; current = null; refreshQueue(); }); }
  });
  reply.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!current || !text.value.trim()) { return; }
    api("POST", "/console/api/cases/" + encodeURIComponent(current) + "/messages", {text: text.value}).then(function () {
      text.value = "";
      openCase(current);
    });
  });
  document.getElementById("sign-out").addEventListener("click", function () {
    api("POST", "/console/logout").then(function () { location.replace("/console"); });
  });

  function listen() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/console/ws");
    socket.addEventListener("message", function (event) {
      var change = JSON.parse(event.data);
      refreshQueue();
      if (current && change.case === current) { openCase(current); }
    });
    socket.addEventListener("close", function () { setTimeout(listen, 2000); });
  }
  refreshQueue();
  listen();
}());
