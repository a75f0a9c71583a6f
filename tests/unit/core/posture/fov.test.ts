import { describe, expect, it } from 'vitest';
import { DEFAULT_FOV_DEG } from '../../../../src/core/posture/camera';
import {
  FOV_PRESETS,
  UNKNOWN_CAMERA_SOURCE,
  estimateFov,
  formatFov,
  resolveFovChoice,
  restoreFovChoice,
  sameFov,
} from '../../../../src/core/posture/fov';

describe('estimateFov', () => {
  it("gives the maker's figure for well-known webcams, from the label the browser reports", () => {
    const cases: [string, number, string][] = [
      ['HD Pro Webcam C920 (046d:082d)', 78, 'Logitech C920'],
      ['Logitech Webcam C920e (046d:08b6)', 78, 'Logitech C920'],
      ['C922 Pro Stream Webcam (046d:085c)', 78, 'Logitech C922'],
      ['Logitech Webcam C925e (046d:085b)', 78, 'Logitech C925e'],
      ['Logitech Webcam C930e (046d:0843)', 90, 'Logitech C930e'],
      ['Logitech HD Webcam C270 (046d:0825)', 55, 'Logitech C270'],
      ['Logitech HD Webcam C310 (046d:081b)', 60, 'Logitech C310'],
      ['Logitech BRIO (046d:085e)', 90, 'Logitech Brio'],
      ['Brio 500 (046d:0943)', 90, 'Logitech Brio'],
      ['Brio 100 (046d:094c)', 58, 'Logitech Brio 100'],
      ['Brio 300 (046d:0944)', 70, 'Logitech Brio 300'],
      ['Logitech StreamCam (046d:0893)', 78, 'Logitech StreamCam'],
      ['Microsoft® LifeCam HD-3000 (045e:0810)', 68.5, 'Microsoft LifeCam HD-3000'],
      ['Microsoft® LifeCam Studio(TM) (045e:0772)', 75, 'Microsoft LifeCam Studio'],
      ['Razer Kiyo (1532:0e03)', 81.6, 'Razer Kiyo'],
      ['Elgato Facecam (0fd9:0078)', 82, 'Elgato Facecam'],
    ];
    for (const [label, fovDeg, name] of cases) {
      expect(estimateFov(label), label).toEqual({ fovDeg, source: `${name} (maker's figure)` });
    }
  });

  it("does not give a model's figure to its variants with another lens", () => {
    for (const label of ['Razer Kiyo Pro (1532:0e05)', 'Razer Kiyo X', 'Elgato Facecam Pro', 'Brio 101']) {
      expect(estimateFov(label).source, label).toBe(UNKNOWN_CAMERA_SOURCE);
    }
  });

  it('takes the cameras built into laptops for the laptop preset', () => {
    const laptop = FOV_PRESETS.find((p) => p.id === 'laptop')!;
    for (const label of [
      'FaceTime HD Camera (Built-in) (05ac:8514)',
      'FaceTime HD Camera',
      'Integrated Camera (04f2:b6d9)',
      'Integrated Webcam',
      'HD Webcam (0bda:58c2)',
      'Internal Camera',
      'HP HD Camera: User Facing',
    ]) {
      expect(estimateFov(label), label).toEqual({ fovDeg: laptop.fovDeg, source: 'built-in laptop camera' });
    }
  });

  it("gives the app's usual value for any other camera, and says so", () => {
    for (const label of ['fake_device_0', 'USB Camera (1234:5678)', '']) {
      expect(estimateFov(label), label).toEqual({ fovDeg: DEFAULT_FOV_DEG, source: UNKNOWN_CAMERA_SOURCE });
    }
    expect(DEFAULT_FOV_DEG).toBe(65);
  });
});

describe('FOV_PRESETS', () => {
  it('offers a laptop camera, a typical external webcam, a wide and a narrow one', () => {
    expect(FOV_PRESETS.map((p) => [p.id, p.fovDeg])).toEqual([
      ['laptop', 65],
      ['external', 78],
      ['wide', 90],
      ['narrow', 55],
    ]);
    for (const p of FOV_PRESETS) expect(p.label).toMatch(/^[a-z]/);
  });
});

describe('resolveFovChoice', () => {
  const c920 = 'HD Pro Webcam C920 (046d:082d)';

  it("estimates from the camera's label for 'auto'", () => {
    expect(resolveFovChoice('auto', c920)).toEqual({
      choice: 'auto',
      fovDeg: 78,
      source: "Logitech C920 (maker's figure)",
    });
    expect(resolveFovChoice('auto', 'fake_device_0')).toEqual({
      choice: 'auto',
      fovDeg: 65,
      source: UNKNOWN_CAMERA_SOURCE,
    });
  });

  it('uses a preset whatever the camera', () => {
    expect(resolveFovChoice('wide', c920)).toEqual({
      choice: 'wide',
      fovDeg: 90,
      source: 'wide-angle webcam',
    });
    expect(resolveFovChoice('external', '')).toEqual({
      choice: 'external',
      fovDeg: 78,
      source: 'typical external webcam',
    });
    expect(resolveFovChoice('narrow', '').fovDeg).toBe(55);
    expect(resolveFovChoice('laptop', c920).fovDeg).toBe(65);
  });

  it('uses a figure of the person’s own between 30 and 120 degrees, ends included', () => {
    expect(resolveFovChoice(72.5, c920)).toEqual({ choice: 72.5, fovDeg: 72.5, source: 'your own figure' });
    expect(resolveFovChoice(30, '').fovDeg).toBe(30);
    expect(resolveFovChoice(120, '').fovDeg).toBe(120);
  });

  it('estimates when the stored choice is not a choice (garbage, out of range, missing)', () => {
    for (const garbage of [
      null,
      undefined,
      'huge',
      '78',
      29.9,
      121,
      -65,
      Number.NaN,
      Infinity,
      {},
      [78],
      true,
    ]) {
      expect(resolveFovChoice(garbage, c920), String(garbage)).toEqual({
        choice: 'auto',
        fovDeg: 78,
        source: "Logitech C920 (maker's figure)",
      });
    }
  });
});

describe('restoreFovChoice', () => {
  it('gives back a choice, and null for anything else', () => {
    expect(restoreFovChoice('auto')).toBe('auto');
    expect(restoreFovChoice('external')).toBe('external');
    expect(restoreFovChoice(81.6)).toBe(81.6);
    expect(restoreFovChoice('custom')).toBeNull();
    expect(restoreFovChoice(200)).toBeNull();
    expect(restoreFovChoice(null)).toBeNull();
  });
});

describe('sameFov and formatFov', () => {
  it('treat a figure read back as the same, and print it as people write it', () => {
    expect(sameFov(78, 78.001)).toBe(true);
    expect(sameFov(78, 78.5)).toBe(false);
    expect(formatFov(78)).toBe('78°');
    expect(formatFov(81.6)).toBe('81.6°');
  });
});
