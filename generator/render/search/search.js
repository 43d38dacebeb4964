/* Briefings search, the part every page loads: the search box in the header, and the loader
 * of the index. Nothing else of search loads until the box is used (focus, a click, a key,
 * or "/"): then engine.js and the manifest, and for each query only the term shards and
 * result files it needs, each a <script> element calling back a registration function,
 * which is what works on file:// as well as over http. Nothing is requested from another
 * host: every file is under this script's own folder.
 */
(function () {
  "use strict";

  var me = document.currentScript;
  if (!me || window.briefingsSearch) return;
  /* The site's root, from this script's own address: .../search/search.js. */
  var ROOT = me.src.replace(/search\/search\.js(?:[?#].*)?$/, "");
  var waiting = {};
  var loaded = {};
  var ui = null;
  var engine = null;
  var started = false;

  /* Load one file of the index (path without ".js") once; resolve with what it registered. */
  function load(path) {
    if (loaded[path]) return Promise.resolve(loaded[path]);
    if (waiting[path]) return waiting[path].promise;
    var entry = {};
    entry.promise = new Promise(function (resolve, reject) {
      entry.resolve = resolve;
      entry.reject = reject;
    });
    waiting[path] = entry;
    var tag = document.createElement("script");
    tag.src = ROOT + "search/" + path + ".js";
    tag.async = true;
    tag.onload = function () {
      tag.remove();
      if (waiting[path] === entry) {
        delete waiting[path];
        entry.reject(new Error(path + ".js registered nothing"));
      }
    };
    tag.onerror = function () {
      tag.remove();
      delete waiting[path];
      entry.reject(new Error(path + ".js could not be loaded"));
    };
    document.head.appendChild(tag);
    return entry.promise;
  }

  function register(path, value) {
    loaded[path] = value;
    var entry = waiting[path];
    if (entry) {
      delete waiting[path];
      entry.resolve(value);
    }
  }

  window.briefingsSearch = {
    root: ROOT,
    load: load,
    manifest: function (manifest) {
      register("manifest", manifest);
    },
    terms: function (number, build, terms, counts, postings) {
      register("terms/" + number, { build: build, terms: terms, counts: counts, postings: postings });
    },
    entries: function (number, build, packed) {
      register("entries/" + number, { build: build, packed: packed });
    },
    engine: function (api) {
      register("engine", api);
    }
  };

  /* Load the engine and the manifest (once), then hand the box over to the engine. */
  function start() {
    if (started) return;
    started = true;
    ui.status.textContent = "Loading search…";
    Promise.all([load("engine"), load("manifest")]).then(
      function (got) {
        engine = got[0];
        engine.attach(ui, got[1]);
      },
      function () {
        started = false;
        ui.status.textContent = "Search could not be loaded.";
        open(true);
      }
    );
  }

  function open(show) {
    ui.panel.hidden = !show;
    ui.root.classList.toggle("bs-search--open", show);
    ui.input.setAttribute("aria-expanded", show ? "true" : "false");
  }

  function element(tag, attributes, parent) {
    var el = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) {
      el.setAttribute(name, attributes[name]);
    });
    if (parent) parent.appendChild(el);
    return el;
  }

  function build(header) {
    var root = element("div", { class: "bs-search", role: "search" });
    var label = element("label", { for: "bs-search-input", class: "bs-search__label" }, root);
    element("span", { class: "bs-hidden" }, label).textContent =
      "Search claims, source texts and pages";
    var input = element(
      "input",
      {
        id: "bs-search-input",
        class: "bs-search__input",
        type: "search",
        role: "combobox",
        "aria-autocomplete": "list",
        "aria-expanded": "false",
        "aria-controls": "bs-search-results",
        "aria-keyshortcuts": "/",
        placeholder: "Search",
        autocomplete: "off",
        autocapitalize: "off",
        spellcheck: "false",
        enterkeyhint: "search"
      },
      root
    );
    var panel = element("div", { class: "bs-search__panel" }, root);
    panel.hidden = true;
    var status = element("p", { class: "bs-search__status", role: "status" }, panel);
    var list = element(
      "div",
      { id: "bs-search-results", class: "bs-search__list", role: "listbox", "aria-label": "Results" },
      panel
    );
    var more = element("button", { type: "button", class: "bs-search__more" }, panel);
    more.hidden = true;
    /* After the title, which gives up the room: nothing else in the header moves. */
    var title = header.querySelector(".md-header__title");
    header.insertBefore(root, title ? title.nextSibling : null);
    return {
      root: root,
      input: input,
      panel: panel,
      status: status,
      list: list,
      more: more,
      open: open,
      file: location.protocol === "file:",
      site: ROOT
    };
  }

  function editable(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  function init() {
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    ui = build(header);
    ["focus", "pointerdown", "keydown", "input"].forEach(function (type) {
      ui.input.addEventListener(type, start);
    });
    /* "/" anywhere but in a field puts the keyboard in the box. */
    document.addEventListener(
      "keydown",
      function (event) {
        if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
        if (editable(event.target)) return;
        event.preventDefault();
        event.stopPropagation();
        ui.input.focus();
        ui.input.select();
      },
      true
    );
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
