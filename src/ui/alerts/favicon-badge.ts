/**
 * The tab's icon with a badge: the page's own favicon drawn on a canvas
 * with a dot in the corner, swapped in while an alert is showing.
 */
export class FaviconBadge {
  private readonly link: HTMLLinkElement;
  /** The page's own icon. */
  readonly plainHref: string;
  private badgeHref: string | null = null;
  private wanted = false;

  constructor(doc: Document = document) {
    let link = doc.querySelector<HTMLLinkElement>('link[rel="icon"]');
    if (!link) {
      link = doc.createElement('link');
      link.rel = 'icon';
      doc.head.append(link);
    }
    this.link = link;
    this.plainHref = link.href;
  }

  get showing(): boolean {
    return this.wanted;
  }

  async show(): Promise<void> {
    this.wanted = true;
    this.badgeHref ??= await this.draw();
    if (this.wanted) this.link.href = this.badgeHref;
  }

  hide(): void {
    this.wanted = false;
    this.link.href = this.plainHref;
  }

  private async draw(): Promise<string> {
    const size = 64;
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const g = canvas.getContext('2d');
    if (!g) return this.plainHref;
    try {
      const img = new Image();
      img.src = this.plainHref;
      await img.decode();
      g.drawImage(img, 0, 0, size, size);
    } catch {
      // No icon to draw on: the dot alone still says it.
    }
    g.beginPath();
    g.arc(size * 0.72, size * 0.28, size * 0.25, 0, 2 * Math.PI);
    g.fillStyle = '#d93025';
    g.fill();
    g.lineWidth = size * 0.06;
    g.strokeStyle = '#fff';
    g.stroke();
    return canvas.toDataURL('image/png');
  }
}
