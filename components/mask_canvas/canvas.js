// The mask canvas: brush, eraser, rectangle and polygon over the picture; undo, redo and clear.
//
// What is painted lives here, in the page, per canvas id, and is sent to Python after every change, as JSON text
// (Python checks its size and nesting before decoding it). A rerun only says which tool and brush size the *next*
// stroke uses: it never touches what is painted nor a stroke in progress (that stroke keeps the brush it began
// with). Painting works from the first moment, before the picture has loaded. Points are kept in canvas units (the
// canvas's nominal size), whatever size it is shown at.

const PAINT = "rgb(255, 30, 90)";
const CLOSE_PX = 12; // a click this near the first corner closes a polygon (screen pixels)
const memory = (window.__studioMaskCanvas = window.__studioMaskCanvas || new Map()); // canvas id -> its state

const round = (v) => Math.round(v * 10) / 10;

// The strokes of the drawing Python gives back (the last it accepted, as the JSON text this page sent).
function savedStrokes(drawing) {
  try {
    const value = typeof drawing === "string" ? JSON.parse(drawing) : drawing;
    return value && Array.isArray(value.strokes) ? value.strokes : [];
  } catch (error) {
    return [];
  }
}

// This canvas's state. A state made from what Python gave back, and not painted on since, follows what Python
// gives back: a canvas drawn afresh may first be handed an older drawing (its element as it stood) and then the
// newest one.
function stateFor(data) {
  let s = memory.get(data.id);
  if (!s) {
    s = { strokes: [], past: [], future: [], live: null, corners: null, hover: null, sent: 0, saved: undefined };
    memory.set(data.id, s);
  }
  if (s.sent === 0 && !s.past.length && !s.live && !s.corners && s.saved !== data.drawing) {
    s.saved = data.drawing;
    s.strokes = savedStrokes(data.drawing);
  }
  return s;
}

function drawStroke(ctx, stroke) {
  const pts = stroke.points;
  ctx.save();
  ctx.globalCompositeOperation = stroke.tool === "eraser" ? "destination-out" : "source-over";
  ctx.fillStyle = ctx.strokeStyle = PAINT;
  if (stroke.tool === "rect") {
    const [[x0, y0], [x1, y1]] = pts;
    ctx.fillRect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
  } else if (stroke.tool === "poly") {
    ctx.beginPath();
    pts.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
    ctx.closePath();
    ctx.fill();
  } else if (pts.length === 1) {
    ctx.beginPath();
    ctx.arc(pts[0][0], pts[0][1], stroke.width / 2, 0, Math.PI * 2);
    ctx.fill();
  } else {
    ctx.lineWidth = stroke.width;
    ctx.lineCap = ctx.lineJoin = "round";
    ctx.beginPath();
    pts.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
    ctx.stroke();
  }
  ctx.restore();
}

export default function ({ parentElement, data, setStateValue }) {
  const root = parentElement.querySelector(".mc");
  // Listeners are bound once per element and read the newest data from here: a rerun changes the tool and brush
  // for the next stroke, and never leaves a second set of listeners painting with the old ones.
  const now = (root.__mcNow = root.__mcNow || {});
  now.data = data;
  now.setStateValue = setStateValue;
  if (!root.__mcRender) bind(root, now);
  root.__mcRender();
  return root.__mcCleanup;
}

