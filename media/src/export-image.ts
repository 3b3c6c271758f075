// Export of the current view. The live SVG is styled by the panel's stylesheet (VS Code theme variables), which a
// saved file would not have: the export copies each element's computed paint and font properties onto a clone,
// so the file looks like the panel did, in the theme it was shown in.
const STYLE_PROPERTIES = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'visibility', 'display'];

export function standaloneSvgText(live: SVGSVGElement, background: string): string {
  const clone = live.cloneNode(true) as SVGSVGElement;
  const from = [live, ...Array.from(live.querySelectorAll('*'))];
  const to = [clone, ...Array.from(clone.querySelectorAll('*'))];
  for (let i = 0; i < from.length; i++) {
    const computed = getComputedStyle(from[i]);
    const target = to[i] as SVGElement;
    target.removeAttribute('tabindex');
    target.removeAttribute('class');
    if (target.tagName === 'title') continue;
    for (const prop of STYLE_PROPERTIES) {
      const value = computed.getPropertyValue(prop);
      if (value) target.setAttribute(prop, value);
    }
  }
  const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  rect.setAttribute('width', '100%');
  rect.setAttribute('height', '100%');
  rect.setAttribute('fill', background);
  clone.insertBefore(rect, clone.firstChild);
  // The panel's zoom sizes the live SVG with CSS: the file keeps the drawing's own size.
  clone.removeAttribute('style');
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return new XMLSerializer().serializeToString(clone);
}

function utf8Base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Renders the SVG text into a PNG data URL at `scale` (2 gives crisp images on high-density screens). */
export async function pngDataUrl(svgText: string, width: number, height: number, scale = 2): Promise<string> {
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the SVG could not be drawn as an image'));
  });
  // A data: URL, since the panel's CSP allows images only from the extension and data: (no blob:).
  image.src = `data:image/svg+xml;base64,${utf8Base64(svgText)}`;
  await loaded;
  // Canvas size limits (about 16k px a side in Chromium): scale down rather than fail on huge diagrams.
  const fit = Math.min(scale, 16000 / Math.max(width, 1), 16000 / Math.max(height, 1));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * fit));
  canvas.height = Math.max(1, Math.round(height * fit));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.scale(fit, fit);
  ctx.drawImage(image, 0, 0, width, height);
  return canvas.toDataURL('image/png');
}
