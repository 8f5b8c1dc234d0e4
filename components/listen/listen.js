// Listens for changes of the tasks a fragment shows (issue 28): a WebSocket to the studio's route
// /api/studio/task-events (server.py). The first message is the signed subscription token; the server answers with
// the current stamp of each task, then each change. When a stamp differs from what the fragment last drew (`drawn`),
// the component sets a trigger, and Streamlit reruns that fragment only. A lost connection is opened again by
// itself, and the stamps sent on connecting show what changed while it was away.
// The fragment has no tick of its own while it listens: this component is its safety net. Every `safety` seconds
// after a drawing it asks for a rerun if the connection is down (or never came up, or has been silent longer than
// the server's pings allow), or if a change it heard was not drawn (its reruns swallowed); after such a rerun made
// without the connection, it asks once more when the connection is back (an outage shown meanwhile is cleared).

const WAITS = [500, 1000, 2000, 4000, 8000]; // ms before reconnecting, growing while it keeps failing
const REFUSED_TOKEN = 4401;
const SESSION_CLOSED = 4403;
const TRY_AGAIN_LATER = 1013; // the history database is away: the fragment's rerun shows it
const LINGER = 2000; // ms a connection outlives its component, in case the next run draws it again
const RETRY = 3000; // ms without a new drawing after asking for one before asking again
const MAX_TRIES = 3; // asks per stamp at most (the safety tick is the last resort)
const memory = (window.__studioListen = window.__studioListen || new Map()); // key -> listener state
// Streamlit sends the widget changes made in one task of the page's event loop as one rerun that names one fragment:
// when two listeners (the panel and the sidebar's notice, say) hear the same end at once, the second one's fragment
// would never rerun (its picture waited for the retry, 3 s; or for the safety tick once the retries were lost too).
// Every ask goes out on its own, one task of the event loop after the one before.
const outbox = (window.__studioListenOutbox = window.__studioListenOutbox || { queue: [] });

function send(s, value) {
  outbox.queue.push([s, value]);
  if (outbox.queue.length === 1) pump();
}

function pump() {
  const [s, value] = outbox.queue[0];
  try {
    if (s.trigger) s.trigger("changed", value); // unmounted meanwhile: its next drawing checks what it missed
  } finally {
    // The next ask after Streamlit's own flush of this one (scheduled with the same zero delay, so before this),
    // whatever this one did: a stuck outbox would silence every listener of the page.
    setTimeout(() => {
      outbox.queue.shift();
      if (outbox.queue.length) pump();
    }, 0);
  }
}

