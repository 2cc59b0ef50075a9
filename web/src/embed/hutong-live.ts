/**
 * embed.js: the `<hutong-live room="SLUG">` element. One script tag on any website:
 *
 *   <script src="https://live.example.com/embed.js" async></script>
 *   <hutong-live room="demo"></hutong-live>
 *
 * It frames https://live.example.com/embed/SLUG in a closed shadow root (the host page's styles
 * cannot reach in, the room's cannot leak out) and re-dispatches what the room posts as DOM events
 * on the element: `hutong:ready`, `hutong:live.started`, `hutong:item.pinned`, … (docs/embed.md).
 * It defines nothing on `window`; its one name is the custom element's. The shop must list the page's
 * origin (frame-ancestors), or the frame stays empty.
 *
 * Built as its own small file (web/vite.config.ts): it imports nothing, so the page loads only this.
 */

// In a function: as a classic script, top-level names would become globals of the host page.
(() => {
  // Where this script came from is where the rooms are: read once, while the script runs.
  const scriptSrc = (document.currentScript as HTMLScriptElement | null)?.src;
  const home = new URL(scriptSrc ?? location.href).origin;

  const style = `
  :host { display: block; position: relative; width: 100%; max-width: 100%; height: 640px; }
  :host([hidden]) { display: none; }
  iframe { display: block; width: 100%; height: 100%; border: 0; border-radius: inherit; }
  `;

  class HutongLive extends HTMLElement {
    static observedAttributes = ['room'];
    #frame: HTMLIFrameElement;
    #onMessage = (e: MessageEvent) => {
      // Only the room's own frame, from hutong's origin, with the room's mark.
      if (e.source !== this.#frame.contentWindow || e.origin !== home) return;
      const data = e.data as { hutong?: unknown; event?: unknown; detail?: unknown } | null;
      if (!data || data.hutong !== 1 || typeof data.event !== 'string') return;
      this.dispatchEvent(new CustomEvent(`hutong:${data.event}`, { detail: data.detail, bubbles: true, composed: true }));
    };

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'closed' });
      const sheet = document.createElement('style');
      sheet.textContent = style;
      this.#frame = document.createElement('iframe');
      this.#frame.allow = 'autoplay; fullscreen';
      this.#frame.setAttribute('allowfullscreen', '');
      root.append(sheet, this.#frame);
    }

    connectedCallback() {
      addEventListener('message', this.#onMessage);
      this.#load();
    }

    disconnectedCallback() {
      removeEventListener('message', this.#onMessage);
    }

    attributeChangedCallback() {
      if (this.isConnected) this.#load();
    }

    #load() {
      const room = this.getAttribute('room')?.trim();
      if (!room) return;
      const src = `${home}/embed/${encodeURIComponent(room)}`;
      this.#frame.title = this.getAttribute('title') ?? `Live: ${room}`;
      if (this.#frame.src !== src) this.#frame.src = src;
    }
  }

  if (!customElements.get('hutong-live')) customElements.define('hutong-live', HutongLive);
})();
