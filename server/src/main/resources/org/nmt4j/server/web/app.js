// The nmt4j translation page: fills the model list from /v1/models, posts the text to
// /v1/translate, and shows each translation with its log-probability.
"use strict";

const $ = (id) => document.getElementById(id);

function setStatus(message, isError) {
  $("status").textContent = message;
  $("status").className = isError ? "status error" : "status";
}

async function loadModels() {
  try {
    const response = await fetch("v1/models");
    const body = await response.json();
    const select = $("model");
    select.replaceChildren();
    for (const m of body.models) {
      const option = document.createElement("option");
      option.value = m.name;
      option.textContent = m.name;
      select.appendChild(option);
    }
    if (!body.ready) {
      setStatus("The models are still loading.", false);
    }
  } catch (e) {
    setStatus("Cannot list the models: " + e.message, true);
  }
}

function request() {
  const texts = $("source").value.split("\n").map((s) => s.trim()).filter((s) => s.length > 0);
  const body = { model: $("model").value, texts: texts };
  if ($("method-sample").checked) {
    body.method = "sample";
    body.temperature = Number($("temperature").value);
    body.top_k = Number($("top-k").value);
    body.top_p = Number($("top-p").value);
    body.n_samples = Number($("n-samples").value);
    if ($("seed").value !== "") {
      body.seed = Number($("seed").value);
    }
  }
  return body;
}

function item(t) {
  const li = document.createElement("li");
  const text = document.createElement("span");
  text.className = "text";
  text.textContent = t.text;
  const score = document.createElement("span");
  score.className = "score";
  score.textContent = "log p = " + t.log_probability.toFixed(4)
      + (t.complete ? "" : " (cut at the length limit)");
  li.append(text, score);
  return li;
}

async function translate(event) {
  event.preventDefault();
  const body = request();
  if (body.texts.length === 0) {
    setStatus("Type a sentence first.", true);
    return;
  }
  setStatus("Translating…", false);
  $("translation").replaceChildren();
  try {
    const response = await fetch("v1/translate", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) {
      setStatus(answer.error ? answer.error.message : "HTTP " + response.status, true);
      return;
    }
    for (const t of answer.translations) {
      const li = item(t);
      if (t.samples) {
        const list = document.createElement("ul");
        list.className = "samples";
        for (const s of t.samples.slice(1)) {
          list.appendChild(item(s));
        }
        li.appendChild(list);
      }
      $("translation").appendChild(li);
    }
    setStatus("Done.", false);
  } catch (e) {
    setStatus("Translation failed: " + e.message, true);
  }
}

for (const radio of document.querySelectorAll("input[name=method]")) {
  radio.addEventListener("change", () => { $("sampling").hidden = !$("method-sample").checked; });
}
$("form").addEventListener("submit", translate);
loadModels();
