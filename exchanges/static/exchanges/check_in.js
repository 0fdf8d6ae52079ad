// The door's check-in page: check-ins go to the API; offline they wait on this device
// (localStorage) and are sent when the connection is back. The server counts nobody twice.
(function () {
  "use strict";
  var root = document.getElementById("check-in");
  if (!root || !window.fetch) return;
  var form = document.getElementById("check-in-form");
  var status = document.getElementById("check-in-status");
  var queueNote = document.getElementById("check-in-queue");
  var key = "sironet-check-in:" + root.dataset.checkIn;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function queue() {
    try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; }
  }
  function save(items) {
    localStorage.setItem(key, JSON.stringify(items));
    queueNote.textContent = items.length ? root.dataset.queued + ": " + items.length : "";
  }
  function send(item) {
    return fetch(root.dataset.checkIn, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(item)
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; });
    });
  }
  function flush() {
    var items = queue();
    if (!items.length || !navigator.onLine) return;
    var item = items[0];
    send(item).then(function (answer) {
      save(queue().slice(1)); // answered (checked in, already in, or refused): done with it
      if (answer.status === 200) {
        status.textContent = root.dataset.done + ": " + answer.body.registration.full_name;
      }
      flush();
    }).catch(function () { /* still offline: try again later */ });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var input = form.querySelector("input[name=code]");
    var item = { code: input.value.trim().toUpperCase(), at: new Date().toISOString() };
    input.value = "";
    if (!item.code) return;
    if (!navigator.onLine) {
      var items = queue(); items.push(item); save(items);
      status.textContent = root.dataset.offline;
      return;
    }
    send(item).then(function (answer) {
      if (answer.status === 200) {
        status.textContent = (answer.body.created ? root.dataset.done : root.dataset.twice) +
          ": " + answer.body.registration.full_name;
      } else {
        status.textContent = root.dataset.unknown + ": " + item.code;
      }
    }).catch(function () {
      var items = queue(); items.push(item); save(items);
      status.textContent = root.dataset.offline;
    });
  });
  window.addEventListener("online", flush);
  save(queue());
  flush();
})();
