// Veivis web chat. Everything shown is set with textContent: nothing a person or the bot
// writes is ever parsed as HTML. Nothing is written to cookies or storage.
(function () {
  "use strict";
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("text");
  var picker = document.getElementById("language");
  var status = document.getElementById("status");
  var labels = JSON.parse(document.getElementById("labels").textContent);
  var socket = null;
  var retry = 0;

  function label(key) { return labels[key] || ""; }

  function setStatus(key) {
    status.textContent = key ? label(key) : "";
  }

  function relabel(frame) {
    labels = frame.labels;
    document.documentElement.lang = frame.code;
    document.documentElement.dir = frame.dir;
    document.title = label("webchat.title");
    picker.value = frame.code;
    document.querySelectorAll("[data-i18n]").forEach(function (el) {
      el.textContent = label(el.getAttribute("data-i18n"));
    });
    document.querySelectorAll("[data-i18n-placeholder]").forEach(function (el) {
      el.placeholder = label(el.getAttribute("data-i18n-placeholder"));
    });
  }

  function append(who, text, lang, dir) {
    var item = document.createElement("li");
    item.className = "msg " + who;
    if (lang) { item.lang = lang; }
    if (dir) { item.dir = dir; }
    var name = document.createElement("span");
    name.className = "who";
    name.textContent = label(who === "bot" ? "webchat.bot" : "webchat.you");
    var body = document.createElement("p");
    body.className = "text";
    body.textContent = text;
    item.appendChild(name);
    item.appendChild(body);
    log.appendChild(item);
    item.scrollIntoView({block: "end"});
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
      });
      group.appendChild(button);
    });
    item.appendChild(group);
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame));
    }
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/ws?lang=" + encodeURIComponent(picker.value));
    socket.addEventListener("open", function () { retry = 0; setStatus(""); });
    socket.addEventListener("message", function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === "message") {
        var item = append("bot", frame.text, frame.lang, frame.dir);
        showButtons(item, frame.buttons);
      } else if (frame.type === "language") {
        relabel(frame);
      } else if (frame.type === "typing") {
        setStatus(frame.on ? "webchat.typing" : "");
      }
    });
    socket.addEventListener("close", function () {
      setStatus("webchat.offline");
      retry = Math.min(retry + 1, 6);
      setTimeout(connect, 500 * retry);
    });
  }

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
  picker.addEventListener("change", function () {
    send({type: "language", code: picker.value});
  });
  connect();
}());
