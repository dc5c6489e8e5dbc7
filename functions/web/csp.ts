import type { ApiBases } from './config.ts';

/**
 * No inline script or style, nothing from a CDN. The pages talk to the sibling functions
 * (their own origins on Modal), over fetch and WebSocket, so those origins join connect-src;
 * the customer page streams its microphone to AssemblyAI, so that socket's origin joins too.
 */
export function buildCsp(bases: ApiBases, socketOrigins: string[] = []): string {
  const origins = new Set<string>();
  for (const base of Object.values(bases)) {
    if (!base) continue;
    const url = new URL(base);
    origins.add(url.origin);
    origins.add(`${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`);
  }
  for (const origin of socketOrigins) origins.add(origin);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "media-src 'self' blob:",
    `connect-src 'self' ${[...origins].join(' ')}`.trim(),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
