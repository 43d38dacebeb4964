/* Briefings: the cited passage a citation lands on, and links for print.
 *
 * Works the same over http and from disk (file://), fetches nothing, and only adds to
 * what the pages already do without it (CSS :target still highlights the simple case).
 */
(function () {
  "use strict";

  var TARGET = "is-target";
  var SHARED = "data-shared-href";

  /* Every cited piece of one claim's passage on a source page, in text order: each piece
   * names in data-claims all the claims it is part of (a piece several claims share links
   * to only one of them). */
  function passagesOf(anchor) {
    var found = [];
    document.querySelectorAll("a.cited[data-claims]").forEach(function (link) {
      if (link.getAttribute("data-claims").split(" ").indexOf(anchor.id) >= 0) found.push(link);
    });
    return found;
  }

  function hashOf(link) {
    var href = link.getAttribute("href") || "";
    var at = href.indexOf("#");
    return at < 0 ? "" : href.slice(at + 1);
  }

  function linkBack(passages, id) {
    for (var i = 0; i < passages.length; i++) {
      if (hashOf(passages[i]) === id) return passages[i].getAttribute("href");
    }
    return null;
  }

  /* The shared passage's link, turned to the anchor's pair page and claim: the same
   * relative path on either output ("../../pairs/KZ-US/#x", "../pairs/KZ-US.html#x"). */
  function pairLink(link, anchor) {
    var pair = anchor.getAttribute("data-pair");
    var href = link.getAttribute("href") || "";
    if (!pair || !/pairs\/[^/#.]+/.test(href)) return null;
    return href.replace(/pairs\/[^/#.]+/, "pairs/" + pair).replace(/#.*$/, "") + "#" + anchor.id;
  }

  function targetId() {
    try {
      return decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return location.hash.slice(1);
    }
  }

  function highlight() {
    document.querySelectorAll("." + TARGET).forEach(function (el) {
      el.classList.remove(TARGET);
      el.removeAttribute("aria-current");
      if (el.hasAttribute(SHARED)) {
        el.setAttribute("href", el.getAttribute(SHARED));
        el.removeAttribute(SHARED);
      }
    });
    var id = targetId();
    var anchor = id && document.getElementById(id);
    if (!anchor || !anchor.classList.contains("claim-anchor")) return null;
    var passages = passagesOf(anchor);
    if (!passages.length) return null;
    anchor.classList.add(TARGET);
    /* A passage several claims share links back to one of them; while it stands for this
     * claim, it leads back to this claim, as the claim's other parts do, or to the pair
     * page the anchor names in data-pair. */
    var back = linkBack(passages, anchor.id) || pairLink(passages[0], anchor);
    passages.forEach(function (link) {
      link.classList.add(TARGET);
      link.setAttribute("aria-current", "location");
      if (back && hashOf(link) !== anchor.id) {
        link.setAttribute(SHARED, link.getAttribute("href"));
        link.setAttribute("href", back);
      }
    });
    return passages[0];
  }

  /* Make sure the passage is on screen, below the sticky header (the browser scrolls to
   * its anchor, which a passage several claims share may not start right after), and put
   * the keyboard there: Enter on it leads back to the claim. */
  function show(passage) {
    if (!passage) return;
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var box = passage.getBoundingClientRect();
    if (box.top < top || box.bottom > window.innerHeight) {
      passage.scrollIntoView({ block: "center", inline: "nearest" });
    }
    passage.focus({ preventScroll: true });
  }

  /* Printed links show where they lead: the hosted address when the page knows it (its
   * canonical link names the hosted page, in the offline bundle too). Links to a folder's
   * index.html (as the bundle has them, to work from disk) print as the folder's address. */
  function printableHrefs() {
    var canonical = document.querySelector("link[rel=canonical]");
    var base = canonical && canonical.href;
    document.querySelectorAll(".md-content a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (!href || href.charAt(0) === "#" || /^(mailto|tel|javascript):/i.test(href)) return;
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
        link.setAttribute("data-print-href", href);
        return;
      }
      if (!base) return;
      var url = new URL(href, base);
      url.pathname = url.pathname.replace(/(^|\/)index\.html$/, "$1");
      link.setAttribute("data-print-href", url.href);
    });
  }

  /* Material's search overlay is a dialog without a name; screen readers announce it
   * as just "dialog". */
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
      dialog.setAttribute("aria-label", "Search");
    }
  }

  /* A long pair lists its claims on pages of some years each (`1991-1996/`), and its own
   * page says where each one went (#_claim-years): an address of a claim on the pair's page,
   * saved before the pair grew, still leads to the claim. */
  function followMovedClaim() {
    var moved = document.getElementById("_claim-years");
    var id = decodeURIComponent(location.hash.slice(1));
    if (!moved || !id || document.getElementById(id)) return false;
    var part = JSON.parse(moved.textContent)[id];
    if (!part) return false;
    var page = part + "/" + (location.protocol === "file:" ? "index.html" : "");
    location.replace(page + "#" + encodeURIComponent(id));
    return true;
  }

  function start() {
    if (followMovedClaim()) return;
    nameSearchDialog();
    printableHrefs();
    var passage = highlight();
    /* The browser scrolls to the fragment as the page loads; show the passage after it. */
    if (document.readyState === "complete") show(passage);
    else window.addEventListener("load", function () { show(passage); }, { once: true });
    window.addEventListener("hashchange", function () {
      if (!followMovedClaim()) show(highlight());
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
