// The check-in page's service worker. Its scope is one event's check-in path (it is served
// from that path), so it controls nothing else. It keeps the page and what the page loads
// (its script and styles) on the device: the page is always asked of the network first, and
// a reload while the venue's connection is down opens the copy kept here. The API is never
// cached: check-ins made offline wait in the page's own queue (check_in.js).
"use strict";
var CACHE = "sironet-check-in-v1";

function sameOrigin(url) {
  return new URL(url, self.location.href).origin === self.location.origin;
}

function isApi(url) {
  return new URL(url, self.location.href).pathname.indexOf("/api/") === 0;
}

function pageKey(url) {
  var parsed = new URL(url, self.location.href);
  return parsed.origin + parsed.pathname;
}

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

// The page names what it needs once it is controlled: the page itself, its script, its styles.
self.addEventListener("message", function (event) {
  var urls = (event.data && event.data.cache) || [];
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(urls.filter(function (url) {
      return sameOrigin(url) && !isApi(url);
    }).map(function (url) {
      return fetch(url, { credentials: "same-origin", redirect: "manual" }).then(function (response) {
        if (response.ok && response.type === "basic") return cache.put(pageKey(url), response);
      }).catch(function () { /* offline: keep what is cached */ });
    }));
  }).then(function () {
    if (event.source) event.source.postMessage({ kept: true });
  }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !sameOrigin(request.url) || isApi(request.url)) return;
  var key = pageKey(request.url);
  var isPage = request.mode === "navigate";
  event.respondWith(fetch(request).then(function (response) {
    // Keep a fresh copy: of the page without a search, and of what it loads.
    var plainPage = !isPage || new URL(request.url).search === "";
    if (response.ok && !response.redirected && response.type === "basic" && plainPage) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { return cache.put(key, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(key, { ignoreVary: true }).then(function (kept) {
      return kept || Response.error();
    });
  }));
});