function address(path) {
  const url = new URL(path, window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

function check(s) {
  // Ask for a rerun when a task's newest stamp differs from what the page drew; once per stamp, so a page that
  // draws something else than the server reads (it should not happen) cannot rerun without end.
  if (s.waiting || !s.trigger) return;
  for (const [task, stamp] of Object.entries(s.latest)) {
    if (task in s.drawn && s.drawn[task] !== stamp && s.asked[task] !== stamp) {
      s.asked[task] = stamp;
      s.waiting = true;
      s.askedAt = Date.now();
      s.triggers = (s.triggers || 0) + 1;
      send(s, { task, stamp, n: s.triggers });
      // The rerun asked for can be swallowed (a whole-page rerun starting at the same moment), and a drawing with
      // the same data may not call this component again: without a drawing soon, ask once more.
      clearTimeout(s.retry);
      const tries = (s.tries[task + " " + stamp] = (s.tries[task + " " + stamp] || 0) + 1);
      s.retry = setTimeout(() => {
        if (!s.waiting || s.closed || tries >= MAX_TRIES) return;
        s.waiting = false;
        delete s.asked[task];
        check(s);
      }, RETRY);
      return;
    }
  }
}

function ask(s, why) {
  if (!s.trigger) return false; // not drawn now: the next drawing is a run of its own
  s.askedAt = Date.now();
  s.triggers = (s.triggers || 0) + 1;
  send(s, { task: null, stamp: why, n: s.triggers });
  return true;
}

// Streamlit's own code for what the fragment is about to draw (its picture), loaded ahead from beside its main
// script: the same address as its own lazy load, so the browser loads and runs it once.
const preloaded = (window.__studioPreloaded = window.__studioPreloaded || new Set());
function preload(names) {
  const main = document.querySelector('script[src*="static/js/index."]');
  if (!main || !names) return;
  for (const name of names) {
    const url = new URL(name, main.src).href;
    if (preloaded.has(url)) continue;
    preloaded.add(url);
    import(url).catch(() => {}); // eslint-disable-line no-unused-expressions
  }
}

function alive(s) {
  return s.connected && Date.now() - s.heardAt < s.alive;
}

function behind(s) {
  return Object.entries(s.latest).some(([task, stamp]) => task in s.drawn && s.drawn[task] !== stamp);
}

function armSafety(s) {
  clearTimeout(s.safetyTimer);
  s.safetyTimer = setTimeout(() => {
    if (s.closed) return;
    if (!alive(s)) {
      if (s.socket && s.connected) s.socket.close(); // silent too long: open a new one (onclose reconnects)
      s.missed = true;
      ask(s, "safety");
    } else if (behind(s) && Date.now() - (s.askedAt || 0) >= s.safety) {
      ask(s, "behind"); // asked for long ago and still not drawn
    }
    armSafety(s);
  }, s.safety);
}

function connect(s) {
  clearTimeout(s.timer);
  const socket = new WebSocket(address(s.path));
  s.socket = socket;
  socket.onopen = () => socket.send(s.token);
  socket.onmessage = (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (error) {
      return;
    }
    s.heardAt = Date.now();
    if (message.stamps) {
      const back = !s.connected;
      s.failures = 0;
      s.connected = true;
      Object.assign(s.latest, heeded(s, message.stamps));
      if (back && s.missed) {
        if (ask(s, "back")) s.missed = false; // drawn while the connection was down: draw again now it is back
      } else {
        check(s);
      }
    }
  };
  socket.onclose = (event) => {
    if (s.socket !== socket || s.closed) return;
    s.connected = false;
    const wait = WAITS[Math.min(s.failures, WAITS.length - 1)];
    s.failures += 1;
    if ((event.code === REFUSED_TOKEN || event.code === SESSION_CLOSED) && !s.waiting) {
      s.waiting = true; // a token too old (the tab slept): a rerun of the fragment issues a fresh one
      ask(s, "token");
    } else if (event.code === TRY_AGAIN_LATER && !s.missed) {
      s.missed = true; // a rerun now shows the outage; once the connection is back, another clears it
      ask(s, "away");
    }
    s.timer = setTimeout(() => connect(s), wait);
  };
}

// A listener told `endsOnly` (a fragment that shows no progress: the sidebar's notice) compares stamps without their
// progress part ("state|progress|pictures|…"), so a task's progress never reruns it.
function heeded(s, stamps) {
  if (!s.endsOnly) return stamps;
  const out = {};
  for (const [task, stamp] of Object.entries(stamps)) {
    const parts = String(stamp).split("|");
    if (parts.length > 1) parts.splice(1, 1);
    out[task] = parts.join("|");
  }
  return out;
}

export default function ({ data, setTriggerValue }) {
  let s = memory.get(data.key);
  const names = data.tasks.join(" ");
  if (!s) {
    s = { key: data.key, latest: {}, asked: {}, tries: {}, failures: 0, waiting: false, closed: false, drawings: 0 };
    memory.set(data.key, s);
  }
  clearTimeout(s.ending); // drawn again: the cleanup of the run before was not a goodbye
  const drawing = (s.drawings += 1);
  s.trigger = setTriggerValue;
  s.token = data.token;
  s.path = data.path;
  s.endsOnly = !!data.endsOnly;
  s.drawn = heeded(s, data.drawn);
  s.safety = data.safety * 1000;
  s.alive = data.alive * 1000;
  s.waiting = false; // this run drew the page afresh
  clearTimeout(s.retry);
  armSafety(s);
  preload(data.preload);
  // A new subscription only when a task is named that the open one does not hear (tasks that ended drop out of the
  // fragment's list: the open connection is kept). Nothing to hear (no token): no connection, the safety net alone.
  const heard = new Set(s.names ? s.names.split(" ") : []);
  if (!data.token) {
    // Nothing to hear (or the database away): no connection, and the net asks for a rerun every `safety`.
    s.closed = false;
    s.names = "";
    clearTimeout(s.timer);
    if (s.socket) {
      const old = s.socket;
      s.socket = null;
      s.connected = false;
      old.close();
    }
  } else if (!s.socket || s.closed || data.tasks.some((task) => !heard.has(task))) {
    s.closed = false;
    s.names = names;
    s.latest = {};
    s.asked = {};
    s.tries = {};
    if (s.socket) {
      const old = s.socket;
      s.socket = null;
      old.close();
    }
    connect(s);
  } else {
    check(s);
  }
  return () => {
    // Streamlit calls this before each new drawing too: only when none follows soon (the fragment shows no
    // unfinished task any more, or the page changed) is the connection closed. A drawing at a new place can come
    // before the old one's cleanup: a cleanup whose drawing is no longer the newest closes nothing.
    if (drawing !== s.drawings) return;
    // Unmounted: its fragment may be gone already (a page switch), and a rerun asked for a gone fragment is dropped
    // by the server while the page's own run goes on (once, the Edit page then stayed blank). Until the next
    // drawing nothing is asked; what was heard meanwhile is checked then.
    s.trigger = null;
    clearTimeout(s.ending);
    s.ending = setTimeout(() => {
      if (drawing !== s.drawings) return;
      s.closed = true;
      clearTimeout(s.timer);
      clearTimeout(s.retry);
      clearTimeout(s.safetyTimer);
      if (s.socket) s.socket.close();
      s.socket = null;
      if (memory.get(s.key) === s) memory.delete(s.key);
    }, LINGER);
  };
}
