// Before/after slider: pointer (mouse, pen, touch) drags the handle; arrow keys move it when focused.
export default function ({ parentElement, data }) {
  const root = parentElement.querySelector(".ba");
  const before = root.querySelector(".ba-before");
  const after = root.querySelector(".ba-after");
  const beforeLabel = root.querySelector(".ba-label-before");
  const afterLabel = root.querySelector(".ba-label-after");

  before.src = data.before;
  after.src = data.after;
  before.alt = beforeLabel.textContent = data.beforeLabel;
  after.alt = afterLabel.textContent = data.afterLabel;
  root.setAttribute("aria-label", `${data.beforeLabel} / ${data.afterLabel}`);
  root.classList.toggle("ba-fill", data.fit === "cover");
  // A height in px, or a CSS length ("min(740px, calc(100vh - 18rem))") for a frame that follows the window.
  const height = typeof data.height === "number" ? `${data.height}px` : data.height;
  if (data.height && data.fit === "cover") {  // the frame's full width, the pictures cropped to fill it
    root.style.height = height;
    root.style.width = "100%";
    root.style.aspectRatio = "";
  } else if (data.height) {  // the pictures whole, the frame shaped like them: no bars beside or above them
    root.style.height = "auto";  // at most `height` tall and the column wide, the pictures' shape
    root.style.aspectRatio = String(data.ratio);
    root.style.width = `min(100%, calc(${height} * ${data.ratio}))`;
  } else {
    root.style.height = "";
    root.style.width = "100%";
    root.style.aspectRatio = String(data.ratio);
  }
  // Where the handle was, kept for this browser tab: a redraw (showing the mask beside it) does not reset it.
  const memory = data.memory ? `before-after:${data.memory}` : null;
  const remembered = memory ? window.sessionStorage.getItem(memory) : null;

  const set = (value) => {
    const pos = Math.min(100, Math.max(0, value));
    root.style.setProperty("--pos", `${pos}%`);
    root.setAttribute("aria-valuenow", pos.toFixed(0));
    root.dataset.pos = String(pos);
    if (memory) window.sessionStorage.setItem(memory, String(pos));
    // A label disappears when the handle is about to cover it.
    beforeLabel.classList.toggle("ba-hidden", pos < 15);
    afterLabel.classList.toggle("ba-hidden", pos > 85);
  };
  // Keep the reader's position when only the data changed (the effect re-runs then).
  set(root.dataset.pos !== undefined ? Number(root.dataset.pos) : remembered !== null ? Number(remembered) : data.start);

  const fromPointer = (event) => {
    const box = root.getBoundingClientRect();
    if (box.width > 0) set(((event.clientX - box.left) / box.width) * 100);
  };
  let dragging = false;
  const down = (event) => {
    if (event.button !== 0) return;
    dragging = true;
    root.setPointerCapture(event.pointerId);
    root.focus({ preventScroll: true });
    fromPointer(event);
  };
  const move = (event) => { if (dragging) fromPointer(event); };
  const up = (event) => {
    dragging = false;
    if (root.hasPointerCapture(event.pointerId)) root.releasePointerCapture(event.pointerId);
  };
  const steps = { ArrowLeft: -2, ArrowDown: -2, ArrowRight: 2, ArrowUp: 2, PageDown: -10, PageUp: 10 };
  const key = (event) => {
    const pos = Number(root.dataset.pos);
    if (event.key in steps) set(pos + steps[event.key] * (event.shiftKey ? 5 : 1));
    else if (event.key === "Home") set(0);
    else if (event.key === "End") set(100);
    else return;
    event.preventDefault();
    event.stopPropagation();  // a focused slider keeps its arrows: they must not also change the Showcase slide
  };

  root.addEventListener("pointerdown", down);
  root.addEventListener("pointermove", move);
  root.addEventListener("pointerup", up);
  root.addEventListener("pointercancel", up);
  root.addEventListener("keydown", key);
  return () => {
    root.removeEventListener("pointerdown", down);
    root.removeEventListener("pointermove", move);
    root.removeEventListener("pointerup", up);
    root.removeEventListener("pointercancel", up);
    root.removeEventListener("keydown", key);
  };
}