function bind(root, now) {
  const frame = root.querySelector(".mc-frame");
  const picture = root.querySelector(".mc-picture");
  const paint = root.querySelector(".mc-paint");
  const live = root.querySelector(".mc-live");
  const cursor = root.querySelector(".mc-cursor");
  const undoButton = root.querySelector(".mc-undo");
  const redoButton = root.querySelector(".mc-redo");
  const clearButton = root.querySelector(".mc-clear");
  const status = root.querySelector(".mc-status");
  const paintCtx = paint.getContext("2d");
  const liveCtx = live.getContext("2d");
  let W = 1;
  let H = 1;
  let s = null; // this canvas's strokes and history (see stateFor)
  let tool = "brush";
  let brush = 40;

  const send = () => {
    s.sent += 1;
    now.setStateValue("drawing", JSON.stringify({ width: W, height: H, strokes: s.strokes, rev: s.sent }));
  };
  const redraw = () => {
    paintCtx.clearRect(0, 0, W, H);
    for (const stroke of s.strokes) drawStroke(paintCtx, stroke);
    if (s.live && (s.live.tool === "brush" || s.live.tool === "eraser")) drawStroke(paintCtx, s.live);
  };
  const drawLive = () => {
    liveCtx.clearRect(0, 0, W, H);
    if (s.live && s.live.tool === "rect") drawStroke(liveCtx, s.live);
    if (!s.corners) return;
    const pts = s.hover ? s.corners.concat([s.hover]) : s.corners;
    if (pts.length >= 3) drawStroke(liveCtx, { tool: "poly", points: pts });
    liveCtx.save();
    liveCtx.strokeStyle = PAINT;
    liveCtx.lineWidth = 2;
    liveCtx.beginPath();
    pts.forEach(([x, y], i) => (i ? liveCtx.lineTo(x, y) : liveCtx.moveTo(x, y)));
    liveCtx.stroke();
    liveCtx.fillStyle = "#fff";
    for (const [x, y] of s.corners) liveCtx.fillRect(x - 3, y - 3, 6, 6);
    liveCtx.restore();
  };
  const refresh = () => {
    undoButton.disabled = !(s.past.length || s.corners);
    redoButton.disabled = !s.future.length;
    clearButton.disabled = !s.strokes.length;
    const n = s.strokes.length;
    const c = s.corners ? s.corners.length : 0;
    status.textContent = c
      ? `${c} corner${c === 1 ? "" : "s"}: click the first one, double-click or press Enter to close; Esc drops it`
      : n ? `${n} mark${n === 1 ? "" : "s"}` : "";
  };
  const change = (strokes) => {
    s.past.push(s.strokes);
    s.strokes = strokes;
    s.future = [];
    redraw();
    refresh();
    send();
  };
  const commit = (stroke) => change(s.strokes.concat([stroke]));
  const closePolygon = () => {
    const corners = s.corners;
    s.corners = null;
    s.hover = null;
    drawLive();
    if (corners && corners.length >= 3) commit({ tool: "poly", width: 1, points: corners });
    else refresh();
  };
  const finishLive = () => {
    const stroke = s.live;
    s.live = null;
    drawLive();
    if (stroke) commit(stroke);
  };

  const render = () => {
    const data = now.data;
    s = stateFor(data);
    tool = data.tool;
    brush = data.brush;
    W = data.width;
    H = data.height;
    // Shown at the column's width, never wider than its nominal size nor taller than most of the window.
    frame.style.aspectRatio = `${W} / ${H}`;
    frame.style.width = `min(100%, ${W}px, calc(75vh * ${W / H}))`;
    frame.classList.toggle("mc-shape", tool === "rect" || tool === "poly");
    root.dataset.tool = tool; // what the next stroke uses (tests wait for a chosen tool to arrive)
    root.dataset.brush = String(brush);
    if (picture.getAttribute("src") !== data.picture) picture.src = data.picture;
    const dpr = window.devicePixelRatio || 1;
    for (const layer of [paint, live]) {
      if (layer.width !== Math.round(W * dpr) || layer.height !== Math.round(H * dpr)) {
        layer.width = Math.round(W * dpr);
        layer.height = Math.round(H * dpr);
      }
    }
    paintCtx.setTransform(dpr, 0, 0, dpr, 0, 0);
    liveCtx.setTransform(dpr, 0, 0, dpr, 0, 0);
    // A stroke begun on an element no longer on the page (the canvas was drawn afresh) is kept as it stood.
    if (s.live && s.liveFrame !== frame) finishLive();
    // Another tool chosen while a polygon was open: a closed shape is kept, a line or a lone corner dropped.
    if (s.corners && tool !== "poly") closePolygon();
    redraw();
    drawLive();
    refresh();
  };

  const units = (event) => {
    const box = frame.getBoundingClientRect();
    return [round(((event.clientX - box.left) / box.width) * W), round(((event.clientY - box.top) / box.height) * H)];
  };
  const showCursor = (event) => {
    const box = frame.getBoundingClientRect();
    if ((tool !== "brush" && tool !== "eraser") || event.pointerType === "touch" || !box.width) {
      cursor.style.display = "none";
      return;
    }
    const size = (brush * box.width) / W;
    cursor.style.display = "block";
    cursor.style.width = cursor.style.height = `${size}px`;
    cursor.style.left = `${event.clientX - box.left}px`;
    cursor.style.top = `${event.clientY - box.top}px`;
  };
  const addPoint = (point) => {
    const last = s.live.points[s.live.points.length - 1];
    if (Math.hypot(point[0] - last[0], point[1] - last[1]) >= 0.5) s.live.points.push(point);
  };
  const down = (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    root.focus({ preventScroll: true, focusVisible: false });
    if (s.live) finishLive(); // its pointer was lost: keep it as it stood
    const point = units(event);
    if (tool === "poly") {
      const first = s.corners && s.corners[0];
      const box = frame.getBoundingClientRect();
      const near = first && Math.hypot(((point[0] - first[0]) * box.width) / W,
        ((point[1] - first[1]) * box.height) / H) <= CLOSE_PX;
      if (near && s.corners.length >= 3) closePolygon();
      else if (!near) {
        s.corners = (s.corners || []).concat([point]);
        drawLive();
        refresh();
      }
      return;
    }
    frame.setPointerCapture(event.pointerId);
    s.liveFrame = frame;
    s.live = tool === "rect" ? { tool: "rect", width: 1, points: [point, point] }
      : { tool: tool === "eraser" ? "eraser" : "brush", width: brush, points: [point] };
    if (s.live.tool === "rect") drawLive();
    else redraw();
  };
  const move = (event) => {
    showCursor(event);
    if (s.live && s.live.tool !== "rect") {
      const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
      for (const each of events.length ? events : [event]) addPoint(units(each));
      redraw();
    } else if (s.live) {
      s.live.points[1] = units(event);
      drawLive();
    } else if (s.corners) {
      s.hover = units(event);
      drawLive();
    }
  };
  const up = (event) => {
    if (frame.hasPointerCapture(event.pointerId)) frame.releasePointerCapture(event.pointerId);
    if (!s.live) return;
    if (event.type !== "pointercancel") {
      if (s.live.tool === "rect") s.live.points[1] = units(event);
      else addPoint(units(event));
    }
    const [[x0, y0], [x1, y1] = [x0, y0]] = s.live.points;
    if (s.live.tool === "rect" && (Math.abs(x1 - x0) < 1 || Math.abs(y1 - y0) < 1)) { // a click, not a shape
      s.live = null;
      drawLive();
      return;
    }
    finishLive();
  };
  const leave = () => {
    cursor.style.display = "none";
    if (s.corners && s.hover) {
      s.hover = null;
      drawLive();
    }
  };
  const undo = () => {
    if (s.corners) {
      s.corners = s.corners.length > 1 ? s.corners.slice(0, -1) : null;
      drawLive();
      refresh();
    } else if (s.past.length) {
      s.future.push(s.strokes);
      s.strokes = s.past.pop();
      redraw();
      refresh();
      send();
    }
  };
  const redo = () => {
    if (!s.future.length) return;
    s.past.push(s.strokes);
    s.strokes = s.future.pop();
    redraw();
    refresh();
    send();
  };
  const clear = () => {
    if (s.corners) closePolygon();
    if (s.strokes.length) change([]);
  };
  const key = (event) => {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === "z") (event.shiftKey ? redo : undo)();
    else if (mod && event.key.toLowerCase() === "y") redo();
    else if (event.key === "Enter" && s.corners) closePolygon();
    else if (event.key === "Escape" && s.corners) {
      s.corners = null;
      s.hover = null;
      drawLive();
      refresh();
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };
  const dbl = (event) => {
    if (tool !== "poly" || !s.corners) return;
    event.preventDefault();
    closePolygon();
  };

  const listeners = [
    [frame, "pointerdown", down], [frame, "pointermove", move], [frame, "pointerup", up],
    [frame, "pointercancel", up], [frame, "pointerleave", leave], [frame, "dblclick", dbl],
    [root, "keydown", key], [undoButton, "click", undo], [redoButton, "click", redo], [clearButton, "click", clear],
  ];
  for (const [target, name, handler] of listeners) target.addEventListener(name, handler);
  root.__mcRender = render;
  root.__mcCleanup = () => {
    for (const [target, name, handler] of listeners) target.removeEventListener(name, handler);
    delete root.__mcRender;
  };
}
