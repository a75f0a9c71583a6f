/**
 * Light or dark colours: following the system unless the person chose one
 * in Settings. The choice is an attribute on the root element that the
 * style sheet reads; it is set before the first paint (main.ts runs it
 * first), so a dark page never flashes light.
 */
import { loadScheme, saveScheme, type Scheme } from './local-store';

function applyScheme(scheme: Scheme, root: HTMLElement = document.documentElement): void {
  if (scheme === 'system') delete root.dataset.scheme;
  else root.dataset.scheme = scheme;
}

export function setupScheme(select: HTMLSelectElement): void {
  const chosen = loadScheme();
  applyScheme(chosen);
  select.value = chosen;
  select.addEventListener('change', () => {
    const scheme = select.value as Scheme;
    applyScheme(scheme);
    saveScheme(scheme);
  });
}
