/*
 * Microneedling FAQ chat widget for Rasa's socket.io channel.
 *
 * Embed (after web/vendor/socket.io.min.js, or let the widget load it):
 *   <script src="https://ASSISTANT/widget/chat-widget.js"
 *           data-server-url="https://ASSISTANT-RASA:5005"
 *           data-title="Ask about microneedling"   (optional: the clinic's name from clinic.yml)
 *           data-color="#0f766e"
 *           data-greeting="Hi! Ask me anything about microneedling."></script>
 *
 * Everything the bot or the user writes is shown as text, never as HTML.
 * The session id and the transcript live in localStorage, so a reload keeps
 * the conversation.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var base = script.src.replace(/widget\/chat-widget\.js.*$/, "");
  var config = {
    serverUrl: script.dataset.serverUrl || window.location.origin,
    title: script.dataset.title || "Ask about microneedling",
    color: script.dataset.color || "#0f766e",
    greeting: script.dataset.greeting || "Hi! Ask me anything about microneedling.",
  };
  var STORE = "mn-chat:" + config.serverUrl;
  var MAX_STORED = 200;
  var MAX_LENGTH = 1000;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "className") node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  // A speech bubble drawn in SVG (emoji fonts are not everywhere).
  function chatIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "28");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z");
    svg.appendChild(path);
    return svg;
  }

  // --- state kept across reloads -------------------------------------------
  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(STORE) || "{}");
      return { sessionId: saved.sessionId || null, messages: saved.messages || [], open: !!saved.open };
    } catch (e) {
      return { sessionId: null, messages: [], open: false };
    }
  }
  var state = load();
  function save() {
    state.messages = state.messages.slice(-MAX_STORED);
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode: no history */ }
  }

  // --- the DOM ---------------------------------------------------------------
  var root = el("div", { className: "mn-chat", style: "--mn-color:" + config.color });
  var launcher = el("button", { className: "mn-launcher", type: "button", "aria-label": "Open chat: " + config.title,
                                "aria-expanded": "false", "aria-controls": "mn-panel" }, [chatIcon()]);
  var status = el("span", { className: "mn-status", role: "status", text: "" });
  var closeButton = el("button", { className: "mn-close", type: "button", "aria-label": "Close chat", text: "×" });
  // Deletion on request: the assistant asks to confirm, then deletes what it keeps and tells the widget to clear.
  var forgetButton = el("button", { className: "mn-forget", type: "button", "aria-label": "Delete my conversation",
                                    title: "Delete my conversation", text: "🗑" });
  var header = el("div", { className: "mn-header" }, [el("h2", { text: config.title }), status, forgetButton, closeButton]);
  var log = el("div", { className: "mn-log", role: "log", "aria-live": "polite", "aria-label": "Conversation" });
  var typing = el("div", { className: "mn-typing", "aria-label": "The assistant is typing", hidden: "" },
                  [el("span"), el("span"), el("span")]);
  var input = el("input", { className: "mn-input", type: "text", maxlength: String(MAX_LENGTH),
                            "aria-label": "Your question", placeholder: "Type your question…", autocomplete: "off" });
  var send = el("button", { className: "mn-send", type: "submit", "aria-label": "Send", text: "Send", disabled: "" });
  var form = el("form", { className: "mn-form" }, [input, send]);
  var panel = el("section", { className: "mn-panel", id: "mn-panel", role: "dialog", "aria-label": config.title, hidden: "" },
                 [header, log, typing, form]);
  root.appendChild(panel);
  root.appendChild(launcher);

  // Without a data-title, the title is the clinic's name from its clinic.yml.
  function setTitle(title) {
    config.title = title;
    header.querySelector("h2").textContent = title;
    launcher.setAttribute("aria-label", "Open chat: " + title);
    panel.setAttribute("aria-label", title);
  }
  // The privacy notice (what is kept, how long, the clinic's privacy page) under the first greeting.
  var notice = el("p", { className: "mn-notice", text: "" });
  if (window.fetch) {
    fetch(config.serverUrl.replace(/\/$/, "") + "/webhooks/socketio/clinic")
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (clinic) {
        if (clinic && clinic.name && !script.dataset.title) setTitle(clinic.name);
        if (clinic && clinic.notice) { notice.textContent = ""; appendText(notice, clinic.notice); }
      })
      .catch(function () { /* offline: the default title stays */ });
  }

  // Text with links: http(s) URLs become <a>, the rest stays text nodes.
  function appendText(node, text) {
    text.split(/(https?:\/\/[^\s<>"']+)/).forEach(function (part, index) {
      if (index % 2 === 1) node.appendChild(el("a", { href: part, target: "_blank", rel: "noopener noreferrer", text: part }));
      else if (part) node.appendChild(document.createTextNode(part));
    });
  }

  function render(message) {
    var bubble = el("div", { className: "mn-msg mn-" + message.from });
    (message.text || "").split("\n").forEach(function (line) {
      var isSource = /^(Sources?:|\(Sources vary)/.test(line);
      var p = el("p", { className: isSource ? "mn-source" : "" });
      appendText(p, line);
      bubble.appendChild(p);
    });
    log.appendChild(bubble);
    var buttons = (message.buttons || []).filter(function (b) { return !isVote(b); });
    var votes = (message.buttons || []).filter(isVote);
    if (votes.length) renderVotes(message, votes);
    if (buttons.length) {
      var replies = el("div", { className: "mn-replies", role: "group", "aria-label": "Suggested questions" });
      buttons.forEach(function (button) {
        var b = el("button", { type: "button", className: "mn-reply", text: button.title });
        b.addEventListener("click", function () { ask(button.payload, button.title); });
        replies.appendChild(b);
      });
      log.appendChild(replies);
    }
    log.scrollTop = log.scrollHeight;
  }

  // 👍/👎 under an answer: small, beside the bubble, sent without a user bubble;
  // the choice is kept with the transcript so a reload shows it.
  function isVote(button) { return /^\/feedback\{/.test(button.payload || ""); }
  function renderVotes(message, votes) {
    var group = el("div", { className: "mn-votes", role: "group", "aria-label": "Was this answer helpful?" },
                   [el("span", { text: "Helpful?" })]);
    votes.forEach(function (button) {
      var chosen = message.voted === button.payload;
      var b = el("button", { type: "button", className: "mn-vote", text: button.title,
                             "aria-pressed": String(chosen),
                             "aria-label": /"up"/.test(button.payload) ? "Yes, helpful" : "No, not helpful" });
      if (message.voted) b.setAttribute("disabled", "");
      b.addEventListener("click", function () {
        message.voted = button.payload;
        save();
        group.querySelectorAll("button").forEach(function (other) { other.setAttribute("disabled", ""); });
        b.setAttribute("aria-pressed", "true");
        ask(button.payload, null, true);
      });
      group.appendChild(b);
    });
    log.appendChild(group);
  }

  function add(message) {
    state.messages.push(message);
    save();
    render(message);
  }

  // --- the connection --------------------------------------------------------
  var socket = null;
  var waiting = 0;
  var ready = false; // the session is confirmed on this connection
  var pending = []; // questions asked before that: Rasa drops messages without a session id
  function setTyping(on) {
    waiting = Math.max(0, waiting + (on ? 1 : -1));
    if (on) typing.removeAttribute("hidden"); else if (!waiting) typing.setAttribute("hidden", "");
  }
  function setStatus(text, offline) {
    status.textContent = text;
    root.classList.toggle("mn-offline", !!offline);
  }

  function connect() {
    socket = window.io(config.serverUrl, { transports: ["websocket"], reconnection: true });
    socket.on("connect", function () {
      setStatus("", false);
      socket.emit("session_request", { session_id: state.sessionId });
    });
    socket.on("session_confirm", function (sessionId) {
      state.sessionId = sessionId;
      save();
      ready = true;
      pending.splice(0).forEach(emit);
    });
    socket.on("bot_uttered", function (message) {
      if (message.forget) { forgetLocally(); return; }
      setTyping(false);
      var buttons = message.quick_replies || message.buttons || [];
      add({ from: "bot", text: message.text || "", buttons: buttons });
    });
    socket.on("disconnect", function () { ready = false; setStatus("Reconnecting…", true); });
    socket.on("connect_error", function () { setStatus("Offline, retrying…", true); });
  }

  // The assistant deleted the conversation: so does the browser (transcript and session).
  function forgetLocally() {
    state.messages = [];
    state.sessionId = null;
    try { localStorage.removeItem(STORE); } catch (e) { /* private mode */ }
    while (log.firstChild) log.removeChild(log.firstChild);
    if (socket) socket.emit("session_request", { session_id: null });
    save();
  }

  function emit(payload) {
    socket.emit("user_uttered", { message: payload, session_id: state.sessionId });
  }

  function ask(payload, shown, silent) {
    if (!payload || !payload.trim()) return;
    if (!silent) add({ from: "user", text: shown || payload });
    setTyping(true);
    setTimeout(function () { if (waiting) setTyping(false); }, 30000);
    if (ready) emit(payload);
    else pending.push(payload); // sent once the connection and session are back
  }

  // --- open, close, type -----------------------------------------------------
  function setOpen(open) {
    state.open = open;
    save();
    if (open) { panel.removeAttribute("hidden"); input.focus(); } else { panel.setAttribute("hidden", ""); launcher.focus(); }
    launcher.setAttribute("aria-expanded", String(open));
    root.classList.toggle("mn-open", open);
  }
  launcher.addEventListener("click", function () { setOpen(panel.hasAttribute("hidden")); });
  closeButton.addEventListener("click", function () { setOpen(false); });
  forgetButton.addEventListener("click", function () { ask("/forget_me", "Delete my conversation"); });
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") setOpen(false); });
  input.addEventListener("input", function () {
    if (input.value.trim()) send.removeAttribute("disabled"); else send.setAttribute("disabled", "");
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    send.setAttribute("disabled", "");
    ask(text);
  });

  function start() {
    var css = el("link", { rel: "stylesheet", href: base + "widget/chat-widget.css" });
    document.head.appendChild(css);
    document.body.appendChild(root);
    if (!state.messages.length) add({ from: "bot", text: config.greeting });
    else state.messages.forEach(render);
    log.insertBefore(notice, log.firstChild.nextSibling);
    if (state.open) setOpen(true);
    if (window.io) connect();
    else {
      var lib = el("script", { src: base + "vendor/socket.io.min.js" });
      lib.onload = connect;
      lib.onerror = function () { setStatus("Offline", true); };
      document.head.appendChild(lib);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
