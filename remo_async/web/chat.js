// chat.js — the conversation (a `log` region named "Conversation", newest at the bottom)
// and the chat box (textbox "Message Remo", button "Send").

import { request, userPath } from "./api.js";
import { notice } from "./notices.js";

const log = () => document.getElementById("conversation");

function append(role, text) {
  const line = document.createElement("p");
  line.className = `turn ${role}`;
  const who = document.createElement("span");
  who.className = "speaker";
  who.textContent = role === "user" ? "You" : "Remo";
  const said = document.createElement("span");
  said.className = "said";
  said.textContent = text;
  line.append(who, said);
  log().append(line);
  log().scrollTop = log().scrollHeight;
}

/** Loads the latest messages (oldest first within the page, as the API answers them). */
export async function loadHistory() {
  log().replaceChildren();
  const page = await request("GET", `${userPath("conversation")}?limit=50`);
  for (const message of page.items) append(message.role, message.content);
}

/** Wires the chat box; onActions(actions) runs after an answer that acted on something. */
export function setUpChat(onActions) {
  const form = document.getElementById("chat-form");
  const input = document.getElementById("message");
  let sending = false;
  form.onsubmit = async (event) => {
    event.preventDefault();
    const message = input.value.trim();
    if (!message || sending) return;
    sending = true;
    input.value = "";
    append("user", message);
    try {
      const answer = await request("POST", "/chat", { message });
      append("assistant", answer.response);
      if (answer.actions?.length) await onActions(answer.actions);
    } catch (failure) {
      notice(`Remo could not answer: ${failure.message}`, { kind: "error" });
      input.value = message;
    } finally {
      sending = false;
      input.focus();
    }
  };
}
