/**
 * What the preview adds to a dialog's HTML so it runs outside Google: a `google.script.run`
 * that carries each call to the preview server (and so to the bundle in the local runtime),
 * and a `google.script.host` whose close() asks the shell page to take the window down.
 */

/** Browser code, kept as plain ES5 text: it runs before the dialog's own script. */
const SHIM = `
(function () {
  var WINDOW = __WINDOW__;
  function post(path, body) {
    return fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (response) { return response.json(); });
  }
  function call(name, args, handlers) {
    post('/api/call/' + encodeURIComponent(name), { args: args, window: WINDOW }).then(
      function (reply) {
        if (reply && 'error' in reply) fail(handlers, new Error(reply.error));
        else if (handlers.success) handlers.success(reply.result, handlers.user);
      },
      function (error) {
        var why = 'The preview server did not answer (' + error.message + ').';
        fail(handlers, new Error(why + ' Is it still running?'));
      }
    );
  }
  function fail(handlers, error) {
    if (handlers.failure) handlers.failure(error, handlers.user);
    else console.error(error.message);
  }
  var SETTERS = {
    withSuccessHandler: 'success',
    withFailureHandler: 'failure',
    withUserObject: 'user',
  };
  // Like google.script.run: each with...() returns a new runner; any other name is a call.
  function runner(handlers) {
    return new Proxy({}, {
      get: function (_, name) {
        if (typeof name !== 'string' || name === 'then') return undefined;
        if (SETTERS[name]) {
          return function (value) {
            var next = Object.assign({}, handlers);
            next[SETTERS[name]] = value;
            return runner(next);
          };
        }
        return function () { call(name, Array.prototype.slice.call(arguments), handlers); };
      },
    });
  }
  function tellShell(message) {
    message.dealDeskPreview = true;
    message.window = WINDOW;
    window.parent.postMessage(message, location.origin);
  }
  window.google = {
    script: {
      run: runner({}),
      host: {
        close: function () { tellShell({ type: 'close' }); },
        setHeight: function (height) { tellShell({ type: 'height', value: height }); },
        setWidth: function (width) { tellShell({ type: 'width', value: width }); },
        editor: { focus: function () {} },
      },
    },
  };
})();
`;

/** `html` with the shim as the first script of the page, for window number `index`. */
export function injectShim(html: string, index: number): string {
  const script = `<script>${SHIM.replace('__WINDOW__', String(index))}</script>`;
  const head = /<head[^>]*>/i.exec(html);
  if (!head) return `${script}${html}`;
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}${script}${html.slice(at)}`;
}
