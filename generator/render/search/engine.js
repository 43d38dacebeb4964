/* Briefings search engine, loaded by search.js when the search box is first used: folding
 * (exactly as generator/render/search/fold.py), queries over the term-partitioned index
 * (format in codec.py), ranking, and the results as a listbox under the box.
 *
 * Curator text only ever reaches the page as text nodes: results are built with
 * createElement and textContent, never from markup.
 */
(function () {
  "use strict";

  var api = window.briefingsSearch;
  if (!api) return;

  /* ---- Folding and terms: the same as fold.py, tested against the same cases. ---- */

  var LETTERS = {
    "ł": "l", "ø": "o", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae",
    "œ": "oe", "ð": "d", "þ": "th", "ħ": "h", "ŧ": "t", "ς": "σ"
  };
  var LETTER = /[łøđıßæœðþħŧς]/g;
  var MARKS = /\p{Mn}+/gu;
  var CJK = "\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
  var MAX_TERM = 64; /* a longer run of letters is split in terms of this many */
  var TERM_SOURCE = "[" + CJK + "]|(?:(?![" + CJK + "])[\\p{L}\\p{M}\\p{N}]){1," + MAX_TERM + "}";
  var TERM = new RegExp(TERM_SOURCE, "gu");
  var WORD_END = /[\p{L}\p{M}\p{N}]$/u;

  function fold(text) {
    return text
      .normalize("NFKD")
      .toLowerCase()
      .replace(MARKS, "")
      .replace(LETTER, function (c) {
        return LETTERS[c];
      });
  }

  function terms(text) {
    return fold(text).match(TERM) || [];
  }

  /* ---- The index: base64 VLQ posting lists in term shards (codec.py). ---- */

  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  var DIGIT = new Int8Array(128);
  for (var d = 0; d < DIGITS.length; d++) DIGIT[DIGITS.charCodeAt(d)] = d;

  /* A posting list as parallel typed arrays: entry ids and the term's impact in each (a
   * posting takes at least a character, so the text's length bounds their number). */
  function decode(text) {
    var ids = new Int32Array(text.length);
    var impacts = new Uint8Array(text.length);
    var n = 0;
    var at = 0;
    function next() {
      var value = 0;
      var shift = 0;
      var digit;
      do {
        digit = DIGIT[text.charCodeAt(at++)];
        value |= (digit & 31) << shift;
        shift += 5;
      } while (digit & 32);
      return value;
    }
    while (at < text.length) {
      var impact = next();
      var count = next();
      var id = next();
      ids[n] = id;
      impacts[n++] = impact;
      for (var k = 1; k < count; k++) {
        id += next() + 1;
        ids[n] = id;
        impacts[n++] = impact;
      }
    }
    return { ids: ids.subarray(0, n), impacts: impacts.subarray(0, n) };
  }

  var FORMAT = 1; /* the index format this engine reads (search/__init__.py FORMAT) */
  var MAX_WORDS = 8;
  var MAX_EXPANSIONS = 32; // terms a prefix stands for, the most frequent first
  var PREFIX_SHARDS = 3; // shards a prefix may load
  var PAGE = 10; // results shown at a time

  function Index(manifest) {
    this.manifest = manifest;
    this.shards = manifest.shards;
    this.decoded = new Map();
  }

  /* The shard whose range holds a term: the last one starting at or before it. */
  Index.prototype.shardOf = function (term) {
    var lo = 0;
    var hi = this.shards.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (this.shards[mid] <= term) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  Index.prototype.check = function (data) {
    if (data.build !== this.manifest.build) {
      throw new Error("The search index changed since this page was loaded: reload the page.");
    }
    return data;
  };

  Index.prototype.load = function (kind, numbers) {
    var self = this;
    return Promise.all(
      numbers.map(function (n) {
        return api.load(kind + "/" + n).then(function (data) {
          return self.check(data);
        });
      })
    );
  };

  /* The query's words, folded; the last is a prefix while it is being typed. */
  function parse(text) {
    var words = [];
    terms(text).forEach(function (word) {
      if (words.indexOf(word) < 0) words.push(word);
    });
    words = words.slice(0, MAX_WORDS);
    var last = words[words.length - 1];
    var typing = last !== undefined && WORD_END.test(text) && Array.from(last).length > 1;
    return { text: text, words: words, prefix: typing ? last : null };
  }

  /* Which shards a query needs: one per word, and those a prefix's range covers. */
  Index.prototype.plan = function (query) {
    var self = this;
    var wanted = {};
    var partial = false;
    if (!this.shards.length) return { shards: [], partial: false };
    query.words.forEach(function (word) {
      wanted[self.shardOf(word)] = true;
    });
    if (query.prefix) {
      var upper = query.prefix + "\uffff";
      var j = this.shardOf(query.prefix);
      for (var k = 0; j < this.shards.length && k < PREFIX_SHARDS; j++, k++) {
        if (k > 0 && this.shards[j] >= upper) break;
        wanted[j] = true;
      }
      partial = j < this.shards.length && this.shards[j] < upper && k === PREFIX_SHARDS;
    }
    return {
      shards: Object.keys(wanted).map(Number).sort(function (a, b) { return a - b; }),
      partial: partial
    };
  };

  function lowerBound(list, term) {
    var lo = 0;
    var hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /* The terms a word stands for: itself, and while typed, the terms it starts. */
  function expand(word, prefix, shards) {
    var found = [];
    var cap = false;
    shards.forEach(function (shard) {
      var at = lowerBound(shard.terms, word);
      for (; at < shard.terms.length; at++) {
        var term = shard.terms[at];
        var exact = term === word;
        if (!exact && !(prefix && term.lastIndexOf(word, 0) === 0)) break;
        found.push({ term: term, count: shard.counts[at], postings: shard.postings[at], exact: exact });
      }
    });
    found.sort(function (a, b) {
      return b.exact - a.exact || b.count - a.count || (a.term < b.term ? -1 : 1);
    });
    if (found.length > MAX_EXPANSIONS) {
      found = found.slice(0, MAX_EXPANSIONS);
      cap = true;
    }
    return { terms: found, cut: cap };
  }

  /* One word's score in every entry (0 where it is not), as a dense array over all entries,
   * and the entries that have it: its best term's impact, weighted by the term's rarity. */
  Index.prototype.score = function (expansion) {
    var entries = this.manifest.entries;
    var decoded = this.decoded;
    var scores = new Float32Array(entries);
    var members = [];
    var truncated = false;
    var single = expansion.terms.length === 1;
    /* Decoded lists are kept for the next queries, a bounded number of them. */
    if (decoded.size > 256) decoded.clear();
    expansion.terms.forEach(function (x) {
      var list = decoded.get(x.term);
      if (!list) {
        list = decode(x.postings);
        decoded.set(x.term, list);
      }
      if (x.count > list.ids.length) truncated = true;
      var weight = Math.log(1 + entries / x.count) * (x.exact ? 1 : 0.8);
      var ids = list.ids;
      var impacts = list.impacts;
      if (single) {
        /* One term: its entries are distinct already. */
        members = ids;
        for (var j = 0; j < ids.length; j++) scores[ids[j]] = impacts[j] * weight;
        return;
      }
      for (var i = 0; i < ids.length; i++) {
        var id = ids[i];
        var s = impacts[i] * weight;
        if (scores[id] === 0) members.push(id);
        if (s > scores[id]) scores[id] = s;
      }
    });
    return { scores: scores, members: members, truncated: truncated, capped: expansion.cut };
  };

  /* Rank entries. Every word is required, but for a word whose posting list was cut (a word
   * in very many entries), which cannot tell an entry without it from one it did not keep:
   * it only ranks. A prefix standing for its most frequent terms still filters. If no entry
   * has every word, those with the most of them come first. */
  Index.prototype.rank = function (query, shardData, partial) {
    var self = this;
    var words = query.words.map(function (word) {
      var shards = shardData.filter(function (s) {
        return s.number === self.shardOf(word) || (word === query.prefix && s.number >= self.shardOf(word));
      });
      var expansion = expand(word, word === query.prefix, shards);
      if (word === query.prefix && partial) expansion.cut = true;
      return self.score(expansion);
    });
    var required = words.filter(function (w) { return !w.truncated; });
    if (!required.length) required = words.slice();
    required.sort(function (a, b) { return a.members.length - b.members.length; });
    var ids = [];
    var totals = [];
    var fallback = false;
    var first = required.length ? required[0].members : [];
    next: for (var i = 0; i < first.length; i++) {
      var id = first[i];
      for (var r = 1; r < required.length; r++) if (required[r].scores[id] === 0) continue next;
      var total = 0;
      for (var w = 0; w < words.length; w++) total += words[w].scores[id];
      ids.push(id);
      totals.push(total);
    }
    if (!ids.length && words.length > 1) {
      /* Scores stay far below 1000: the number of words an entry has ranks first. */
      fallback = true;
      var union = new Float64Array(this.manifest.entries);
      words.forEach(function (word) {
        word.members.forEach(function (id) {
          if (union[id] === 0) ids.push(id);
          union[id] += 1000 + word.scores[id];
        });
      });
      totals = ids.map(function (id) { return union[id]; });
    }
    return {
      ids: ids,
      scores: totals,
      fallback: fallback,
      atLeast: words.some(function (w) { return w.truncated || w.capped; })
    };
  };

  /* The `count`-th highest score. Scores take few values (impacts times a few weights), so
   * they are counted rather than sorted: sorting many equal numbers is slow. */
  function thresholdOf(scores, count) {
    var counts = new Map();
    for (var i = 0; i < scores.length; i++) counts.set(scores[i], (counts.get(scores[i]) || 0) + 1);
    if (counts.size > 20000) return Float64Array.from(scores).sort()[scores.length - count];
    var values = Array.from(counts.keys()).sort(function (a, b) { return b - a; });
    var seen = 0;
    for (var v = 0; v < values.length; v++) {
      seen += counts.get(values[v]);
      if (seen >= count) return values[v];
    }
    return -Infinity;
  }

  /* The best `count` results, in order: highest score, then lowest entry. Only results
   * above the count's score threshold are sorted by score; the many that tie at it (a
   * common word's entries often do) are sorted by entry natively. */
  function best(ranked, count) {
    var n = ranked.ids.length;
    var scores = ranked.scores;
    var ids = ranked.ids;
    var threshold = n > 4 * count ? thresholdOf(scores, count) : -Infinity;
    var above = [];
    var tied = [];
    for (var i = 0; i < n; i++) {
      if (scores[i] > threshold) above.push(i);
      else if (scores[i] === threshold) tied.push(ids[i]);
    }
    above.sort(function (a, b) { return scores[b] - scores[a] || ids[a] - ids[b]; });
    var found = above.map(function (i) { return ids[i]; });
    if (found.length < count && tied.length) {
      var rest = Int32Array.from(tied).sort().subarray(0, count - found.length);
      found = found.concat(Array.from(rest));
    }
    return found.slice(0, count);
  }

  Index.prototype.search = function (text) {
    var self = this;
    var query = parse(text);
    if (!query.words.length) return Promise.resolve({ query: query, ids: [], scores: [] });
    var plan = this.plan(query);
    return this.load("terms", plan.shards).then(function (loaded) {
      loaded.forEach(function (data, i) { data.number = plan.shards[i]; });
      var ranked = self.rank(query, loaded, plan.partial);
      ranked.query = query;
      return ranked;
    });
  };

  /* Records as stored (codec.py `pack`): JSON, deflated, in base64. */
  function unpack(packed) {
    var binary = atob(packed);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).text().then(JSON.parse);
  }

  /* The stored records of some entries, by id. */
  Index.prototype.records = function (ids) {
    var self = this;
    var size = this.manifest.chunk;
    var chunks = [];
    ids.forEach(function (id) {
      var chunk = Math.floor(id / size);
      if (chunks.indexOf(chunk) < 0) chunks.push(chunk);
    });
    return this.load("entries", chunks)
      .then(function (loaded) {
        return Promise.all(
          loaded.map(function (data) {
            if (!data.records) data.records = unpack(data.packed);
            return data.records;
          })
        );
      })
      .then(function (unpacked) {
        var byChunk = {};
        unpacked.forEach(function (records, i) { byChunk[chunks[i]] = records; });
        return ids.map(function (id) { return byChunk[Math.floor(id / size)][id % size]; });
      });
  };

  /* ---- Results ---- */

  var CLAIM = 1;
  var PASSAGE = 2;

  function matcher(query) {
    return function (term) {
      if (query.words.indexOf(term) >= 0) return true;
      return !!query.prefix && term.lastIndexOf(query.prefix, 0) === 0;
    };
  }

  /* Text with the words a query matched in <mark>, as text nodes and elements only. */
  function highlighted(text, matches) {
    var fragment = document.createDocumentFragment();
    var pattern = new RegExp(TERM_SOURCE, "gu");
    var last = 0;
    var found;
    while ((found = pattern.exec(text))) {
      if (!terms(found[0]).some(matches)) continue;
      if (found.index > last) fragment.appendChild(document.createTextNode(text.slice(last, found.index)));
      var mark = document.createElement("mark");
      mark.textContent = found[0];
      fragment.appendChild(mark);
      last = found.index + found[0].length;
    }
    if (last < text.length) fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  function span(className, parent, content, lang) {
    var el = document.createElement("span");
    el.className = className;
    if (lang) el.setAttribute("lang", lang);
    if (typeof content === "string") el.textContent = content;
    else if (content) el.appendChild(content);
    parent.appendChild(el);
    return el;
  }

  function Results(ui, manifest) {
    this.ui = ui;
    this.index = new Index(manifest);
    this.pairs = manifest.pairs;
    this.options = [];
    this.active = -1;
    this.shown = 0;
    this.query = null;
    this.running = false;
    this.queued = null;
    this.count = 0;
  }

  /* A link to a page of the site, as this output needs it: over http the folder, on
   * file:// the folder's index.html. */
  Results.prototype.href = function (path, anchor) {
    var hash = path.indexOf("#");
    if (hash >= 0) {
      anchor = path.slice(hash + 1);
      path = path.slice(0, hash);
    }
    var url = this.ui.site + path + (this.ui.file ? "index.html" : "");
    return anchor ? url + "#" + anchor : url;
  };

  Results.prototype.option = function (href, className) {
    var link = document.createElement("a");
    link.setAttribute("role", "option");
    link.setAttribute("id", "bs-search-option-" + this.count++);
    link.setAttribute("aria-selected", "false");
    link.setAttribute("tabindex", "-1");
    link.className = "bs-result " + className;
    link.href = href;
    this.options.push(link);
    this.ui.list.appendChild(link);
    return link;
  };

  Results.prototype.show = function (record, matches) {
    var kind = record[0];
    if (kind === CLAIM) {
      var pair = this.pairs[record[1]];
      var claim = this.option(this.href("sources/" + record[7] + "/", record[8]), "bs-result--claim");
      span("bs-result__meta", claim, pair[1] + " · " + record[2]);
      span("bs-result__title", claim, highlighted(record[3], matches));
      span("bs-result__quote", claim, highlighted(record[4], matches), record[5]);
      if (record[6]) span("bs-result__text", claim, highlighted(record[6], matches), "en");
      /* record[9], for a pair that lists its claims on pages of some years each: the page
       * of the claim's (`1991-1996/`). */
      var listed = "pairs/" + pair[0] + "/" + (record[9] || "");
      var back = this.option(this.href(listed, record[8]), "bs-result--second");
      back.textContent = "On the pair page: " + pair[1] + (record[9] ? ", " + record[9].slice(0, -1).replace("-", "\u2013") : "");
    } else if (kind === PASSAGE) {
      var passage = this.option(this.href("sources/" + record[1] + "/", "_p" + record[2]), "bs-result--passage");
      span("bs-result__meta", passage, "Source text, paragraph " + record[2] + " · " + record[3]);
      span("bs-result__quote", passage, highlighted(record[4], matches), record[5]);
    } else {
      var page = this.option(this.href(record[2]), "bs-result--page");
      span("bs-result__meta", page, record[3]);
      span("bs-result__title", page, highlighted(record[1], matches));
    }
  };

  Results.prototype.status = function (text) {
    this.ui.status.textContent = text;
  };

  Results.prototype.clear = function () {
    this.ui.list.textContent = "";
    this.options = [];
    this.active = -1;
    this.shown = 0;
    this.ui.input.removeAttribute("aria-activedescendant");
    this.ui.more.hidden = true;
  };

  Results.prototype.summary = function (ranked) {
    var n = ranked.ids.length;
    var words = ranked.query.words.length;
    if (!n) return "No results for “" + ranked.query.text.trim() + "”.";
    var count = (ranked.atLeast ? "At least " : "") + n + (n === 1 ? " result" : " results");
    if (ranked.fallback) {
      count = "No result has all " + words + " words; " + n + " have some of them, the most first";
    }
    return count + (this.shown < n ? ", the first " + this.shown + " shown." : ".");
  };

  /* Show the next page of results (records are loaded for these only). */
  Results.prototype.page = function (ranked) {
    var self = this;
    var next = best(ranked, this.shown + PAGE).slice(this.shown);
    return this.index.records(next).then(function (records) {
      if (self.ranked !== ranked) return;
      var matches = matcher(ranked.query);
      records.forEach(function (record) { self.show(record, matches); });
      self.shown += next.length;
      self.ui.more.hidden = self.shown >= ranked.ids.length;
      self.ui.more.textContent = "Show more results";
      self.status(self.summary(ranked));
      self.ui.list.setAttribute("data-query", ranked.query.text);
    });
  };

  Results.prototype.run = function (text) {
    var self = this;
    if (!text.trim()) {
      this.ranked = null;
      this.clear();
      this.ui.list.setAttribute("data-query", text);
      this.ui.open(false);
      return Promise.resolve();
    }
    return this.index.search(text).then(function (ranked) {
      if (self.queued !== null) return; // a newer query is waiting: skip this one
      self.ranked = ranked;
      self.clear();
      self.ui.open(true);
      if (!ranked.ids.length) {
        self.status(self.summary(ranked));
        self.ui.list.setAttribute("data-query", text);
        return;
      }
      return self.page(ranked);
    });
  };

  /* Run the latest query; while one runs, keep only the newest one typed after it. */
  Results.prototype.input = function () {
    this.queued = this.ui.input.value;
    if (!this.running) this.pump();
  };

  Results.prototype.pump = function () {
    var self = this;
    if (this.queued === null) return;
    var text = this.queued;
    this.queued = null;
    this.running = true;
    this.run(text).then(
      function () {
        self.running = false;
        self.pump();
      },
      function (error) {
        self.running = false;
        self.clear();
        self.status(error && error.message && /reload/.test(error.message)
          ? error.message
          : "Search data could not be loaded.");
        self.ui.open(true);
        self.pump();
      }
    );
  };

  Results.prototype.activate = function (index) {
    var before = this.options[this.active];
    if (before) {
      before.setAttribute("aria-selected", "false");
      before.classList.remove("bs-result--active");
    }
    this.active = index;
    var option = this.options[index];
    if (!option) {
      this.ui.input.removeAttribute("aria-activedescendant");
      return;
    }
    option.setAttribute("aria-selected", "true");
    option.classList.add("bs-result--active");
    this.ui.input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  };

  Results.prototype.key = function (event) {
    var ui = this.ui;
    var n = this.options.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!n) return;
      event.preventDefault();
      if (ui.panel.hidden) ui.open(true);
      var step = event.key === "ArrowDown" ? 1 : -1;
      this.activate(Math.max(-1, Math.min(n - 1, this.active + step)));
    } else if (event.key === "Enter") {
      var option = this.options[this.active >= 0 ? this.active : 0];
      if (!option || ui.panel.hidden) return;
      event.preventDefault();
      option.click();
    } else if (event.key === "Escape") {
      event.preventDefault();
      if (!ui.panel.hidden) {
        ui.open(false);
        this.activate(-1);
      } else {
        ui.input.value = "";
        this.input();
        ui.input.blur();
      }
    }
  };

  Results.prototype.attach = function () {
    var self = this;
    var ui = this.ui;
    ui.input.addEventListener("input", function () { self.input(); });
    ui.input.addEventListener("keydown", function (event) { self.key(event); });
    ui.input.addEventListener("focus", function () {
      if (self.options.length || ui.status.textContent) ui.open(!!ui.input.value.trim());
    });
    ui.more.addEventListener("click", function () {
      if (self.ranked) self.page(self.ranked);
    });
    ui.list.addEventListener("click", function () {
      ui.open(false); // a link to this page's own passage changes only the hash
    });
    ui.list.addEventListener("pointermove", function (event) {
      var option = event.target.closest && event.target.closest("[role=option]");
      var at = self.options.indexOf(option);
      if (at >= 0 && at !== self.active) self.activate(at);
    });
    ui.root.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !ui.root.contains(event.relatedTarget)) ui.open(false);
    });
    ui.status.textContent = "";
    if (ui.input.value.trim()) this.input();
  };

  api.engine({
    fold: fold,
    terms: terms,
    decode: decode,
    unpack: unpack,
    best: best,
    parse: parse,
    Index: Index,
    attach: function (ui, manifest) {
      if (manifest.format !== FORMAT) {
        ui.status.textContent = "The search index changed since this page was loaded: reload the page.";
        ui.open(true);
        return null;
      }
      var results = new Results(ui, manifest);
      results.attach();
      this.results = results;
      return results;
    }
  });
})();
