// A tiny W3C WebDriver client with no dependencies (Node >= 20: built-in fetch).
//
//   const driver = await WebDriver.newSession('http://127.0.0.1:4444', capabilities);
//   const el = await driver.findElement('[data-status="applied"]');
//   await el.click(); await el.sendKeys('hello'); await el.getText();
//   await driver.drag(card, column);            // pointer actions
//   await driver.waitFor(async () => (await driver.findElements('.card')).length === 3);
//   const png = await driver.takeScreenshot();  // Buffer
//   await driver.deleteSession();
//
// Every failing command throws a WebDriverError whose message contains the
// command, the W3C error code and the driver's own message.

/** The W3C key for element references in JSON. */
export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

/** Special keys for sendKeys / keyboard actions (W3C "normalised key values"). */
export const Key = Object.freeze({
  NULL: '\uE000',
  CANCEL: '\uE001',
  HELP: '\uE002',
  BACKSPACE: '\uE003',
  TAB: '\uE004',
  CLEAR: '\uE005',
  RETURN: '\uE006',
  ENTER: '\uE007',
  SHIFT: '\uE008',
  CONTROL: '\uE009',
  ALT: '\uE00A',
  PAUSE: '\uE00B',
  ESCAPE: '\uE00C',
  SPACE: '\uE00D',
  PAGE_UP: '\uE00E',
  PAGE_DOWN: '\uE00F',
  END: '\uE010',
  HOME: '\uE011',
  ARROW_LEFT: '\uE012',
  ARROW_UP: '\uE013',
  ARROW_RIGHT: '\uE014',
  ARROW_DOWN: '\uE015',
  INSERT: '\uE016',
  DELETE: '\uE017',
  META: '\uE03D',
});

