/** Opening the camera, with failures a person can understand. */

export type CameraProblem = 'unsupported' | 'denied' | 'none' | 'busy' | 'other';

export class CameraError extends Error {
  constructor(
    readonly problem: CameraProblem,
    message: string,
  ) {
    super(message);
    this.name = 'CameraError';
  }
}

const MESSAGES: Record<CameraProblem, string> = {
  unsupported:
    'This browser cannot open a camera here. Use a current Chrome, Edge or Firefox, on https:// or localhost.',
  denied:
    'Camera access was denied. Allow the camera for this site in the browser’s address bar, then press Start again.',
  none: 'No camera was found. Plug in a webcam (or pick a video file below), then press Start again.',
  busy: 'The camera is in use by another program or could not be started. Close other apps using it, then press Start again.',
  other: 'The camera could not be opened.',
};

/** Maps getUserMedia's DOMException names to one of our problems. */
export function cameraProblem(err: unknown): CameraProblem {
  const name = err instanceof Error ? err.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'none';
    case 'NotReadableError':
    case 'AbortError':
      return 'busy';
    default:
      return 'other';
  }
}

/** A 640x480-ish front camera stream; throws CameraError. */
export async function openCamera(deviceId?: string): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new CameraError('unsupported', MESSAGES.unsupported);
  }
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: {
        width: { ideal: 640 },
        height: { ideal: 480 },
        frameRate: { ideal: 30 },
        ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: 'user' }),
      },
    });
  } catch (err) {
    const problem = cameraProblem(err);
    const detail = err instanceof Error && problem === 'other' ? ` (${err.name}: ${err.message})` : '';
    throw new CameraError(problem, MESSAGES[problem] + detail);
  }
}
