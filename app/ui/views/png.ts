/** An SVG document rendered to a PNG on a canvas (no library): for "export PNG". */

/** Browsers refuse canvases beyond about this many pixels on a side or in all. */
const MAX_SIDE = 32_767;
const MAX_AREA = 16_384 * 16_384;

function svgSize(svg: string): { width: number; height: number } {
  const tag = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(tag)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(tag)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error('the SVG has no width and height in pixels');
  return { width, height };
}

/** Renders at `scale` (2 for sharp text on high-density screens), less if the canvas would be too big. */
export async function svgToPngBlob(svg: string, scale = 2): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const fit = Math.min(scale, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
  if (fit < 0.5) throw new Error(`the diagram is too large for a PNG (${Math.round(width)}×${Math.round(height)} px); export it as SVG instead`);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the SVG could not be drawn as an image'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * fit);
    canvas.height = Math.ceil(height * fit);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas in this browser');
    context.scale(fit, fit);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas produced no PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