export class WebDriverError extends Error {
  /**
   * @param {string} command e.g. "POST /session/…/element"
   * @param {number} status HTTP status (0 when the request itself failed)
   * @param {string} error W3C error code, e.g. "no such element"
   * @param {string} message the driver's message
   * @param {string} [stacktrace]
   */
  constructor(command, status, error, message, stacktrace) {
    super(`WebDriver ${command} failed: ${error}${message ? `: ${message}` : ''}${status ? ` (HTTP ${status})` : ''}`);
    this.name = 'WebDriverError';
    this.command = command;
    this.status = status;
    this.error = error;
    this.driverMessage = message;
    this.stacktrace = stacktrace;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Send one WebDriver HTTP request and return its `value`.
 * @param {string} baseUrl e.g. http://127.0.0.1:4444
 * @param {'GET'|'POST'|'DELETE'} method
 * @param {string} path starting with '/'
 * @param {object} [body] JSON body (POST defaults to {})
 * @param {{timeout?: number}} [opts]
 */
export async function request(baseUrl, method, path, body, { timeout = 60_000 } = {}) {
  const command = `${method} ${path}`;
  const init = { method, headers: {}, signal: AbortSignal.timeout(timeout) };
  if (method === 'POST') {
    init.headers['content-type'] = 'application/json; charset=utf-8';
    init.body = JSON.stringify(body ?? {});
  }
  let res;
  try {
    res = await fetch(baseUrl + path, init);
  } catch (e) {
    const why = e?.name === 'TimeoutError' ? `no answer within ${timeout} ms` : (e?.cause?.message ?? e?.message ?? String(e));
    throw new WebDriverError(command, 0, 'request failed', why);
  }
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  const value = json && typeof json === 'object' && 'value' in json ? json.value : json;
  if (!res.ok || (value && typeof value === 'object' && typeof value.error === 'string' && value.error)) {
    if (value && typeof value === 'object' && value.error) {
      throw new WebDriverError(command, res.status, value.error, value.message ?? '', value.stacktrace);
    }
    throw new WebDriverError(command, res.status, 'unknown error', text.slice(0, 500));
  }
  return value;
}

/** Poll `predicate` until it returns a truthy value; return that value. */
export async function waitFor(predicate, { timeout = 5_000, interval = 100, message } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  let lastValue;
  for (;;) {
    try {
      lastValue = await predicate();
      if (lastValue) return lastValue;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) break;
    await sleep(Math.min(interval, Math.max(0, deadline - Date.now())));
  }
  const what = message ?? predicate.toString().slice(0, 200);
  const err = new Error(
    `waitFor timed out after ${timeout} ms: ${what}` +
      (lastError ? `; last error: ${lastError.message}` : `; last value: ${JSON.stringify(lastValue)}`),
  );
  if (lastError) err.cause = lastError;
  throw err;
}

/** Adds the CSS selector to errors of find commands (WebKitWebDriver's own message is often empty). */
async function withSelector(css, promise) {
  try {
    return await promise;
  } catch (e) {
    if (e instanceof WebDriverError) e.message += ` [css: ${css}]`;
    throw e;
  }
}

/** Convert element objects in script arguments to W3C references. */
function toWire(arg) {
  if (arg instanceof WebElement) return arg.toJSON();
  if (Array.isArray(arg)) return arg.map(toWire);
  return arg;
}

export class WebElement {
  /** @param {WebDriver} driver @param {string} id */
  constructor(driver, id) {
    this.driver = driver;
    this.id = id;
  }
  toJSON() {
    return { [ELEMENT_KEY]: this.id };
  }
  #cmd(method, suffix, body) {
    return this.driver.command(method, `/element/${encodeURIComponent(this.id)}${suffix}`, body);
  }
  async findElement(css) {
    const v = await withSelector(css, this.#cmd('POST', '/element', { using: 'css selector', value: css }));
    return new WebElement(this.driver, v[ELEMENT_KEY]);
  }
  async findElements(css) {
    const v = await withSelector(css, this.#cmd('POST', '/elements', { using: 'css selector', value: css }));
    return v.map((e) => new WebElement(this.driver, e[ELEMENT_KEY]));
  }
  click() {
    return this.#cmd('POST', '/click', {});
  }
  /** Types text (use Key.* for special keys). */
  sendKeys(text) {
    return this.#cmd('POST', '/value', { text: String(text) });
  }
  clear() {
    return this.#cmd('POST', '/clear', {});
  }
  getText() {
    return this.#cmd('GET', '/text');
  }
  getAttribute(name) {
    return this.#cmd('GET', `/attribute/${encodeURIComponent(name)}`);
  }
  getProperty(name) {
    return this.#cmd('GET', `/property/${encodeURIComponent(name)}`);
  }
  getCssValue(name) {
    return this.#cmd('GET', `/css/${encodeURIComponent(name)}`);
  }
  getTagName() {
    return this.#cmd('GET', '/name');
  }
  /** {x, y, width, height} in CSS pixels. */
  getRect() {
    return this.#cmd('GET', '/rect');
  }
  isDisplayed() {
    return this.#cmd('GET', '/displayed');
  }
  isEnabled() {
    return this.#cmd('GET', '/enabled');
  }
  isSelected() {
    return this.#cmd('GET', '/selected');
  }
  async takeScreenshot() {
    return Buffer.from(await this.#cmd('GET', '/screenshot'), 'base64');
  }
}

export class WebDriver {
  /** @param {string} baseUrl @param {string} sessionId @param {object} capabilities */
  constructor(baseUrl, sessionId, capabilities = {}) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.sessionId = sessionId;
    this.capabilities = capabilities;
  }

  /**
   * Create a session. `capabilities` is the whole POST body, e.g.
   * {capabilities: {alwaysMatch: {...}}}.
   */
  static async newSession(baseUrl, capabilities, { timeout = 60_000 } = {}) {
    const url = baseUrl.replace(/\/$/, '');
    const v = await request(url, 'POST', '/session', capabilities, { timeout });
    if (!v?.sessionId) throw new WebDriverError('POST /session', 200, 'unknown error', `no sessionId in ${JSON.stringify(v)}`);
    return new WebDriver(url, v.sessionId, v.capabilities ?? {});
  }

  /** GET /status of a driver (no session needed). */
  static status(baseUrl, { timeout = 2_000 } = {}) {
    return request(baseUrl.replace(/\/$/, ''), 'GET', '/status', undefined, { timeout });
  }

  /** Raw session command: path is relative to /session/{id}. */
  command(method, path, body, opts) {
    if (!this.sessionId) throw new WebDriverError(`${method} ${path}`, 0, 'invalid session id', 'session was deleted');
    return request(this.baseUrl, method, `/session/${this.sessionId}${path}`, body, opts);
  }

  async deleteSession({ timeout = 15_000 } = {}) {
    if (!this.sessionId) return;
    const id = this.sessionId;
    this.sessionId = null;
    await request(this.baseUrl, 'DELETE', `/session/${id}`, undefined, { timeout });
  }

  // --- elements ---------------------------------------------------------
  async findElement(css) {
    const v = await withSelector(css, this.command('POST', '/element', { using: 'css selector', value: css }));
    return new WebElement(this, v[ELEMENT_KEY]);
  }
  async findElements(css) {
    const v = await withSelector(css, this.command('POST', '/elements', { using: 'css selector', value: css }));
    return v.map((e) => new WebElement(this, e[ELEMENT_KEY]));
  }
  async getActiveElement() {
    const v = await this.command('GET', '/element/active');
    return new WebElement(this, v[ELEMENT_KEY]);
  }
  /** Waits until `css` matches an element, then returns it. */
  waitForElement(css, { timeout = 5_000, interval = 100 } = {}) {
    return this.waitFor(async () => (await this.findElements(css))[0], { timeout, interval, message: `element ${css}` });
  }

  // Convenience forms taking an element or a CSS selector.
  async #el(x) {
    return x instanceof WebElement ? x : this.findElement(x);
  }
  async click(x) {
    return (await this.#el(x)).click();
  }
  async sendKeys(x, text) {
    return (await this.#el(x)).sendKeys(text);
  }
  async clear(x) {
    return (await this.#el(x)).clear();
  }
  async getText(x) {
    return (await this.#el(x)).getText();
  }
  async getAttribute(x, name) {
    return (await this.#el(x)).getAttribute(name);
  }
  async getProperty(x, name) {
    return (await this.#el(x)).getProperty(name);
  }

  // --- scripts ----------------------------------------------------------
  /** Runs `script` as a function body; use `arguments[i]` and `return`. Elements come back as WebElement. */
  async executeScript(script, ...args) {
    const v = await this.command('POST', '/execute/sync', { script: String(script), args: args.map(toWire) });
    return this.#fromWire(v);
  }
  /** The last argument passed to the script is the callback to call with the result. */
  async executeAsyncScript(script, ...args) {
    const v = await this.command('POST', '/execute/async', { script: String(script), args: args.map(toWire) });
    return this.#fromWire(v);
  }
  #fromWire(v) {
    if (Array.isArray(v)) return v.map((x) => this.#fromWire(x));
    if (v && typeof v === 'object') {
      if (typeof v[ELEMENT_KEY] === 'string') return new WebElement(this, v[ELEMENT_KEY]);
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.#fromWire(x)]));
    }
    return v;
  }

  // --- page / window ----------------------------------------------------
  getTitle() {
    return this.command('GET', '/title');
  }
  getUrl() {
    return this.command('GET', '/url');
  }
  navigate(url) {
    return this.command('POST', '/url', { url });
  }
  refresh() {
    return this.command('POST', '/refresh', {});
  }
  getPageSource() {
    return this.command('GET', '/source');
  }
  /** {x, y, width, height} */
  getWindowRect() {
    return this.command('GET', '/window/rect');
  }
  /** Pass any of {x, y, width, height}. */
  setWindowRect(rect) {
    return this.command('POST', '/window/rect', rect);
  }
  async takeScreenshot() {
    return Buffer.from(await this.command('GET', '/screenshot'), 'base64');
  }
  /** Set implicit/script/pageLoad timeouts in ms. */
  setTimeouts(t) {
    return this.command('POST', '/timeouts', t);
  }

  // --- alerts (window.alert/confirm/prompt) --------------------------------
  getAlertText() {
    return this.command('GET', '/alert/text');
  }
  acceptAlert() {
    return this.command('POST', '/alert/accept', {});
  }
  dismissAlert() {
    return this.command('POST', '/alert/dismiss', {});
  }
  sendAlertText(text) {
    return this.command('POST', '/alert/text', { text });
  }

  // --- actions ----------------------------------------------------------
  /** Raw W3C actions: an array of input sources ({type, id, actions}). */
  performActions(actions) {
    return this.command('POST', '/actions', { actions });
  }
  releaseActions() {
    return this.command('DELETE', '/actions');
  }

  /** Press and release keys (strings and Key.* values); modifiers given first stay held until the end. */
  async pressKeys(...keys) {
    const down = [];
    const up = [];
    for (const k of keys) for (const ch of k) {
      down.push({ type: 'keyDown', value: ch });
      up.unshift({ type: 'keyUp', value: ch });
    }
    await this.performActions([{ type: 'key', id: 'keyboard', actions: [...down, ...up] }]);
    await this.releaseActions();
  }

  /**
   * Drag with a mouse pointer: press on the centre of `from`, move in `steps`
   * to the centre of `to` (an element, or {x, y} viewport coordinates), release.
   * Fires pointer/mouse events; HTML5 drag-and-drop events (dragstart/drop)
   * are not synthesized by WebKitWebDriver, so the UI should use pointer events.
   */
  async drag(from, to, { steps = 8, pauseMs = 50 } = {}) {
    const src = await this.#el(from);
    const a = await src.getRect();
    let b;
    if (to instanceof WebElement || typeof to === 'string') b = await (await this.#el(to)).getRect();
    else b = { x: to.x, y: to.y, width: 0, height: 0 };
    const x0 = Math.round(a.x + a.width / 2);
    const y0 = Math.round(a.y + a.height / 2);
    const x1 = Math.round(b.x + b.width / 2);
    const y1 = Math.round(b.y + b.height / 2);
    const moves = [];
    for (let i = 1; i <= steps; i++) {
      moves.push({
        type: 'pointerMove',
        duration: pauseMs,
        origin: 'viewport',
        x: Math.round(x0 + ((x1 - x0) * i) / steps),
        y: Math.round(y0 + ((y1 - y0) * i) / steps),
      });
    }
    await this.performActions([
      {
        type: 'pointer',
        id: 'mouse',
        parameters: { pointerType: 'mouse' },
        actions: [
          { type: 'pointerMove', duration: 0, origin: 'viewport', x: x0, y: y0 },
          { type: 'pointerDown', button: 0 },
          { type: 'pause', duration: pauseMs },
          ...moves,
          { type: 'pointerUp', button: 0 },
        ],
      },
    ]);
    await this.releaseActions();
  }

  /** Poll `predicate` (may be async) until truthy; returns its value. */
  waitFor(predicate, opts) {
    return waitFor(predicate, opts);
  }
}

export default WebDriver;
