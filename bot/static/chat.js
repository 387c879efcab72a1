// Veivis web chat. Everything shown is set with textContent: nothing a person or the bot writes
// is ever parsed as HTML. Nothing is written to cookies or storage: the session token lives in
// this page's memory only, so a reload or a quick exit leaves nothing behind.
(function () {
  "use strict";
  var body = document.body;
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("text");
  var picker = document.getElementById("language");
  var status = document.getElementById("status");
  var exitButton = document.getElementById("quick-exit");
  var labels = JSON.parse(document.getElementById("labels").textContent);
  var embedded = body.classList.contains("embedded") && window.parent !== window;
  var socket = null, token = null, seen = 0, nextId = 1, retry = 0, lastEscape = 0, leaving = false;
  var pending = {};  // id -> frame not yet acknowledged: sent again after a reconnect

  if (body.dataset.color) { document.documentElement.style.setProperty("--accent", body.dataset.color); }

  function label(key) { return labels[key] || ""; }
  function setStatus(key) { status.textContent = key ? label(key) : ""; }

  function relabel(frame) {
    labels = frame.labels;
    document.documentElement.lang = frame.code;
    document.documentElement.dir = frame.dir;
    document.title = label("webchat.title");
    picker.value = frame.code;
    document.querySelectorAll("[data-i18n]").forEach(function (el) { el.textContent = label(el.getAttribute("data-i18n")); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach(function (el) { el.placeholder = label(el.getAttribute("data-i18n-placeholder")); });
    document.querySelectorAll("[data-i18n-aria-label]").forEach(function (el) { el.setAttribute("aria-label", label(el.getAttribute("data-i18n-aria-label"))); });
  }

  function append(who, text, lang, dir) {
    var item = document.createElement("li");
    item.className = "msg " + who;
    if (lang) { item.lang = lang; }
    if (dir) { item.dir = dir; }
    var name = document.createElement("span");
    name.className = "who";
    name.textContent = label(who === "bot" ? "webchat.bot" : "webchat.you");
    var content = document.createElement("p");
    content.className = "text";
    content.textContent = text;
    item.appendChild(name);
    item.appendChild(content);
    log.appendChild(item);
    // Scroll the window, not the element: scrollIntoView would also move the browser's
    // keyboard starting point, and Tab from the top must reach quick exit first.
    window.scrollTo(0, document.documentElement.scrollHeight);
    return item;
  }

  function showButtons(item, buttons) {
    if (!buttons || !buttons.length) { return; }
    var group = document.createElement("div");
    group.className = "buttons";
    buttons.forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = b.title;
      button.addEventListener("click", function () {
        // A choice is made once: the group goes inert so it cannot be sent twice.
        group.querySelectorAll("button").forEach(function (x) { x.disabled = true; });
        append("you", b.title);
        send({type: "button", payload: b.payload});
        input.focus();
      });
      group.appendChild(button);
    });
    item.appendChild(group);
  }

  function transmit(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) { socket.send(JSON.stringify(frame)); }
  }

  function send(frame) {
    frame.id = nextId++;
    pending[frame.id] = frame;
    transmit(frame);
  }

  function onFrame(frame) {
    if (frame.type === "hello") {
      token = frame.token;
      Object.keys(pending).sort(function (a, b) { return a - b; }).forEach(function (id) { transmit(pending[id]); });
      return;
    }
    if (frame.type === "ack") { delete pending[frame.id]; return; }
    if (frame.type === "typing") { setStatus(frame.on ? "webchat.typing" : ""); return; }
    if (frame.type === "agent") { setStatus(frame.on ? "webchat.agent_joined" : "webchat.agent_left"); return; }
    if (typeof frame.seq === "number") {
      if (frame.seq <= seen) { return; }  // already shown before the connection dropped
      seen = frame.seq;
    }
    if (frame.type === "message") {
      showButtons(append("bot", frame.text, frame.lang, frame.dir), frame.buttons);
    } else if (frame.type === "language") {
      relabel(frame);
    }
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var query = "?lang=" + encodeURIComponent(picker.value);
    if (token) { query += "&resume=" + encodeURIComponent(token) + "&seen=" + seen; }
    socket = new WebSocket(scheme + location.host + "/ws" + query);
    socket.addEventListener("open", function () { retry = 0; setStatus(""); });
    socket.addEventListener("message", function (event) {
      try { onFrame(JSON.parse(event.data)); } catch (e) { /* a frame we cannot read is skipped */ }
    });
    socket.addEventListener("close", function () {
      if (leaving) { return; }
      setStatus("webchat.offline");
      retry = Math.min(retry + 1, 6);
      setTimeout(connect, 400 * retry);
    });
  }

  function quickExit() {
    leaving = true;
    // Tell the server to forget, twice over: the beacon survives the page going away.
    try { if (token) { navigator.sendBeacon("/exit", token); } } catch (e) { /* nothing to do */ }
    try { transmit({type: "quick_exit"}); socket.close(); } catch (e) { /* nothing to do */ }
    log.textContent = "";
    input.value = "";
    token = null;
    pending = {};
    var target = body.dataset.exit || "about:blank";
    if (embedded) {
      window.parent.postMessage({veivis: "exit"}, "*");  // the host page leaves itself
      location.replace("about:blank");
    } else {
      location.replace(target);  // replaces this page in the history: Back does not return here
    }
  }

  exitButton.addEventListener("click", quickExit);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    if (now - lastEscape < 1500) { quickExit(); }
    lastEscape = now;
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    if (!text.trim()) { return; }
    append("you", text);
    send({type: "text", text: text});
    input.value = "";
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  picker.addEventListener("change", function () { send({type: "language", code: picker.value}); });
  connect();
}());
