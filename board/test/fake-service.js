// A stand-in for the service behind the board's fetch calls (api.js): each request is answered by the function
// given, with the path relative to the board as api.js sends it; every request is recorded.

/** An answer: a JSON body (or a string sent as it is), a status and headers. */
export function answer(body, { status = 200, headers = {} } = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(text, { status, headers: { 'Content-Type': type, ...headers } });
}

/**
 * Makes globalThis.fetch answer with answerOf(path, init): a Response, or undefined for a 404 problem. Returns the
 * requests made, each {path, method, headers, body}.
 */
export function serve(answerOf) {
  const requests = [];
  globalThis.fetch = async (path, init = {}) => {
    requests.push({ path, method: init.method || 'GET', headers: init.headers || {}, body: init.body });
    const res = await answerOf(path, init);
    return res || answer({ title: 'Not Found', status: 404 }, { status: 404 });
  };
  return requests;
}

/** A page of GET /operators whose Link header names the page after it, as the service writes it (from its root). */
export function page(items, nextQuery) {
  return answer(items, { headers: nextQuery ? { Link: `</operators?${nextQuery}>; rel="next"` } : {} });
}
