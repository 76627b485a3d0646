// Checks a certificate's signed QR payload on this device with WebCrypto Ed25519 and the
// public keys the page carries: no network request, so it works at a farm gate without
// signal once the page is open. Without JavaScript the form asks the server instead.
(function () {
  "use strict";

  function fromBase64url(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) base64 += "=";
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function findPayload(text) {
    var start = text.indexOf("LC1.");
    return start < 0 ? "" : text.slice(start).trim().split(/\s/)[0];
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_match, name) {
      return values[name] === undefined ? "" : values[name];
    });
  }

  async function verify(text, keys) {
    var parts = findPayload(text).split(".");
    if (parts.length !== 3) return null;
    var body = JSON.parse(new TextDecoder().decode(fromBase64url(parts[1])));
    var publicKey = keys[body.k];
    if (!publicKey) return null;
    var key = await crypto.subtle.importKey(
      "raw", fromBase64url(publicKey), { name: "Ed25519" }, false, ["verify"]
    );
    var valid = await crypto.subtle.verify(
      { name: "Ed25519" }, key, fromBase64url(parts[2]), new TextEncoder().encode(parts[1])
    );
    return valid ? body : null;
  }

  function show(result, tone, lines) {
    result.textContent = "";
    var banner = document.createElement("div");
    banner.className = "status-banner " + tone;
    lines.forEach(function (line, index) {
      var paragraph = document.createElement("p");
      if (index === 0) {
        var strong = document.createElement("strong");
        strong.textContent = line;
        paragraph.appendChild(strong);
      } else {
        paragraph.textContent = line;
      }
      banner.appendChild(paragraph);
    });
    result.appendChild(banner);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("offline-form");
    var result = document.getElementById("offline-result");
    if (!form || !result) return;
    var keys = JSON.parse(form.dataset.keys || "{}");
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var text = document.getElementById("payload").value;
      var body = null;
      try {
        body = await verify(text, keys);
      } catch (error) {
        if (error && error.name === "NotSupportedError") {
          show(result, "warn", [result.dataset.unsupported]);
          return;
        }
        body = null;
      }
      if (!body) {
        show(result, "bad", [result.dataset.invalid]);
        return;
      }
      var issued = new Date(body.i);
      show(result, "good", [
        result.dataset.valid,
        fill(result.dataset.details, { holder: body.h, urn: body.n, from: body.f, until: body.u }),
        fill(result.dataset.signed, {
          date: issued.toLocaleDateString(document.documentElement.lang || undefined, {
            day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
          }),
          kid: body.k
        })
      ]);
    });
  });
})();
