/**
 * Headers for the web chat page: nothing from elsewhere (no CDN, no fonts, no inline script or
 * style), no referrer, framing only by this site and the origins listed in
 * `WEB_CHAT_EMBED_ORIGINS`, and no browser feature but the location the page may ask for.
 */
export function webChatPageHeaders(embedOrigins: readonly string[]): Record<string, string> {
  const frameAncestors = ["'self'", ...embedOrigins].join(' ');
  const headers: Record<string, string> = {
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self'",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      `frame-ancestors ${frameAncestors}`,
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'permissions-policy': 'geolocation=(self), camera=(), microphone=(), payment=(), usb=()',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
  };
  // Browsers that ignore frame-ancestors still honour this; it cannot name other origins.
  if (embedOrigins.length === 0) headers['x-frame-options'] = 'SAMEORIGIN';
  return headers;
}

/** Headers for the page's script and style sheet: same-origin, never sniffed, briefly cached. */
export function webChatAssetHeaders(contentType: string, crossOrigin = false): Record<string, string> {
  return {
    'content-type': contentType,
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': crossOrigin ? 'cross-origin' : 'same-origin',
    'cache-control': 'public, max-age=300',
  };
}
