/** Text of compiled inline HTML, for places that take text only (select options, LMS descriptions). */
export function plainText(html: string): string {
  return (new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '').replace(/\s+/g, ' ').trim();
}
