// The reader's time zone, as their device knows it, told to the server in a cookie (no outside
// service): event pages then show times in the event's zone and also in the reader's. A zone
// chosen on the page (the `tz` cookie) wins over this one. Where the server did not know the
// zone yet and it differs from the event's, the page is shown again once, with both times.
(function () {
  "use strict";
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone || !/^[A-Za-z0-9_+\-\/]{1,64}$/.test(zone)) return;
  var secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = "tz_device=" + zone + "; path=/; max-age=31536000; SameSite=Lax" + secure;
  var here = document.getElementById("reader-zone");
  if (!here || here.dataset.known || zone === here.dataset.eventZone) return;
  if (document.cookie.indexOf("tz_device=") === -1) return; // cookies refused: nothing to gain
  try {
    if (sessionStorage.getItem("sironet-tz-shown")) return;
    sessionStorage.setItem("sironet-tz-shown", "1");
  } catch (e) { return; }
  window.location.reload();
})();
