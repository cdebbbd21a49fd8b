/** Text of compiled inline HTML, for places that take text only (select options, LMS and LRS descriptions). */
export function plainText(html: string): string {
  const text =
    typeof DOMParser === 'undefined'
      ? // Outside a browser (tests, build tools): the compiled HTML is sanitised, so tags and the
        // few entities it can hold are all there is to remove.
        html.replace(/<[^>]*>/g, '').replace(/&(#\d+|amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e] ?? String.fromCharCode(Number(e.slice(2, -1))))
      : (new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '');
  return text.replace(/\s+/g, ' ').trim();
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };
