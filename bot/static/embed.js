// Adds the Veivis chat to another site:
//   <script src="https://<veivis>/static/embed.js" data-language="pl" data-color="#0b5394"
//           data-helpline="ROSA" data-label="Chat" data-exit-url="https://www.google.com/" defer></script>
// The chat runs in an iframe from the Veivis server (allowed by WEBCHAT_EMBED_ORIGINS there).
// Quick exit inside the chat makes this host page itself leave, replacing its history entry.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var origin = new URL(script.src).origin;
  var data = script.dataset;
  var params = new URLSearchParams({embed: "1"});
  if (data.language) { params.set("lang", data.language); }
  if (/^#[0-9a-fA-F]{6}$/.test(data.color || "")) { params.set("color", data.color); }
  if (data.helpline) { params.set("helpline", data.helpline.slice(0, 80)); }
  var exitUrl = data.exitUrl || "https://www.google.com/";

  var launcher = document.createElement("button");
  launcher.type = "button";
  launcher.textContent = data.label || "Chat";
  launcher.setAttribute("aria-expanded", "false");
  launcher.style.cssText = "position:fixed;bottom:1rem;right:1rem;z-index:2147483000;min-height:44px;padding:.6rem 1rem;" +
    "border-radius:2rem;border:0;font:inherit;font-weight:700;color:#fff;cursor:pointer;background:" + (params.get("color") || "#0b5394");

  var frame = document.createElement("iframe");
  frame.src = origin + "/?" + params.toString();
  frame.title = data.label || "Veivis";
  frame.setAttribute("referrerpolicy", "no-referrer");
  frame.hidden = true;
  frame.style.cssText = "position:fixed;bottom:4.5rem;right:1rem;z-index:2147483000;width:min(400px,calc(100vw - 2rem));" +
    "height:min(640px,calc(100vh - 6rem));border:1px solid #767676;border-radius:.6rem;background:#fff";

  launcher.addEventListener("click", function () {
    frame.hidden = !frame.hidden;
    launcher.setAttribute("aria-expanded", String(!frame.hidden));
    if (!frame.hidden) { frame.focus(); }
  });
  window.addEventListener("message", function (event) {
    if (event.origin === origin && event.data && event.data.veivis === "exit") {
      frame.remove();
      location.replace(exitUrl);
    }
  });
  document.body.appendChild(launcher);
  document.body.appendChild(frame);
}());
