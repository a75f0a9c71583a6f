import { it } from 'vitest';
import { server } from '@vitest/browser/context';
import { createPoseClient } from '../../src/ui/pose-client';
import { REAL_CASES, runRealCases } from '../accuracy/real-footage';
import { fixtureText, toFixture } from '../accuracy/keypoints-fixture';

const variants = (import.meta.env.VITE_ENGINES ?? 'movenet-lightning:192,movenet-thunder:256').split(',');
it('records other engines', { timeout: 1_800_000 }, async () => {
  for (const v of variants) {
    const [engine, px] = v.split(':');
    const client = createPoseClient();
    const info = await client.api.init({ engine: engine as 'movenet-lightning', backend: 'wasm', inputPx: Number(px) });
    const run = await runRealCases(client, REAL_CASES.filter((c) => !c.id.includes('fade') && !c.id.includes('faded')));
    await server.commands.writeFile(`tests/.tmp/real-${engine}-${px}.json`, fixtureText(toFixture(run, { engine: info.engine, backend: info.backend, inputPx: info.inputPx }, 1500, 'tmp')));
    client.dispose();
  }
});
