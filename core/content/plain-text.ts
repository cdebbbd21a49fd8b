/**
 * Text of compiled inline HTML, for places that take text only (select options, LMS and LRS
 * descriptions). The same in the browser and in Node: the compiled HTML is sanitised, so tags and
 * the few entities the compiler writes are all there is to remove.
 */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos|nbsp);/gi, (entity) => {
      const body = entity.slice(1, -1).toLowerCase();
      if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
      if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
      return ENTITIES[body]!;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
