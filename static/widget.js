// @ts-check
/**
 * Candor widget for bank sites: <script src="https://candor.bank.example/widget.js"></script>
 * then <candor-recommendations locale="zh-CN" kinds="fund,deposit" limit="5" accent="#b01c2e">.
 *
 * It renders Candor's /embed page in a sandboxed iframe from Candor's own origin, so the person's
 * data lives in that origin's IndexedDB, out of the host page's reach. The two sides talk only
 * through postMessage, each checking the other's origin. The element fires `candor-apply`
 * (detail: { productId }) when the person chooses to apply — the only thing the host learns.
 * Plain JavaScript on purpose: it must load in any bank page with no build step.
 */
(() => {
  const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  if (!script || customElements.get('candor-recommendations')) return;
  const CANDOR_ORIGIN = new URL(script.src).origin;
  const ATTRIBUTES = ['locale', 'kinds', 'limit', 'accent'];

  class CandorRecommendations extends HTMLElement {
    static get observedAttributes() {
      return ATTRIBUTES;
    }

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'closed' });
      this.frame = document.createElement('iframe');
      // allow-same-origin keeps Candor's own origin (and its IndexedDB); the host's origin differs
      this.frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
      this.frame.setAttribute('referrerpolicy', 'strict-origin');
      this.frame.setAttribute('loading', 'lazy');
      this.frame.title = 'Candor';
      // small until the frame says how tall its content is: no big blank frame while it loads
      this.frame.style.cssText = 'border:0;width:100%;height:160px;display:block;color-scheme:light';
      root.append(this.frame);
      this.onMessage = this.onMessage.bind(this);
    }

    connectedCallback() {
      window.addEventListener('message', this.onMessage);
      this.load();
    }

    disconnectedCallback() {
      window.removeEventListener('message', this.onMessage);
    }

    attributeChangedCallback() {
      if (this.isConnected) this.load();
    }

    load() {
      const url = new URL('/embed', CANDOR_ORIGIN);
      url.searchParams.set('host', window.location.origin);
      for (const name of ATTRIBUTES) {
        const value = this.getAttribute(name);
        if (value) url.searchParams.set(name, value);
      }
      if (this.frame.src !== url.href) this.frame.src = url.href;
    }

    /** @param {MessageEvent} event */
    onMessage(event) {
      if (event.origin !== CANDOR_ORIGIN || event.source !== this.frame.contentWindow) return;
      const data = event.data;
      if (!data || data.source !== 'candor') return;
      if (data.type === 'resize' && Number.isInteger(data.height)) {
        this.frame.style.height = `${Math.min(Math.max(data.height, 80), 4000)}px`;
      } else if (data.type === 'apply' && typeof data.productId === 'string') {
        this.dispatchEvent(new CustomEvent('candor-apply', { detail: { productId: data.productId }, bubbles: true, composed: true }));
      } else if (data.type === 'ready') {
        this.dispatchEvent(new CustomEvent('candor-ready', { bubbles: true, composed: true }));
      }
    }

    /** Switch the widget's language without reloading it. @param {'zh-CN' | 'en'} locale */
    setLocale(locale) {
      this.frame.contentWindow?.postMessage({ source: 'candor-host', type: 'config', locale }, CANDOR_ORIGIN);
    }
  }

  customElements.define('candor-recommendations', CandorRecommendations);
})();
