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
    if (!items.length || !navigator.onLine) return Promise.resolve();
    var item = items[0];
    return send(item).then(function (answer) {
      save(queue().slice(1)); // answered (checked in, already in, or refused): done with it
      if (answer.status === 200) {
        status.textContent = root.dataset.done + ": " + answer.body.registration.full_name;
      }
      return flush();
    }).catch(function () { /* still offline: try again later */ });
  }

  // Signing out clears what the site keeps on this device (the server's Clear-Site-Data),
  // the check-ins waiting here included: they are sent first. Offline, the sign-out cannot
  // reach the server either, and they stay.
  document.querySelectorAll("form[data-sign-out]").forEach(function (signOut) {
    signOut.addEventListener("submit", function (event) {
      if (!queue().length) return;
      event.preventDefault();
      flush().then(function () { signOut.submit(); });
    });
  });
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
  window.addEventListener("online", function () { flush(); loadList(); });

  // A service worker keeps this page on the device, so that it opens again when reloaded
  // while the connection is down (check_in_worker.js; its scope is this page's path only).
  if ("serviceWorker" in navigator && root.dataset.worker) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.kept) root.dataset.offlineReady = "yes";
    });
    navigator.serviceWorker.register(root.dataset.worker, { scope: root.dataset.scope })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) {
        var urls = [window.location.pathname];
        document.querySelectorAll("link[rel=stylesheet][href], script[src]").forEach(function (el) {
          urls.push(el.href || el.src);
        });
        if (registration.active) registration.active.postMessage({ cache: urls });
      })
      .catch(function () { /* no worker: the page still works while it stays open */ });
  }
  save(queue());
  flush();

  // The confirmed participants, kept on the device for a name search while offline.
  var listKey = key + ":list";
  function loadList() {
    if (!navigator.onLine) return;
    var people = [];
    function page(offset) {
      fetch(root.dataset.api + "?status=confirmed&limit=100&offset=" + offset, {
        credentials: "same-origin"
      }).then(function (response) {
        if (response.status === 401 || response.status === 403) {
          // signed out (or no longer an organiser): the list is not this device's to keep
          localStorage.removeItem(listKey);
          throw new Error("not allowed");
        }
        return response.json();
      }).then(function (body) {
        body.items.forEach(function (item) {
          people.push({ code: item.code, name: item.full_name, org: item.organization || "" });
        });
        if (offset + 100 < body.count) { page(offset + 100); }
        else { localStorage.setItem(listKey, JSON.stringify(people)); }
      }).catch(function () { /* keep the list we have */ });
    }
    page(0);
  }
  loadList();
  var search = document.getElementById("name-search");
  var found = document.getElementById("offline-found");
  if (search && found) {
    search.addEventListener("submit", function (event) {
      if (navigator.onLine) return; // the server searches
      event.preventDefault();
      var words = search.querySelector("input[name=q]").value.trim().toLowerCase();
      var people = [];
      try { people = JSON.parse(localStorage.getItem(listKey) || "[]"); } catch (e) { people = []; }
      found.textContent = "";
      people.filter(function (p) { return words && p.name.toLowerCase().indexOf(words) !== -1; })
        .slice(0, 20).forEach(function (p) {
          var item = document.createElement("li");
          var button = document.createElement("button");
          button.type = "button";
          button.className = "button-small";
          button.textContent = root.dataset.checkInLabel;
          button.addEventListener("click", function () {
            var items = queue(); items.push({ code: p.code, at: new Date().toISOString() }); save(items);
            status.textContent = root.dataset.offline + " " + p.name;
          });
          item.textContent = p.name + (p.org ? " (" + p.org + ") " : " ");
          item.appendChild(button);
          found.appendChild(item);
        });
    });
  }

  // The device camera reads the ticket's QR code where the browser can (BarcodeDetector).
  var scan = document.getElementById("scan");
  var video = document.getElementById("scan-video");
  if (scan && video && "BarcodeDetector" in window && navigator.mediaDevices) {
    scan.hidden = false;
    scan.addEventListener("click", function () {
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        video.play();
        var timer = setInterval(function () {
          detector.detect(video).then(function (codes) {
            if (!codes.length) return;
            clearInterval(timer);
            stream.getTracks().forEach(function (track) { track.stop(); });
            video.hidden = true;
            form.querySelector("input[name=code]").value = codes[0].rawValue;
            form.requestSubmit();
          });
        }, 400);
      });
    });
  }
})();
