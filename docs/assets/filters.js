/* Briefings: filters in the page, for long lists.
 *
 * - A pair page's claims (p.claim with data-topic, data-source and data-year) can be
 *   narrowed by topic, source and year.
 * - A list marked <div class="filterable"> (a table or a list) can be narrowed by words.
 *
 * The controls are made here, so without JavaScript there are none and every claim and row
 * is shown. Plain DOM, no library; the same over http and from disk (file://).
 */
(function () {
  "use strict";

  var uid = 0;

  function make(tag, props, children) {
    var el = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === "text") el.textContent = props[key];
      else el.setAttribute(key, props[key]);
    });
    (children || []).forEach(function (child) { el.appendChild(child); });
    return el;
  }

  /* Words compared without case or accents: "turkiye" finds "Türkiye". */
  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  /* ---- Claims on a pair page ---- */

  function claimFilters() {
    var claims = Array.prototype.slice.call(document.querySelectorAll("p.claim[data-year]"));
    var groups = Array.prototype.slice.call(document.querySelectorAll(".claim-group"));
    if (claims.length < 2 || !groups.length) return;

    /* Each year heading with the claims under it, up to the next heading. */
    var byGroup = groups.map(function (heading) {
      var members = [];
      for (var el = heading.nextElementSibling; el && !/^H[1-6]$/.test(el.tagName);
        el = el.nextElementSibling) {
        if (el.matches("p.claim")) members.push(el);
      }
      return { heading: heading, claims: members };
    });

    /* Each claim's note, and each source of the list at the end with the notes citing it:
     * while a filter is on, the notes and sources of hidden claims are hidden too. Notes
     * keep their numbers (an ordered list would count only the items it shows). */
    var notes = document.querySelectorAll(".footnote > ol > li");
    /* Numbered when a filter first hides one: setting 500 numbers costs a quarter of a
     * second (each one renumbers the list), which a reader who never filters never pays. */
    var numbered = false;
    function numberNotes() {
      if (numbered) return;
      numbered = true;
      Array.prototype.forEach.call(notes, function (note, i) { note.value = i + 1; });
    }
    var noteOf = {};
    claims.forEach(function (claim) {
      noteOf[claim.id] = document.getElementById("fn:" + claim.id);
    });
    var sources = Array.prototype.slice.call(document.querySelectorAll('li[id^="source-"]'));
    function sourcesOfNotes() {
      var cited = {};
      Array.prototype.forEach.call(notes, function (note) {
        if (note.hidden) return;
        note.querySelectorAll('a[href^="#source-"]').forEach(function (link) {
          cited[link.getAttribute("href").slice(1)] = true;
        });
      });
      return cited;
    }

    /* Names looked up once: options are sorted by them, a comparison at a time. */
    function firstText(selector, key) {
      var found = {};
      Array.prototype.forEach.call(document.querySelectorAll(selector), function (el) {
        var id = key(el);
        if (!(id in found)) found[id] = el.textContent;
      });
      return found;
    }
    var topicNames = firstText(".topic-name[data-topic]", function (el) {
      return el.getAttribute("data-topic");
    });
    var sourceNames = firstText('.footnote a[href^="#source-"]', function (el) {
      return el.getAttribute("href").slice("#source-".length);
    });
    function topicName(id) {
      return id in topicNames ? topicNames[id] : id;
    }
    function sourceName(id) {
      return id in sourceNames ? sourceNames[id] : id;
    }
    function yearName(id) {
      return id === "undated" ? "Undated" : id;
    }

    /* Options in the order a reader scans them: years in page order, others by count. */
    function options(key, name, byCount) {
      var counts = {};
      var order = [];
      claims.forEach(function (claim) {
        var value = claim.getAttribute("data-" + key);
        if (!(value in counts)) { counts[value] = 0; order.push(value); }
        counts[value] += 1;
      });
      if (byCount) {
        order.sort(function (a, b) {
          return counts[b] - counts[a] || name(a).localeCompare(name(b));
        });
      }
      return order.map(function (value) {
        return { value: value, label: name(value) + " (" + counts[value] + ")" };
      });
    }

    var fields = [
      { key: "topic", label: "Topic", all: "All topics", options: options("topic", topicName, true) },
      { key: "source", label: "Source", all: "All sources", options: options("source", sourceName, true) },
      { key: "year", label: "Year", all: "All years", options: options("year", yearName, false) }
    ];
    var status = make("p", { "class": "claim-filters__status", role: "status", "aria-live": "polite" });
    var form = make("form", { "class": "claim-filters", "aria-label": "Filter the claims" });
    fields.forEach(function (field) {
      var id = "claim-filter-" + field.key + "-" + (++uid);
      var select = make("select", { id: id, name: field.key }, [
        make("option", { value: "", text: field.all })
      ].concat(field.options.map(function (o) {
        return make("option", { value: o.value, text: o.label });
      })));
      field.select = select;
      form.appendChild(make("div", { "class": "claim-filters__field" }, [
        make("label", { "for": id, text: field.label }), select
      ]));
    });
    var reset = make("button", { type: "reset", text: "Show all" });
    form.appendChild(make("div", { "class": "claim-filters__field claim-filters__reset" }, [reset]));
    form.appendChild(status);

    var anyHidden = false;
    function apply() {
      var shown = 0;
      var filtered = fields.some(function (field) { return field.select.value; });
      if (!filtered && !anyHidden) {
        /* Everything is shown already (the page as loaded): only say so. */
        status.textContent = "Showing all " + plural(claims.length, "claim", "claims") + ".";
        form.classList.remove("is-filtered");
        return;
      }
      numberNotes();
      anyHidden = filtered;
      claims.forEach(function (claim) {
        var match = fields.every(function (field) {
          var want = field.select.value;
          return !want || claim.getAttribute("data-" + field.key) === want;
        });
        claim.hidden = !match;
        if (noteOf[claim.id]) noteOf[claim.id].hidden = !match;
        if (match) shown += 1;
      });
      var cited = sourcesOfNotes();
      sources.forEach(function (entry) { entry.hidden = !cited[entry.id]; });
      byGroup.forEach(function (group) {
        group.heading.hidden = group.claims.every(function (c) { return c.hidden; });
      });
      status.textContent = filtered
        ? "Showing " + shown + " of " + plural(claims.length, "claim", "claims") + "."
        : "Showing all " + plural(claims.length, "claim", "claims") + ".";
      form.classList.toggle("is-filtered", filtered);
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    /* The reset button puts the selects back, then the change is applied. */
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    groups[0].parentNode.insertBefore(form, groups[0]);
    apply();

    /* A link to a hidden claim or year (the timeline, a passage, the table of contents)
     * shows everything again, so the reader lands where the link points. */
    function reveal() {
      var id;
      try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = location.hash.slice(1); }
      var target = id && document.getElementById(id);
      if (target && (target.hidden || target.closest("[hidden]"))) {
        form.reset();
        apply();
        target.scrollIntoView();
      }
    }
    window.addEventListener("hashchange", reveal);
    reveal();
  }

  /* ---- Filterable lists (index pages) ---- */

  function listFilter(box) {
    var rows = Array.prototype.slice.call(box.querySelectorAll("tbody > tr, ul > li, ol > li"));
    if (rows.length < 2) return;
    var noun = box.getAttribute("data-noun") || "entries";
    var id = "list-filter-" + (++uid);
    var input = make("input", {
      id: id, type: "search", autocomplete: "off", spellcheck: "false",
      "class": "list-filter__input"
    });
    var status = make("p", { "class": "list-filter__status", role: "status", "aria-live": "polite" });
    var form = make("form", { "class": "list-filter", role: "search", "aria-label": "Filter this list" }, [
      make("label", { "for": id, text: "Filter this list" }), input, status
    ]);
    var texts = rows.map(function (row) { return fold(row.textContent); });

    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var match = words.every(function (word) { return texts[i].indexOf(word) >= 0; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = words.length
        ? shown + " of " + rows.length + " shown."
        : rows.length + " " + noun + ".";
    }

    input.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    box.insertBefore(form, box.firstChild);
    apply();
  }

  function start() {
    claimFilters();
    Array.prototype.forEach.call(document.querySelectorAll(".filterable"), listFilter);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
