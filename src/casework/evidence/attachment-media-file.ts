/**
 * How an attachment row (alias `a`) finds the file the media downloader kept for it (alias `m`):
 * the downloader records each URL under its SHA-256 (`mediaUrlHash`), and the URL is the
 * attachment's `platform_file_id`. One row at most, by the unique (channel, url_hash).
 */
export const attachmentMediaFile =
  "m.channel = a.channel AND m.url_hash = encode(sha256(convert_to(a.platform_file_id, 'UTF8')), 'hex')";
