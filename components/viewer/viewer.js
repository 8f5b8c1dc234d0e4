// The full-screen picture viewer: a click on a result picture (an image inside a container whose key starts
// with "result-") opens it over the page; the arrow keys (or the on-screen arrows) go to the other result
// pictures of the page, Esc (or a click on the backdrop, or the close button) closes it.
// The overlay lives on document.body so no Streamlit container can clip it; nothing is loaded from outside.
const STYLE = `
.studio-viewer {position: fixed; inset: 0; z-index: 2147483000; display: flex; align-items: center;
  justify-content: center; background: rgba(10, 10, 14, .92); outline: none;}
.studio-viewer figure {margin: 0; max-width: 94vw; max-height: 94vh; display: flex; flex-direction: column;
  align-items: center; gap: .5rem;}
.studio-viewer img {max-width: 94vw; max-height: 86vh; object-fit: contain; border-radius: 4px;
  background: repeating-conic-gradient(#ccc 0 25%, #fff 0 50%) 0 0 / 24px 24px;}
.studio-viewer figcaption {color: #eee; font: 0.95rem/1.4 sans-serif; text-align: center; max-width: 80vw;
  max-height: 6.5em; overflow: auto; white-space: pre-wrap; overflow-wrap: anywhere;}
.studio-viewer .sv-count {display: block; color: #aaa; font-size: .8rem;}
.studio-viewer button {position: absolute; border: 0; border-radius: 50%; width: 3rem; height: 3rem;
  background: rgba(255, 255, 255, .15); color: #fff; font-size: 1.6rem; cursor: pointer;}
.studio-viewer button:hover {background: rgba(255, 255, 255, .3);}
.studio-viewer .sv-prev {left: 1rem; top: 50%; transform: translateY(-50%);}
.studio-viewer .sv-next {right: 1rem; top: 50%; transform: translateY(-50%);}
.studio-viewer .sv-close {right: 1rem; top: 1rem;}
[class*="st-key-result-"] [data-testid="stImage"] img {cursor: zoom-in;}
[data-testid="stElementContainer"]:has(.studio-viewer-source) {display: none;}
`;

function pictures() {
  return Array.from(document.querySelectorAll('[class*="st-key-result-"] [data-testid="stImage"] img'));
}

// What the page drew next to a picture for the viewer (components/viewer.py's large_copy): the address of a large
// copy, fetched only now, and the prompt.
function sourceOf(img) {
  const holder = img.closest('[class*="st-key-result-"]');
  return holder ? holder.querySelector(".studio-viewer-source") : null;
}

function largeSrc(img) {
  const small = img.currentSrc || img.src;
  const source = sourceOf(img);
  const url = source && source.dataset.src;
  if (!url) return small;
  // Streamlit's media addresses are relative to where the app is served: resolve them as the small copy's was.
  const at = small.indexOf("/media/");
  if (url.startsWith("/media/") && at >= 0) return small.slice(0, at) + url;
  return new URL(url, window.location.href).href;
}

function captionOf(img) {
  const source = sourceOf(img);
  return (source && source.dataset.caption) || img.getAttribute("alt") || "";
}

export default function ({ parentElement }) {
  if (!document.getElementById("studio-viewer-style")) {
    const style = document.createElement("style");
    style.id = "studio-viewer-style";
    style.textContent = STYLE;
    document.head.appendChild(style);
  }
  let overlay = null;
  let index = 0;
  let list = [];

  const close = () => {
    if (overlay) overlay.remove();
    overlay = null;
    document.removeEventListener("keydown", keys, true);
  };
  const show = (at) => {
    list = pictures();
    if (!list.length) return close();
    index = (at + list.length) % list.length;
    const img = overlay.querySelector("img");
    const small = list[index].currentSrc || list[index].src;
    const large = largeSrc(list[index]);
    img.onerror = null;
    img.src = large;
    if (large !== small) img.onerror = () => { img.onerror = null; img.src = small; };  // gone: the small one
    img.alt = list[index].alt || "";
    // People's text (a prompt) is data: set as text, never as markup.
    overlay.querySelector(".sv-caption").textContent = captionOf(list[index]);
    overlay.querySelector(".sv-count").textContent = `${index + 1} of ${list.length}`;
    overlay.dataset.index = String(index);
  };
  const keys = (event) => {
    if (!overlay) return;
    if (event.key === "Escape") close();
    else if (event.key === "ArrowRight") show(index + 1);
    else if (event.key === "ArrowLeft") show(index - 1);
    else return;
    event.preventDefault();
    event.stopPropagation();  // the page's own shortcuts (Showcase's arrows) must not fire too
  };
  const open = (img) => {
    close();
    overlay = document.createElement("div");
    overlay.className = "studio-viewer";
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", "Picture viewer");
    overlay.tabIndex = -1;
    overlay.innerHTML = '<figure><img alt=""><figcaption><span class="sv-caption"></span>' +
      '<span class="sv-count"></span></figcaption></figure>' +
      '<button class="sv-prev" aria-label="Previous picture">‹</button>' +
      '<button class="sv-next" aria-label="Next picture">›</button>' +
      '<button class="sv-close" aria-label="Close the viewer">×</button>';
    overlay.querySelector(".sv-prev").onclick = (e) => { e.stopPropagation(); show(index - 1); };
    overlay.querySelector(".sv-next").onclick = (e) => { e.stopPropagation(); show(index + 1); };
    overlay.querySelector(".sv-close").onclick = (e) => { e.stopPropagation(); close(); };
    overlay.onclick = (e) => { if (e.target === overlay) close(); };
    document.body.appendChild(overlay);
    document.addEventListener("keydown", keys, true);
    show(Math.max(0, pictures().indexOf(img)));
    overlay.focus({ preventScroll: true });
  };
  const clicked = (event) => {
    const img = event.target.closest && event.target.closest('[class*="st-key-result-"] [data-testid="stImage"] img');
    if (!img || event.button !== 0) return;
    event.preventDefault();
    open(img);
  };
  // One listener for the page, however many times the component is drawn.
  if (window.__studioViewerClick) document.removeEventListener("click", window.__studioViewerClick, true);
  window.__studioViewerClick = clicked;
  document.addEventListener("click", clicked, true);
  return () => {
    // A rerun redraws the component: keep an open viewer open (the next mount takes over its listener).
  };
}
