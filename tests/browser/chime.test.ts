import { expect, it } from 'vitest';
import { userEvent } from '@vitest/browser/context';
import { Chime } from '../../src/ui/alerts/chime';

/** The chime's audio runs only while it plays: an idle running context would cost CPU all day. */
it('keeps its audio suspended except for the moment a chime plays', async () => {
  const chime = new Chime();
  expect(chime.play()).toBe(false);
  const button = document.createElement('button');
  button.textContent = 'unlock';
  button.onclick = () => chime.unlock();
  document.body.append(button);
  try {
    await userEvent.click(button);
    await expect.poll(() => chime.running, { timeout: 2000 }).toBe(false);
    expect(chime.play()).toBe(true);
    await expect.poll(() => chime.running, { timeout: 2000, interval: 20 }).toBe(true);
    // Suspended again once the notes are over.
    await expect.poll(() => chime.running, { timeout: 4000, interval: 50 }).toBe(false);
  } finally {
    chime.dispose();
    button.remove();
  }
});
