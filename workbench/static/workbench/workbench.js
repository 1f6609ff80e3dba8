// Keyboard-first alignment editor: focus a bead, press one key per operation.
// The server renders everything; this file only moves the focus, fills the hidden fields
// of the operations form and asks htmx for small fragments (forms, history).
(function () {
  "use strict";

  const $ = (selector, root) => (root || document).querySelector(selector);
  const rows = () => Array.from(document.querySelectorAll("#editor-main li.bead"));
  let current = null;
  let editing = null; // {form, original}: the sentence being edited and its former node

  function setField(id, value) {
    const field = document.getElementById(id);
    if (field) field.value = value;
  }

  function focusRow(row, moveFocus) {
    if (!row) return;
    rows().forEach((r) => {
      r.classList.remove("focused");
      r.removeAttribute("aria-current");
    });
    row.classList.add("focused");
    row.setAttribute("aria-current", "true");
    setField("ops-bead", row.dataset.bead);
    setField("ops-revision", row.dataset.revision);
    setField("ops-index", String(rows().indexOf(row)));
    const changed = current !== row;
    current = row;
    if (moveFocus !== false) row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
    // An open history follows the focus; a split form belongs to its bead and closes.
    if (changed && $("#side-panel .history")) loadPanel("history");
    else if (changed && $("#side-panel .split-form")) panel().innerHTML = "";
  }

  function initFocus(moveFocus) {
    const main = $("#editor-main");
    if (!main) return;
    const list = rows();
    current = null;
    if (!list.length) {
      setField("ops-bead", "");
      setField("ops-revision", "");
      return;
    }
    let row = main.dataset.focusBead && document.getElementById("bead-" + main.dataset.focusBead);
    if (!row) {
      const index = parseInt(main.dataset.focusIndex || "0", 10) || 0;
      row = list[Math.min(Math.max(index, 0), list.length - 1)];
    }
    focusRow(row, moveFocus);
  }

  function move(step) {
    const list = rows();
    if (!list.length) return;
    const index = current ? list.indexOf(current) : -1;
    const next = list[Math.min(Math.max(index + step, 0), list.length - 1)];
    focusRow(next);
  }

  function button(selector) {
    const found = $("#bead-ops " + selector);
    return found && !found.disabled ? found : null;
  }

  function buttonForKey(key) {
    return Array.from(document.querySelectorAll("#bead-ops [data-key]")).find(
      (b) => b.dataset.key.split(" ").includes(key) && !b.disabled
    );
  }

  function panel() {
    return $("#side-panel");
  }

  function closePanel() {
    const side = panel();
    if (side) side.innerHTML = "";
    if (current) current.focus({ preventScroll: true });
  }

  function loadPanel(kind) {
    const main = $("#editor-main");
    if (!main || !current || !window.htmx) return;
    const template = kind === "split" ? main.dataset.splitUrl : main.dataset.historyUrl;
    const url = template.replace("/0/", "/" + current.dataset.bead + "/");
    window.htmx.ajax("GET", url, { target: "#side-panel", swap: "innerHTML" }).then(() => {
      // The split form takes the keyboard; the history is only read, so j/k keep working.
      const first = kind === "split" && $("#side-panel select");
      if (first) first.focus({ preventScroll: true });
    });
  }

  function cancelEdit() {
    if (editing && editing.form.isConnected) editing.form.replaceWith(editing.original);
    editing = null;
    if (current) current.focus({ preventScroll: true });
  }

  function openEdit(sentence) {
    if (!sentence || !window.htmx || $("#editor-main").dataset.canEdit !== "1") return;
    if (editing) cancelEdit();
    const row = sentence.closest("li.bead");
    if (row && row !== current) focusRow(row, false);
    const original = sentence.cloneNode(true);
    window.htmx.ajax("GET", sentence.dataset.editUrl, { target: sentence, swap: "outerHTML" })
      .then(() => {
        const form = row ? $(".sentence-edit", row) : $(".sentence-edit");
        if (!form) return;
        editing = { form: form, original: original };
        const area = $("textarea", form);
        area.focus();
        area.setSelectionRange(area.value.length, area.value.length);
      });
  }

  function editSide(side) {
    if (current) openEdit($(".side." + side + " .sent", current));
  }

  function showShortcuts() {
    const dialog = $("#shortcuts");
    if (dialog && !dialog.open) dialog.showModal();
  }

  const actions = {
    split: () => loadPanel("split"),
    history: () => loadPanel("history"),
    "edit-src": () => editSide("src"),
    "edit-tgt": () => editSide("tgt"),
    "cancel-edit": cancelEdit,
    "close-panel": closePanel,
    shortcuts: showShortcuts,
  };

  document.addEventListener("click", (event) => {
    const trigger = event.target.closest("[data-action]");
    if (trigger && actions[trigger.dataset.action]) {
      event.preventDefault();
      actions[trigger.dataset.action]();
      return;
    }
    const row = event.target.closest("#editor-main li.bead");
    if (row && !event.target.closest("form")) focusRow(row);
  });

  document.addEventListener("dblclick", (event) => {
    const sentence = event.target.closest("#editor-main .sent");
    if (sentence) openEdit(sentence);
  });

  function onTypingKey(event) {
    const target = event.target;
    if (target.matches(".sentence-edit textarea")) {
      if (event.key === "Escape") {
        event.preventDefault();
        cancelEdit();
      } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        target.form.requestSubmit();
      }
    } else if (event.key === "Escape" && target.closest("#side-panel")) {
      event.preventDefault();
      closePanel();
    }
  }

  function onControlKey(event) {
    const key = event.key.toLowerCase();
    const undo = key === "z" && !event.shiftKey;
    const redo = key === "y" || (key === "z" && event.shiftKey);
    const target = undo ? button('[value="undo"]') : redo ? button('[value="redo"]') : null;
    if (target) {
      event.preventDefault();
      target.click();
    }
  }

  const motion = {
    j: () => move(1),
    ArrowDown: () => move(1),
    k: () => move(-1),
    ArrowUp: () => move(-1),
    Home: () => focusRow(rows()[0]),
    End: () => focusRow(rows()[rows().length - 1]),
    PageDown: () => $('#editor-main [data-pager="next"]')?.click(),
    PageUp: () => $('#editor-main [data-pager="prev"]')?.click(),
    "/": () => $("#f-search")?.focus(),
    Escape: closePanel,
  };

  document.addEventListener("keydown", (event) => {
    if (!$("#editor-main") || event.altKey || event.metaKey || event.isComposing) return;
    const target = event.target;
    if (target.matches("input, textarea, select, [contenteditable]")) return onTypingKey(event);
    if ($("dialog[open]")) return;
    if (current && !current.isConnected) initFocus(false);
    if (event.ctrlKey) return onControlKey(event);
    // Enter and Space keep their usual meaning on buttons, links and summaries.
    if ((event.key === "Enter" || event.key === " ") && target.matches("button, a, summary")) {
      return;
    }
    if (motion[event.key]) {
      event.preventDefault();
      motion[event.key]();
      return;
    }
    let key = event.key;
    if (key === "c" && current && current.dataset.state === "confirmed") key = "x";
    const target_button = buttonForKey(key);
    if (target_button) {
      event.preventDefault();
      target_button.click();
    }
  });

  // Splitting a sentence cuts where the cursor is in its text box.
  document.addEventListener("htmx:configRequest", (event) => {
    const form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest(".sentence-edit");
    const field = form && $("[data-cursor-of]", form);
    const area = field && document.getElementById(field.dataset.cursorOf);
    if (area) event.detail.parameters.offset = String(area.selectionStart);
  });

  document.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target && event.detail.target.id === "editor-main") {
      const from = event.detail.requestConfig && event.detail.requestConfig.elt;
      if (from && from.closest && from.closest("#side-panel")) panel().innerHTML = "";
      editing = null;
      initFocus(true);
    }
  });

  document.addEventListener("DOMContentLoaded", () => initFocus(true));
})();
