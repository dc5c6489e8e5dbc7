// The docs page's own script, served as /docs/docs.js (the CSP allows no inline script).
// "Try it" targets each function's base URL from /config.json; without one (or where it
// names none) the page's own origin, which is right for the local server.
export const DOCS_CLIENT_JS = `
const FUNCTIONS = ['order', 'chat', 'stt', 'tts', 'health', 'web'];
async function readBaseUrls() {
  try {
    const response = await fetch('/config.json', { headers: { accept: 'application/json' } });
    if (response.ok) return await response.json();
  } catch {}
  return {};
}
const bases = await readBaseUrls();
const configurations = FUNCTIONS.map((name, index) => {
  const url = typeof bases[name] === 'string' && bases[name] ? bases[name] : location.origin;
  return {
    title: name,
    slug: name,
    url: '/docs/openapi/' + name,
    default: index === 0,
    servers: [{ url: url.replace(/\\/$/, ''), description: 'the ' + name + ' function' }],
    withDefaultFonts: false,
    telemetry: false,
    agent: { disabled: true },
    hideClientButton: false,
  };
});
window.Scalar.createApiReference('#app', configurations);
`;
