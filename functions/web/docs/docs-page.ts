/** The /docs shell: Scalar's bundle and our script, both from this function; no inline script. */
export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tea-order-agent · API reference</title>
</head>
<body>
<div id="app"></div>
<noscript>The interactive reference needs JavaScript. The documents themselves: /docs/openapi/order, /docs/openapi/chat, /docs/openapi/stt, /docs/openapi/tts, /docs/openapi/health, /docs/openapi/web.</noscript>
<script src="/docs/scalar.js"></script>
<script type="module" src="/docs/docs.js"></script>
</body>
</html>
`;

/**
 * Scripts only from us. Scalar injects its stylesheet and sets style attributes, hence
 * 'unsafe-inline' for styles only. "Try it" calls the functions: same origin locally, https on Modal.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
