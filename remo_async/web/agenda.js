// agenda.js — the "Reminders" region (an agenda grouped by day in each reminder's own
// zone: Today, Tomorrow, then dates) and the "Todos" region (grouped by category, with
// priority). Each item is a list item with buttons whose names begin with what they do:
// "Done", "Snooze" (a default SNOOZE_MINUTES), "Cancel", "Edit".

import { request, userPath } from "./api.js";
import { dayKey, dayLabel, timeLabel } from "./dates.js";
import { notice } from "./notices.js";

export const SNOOZE_MINUTES = 10;
const state = { reminders: [], todos: [] };

async function allPages(path) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < 10; page += 1) {
    const query = cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path;
    const answer = await request("GET", query);
    items.push(...answer.items);
    cursor = answer.next_cursor;
    if (!cursor) break;
  }
  return items;
}

/** Reads both lists again and draws them. */
export async function refresh() {
  const [reminders, todos] = await Promise.all([
    allPages(`${userPath("reminders")}?status=pending,fired&order=due&limit=100`),
    allPages(`${userPath("todos")}?status=pending&order=priority&limit=100`),
  ]);
  state.reminders = reminders;
  state.todos = todos;
  draw();
}

/** A reminder changed elsewhere (a live fire): replaces it and draws again. */
export function updateReminder(reminder) {
  const others = state.reminders.filter((r) => r.reminder_id !== reminder.reminder_id);
  state.reminders = [...others, reminder].sort((a, b) =>
    a.reminding_time === b.reminding_time
      ? a.reminder_id.localeCompare(b.reminder_id)
      : a.reminding_time.localeCompare(b.reminding_time));
  draw();
}

function button(label, name, action) {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = label;
  element.setAttribute("aria-label", name);
  element.addEventListener("click", action);
  return element;
}

async function act(what, call, regionId) {
  try {
    await call();
    notice(what);
    await refresh();
  } catch (failure) {
    notice(`${what} failed: ${failure.message}`, { kind: "error" });
  }
  document.querySelector(`#${regionId} h2`).focus();
}

function editForm(item, fields, save) {
  const form = document.getElementById("edit-form").content.firstElementChild.cloneNode(true);
  for (const label of form.querySelectorAll("label")) {
    const input = label.querySelector("input, select");
    if (!(input.name in fields)) label.remove();
    else input.value = fields[input.name] ?? "";
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    await save(values);
  });
  form.querySelector(".discard").addEventListener("click", () => draw());
  item.append(form);
  form.querySelector("input").focus();
}

function reminderItem(reminder) {
  const path = userPath("reminders", reminder.reminder_id);
  const title = reminder.title;
  const item = document.createElement("li");
  item.className = `reminder ${reminder.status}`;
  item.dataset.id = reminder.reminder_id;
  const when = document.createElement("time");
  when.dateTime = reminder.reminding_time;
  when.textContent = timeLabel(reminder.reminding_time, reminder.timezone);
  const text = document.createElement("span");
  text.className = "title";
  text.textContent = title;
  const status = document.createElement("span");
  status.className = "status";
  status.textContent = reminder.status === "fired" ? "went off" : "";
  if (reminder.recurrence) status.textContent += " repeats";
  const actions = document.createElement("span");
  actions.className = "actions";
  const region = "reminders";
  actions.append(
    button("Done", `Done: ${title}`, () =>
      act(`Done: ${title}`, () => request("PATCH", path, { status: "done" }), region)),
    button(`Snooze ${SNOOZE_MINUTES} min`, `Snooze ${SNOOZE_MINUTES} minutes: ${title}`, () =>
      act(`Snoozed ${SNOOZE_MINUTES} minutes: ${title}`,
        () => request("POST", `${path}/snooze`, { minutes: SNOOZE_MINUTES }), region)),
    button("Cancel", `Cancel reminder: ${title}`, () =>
      act(`Cancelled: ${title}`, () => request("PATCH", path, { status: "cancelled" }), region)),
    button("Edit", `Edit: ${title}`, () =>
      editForm(item, { title, when: reminder.reminding_time }, (values) =>
        act(`Saved: ${values.title}`, () => request("PATCH", path, {
          title: values.title,
          ...(values.when && values.when !== reminder.reminding_time
            ? { reminding_time: values.when } : {}),
        }), region))),
  );
  item.append(when, " ", text, " ", status, actions);
  return item;
}

function todoItem(todo) {
  const path = userPath("todos", todo.todo_id);
  const item = document.createElement("li");
  item.className = `todo ${todo.priority}`;
  item.dataset.id = todo.todo_id;
  const text = document.createElement("span");
  text.className = "title";
  text.textContent = todo.title;
  const priority = document.createElement("span");
  priority.className = `priority ${todo.priority}`;
  priority.textContent = todo.priority;
  const parts = [priority, " ", text];
  if (todo.due_date) {
    const due = document.createElement("span");
    due.className = "due";
    due.textContent = `due ${todo.due_date.length === 10 ? todo.due_date
      : new Date(todo.due_date).toLocaleString()}`;
    parts.push(" ", due);
  }
  const actions = document.createElement("span");
  actions.className = "actions";
  actions.append(
    button("Done", `Done: ${todo.title}`, () =>
      act(`Done: ${todo.title}`, () => request("PATCH", path, { status: "done" }), "todos")),
    button("Edit", `Edit: ${todo.title}`, () =>
      editForm(item, {
        title: todo.title, priority: todo.priority, category: todo.category,
      }, (values) => act(`Saved: ${values.title}`, () => request("PATCH", path, {
        title: values.title, priority: values.priority, category: values.category || null,
      }), "todos"))),
  );
  item.append(...parts, actions);
  return item;
}

function group(container, label, items) {
  const heading = document.createElement("h3");
  heading.textContent = label;
  const list = document.createElement("ul");
  list.setAttribute("aria-label", label);
  list.append(...items);
  container.append(heading, list);
}

function empty(container, text) {
  const line = document.createElement("p");
  line.className = "empty";
  line.textContent = text;
  container.append(line);
}

/** Draws both regions from the state. */
export function draw() {
  const reminders = document.getElementById("reminder-groups");
  reminders.replaceChildren();
  const days = new Map();
  for (const reminder of state.reminders) {
    const key = dayKey(reminder.reminding_time, reminder.timezone);
    const label = dayLabel(key, reminder.timezone);
    if (!days.has(label)) days.set(label, []);
    days.get(label).push(reminderItem(reminder));
  }
  for (const [label, items] of days) group(reminders, label, items);
  if (!days.size) empty(reminders, "Nothing planned. Ask Remo: “remind me tomorrow at 9 to …”");

  const todos = document.getElementById("todo-groups");
  todos.replaceChildren();
  const categories = new Map();
  for (const todo of state.todos) {
    const label = todo.category || "No category";
    if (!categories.has(label)) categories.set(label, []);
    categories.get(label).push(todoItem(todo));
  }
  const names = [...categories.keys()].sort((a, b) =>
    (a === "No category") - (b === "No category") || a.localeCompare(b));
  for (const name of names) group(todos, name, categories.get(name));
  if (!categories.size) empty(todos, "No open todos. Ask Remo: “add buy milk to my todos”");
}
